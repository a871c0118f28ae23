import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as ExcelJS from 'exceljs';
import { address, parseAddress } from '../../src/sheets/a1';
import type { CellStyle, SheetPlan, TabPlan } from '../../src/sheets/plan';
import { charactersToPoints, pointsToCharacters } from '../../src/xlsx/column-width';
import { renderWorkbook, toBuffer, writeXlsx } from '../../src/xlsx/render';
import { zipEntryText } from '../support/zip-entries';
import { FORMULA_LIKE_TEXT, IS, NG, RC, formulaCells, kcPlan, largePlan } from '../support/xlsx-plan-fixtures';

/** The rendered workbook, read back with ExcelJS: it must hold everything the plan says, cell by cell. */

let plan: SheetPlan;
let buffer: Buffer;
let book: ExcelJS.Workbook;

beforeAll(async () => {
  plan = largePlan();
  buffer = await toBuffer(plan);
  book = new ExcelJS.Workbook();
  await book.xlsx.load(buffer as unknown as ExcelJS.Buffer);
});

const sheet = (name: string) => {
  const ws = book.getWorksheet(name);
  if (!ws) throw new Error(`no worksheet ${name}`);
  return ws;
};
const eachCell = (tab: TabPlan, fn: (r: number, c: number) => void) => {
  for (let r = 0; r < tab.rows; r++) for (let c = 0; c < tab.cols; c++) fn(r, c);
};

describe('the rendered workbook', () => {
  test('has the plan\'s tabs in order, with their colours', () => {
    expect(book.worksheets.map((w) => w.name)).toEqual(plan.tabs.map((t) => t.name));
    for (const tab of plan.tabs) expect(sheet(tab.name).properties.tabColor).toEqual({ argb: `FF${tab.tabColor!.slice(1)}` });
  });

  test('holds every constant as a constant and every formula as a formula (without the leading =)', () => {
    let formulas = 0;
    let constants = 0;
    for (const tab of plan.tabs) {
      const ws = sheet(tab.name);
      eachCell(tab, (r, c) => {
        const cell = ws.getCell(r + 1, c + 1);
        const where = `${tab.name}!${address(r, c)}`;
        const f = tab.formulas[r][c];
        const v = tab.values[r][c];
        if (f !== null) {
          formulas++;
          expect({ where, type: cell.type, formula: cell.formula }).toEqual({ where, type: ExcelJS.ValueType.Formula, formula: f.slice(1) });
        } else if (v !== null) {
          constants++;
          expect({ where, value: cell.value }).toEqual({ where, value: v });
        } else {
          expect({ where, value: cell.value }).toEqual({ where, value: null });
        }
      });
    }
    expect(formulas).toBe(formulaCells(plan).length);
    expect(formulas).toBeGreaterThan(300);
    expect(constants).toBeGreaterThan(500);
  });

  test('has every cell\'s number format', () => {
    for (const tab of plan.tabs) {
      const ws = sheet(tab.name);
      eachCell(tab, (r, c) => {
        const where = `${tab.name}!${address(r, c)}`;
        expect({ where, numFmt: ws.getCell(r + 1, c + 1).numFmt ?? 'General' }).toEqual({ where, numFmt: tab.numberFormats[r][c] });
      });
    }
  });

  test('has every style range, later ranges overriding only the properties they set', () => {
    // Expected per cell and property: the last range (in plan order) covering the cell that sets the property.
    for (const tab of plan.tabs) {
      const ws = sheet(tab.name);
      const expected = new Map<string, Partial<Record<keyof CellStyle, unknown>>>();
      for (const range of tab.styles) {
        const [from, to = from] = range.address.split(':').map(parseAddress);
        for (let r = from.row; r <= to.row; r++) {
          for (let c = from.col; c <= to.col; c++) {
            const key = address(r, c);
            expected.set(key, { ...expected.get(key), ...range.style });
          }
        }
      }
      for (const [a1, style] of expected) {
        const got = readStyle(ws.getCell(a1));
        for (const [prop, value] of Object.entries(style)) {
          expect({ cell: `${tab.name}!${a1}`, prop, value: got[prop as keyof CellStyle] }).toEqual({ cell: `${tab.name}!${a1}`, prop, value });
        }
      }
    }
  });

  test('follows the model conventions: blue inputs, black formulas, green links, bordered totals', () => {
    const is = sheet(IS);
    expect(is.getCell('D9').font.color).toEqual({ argb: 'FF0000FF' });
    expect(is.getCell('D12').font).toMatchObject({ bold: true, color: { argb: 'FF000000' } });
    expect(is.getCell('D12').border.top).toEqual({ style: 'thin' });
    expect(is.getCell('D20').border).toMatchObject({ top: { style: 'thin' }, bottom: { style: 'double' } });
    expect(sheet(NG).getCell('B8').font.color).toEqual({ argb: 'FF00703C' });
    // Title: white bold 14 pt on navy; header: bold, filled, right-aligned, and the border range below keeps both.
    expect(is.getCell('A1').font).toMatchObject({ bold: true, size: 14, color: { argb: 'FFFFFFFF' } });
    expect(is.getCell('F1').fill).toMatchObject({ pattern: 'solid', fgColor: { argb: 'FF1F3864' } });
    expect(is.getCell('C7').font.bold).toBe(true);
    expect(is.getCell('C7').fill).toMatchObject({ fgColor: { argb: 'FFDCE6F1' } });
    expect(is.getCell('C7').alignment.horizontal).toBe('right');
    expect(is.getCell('C7').border.bottom).toEqual({ style: 'thin' });
    // An indent without an alignment is left-aligned, as Excel makes it.
    expect(is.getCell('A9').alignment).toEqual({ horizontal: 'left', indent: 1 });
    expect(is.getCell('A24').alignment.wrapText).toBe(true);
  });

  test('has the column widths (points, within a pixel of what Excel draws)', () => {
    for (const tab of plan.tabs) {
      const ws = sheet(tab.name);
      tab.columnWidths.forEach((points, c) => {
        const width = ws.getColumn(c + 1).width!;
        expect(width).toBe(pointsToCharacters(points));
        expect(Math.abs(charactersToPoints(width) - points)).toBeLessThanOrEqual(0.75);
      });
    }
  });

  test('freezes the header rows and label column, and hides the gridlines', () => {
    for (const tab of plan.tabs) {
      const [view] = sheet(tab.name).views;
      expect(view).toMatchObject({ state: 'frozen', xSplit: tab.freeze.columns, ySplit: tab.freeze.rows, showGridLines: false });
    }
    expect(sheet(IS).views[0]).toMatchObject({ xSplit: 1, ySplit: 7, topLeftCell: 'B8' });
  });

  test('defines the plan\'s names (a tab name with "&" included)', () => {
    const names = book.definedNames.model.map((n) => ({ name: n.name, ranges: n.ranges }));
    expect(names).toEqual(plan.names.map((n) => ({ name: n.name, ranges: [`'${n.tab}'!${n.address}`] })));
    expect(names).toContainEqual({ name: 'KC_PUBLIC_CLOUD_REVENUE_H1_2024', ranges: [`'${RC}'!$E$7`] });
  });

  test('says who made it and asks Excel to recalculate everything on open', () => {
    expect(book.creator).toBe('KC Model');
    expect(book.title).toBe('KC Model — Kingsoft Cloud Holdings Limited Q2-2024');
    expect(zipEntryText(buffer, 'xl/workbook.xml')).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
  });
});

describe('text is never turned into a formula', () => {
  test('text beginning with =, + or @ stays text', () => {
    const is = sheet(IS);
    for (const [a1, text] of Object.entries(FORMULA_LIKE_TEXT)) {
      const cell = is.getCell(a1);
      expect({ a1, type: cell.type, value: cell.value, formula: cell.formula }).toEqual({ a1, type: ExcelJS.ValueType.String, value: text, formula: undefined });
    }
  });

  test('the sheet XML has exactly one <f> per plan formula, and the text is in the shared strings', () => {
    plan.tabs.forEach((tab, i) => {
      const xml = zipEntryText(buffer, `xl/worksheets/sheet${i + 1}.xml`)!;
      expect((xml.match(/<f>/g) ?? []).length).toBe(tab.formulas.flat().filter((f) => f !== null).length);
    });
    const strings = zipEntryText(buffer, 'xl/sharedStrings.xml')!;
    expect(strings).toContain('<t>=SUM(B9:B11) is how total revenues are built</t>');
    expect(strings).toContain('<t>=KC.VALUE(&quot;total_revenues&quot;,&quot;Q2-2024&quot;)</t>');
  });
});

describe('units and errors', () => {
  test('column widths: Excel\'s default column (64 px = 48 pt) is 9.140625 characters', () => {
    expect(pointsToCharacters(48)).toBe(9.140625);
    expect(charactersToPoints(9.140625)).toBe(48);
    expect(pointsToCharacters(86)).toBeCloseTo(16.38, 2);
    expect(pointsToCharacters(260)).toBeCloseTo(49.52, 2);
  });

  test('a name on a tab the plan does not have is refused', () => {
    const p = kcPlan();
    p.names.push({ name: 'KC_X', tab: 'KC Missing', address: '$B$2', comment: '' });
    expect(() => renderWorkbook(p)).toThrow('name KC_X refers to a tab the plan does not have: KC Missing');
  });

  test('a malformed colour or a non-finite number is refused', () => {
    const p = kcPlan();
    p.tabs[0].styles.push({ address: 'B2', style: { fontColor: 'blue' } });
    expect(() => renderWorkbook(p)).toThrow("not a '#RRGGBB' colour: blue");
    const q = kcPlan();
    q.tabs[0].values[8][1] = Number.NaN;
    expect(() => renderWorkbook(q)).toThrow("'KC Income Statement'!B9: not a finite number (NaN)");
  });

  test('writeXlsx writes the same workbook as toBuffer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kc-xlsx-'));
    try {
      const path = join(dir, 'KC-model.xlsx');
      await writeXlsx(kcPlan(), path);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(path) as unknown as ExcelJS.Buffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual(kcPlan().tabs.map((t) => t.name));
      expect(wb.getWorksheet(IS)!.getCell('D12').formula).toBe('SUM(D9:D11)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a tab without frozen panes gets a normal view (gridlines as planned)', async () => {
    const p = kcPlan();
    p.tabs[0].freeze = { rows: 0, columns: 0 };
    p.tabs[0].showGridlines = true;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toBuffer(p)) as unknown as ExcelJS.Buffer);
    expect(wb.getWorksheet(IS)!.views[0]).toMatchObject({ state: 'normal', showGridLines: true });
  });
});

/** A cell's formatting as the plan would describe it. */
function readStyle(cell: ExcelJS.Cell): Partial<Record<keyof CellStyle, unknown>> {
  const color = (c: Partial<ExcelJS.Color> | undefined) => (c?.argb ? `#${c.argb.slice(2)}` : undefined);
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  return {
    bold: cell.font?.bold ?? false,
    italic: cell.font?.italic ?? false,
    fontColor: color(cell.font?.color),
    fontSize: cell.font?.size,
    fill: fill?.pattern === 'solid' ? color(fill.fgColor) : undefined,
    borderTop: cell.border?.top?.style,
    borderBottom: cell.border?.bottom?.style,
    horizontalAlignment: cell.alignment?.horizontal,
    indent: cell.alignment?.indent,
    wrapText: cell.alignment?.wrapText ?? false,
  };
}
