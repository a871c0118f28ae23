import { getShippedModel } from '../../src/model/shipped';
import { address, parseAddress } from '../../src/sheets/a1';
import { buildPlan } from '../../src/sheets/build';
import type { SheetPlan } from '../../src/sheets/plan';
import { formulaGrid } from '../../src/excel/cells';
import { refreshModelTabs, type Runner } from '../../src/excel/refresh-tabs';
import { DATA_SHEET } from '../../src/excel/written';
import { FakeWorkbook, PropertyNotLoaded } from '../support/fake-workbook';
import { cellsOf } from '../support/a1-cells';

const plan = buildPlan(getShippedModel());
const runnerFor = (book: FakeWorkbook): Runner => (batch) => batch(book.context() as unknown as Excel.RequestContext);


async function fresh(): Promise<FakeWorkbook> {
  const book = new FakeWorkbook();
  book.addUserSheet('My analysis', { A1: 'Adj. EBITDA Q2', B1: "='KC Non-GAAP'!D26", A2: 'note', B2: 42 });
  const r = await refreshModelTabs(runnerFor(book), plan);
  expect(r).toMatchObject({ kind: 'written', syncs: 2, edits: [] });
  return book;
}

describe('writing the plan with Office.js', () => {
  test('every value, formula and number format lands as planned', async () => {
    const book = await fresh();
    for (const tab of plan.tabs) {
      const sheet = book.sheet(tab.name)!;
      const grid = formulaGrid(tab);
      for (let r = 0; r < tab.rows; r++) {
        for (let c = 0; c < tab.cols; c++) {
          const cell = sheet.peek(r, c);
          const want = grid[r][c];
          const got = cell?.formula ?? '';
          // Excel keeps text without its ' prefix and numbers to 15 significant digits (-0 as 0).
          const stored = typeof want === 'string' && want.startsWith("'") ? want.slice(1) : typeof want === 'number' ? Number(want.toPrecision(15)) : want;
          expect([tab.name, address(r, c), got]).toEqual([tab.name, address(r, c), stored]);
          expect(cell?.numberFormat ?? 'General').toBe(tab.numberFormats[r][c]);
        }
      }
    }
  });

  test('styles, widths, frozen panes, gridlines and tab colours as planned', async () => {
    const book = await fresh();
    for (const tab of plan.tabs) {
      const sheet = book.sheet(tab.name)!;
      for (const { address: a, style } of tab.styles.slice(0, 60)) {
        const [r, c] = cellsOf(a)[0];
        const s = sheet.peek(r, c)!.style;
        if (style.bold !== undefined) expect(s['font.bold']).toBeDefined();
        if (style.fontColor) expect(typeof s['font.color']).toBe('string');
        if (style.borderTop) expect(s['border.EdgeTop.style']).toBeDefined();
      }
      tab.columnWidths.forEach((w, c) => expect(sheet.columnWidths.get(c)).toBe(w));
      expect(sheet.freeze).toEqual(tab.freeze.rows > 0 && tab.freeze.columns > 0 ? tab.freeze : { rows: tab.freeze.rows, columns: tab.freeze.columns });
      expect(sheet.showGridlines).toBe(false);
      expect(sheet.tabColor).toBe(tab.tabColor);
    }
    const is = book.sheet('KC Income Statement')!;
    const rev = plan.tabs[0].values.findIndex((r) => r[0] === 'Total revenues');
    expect(is.peek(rev, 1)!.style).toMatchObject({ 'font.bold': true, 'border.EdgeTop.style': 'Continuous', 'font.color': '#000000' });
    expect(is.peek(rev - 1, 1)!.style['font.color']).toBe('#0000FF');
  });

  test('one sync for the write, calculation suspended, no sync in loops', async () => {
    const book = await fresh();
    expect(book.syncs).toBe(2); // the read, then the whole write
    expect(book.calculationSuspended).toBe(1);
    const writeCalls = book.calls.slice(book.calls.findIndex((c) => c.op === 'sync') + 1);
    expect(writeCalls.filter((c) => c.op === 'sync')).toHaveLength(1);
    expect(writeCalls[0].op).toBe('suspendApiCalculationUntilNextSync');
    // Whole 2-D arrays: one formulas write and one numberFormat write per tab.
    // (and one for the record of what was written, on its very hidden sheet)
    expect(writeCalls.filter((c) => c.op === 'range.formulas' && c.sheet !== DATA_SHEET)).toHaveLength(plan.tabs.length);
    expect(writeCalls.filter((c) => c.op === 'range.numberFormat')).toHaveLength(plan.tabs.length);
    expect(book.requestBytes[1]).toBeLessThan(5 * 1024 * 1024);
  });

  test('workbook names point at the headline cells', async () => {
    const book = await fresh();
    expect(book.names.size).toBe(plan.names.length + plan.tabs.length); // and one hidden layout name per tab
    const n = plan.names.find((x) => x.name === 'KC_ADJ_EBITDA_Q2_2024')!;
    expect(book.names.get('KC_ADJ_EBITDA_Q2_2024')).toMatchObject({ formula: `='KC Non-GAAP'!${n.address}` });
    const { row, col } = parseAddress(n.address);
    expect(book.sheet('KC Non-GAAP')!.peek(row, col)!.formula).toMatch(/^=/);
  });

  test('a second refresh finds no edits and changes nothing', async () => {
    const book = await fresh();
    const before = book.snapshot();
    const names = JSON.stringify([...book.names.entries()]);
    const r = await refreshModelTabs(runnerFor(book), plan, { confirm: async () => { throw new Error('no confirmation expected'); } });
    expect(r).toMatchObject({ kind: 'written', edits: [] });
    expect(book.snapshot()).toBe(before);
    expect(JSON.stringify([...book.names.entries()])).toBe(names);
    expect(book.calls.filter((c) => c.op === 'names.add')).toHaveLength(plan.names.length + plan.tabs.length); // not re-added
  });

  test("the user's sheet is untouched and its formula into a model tab keeps its text", async () => {
    const book = await fresh();
    const user = book.snapshot('My analysis');
    await refreshModelTabs(runnerFor(book), plan);
    expect(book.snapshot('My analysis')).toBe(user);
    expect(book.sheet('My analysis')!.peek(0, 1)!.formula).toBe("='KC Non-GAAP'!D26");
    expect(book.calls.filter((c) => c.sheet === 'My analysis')).toEqual([]);
    expect(book.sheets.map((s) => s.name)[0]).toBe('My analysis');
  });

  test("edits in a model tab are listed; cancelling writes nothing", async () => {
    const book = await fresh();
    const is = book.sheet('KC Income Statement')!;
    const rev = plan.tabs[0].values.findIndex((r) => r[0] === 'Public cloud services');
    is.cell(rev, 3).formula = 1300000; // a changed input
    is.cell(rev + 3, 3).formula = '=D9+D10'; // a changed formula
    is.cell(60, 10).formula = 'my note'; // typed outside the model's cells
    const before = book.snapshot();
    const syncs = book.syncs;
    let asked: unknown[] = [];
    const r = await refreshModelTabs(runnerFor(book), plan, { confirm: async (edits) => ((asked = edits), false) });
    expect(r.kind).toBe('cancelled');
    expect(asked.map((e) => ({ ...(e as object), description: undefined }))).toEqual([
      { tab: 'KC Income Statement', address: `D${rev + 1}`, current: '1300000', planned: '1234542', description: undefined },
      { tab: 'KC Income Statement', address: `D${rev + 4}`, current: '=D9+D10', planned: `=SUM(D${rev + 1}:D${rev + 3})`, description: undefined },
      { tab: 'KC Income Statement', address: 'K61', current: 'my note', planned: '', description: undefined },
    ]);
    expect((asked as { description: string }[]).map((e) => e.description)).toEqual([
      `KC Income Statement · Public cloud services · Three months ended Jun 30, 2024 RMB (D${rev + 1}): you entered 1,300,000; the model has 1,234,542.`,
      `KC Income Statement · Total revenues · Three months ended Jun 30, 2024 RMB (D${rev + 4}): you entered =D9+D10; the model has 1,891,780.`,
      'KC Income Statement (K61): you entered my note; the model has (empty).',
    ]);
    expect(book.snapshot()).toBe(before);
    expect(book.syncs - syncs).toBe(1); // only the read
  });

  test('confirming overwrites the edits and restores the model', async () => {
    const book = await fresh();
    const clean = book.snapshot();
    book.sheet('KC Balance Sheet')!.cell(9, 1).formula = 1;
    const r = await refreshModelTabs(runnerFor(book), plan, { confirm: async () => true });
    expect(r).toMatchObject({ kind: 'written', syncs: 3 }); // read, then (after the answer) read again and write
    expect(book.snapshot().replace(/,\{"name":"KC Change Log".*\]$/, ']')).toBe(clean);
  });

  test('two refreshes at once: the second is refused as busy', async () => {
    const book = new FakeWorkbook();
    const [a, b] = await Promise.all([refreshModelTabs(runnerFor(book), plan), refreshModelTabs(runnerFor(book), plan)]);
    expect([a.kind, b.kind].sort()).toEqual(['busy', 'written']);
    expect(book.syncs).toBe(2);
  });

  test('text beginning with = or - stays text', async () => {
    const book = await fresh();
    const src = book.sheet('KC Sources')!;
    const texts = [...src.cells.values()].map((c) => c.formula).filter((v) => typeof v === 'string' && /^[-=+@]/.test(v));
    expect(texts.length).toBeGreaterThan(0); // e.g. the row label "- Foreign exchange loss"
    const plannedFormulas = plan.tabs.find((t) => t.name === 'KC Sources')!.formulas.flat().filter(Boolean);
    expect(plannedFormulas).toHaveLength(0);
    const grid = formulaGrid(plan.tabs.find((t) => t.name === 'KC Sources')!);
    expect(grid.flat().some((v) => typeof v === 'string' && v.startsWith("'-"))).toBe(true);
  });

  test('stale KC names are removed; a user name is left alone', async () => {
    const book = await fresh();
    book.names.set('KC_OLD_METRIC', { name: 'KC_OLD_METRIC', formula: "='KC Income Statement'!$B$99", comment: '' });
    book.names.set('MyName', { name: 'MyName', formula: "='My analysis'!$B$2", comment: '' });
    book.names.set('KC_MINE', { name: 'KC_MINE', formula: "='My analysis'!$B$1", comment: '' });
    await refreshModelTabs(runnerFor(book), plan);
    expect(book.names.has('KC_OLD_METRIC')).toBe(false);
    expect(book.names.get('MyName')!.formula).toBe("='My analysis'!$B$2");
    expect(book.names.get('KC_MINE')!.formula).toBe("='My analysis'!$B$1");
  });

  test('the fake behaves like Office.js: unloaded properties throw, shapes are checked', async () => {
    const book = new FakeWorkbook();
    const ctx = book.context() as unknown as Excel.RequestContext;
    const ws = ctx.workbook.worksheets.add('X');
    const range = ws.getRange('A1:B2');
    expect(() => range.formulas).toThrow(PropertyNotLoaded);
    expect(() => (range.formulas = [[1]])).toThrow(/doesn't match the size/);
    await ctx.sync();
    range.load('formulas');
    await ctx.sync();
    expect(range.formulas).toEqual([['', ''], ['', '']]);
  });
});

export { plan as refreshPlan };
export type { SheetPlan };

describe('formats grouped', () => {
  test('each distinct style is applied once per multi-area range, and every cell ends with its planned style', async () => {
    const { styleGroups } = await import('../../src/excel/batch');
    const { resolveStyles, styledExtent } = await import('../../src/sheets/resolve-styles');
    const book = new FakeWorkbook();
    await refreshModelTabs(runnerFor(book), plan);
    for (const tab of plan.tabs) {
      const groups = styleGroups(tab);
      expect(new Set(groups.map((g) => JSON.stringify(g.style))).size).toBe(groups.length);
      const { rows, cols } = styledExtent(tab);
      const want = resolveStyles(tab, rows, cols);
      const sheet = book.sheet(tab.name)!;
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          const s = want[r][c];
          const got = sheet.peek(r, c)?.style ?? {};
          if (s?.fontColor) expect(got['font.color']).toBe(s.fontColor);
          if (s?.bold) expect(got['font.bold']).toBe(true);
          if (s?.fill) expect(got['fill.color']).toBe(s.fill);
          if (s?.borderTop) expect(got['border.EdgeTop.style']).toBeDefined();
          if (!s) expect(got).toEqual({});
        }
      }
    }
    const styleCalls = book.calls.filter((c) => c.op.startsWith('format.') && c.op !== 'format.columnWidth');
    const styleRanges = plan.tabs.reduce((n, t) => n + t.styles.length, 0);
    expect(styleCalls.length).toBeLessThan(styleRanges / 2);
  });
});

test('statements print landscape, one page wide, with their header rows repeated', async () => {
  const book = new FakeWorkbook();
  await refreshModelTabs(runnerFor(book), plan);
  // verticalFitToPages null (as many pages tall as needed) is the documented form; the fake refuses 0, as Excel may.
  expect(book.sheet('KC Income Statement')!.page).toMatchObject({ orientation: 'Landscape', zoom: { horizontalFitToPages: 1, verticalFitToPages: null }, printTitleRows: '$1:$7' });
});

test('every tab prints on A4 within a Letter-sized area, with tab name, release, page x of y and print date', async () => {
  const book = new FakeWorkbook();
  await refreshModelTabs(runnerFor(book), plan);
  for (const tab of plan.tabs) {
    const page = book.sheet(tab.name)!.page;
    expect(page.paperSize).toBe('A4');
    expect(page.margins).toMatchObject({ left: 72, right: 72 });
    expect(page.headersFooters).toEqual({ leftHeader: '&A', rightHeader: plan.release, leftFooter: 'Printed &D', rightFooter: 'Page &P of &N' });
  }
  expect(book.sheet('KC Balance Sheet')!.page).toMatchObject({ orientation: 'Portrait', zoom: { horizontalFitToPages: 1, verticalFitToPages: 1 } });
});

test('a failing check turns red by conditional format, written through Office.js; a refresh does not stack them', async () => {
  const book = new FakeWorkbook();
  await refreshModelTabs(runnerFor(book), plan);
  await refreshModelTabs(runnerFor(book), plan);
  const cfs = book.sheet('KC Checks')!.conditionalFormats;
  const planned = plan.tabs.find((t) => t.name === 'KC Checks')!.conditionalFormats!;
  expect(cfs).toHaveLength(planned.length);
  expect(cfs[0]).toEqual({ address: planned[0].address, type: 'ContainsText', rule: { operator: 'Contains', text: 'FAIL' }, format: { fontColor: '#9C0006', fill: '#FFC7CE', bold: true } });
  expect(cfs.find((f) => f.type === 'CellValue')!.rule).toEqual({ formula1: '0', operator: 'GreaterThan' });
});

/** What Excel returns for a model tab's cells: formulas, valueTypes and text of the used range. */
async function readTab(book: FakeWorkbook, name: string) {
  const ctx = book.context() as unknown as Excel.RequestContext;
  const used = ctx.workbook.worksheets.getItem(name).getUsedRange(true);
  used.load('formulas,valueTypes,text,rowIndex,columnIndex');
  await ctx.sync();
  return used;
}

describe('text stays the text the plan holds (Excel parses unprotected strings)', () => {
  test('every text cell of every tab — date headers, KC Sources evidence — reads back as the same text', async () => {
    const book = await fresh();
    let texts = 0;
    for (const tab of plan.tabs) {
      const used = await readTab(book, tab.name);
      const wrong: string[] = [];
      tab.values.forEach((row, r) =>
        row.forEach((v, c) => {
          if (typeof v !== 'string' || v === '') return;
          texts++;
          const [f, t, x] = [used.formulas[r - used.rowIndex]?.[c - used.columnIndex], used.valueTypes[r - used.rowIndex]?.[c - used.columnIndex], used.text[r - used.rowIndex]?.[c - used.columnIndex]];
          if (f !== v || t !== 'String' || x !== v) wrong.push(`${address(r, c)} planned ${JSON.stringify(v)}, Excel holds ${JSON.stringify(f)} (${t}) shown ${JSON.stringify(x)}`);
        }),
      );
      expect([tab.name, wrong.slice(0, 5), wrong.length]).toEqual([tab.name, [], 0]);
    }
    expect(texts).toBeGreaterThan(1000);
    // The cases Excel would have converted are among them.
    const all = plan.tabs.flatMap((t) => t.values.flat());
    for (const s of ['Jun 30, 2024', '2024-06-30', '057,250', '(246.549)']) expect(all).toContain(s);
  });

  test('numbers, formulas and number formats are still written as numbers, formulas and formats', async () => {
    const book = await fresh();
    const is = plan.tabs[0];
    const used = await readTab(book, is.name);
    const rev = is.values.findIndex((r) => r[0] === 'Public cloud services');
    expect(used.formulas[rev - used.rowIndex][3 - used.columnIndex]).toBe(1234542);
    expect(used.valueTypes[rev - used.rowIndex][3 - used.columnIndex]).toBe('Double');
    expect(used.formulas[rev + 3 - used.rowIndex][3 - used.columnIndex]).toMatch(/^=SUM\(/);
  });

  test('edits are compared like with like: a number over a planned text, or text over a planned number, is an edit', async () => {
    const book = await fresh();
    const is = book.sheet('KC Income Statement')!;
    const header = plan.tabs[0].values.findIndex((r) => r.includes('Jun 30, 2024'));
    const col = plan.tabs[0].values[header].indexOf('Jun 30, 2024');
    const rev = plan.tabs[0].values.findIndex((r) => r[0] === 'Public cloud services');
    Object.assign(is.cell(header, col), { formula: 45473, isText: undefined }); // the date Excel made of the header
    Object.assign(is.cell(rev, 3), { formula: '1234542', isText: true }); // the same digits, as text
    let asked: { address: string; current: string; planned: string }[] = [];
    await refreshModelTabs(runnerFor(book), plan, { confirm: async (edits) => ((asked = edits), false) });
    expect(asked.map((e) => [e.address, e.current, e.planned])).toEqual([
      [address(header, col), '45473', 'Jun 30, 2024'],
      [`D${rev + 1}`, '1234542', '1234542'],
    ]);
  });
});

test('a planned number with more than 15 significant digits is not an edit once Excel has rounded it', async () => {
  const { sameContent } = await import('../../src/excel/cells');
  expect(sameContent(0.3, 0.1 + 0.2, 'Double')).toBe(true);
  expect(sameContent(0.30000001, 0.1 + 0.2, 'Double')).toBe(false);
  expect(sameContent('0.3', 0.3, 'String')).toBe(false);
});

describe('borders: both renderers draw the same rules', () => {
  test('"Operating loss" and "Total liabilities" keep their rule; every bordered cell of the plan has its edge', async () => {
    const { resolveStyles, styledExtent } = await import('../../src/sheets/resolve-styles');
    const book = await fresh();
    for (const [tabName, label] of [['KC Income Statement', 'Operating loss'], ['KC Balance Sheet', 'Total liabilities']]) {
      const tab = plan.tabs.find((t) => t.name === tabName)!;
      const row = tab.values.findIndex((r) => r[0] === label);
      expect(row).toBeGreaterThan(0);
      const { rows, cols } = styledExtent(tab);
      const want = resolveStyles(tab, rows, cols);
      expect(want[row][1]?.borderTop ?? want[row][1]?.borderBottom).toBeDefined();
      const got = book.sheet(tabName)!.peek(row, 1)!.style;
      expect(got['border.EdgeTop.style'] ?? got['border.EdgeBottom.style']).toBeDefined();
    }
  });

  test('the Office.js rendering and the .xlsx rendering have a rule on exactly the same cell edges', async () => {
    const { renderWorkbook } = await import('../../src/xlsx/render');
    const book = await fresh();
    const wb = renderWorkbook(plan);
    for (const tab of plan.tabs) {
      const ws = wb.getWorksheet(tab.name)!;
      const sheet = book.sheet(tab.name)!;
      const diff: string[] = [];
      for (let r = 0; r < tab.rows; r++) {
        for (let c = 0; c < tab.cols; c++) {
          const x = ws.getCell(r + 1, c + 1).border ?? {};
          const o = sheet.peek(r, c)?.style ?? {};
          const xl = [!!x.top?.style, !!x.bottom?.style];
          const js = [!!o['border.EdgeTop.style'], !!o['border.EdgeBottom.style']];
          if (xl[0] !== js[0] || xl[1] !== js[1]) diff.push(`${address(r, c)} xlsx ${xl} office.js ${js}`);
        }
      }
      expect([tab.name, diff.slice(0, 5), diff.length]).toEqual([tab.name, [], 0]);
    }
  });

  test('and the same text: every text cell holds the same string in both renderings', async () => {
    const { renderWorkbook } = await import('../../src/xlsx/render');
    const book = await fresh();
    const wb = renderWorkbook(plan);
    for (const tab of plan.tabs) {
      const ws = wb.getWorksheet(tab.name)!;
      const diff: string[] = [];
      tab.values.forEach((row, r) =>
        row.forEach((v, c) => {
          if (typeof v !== 'string' || v === '') return;
          const x = ws.getCell(r + 1, c + 1).value;
          const o = book.sheet(tab.name)!.peek(r, c)?.formula;
          if (x !== v || o !== v) diff.push(`${address(r, c)} plan ${JSON.stringify(v)} xlsx ${JSON.stringify(x)} office.js ${JSON.stringify(o)}`);
        }),
      );
      expect([tab.name, diff.slice(0, 5), diff.length]).toEqual([tab.name, [], 0]);
    }
  });
});

describe('workbook names after a KC tab was deleted', () => {
  test('KC_ names Excel turned into #REF! are repaired by the rebuild; a user name is left alone', async () => {
    const book = await fresh();
    book.names.set('MyRef', { name: 'MyRef', formula: "='KC Non-GAAP'!$B$2", comment: '' });
    const ctx = book.context() as unknown as Excel.RequestContext;
    ctx.workbook.worksheets.getItem('KC Non-GAAP').delete();
    await ctx.sync();
    expect(book.names.get('KC_ADJ_EBITDA_Q2_2024')!.formula).toMatch(/^=#REF!/);
    expect(book.sheet('My analysis')!.peek(0, 1)!.formula).toBe('=#REF!D26');
    // Formulas in the other KC tabs that pointed into the deleted tab are #REF! too: listed, then rewritten.
    let asked: { current: string }[] = [];
    const r = await refreshModelTabs(runnerFor(book), plan, { confirm: async (edits) => ((asked = edits), true) });
    expect(r.kind).toBe('written');
    expect(asked.every((e) => e.current.includes('#REF!'))).toBe(true);
    const n = plan.names.find((x) => x.name === 'KC_ADJ_EBITDA_Q2_2024')!;
    expect(book.names.get('KC_ADJ_EBITDA_Q2_2024')!.formula).toBe(`='KC Non-GAAP'!${n.address}`);
    for (const p of plan.names) expect(book.names.get(p.name)!.formula).not.toMatch(/#REF!/);
    expect(book.names.get('MyRef')!.formula).toBe('=#REF!$B$2'); // not a KC_ name: the user's to mend
  });
});

describe('the confirmation is asked between two Excel.run batches', () => {
  const runs = (book: FakeWorkbook, log: string[]): Runner => async (batch) => {
    log.push('run');
    const out = await batch(book.context() as unknown as Excel.RequestContext);
    log.push('end');
    return out;
  };

  test('no batch is open while the user decides; the write batch reads again before writing', async () => {
    const book = await fresh();
    book.sheet('KC Balance Sheet')!.cell(9, 1).formula = 1;
    const log: string[] = [];
    const r = await refreshModelTabs(runs(book, log), plan, { confirm: async () => (log.push('ask'), true) });
    expect(r.kind).toBe('written');
    expect(log).toEqual(['run', 'end', 'ask', 'run', 'end']);
  });

  test('a cell changed while the user decides is shown and confirmed before anything is written', async () => {
    const book = await fresh();
    const bs = book.sheet('KC Balance Sheet')!;
    bs.cell(9, 1).formula = 1;
    const asked: string[][] = [];
    const before = book.snapshot();
    const r = await refreshModelTabs(runnerFor(book), plan, {
      confirm: async (edits) => {
        asked.push(edits.map((e) => `${e.address}=${e.current}`));
        if (asked.length === 1) bs.cell(10, 1).formula = 2; // typed while the question is open
        return asked.length === 1; // yes to the first list, no to the second
      },
    });
    expect(asked).toEqual([['B10=1'], ['B10=1', 'B11=2']]);
    expect(r.kind).toBe('cancelled');
    const after = JSON.parse(book.snapshot()) as unknown[];
    expect(after).toHaveLength((JSON.parse(before) as unknown[]).length);
    expect(bs.peek(10, 1)!.formula).toBe(2); // nothing written: the new edit is kept
  });

  test('an edit undone while the user decides needs no second question', async () => {
    const book = await fresh();
    const bs = book.sheet('KC Balance Sheet')!;
    const was = bs.peek(9, 1)?.formula ?? '';
    bs.cell(9, 1).formula = 1;
    let asks = 0;
    const r = await refreshModelTabs(runnerFor(book), plan, { confirm: async () => (asks++, (bs.cell(9, 1).formula = was), true) });
    expect([r.kind, asks]).toEqual(['written', 1]);
  });
});
