import { columnLetter, rangeAddress } from '../sheets/a1';
import { resolveStyles, styledExtent } from '../sheets/resolve-styles';
import type { CellStyle, SheetPlan, TabPlan } from '../sheets/plan';
import { formulaGrid } from './cells';
import { queueTabExtras } from './page-extras';

/**
 * Queues the whole plan on one request context: nothing here syncs. The caller syncs once, so the workbook
 * receives the model tabs in a single request (values, formulas and formats as whole 2-D arrays, styles grouped
 * per range, calculation suspended until the sync).
 */

export interface WorkbookState {
  /** Model tabs that already exist (they are cleared and rewritten in place, so references to them survive). */
  existingTabs: Set<string>;
  /** Names in the workbook with the formula they refer to. */
  names: Map<string, string>;
}

const BORDER_WEIGHT: Record<string, Excel.BorderWeight | 'Thin' | 'Medium' | 'Thick'> = { thin: 'Thin', medium: 'Medium', double: 'Thick' };

function applyStyle(range: Excel.Range | Excel.RangeAreas, s: CellStyle): void {
  const f = range.format;
  if (s.bold !== undefined) f.font.bold = s.bold;
  if (s.italic !== undefined) f.font.italic = s.italic;
  if (s.fontColor) f.font.color = s.fontColor;
  if (s.fontSize) f.font.size = s.fontSize;
  if (s.fill) f.fill.color = s.fill;
  if (s.horizontalAlignment) f.horizontalAlignment = (s.horizontalAlignment[0].toUpperCase() + s.horizontalAlignment.slice(1)) as Excel.HorizontalAlignment;
  if (s.indent) f.indentLevel = s.indent;
  if (s.wrapText !== undefined) f.wrapText = s.wrapText;
  for (const [edge, style] of [['EdgeTop', s.borderTop], ['EdgeBottom', s.borderBottom]] as const) {
    if (!style) continue;
    const b = f.borders.getItem(edge);
    b.style = style === 'double' ? 'Double' : 'Continuous';
    if (style !== 'double') b.weight = BORDER_WEIGHT[style] as Excel.BorderWeight;
  }
}

/** Longest address list per getRanges call (Excel limits the length of a multi-area address). */
const MAX_AREAS_ADDRESS = 2000;

/**
 * Formats grouped: every cell's final style is resolved from the plan, cells with the same style are gathered
 * into rectangles, and each style is applied once per multi-area range, so the request carries one set of format
 * calls per distinct style instead of one per style range.
 */
export function styleGroups(tab: TabPlan): { style: CellStyle; addresses: string[] }[] {
  const { rows, cols } = styledExtent(tab);
  const grid = resolveStyles(tab, rows, cols);
  const groups = new Map<string, { style: CellStyle; runs: Map<string, number[]> }>();
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; ) {
      const s = grid[r][c];
      const key = s ? JSON.stringify(s) : '';
      let e = c;
      while (e + 1 < cols && (grid[r][e + 1] ? JSON.stringify(grid[r][e + 1]) : '') === key) e++;
      if (s) {
        const g = groups.get(key) ?? { style: s, runs: new Map() };
        groups.set(key, g);
        const runKey = `${c}:${e}`;
        g.runs.set(runKey, [...(g.runs.get(runKey) ?? []), r]);
      }
      c = e + 1;
    }
  }
  return [...groups.values()].map(({ style, runs }) => {
    const addresses: string[] = [];
    for (const [span, rowList] of runs) {
      const [c0, c1] = span.split(':').map(Number);
      // Consecutive rows with the same column span make one rectangle, unless the style has a border: Excel's
      // EdgeTop/EdgeBottom draw only the rectangle's outer edge, and the plan wants a rule on every such row.
      const ruled = !!(style.borderTop || style.borderBottom);
      for (let i = 0; i < rowList.length; ) {
        let j = i;
        while (!ruled && j + 1 < rowList.length && rowList[j + 1] === rowList[j] + 1) j++;
        addresses.push(rangeAddress(rowList[i], c0, rowList[j] - rowList[i] + 1, c1 - c0 + 1));
        i = j + 1;
      }
    }
    return { style, addresses };
  });
}

function writeTab(ws: Excel.Worksheet, tab: TabPlan): void {
  const all = ws.getRangeByIndexes(0, 0, tab.rows, tab.cols);
  // Contents, then formats, on cells just cleared to General: text is protected by its apostrophe prefix (see
  // formulaGrid), not by the format, and formula cells get the plan's format rather than one Excel infers.
  all.formulas = formulaGrid(tab);
  all.numberFormat = tab.numberFormats;
  for (const { style, addresses } of styleGroups(tab)) {
    for (let i = 0; i < addresses.length; ) {
      let text = addresses[i++];
      while (i < addresses.length && text.length + addresses[i].length + 1 <= MAX_AREAS_ADDRESS) text += `,${addresses[i++]}`;
      applyStyle(text.includes(',') ? ws.getRanges(text) : ws.getRange(text), style);
    }
  }
  // Column widths: one call per run of equal widths.
  for (let c = 0; c < tab.cols; ) {
    let e = c;
    while (e + 1 < tab.cols && tab.columnWidths[e + 1] === tab.columnWidths[c]) e++;
    ws.getRange(`${columnLetter(c)}:${columnLetter(e)}`).format.columnWidth = tab.columnWidths[c];
    c = e + 1;
  }
  ws.freezePanes.unfreeze();
  const { rows, columns } = tab.freeze;
  if (rows > 0 && columns > 0) ws.freezePanes.freezeAt(ws.getRange(rangeAddress(0, 0, rows, columns)));
  else if (rows > 0) ws.freezePanes.freezeRows(rows);
  else if (columns > 0) ws.freezePanes.freezeColumns(columns);
  ws.showGridlines = tab.showGridlines;
  if (tab.tabColor) ws.tabColor = tab.tabColor;
  if (tab.print) {
    // String values: the Excel enums exist only inside Office.
    ws.pageLayout.orientation = (tab.print.landscape ? 'Landscape' : 'Portrait') as Excel.PageOrientation;
    // One page wide, as many tall as needed: the documented form is verticalFitToPages null (0 is undocumented).
    if (tab.print.fitToWidth) ws.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: null as unknown as number };
    if (tab.print.repeatRows > 0) ws.pageLayout.setPrintTitleRows(`$1:$${tab.print.repeatRows}`);
    // Pages across (a time series): a readable scale, the label column(s) repeated at the left of every page.
    if (!tab.print.fitToWidth && tab.print.scale) ws.pageLayout.zoom = { scale: tab.print.scale };
    if (tab.print.repeatColumns) ws.pageLayout.setPrintTitleColumns(`$A:$${columnLetter(tab.print.repeatColumns - 1)}`);
  }
}

/** The formula a workbook name holds for a plan cell. */
export function nameFormula(tab: string, address: string): string {
  return `='${tab.replace(/'/g, "''")}'!${address}`;
}

/**
 * `part`: a large plan is written in two requests; each queues some of the tabs, and the last one the names (they
 * may point into any tab).
 */
export function queuePlan(context: Excel.RequestContext, plan: SheetPlan, state: WorkbookState, onTab?: (name: string) => void, part?: { tabs: Set<string>; names: boolean }): void {
  context.application.suspendApiCalculationUntilNextSync();
  const sheets = context.workbook.worksheets;
  for (const tab of plan.tabs) {
    if (part && !part.tabs.has(tab.name)) continue;
    onTab?.(tab.name);
    let ws: Excel.Worksheet;
    if (state.existingTabs.has(tab.name)) {
      ws = sheets.getItem(tab.name);
      // Clear in place (not delete and re-add): formulas in the user's sheets that point here keep working.
      ws.getRange().clear('All');
    } else {
      ws = sheets.add(tab.name);
    }
    writeTab(ws, tab);
    queueTabExtras(ws, tab, plan.release);
  }
  if (part && !part.names) return;
  const modelTabs = plan.tabs.map((t) => t.name);
  // Our names: KC_ names that point into a model tab, or whose tab was deleted (Excel then rewrites the reference
  // to #REF!, and the rebuild repairs it). A user's own names are never touched.
  const intoModel = (name: string, formula: string) =>
    name.startsWith('KC_') && modelTabs.some((t) => formula.includes(`'${t.replace(/'/g, "''")}'!`) || formula.includes(`${t}!`));
  const ours = (name: string, formula: string) => intoModel(name, formula) || (name.startsWith('KC_') && formula.includes('#REF!'));
  const planned = new Set(plan.names.map((n) => n.name));
  for (const [name, formula] of state.names) {
    if (!planned.has(name) && intoModel(name, formula)) context.workbook.names.getItem(name).delete(); // stale
  }
  for (const n of plan.names) {
    const existing = state.names.get(n.name);
    if (existing !== undefined) {
      if (!ours(n.name, existing) || sameFormula(existing, nameFormula(n.tab, n.address))) continue;
      context.workbook.names.getItem(n.name).delete();
    }
    context.workbook.names.add(n.name, sheets.getItem(n.tab).getRange(n.address), n.comment);
  }
}

function sameFormula(a: string, b: string): boolean {
  return a.replace(/\$/g, '').toUpperCase() === b.replace(/\$/g, '').toUpperCase();
}
