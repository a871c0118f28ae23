import { promises as fs } from 'fs';
import type * as ExcelJS from 'exceljs';
import { address, columnLetter, sheetRef } from '../sheets/a1';
import { PAGE, pageHeaderFooter } from '../sheets/page';
import type { CellConstant, SheetPlan, TabPlan } from '../sheets/plan';
import { argb, resolveStyles, styledExtent, toExcelStyle, type ExcelCellStyle } from './cell-style';
import { pointsToCharacters } from './column-width';

/**
 * Draws a SheetPlan into an .xlsx workbook with ExcelJS, cell for cell what src/excel writes through Office.js.
 *
 * ExcelJS is Node-only and large. Only its types are imported statically (erased at compile time); the library
 * itself is required when a workbook is rendered, so nothing that merely imports this module loads it, and the
 * CLI bundle, which keeps exceljs external, resolves it from node_modules. The add-in never imports src/xlsx.
 */

export const WORKBOOK_CREATOR = 'KC Model';

function loadExcelJS(): typeof ExcelJS {
  return require('exceljs') as typeof ExcelJS;
}

export function renderWorkbook(plan: SheetPlan): ExcelJS.Workbook {
  const { Workbook } = loadExcelJS();
  const wb = new Workbook();
  wb.creator = WORKBOOK_CREATOR;
  wb.lastModifiedBy = WORKBOOK_CREATOR;
  wb.title = `${WORKBOOK_CREATOR} — ${plan.release}`;
  wb.subject = plan.release;
  // Every formula carries the calculation module's value as its cached result (for readers that do not
  // recalculate); Excel still computes every formula when it opens the workbook.
  wb.calcProperties.fullCalcOnLoad = true;

  for (const tab of plan.tabs) renderTab(wb, tab, plan.release);

  const tabNames = new Set(plan.tabs.map((t) => t.name));
  for (const n of plan.names) {
    if (!tabNames.has(n.tab)) throw new Error(`name ${n.name} refers to a tab the plan does not have: ${n.tab}`);
    // ExcelJS cannot write a name's comment (Office.js can), so names in the .xlsx carry none.
    wb.definedNames.add(sheetRef(n.tab, n.address), n.name);
  }
  return wb;
}

export async function toBuffer(plan: SheetPlan): Promise<Buffer> {
  // ExcelJS declares its own Buffer type; at run time in Node it is a Node Buffer.
  return (await renderWorkbook(plan).xlsx.writeBuffer()) as unknown as Buffer;
}

export async function writeXlsx(plan: SheetPlan, path: string): Promise<void> {
  await fs.writeFile(path, await toBuffer(plan));
}

function renderTab(wb: ExcelJS.Workbook, tab: TabPlan, release: string): void {
  const { rows: styledRows, cols: styledCols } = styledExtent(tab);
  const rows = Math.max(tab.values.length, tab.formulas.length, styledRows);
  const cols = Math.max(tab.cols, styledCols);
  const ws = wb.addWorksheet(tab.name, {
    properties: tab.tabColor ? { tabColor: { argb: argb(tab.tabColor) } } : {},
    views: [sheetView(tab)],
    pageSetup: tab.print
      ? {
          orientation: tab.print.landscape ? 'landscape' : 'portrait',
          paperSize: 9, // A4
          margins: PAGE.margins,
          ...(tab.print.fitToWidth ? { fitToPage: true, fitToWidth: 1, fitToHeight: tab.print.fitToHeight ?? 0 } : {}),
          ...(tab.print.repeatRows > 0 ? { printTitlesRow: `1:${tab.print.repeatRows}` } : {}),
          ...(!tab.print.fitToWidth && tab.print.scale ? { fitToPage: false, scale: tab.print.scale } : {}),
          ...(tab.print.repeatColumns ? { printTitlesColumn: `A:${columnLetter(tab.print.repeatColumns - 1)}` } : {}),
        }
      : undefined,
  });

  if (tab.print) {
    const hf = pageHeaderFooter(release);
    ws.headerFooter = { oddHeader: hf.header, oddFooter: hf.footer };
  }
  for (const [i, cf] of (tab.conditionalFormats ?? []).entries()) {
    const style = { font: { bold: cf.style.bold ?? false, color: { argb: argb(cf.style.fontColor) } }, fill: { type: 'pattern' as const, pattern: 'solid' as const, bgColor: { argb: argb(cf.style.fill) } } };
    const rule: ExcelJS.ConditionalFormattingRule =
      cf.textContains !== undefined
        ? // An expression rule (relative to the range's top-left cell): ExcelJS writes a containsText rule without
          // its text attribute, which LibreOffice then ignores.
          { type: 'expression', formulae: [`NOT(ISERROR(SEARCH("${cf.textContains.replace(/"/g, '""')}",${cf.address.split(':')[0]})))`], style, priority: i + 1 }
        : { type: 'cellIs', operator: 'greaterThan', formulae: [String(cf.greaterThan ?? 0)], style, priority: i + 1 };
    ws.addConditionalFormatting({ ref: cf.address, rules: [rule] });
  }

  tab.columnWidths.forEach((points, c) => {
    ws.getColumn(c + 1).width = pointsToCharacters(points);
  });

  const styles = resolveStyles(tab, rows, cols);
  // Rows as tall as their wrapped text: a file carries row heights, and not every reader fits them on opening.
  wrappedRowHeights(tab, styles).forEach((points, r) => {
    if (points !== null) ws.getRow(r + 1).height = points;
  });
  const converted = new Map<string, ExcelCellStyle>(); // identical styles share one object
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const formula = tab.formulas[r]?.[c] ?? null;
      const value = tab.values[r]?.[c] ?? null;
      const numFmt = tab.numberFormats[r]?.[c] ?? 'General';
      const style = styles[r][c];
      if (formula === null && value === null && numFmt === 'General' && !style) continue;

      const cell = ws.getCell(r + 1, c + 1);
      if (formula !== null) {
        const result = tab.results?.[r]?.[c];
        cell.value = result === null || result === undefined ? { formula: formula.replace(/^=/, '') } : ({ formula: formula.replace(/^=/, ''), result } as ExcelJS.CellFormulaValue);
      }
      else if (value !== null) cell.value = constant(value, tab, r, c);
      if (numFmt !== 'General') cell.numFmt = numFmt;
      if (style) {
        const key = JSON.stringify(style);
        let x = converted.get(key);
        if (!x) converted.set(key, (x = toExcelStyle(style)));
        if (x.font) cell.font = x.font;
        if (x.fill) cell.fill = x.fill;
        if (x.border) cell.border = x.border;
        if (x.alignment) cell.alignment = x.alignment;
      }
    }
  }
}

/** A constant as ExcelJS should store it. A string is always a plain string (ExcelJS only makes formulas from
 *  `{ formula }` objects), so text such as "=SUM(B5:B7)" stays text. */
function constant(value: Exclude<CellConstant, null>, tab: TabPlan, r: number, c: number): ExcelJS.CellValue {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`${sheetRef(tab.name, address(r, c))}: not a finite number (${value})`);
  return value;
}

function sheetView(tab: TabPlan): Partial<ExcelJS.WorksheetView> {
  const { rows, columns } = tab.freeze;
  if (rows === 0 && columns === 0) return { state: 'normal', showGridLines: tab.showGridlines };
  return {
    state: 'frozen',
    xSplit: columns,
    ySplit: rows,
    topLeftCell: address(rows, columns),
    showGridLines: tab.showGridlines,
  };
}

/** Heights of rows with wrapped text: words laid in lines at about 5.2 points per character of an 11-point font. */
export function wrappedRowHeights(tab: TabPlan, styles: ({ wrapText?: boolean } | undefined)[][]): (number | null)[] {
  return tab.values.map((row, r) => {
    let lines = 1;
    row.forEach((v, c) => {
      if (typeof v !== 'string' || v === '' || !styles[r]?.[c]?.wrapText) return;
      const perLine = Math.max(1, Math.floor((tab.columnWidths[c] - 8) / 5.2));
      let n = 1;
      let used = 0;
      for (const word of v.split(/\s+/)) {
        const len = Math.min(word.length, perLine);
        if (used > 0 && used + 1 + len > perLine) {
          n++;
          used = len;
        } else used += (used > 0 ? 1 : 0) + len;
      }
      lines = Math.max(lines, n);
    });
    return lines > 1 ? lines * 14.5 + 1 : null;
  });
}
