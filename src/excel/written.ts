import { address, columnLetter, parseAddress } from '../sheets/a1';
import type { SheetPlan } from '../sheets/plan';
import { formulaGrid, readBack, sameContent } from './cells';

/**
 * What the add-in last wrote into the model tabs, kept in the workbook so that a refresh can tell the user's edits
 * from the model's own changes: a cell differs from this record only if someone changed it after the add-in wrote
 * it. A new plan's new cells (a new quarter's columns) are never taken for edits.
 *
 * Where it is kept: a very hidden worksheet (Worksheet.visibility "VeryHidden", set since ExcelApi 1.2), one JSON
 * text cut into cells of column A. The alternative, a custom XML part (ExcelApi 1.5), needs a second round trip to
 * read (the part's id is known only after a first sync, and getXml is a method of the part), while the hidden sheet
 * is read with the model tabs in the same sync. Neither can be seen or changed from Excel's menus (a very hidden
 * sheet is unhidden only by code), both travel with the file.
 */

export const DATA_SHEET = 'KC Model Data';
export const FORMAT = 'kc-model/written@1';
/** Characters per cell: under Excel's limit of 32,767 characters in a cell. */
export const CHUNK = 30_000;
/** Hidden workbook names that hold each model tab's written area; Excel moves them when rows or columns are inserted. */
export const LAYOUT_PREFIX = '_KC_LAYOUT_';

export type Content = string | number | boolean;

export interface WrittenTab {
  key: string;
  name: string;
  rows: number;
  cols: number;
  /** Header rows (frozen): their text gives each column's period. */
  headerRows: number;
  /** A1 address -> what was written (formulaGrid content: formulas, numbers, booleans, text with its ' prefix). */
  cells: Record<string, Content>;
}

export interface Written {
  format: typeof FORMAT;
  release: string;
  /** ISO time of the write. */
  at: string;
  tabs: WrittenTab[];
}

export function recordOf(plan: SheetPlan, at: string): Written {
  return {
    format: FORMAT,
    release: plan.release,
    at,
    tabs: plan.tabs.map((t) => {
      const cells: Record<string, Content> = {};
      formulaGrid(t).forEach((row, r) => row.forEach((v, c) => (v === '' ? undefined : (cells[address(r, c)] = v))));
      return { key: t.key, name: t.name, rows: t.rows, cols: t.cols, headerRows: t.freeze.rows, cells };
    }),
  };
}

/** The record as cell texts (each with the ' text prefix, so Excel keeps it as written). */
export function encodeWritten(w: Written): string[] {
  const json = JSON.stringify(w);
  const out: string[] = [];
  for (let i = 0; i < json.length; i += CHUNK) out.push(`'${json.slice(i, i + CHUNK)}`);
  return out;
}

/** Reads the record back from column A of the data sheet; a damaged or foreign record is a problem, never an exception. */
export function decodeWritten(column: unknown[]): { written?: Written; problem?: string } {
  const text = column.map((v) => (typeof v === 'string' ? readBack(v) : '')).join('');
  if (text === '') return { problem: `${DATA_SHEET} is empty` };
  try {
    const w = JSON.parse(text as string) as Written;
    if (w?.format !== FORMAT || !Array.isArray(w.tabs) || w.tabs.some((t) => typeof t?.name !== 'string' || typeof t.cells !== 'object' || !t.cells)) {
      return { problem: `${DATA_SHEET} does not hold a KC Model record (${String((w as { format?: unknown })?.format ?? 'no format')})` };
    }
    return { written: w };
  } catch {
    return { problem: `${DATA_SHEET} is damaged (not a complete record)` };
  }
}

export const layoutName = (key: string) => `${LAYOUT_PREFIX}${key.toUpperCase()}`;
export const layoutAddress = (t: { rows: number; cols: number }) => `$A$1:$${columnLetter(t.cols - 1)}$${t.rows}`;

/** A cell of a model tab whose content is not what the add-in wrote there. */
export interface UsedCells {
  formulas: Content[][];
  valueTypes?: string[][];
  rowIndex: number;
  columnIndex: number;
}

export interface ChangedCell {
  address: string;
  /** What the cell holds now (range.formulas). */
  current: Content;
  /** What the add-in wrote there ('' for nothing). */
  written: Content;
  /** range.valueTypes of the cell, when read. */
  type?: string;
}

/** Every cell whose content differs from the record: in the used range, and written cells the user cleared. */
export function changedSince(tab: WrittenTab, used: UsedCells | undefined): ChangedCell[] {
  const out: ChangedCell[] = [];
  const seen = new Set<string>();
  used?.formulas.forEach((row, r) =>
    row.forEach((current, c) => {
      const a = address(used.rowIndex + r, used.columnIndex + c);
      seen.add(a);
      const written = tab.cells[a] ?? '';
      if (current === '' && written === '') return;
      if (!sameContent(current, written, used.valueTypes?.[r]?.[c])) out.push({ address: a, current, written, type: used.valueTypes?.[r]?.[c] });
    }),
  );
  for (const [a, written] of Object.entries(tab.cells)) if (!seen.has(a)) out.push({ address: a, current: '', written });
  return out.sort((x, y) => order(x.address) - order(y.address));
}

const order = (a: string) => {
  const { row, col } = parseAddress(a);
  return row * 20_000 + col;
};

/** The row label and the period header of a cell, read from what the add-in wrote (as the user saw it). */
export function cellContext(tab: WrittenTab, a: string): { label: string; period: string } {
  const { row, col } = parseAddress(a);
  // Outside what was written: no row, no period.
  if (row >= tab.rows || col >= tab.cols) return { label: '', period: '' };
  const text = (r: number, c: number) => {
    const v = tab.cells[address(r, c)];
    return v === undefined || (typeof v === 'string' && v.startsWith('=')) ? '' : String(readBack(v)).trim();
  };
  const label = text(row, 0);
  const head = Math.max(0, tab.headerRows - 3);
  const header: string[] = [];
  for (let r = head; r < tab.headerRows && col > 0; r++) {
    // A group header ("Three months ended") spans the columns to its right until the next one.
    let c = col;
    while (r === head && c > 1 && text(r, c) === '') c--;
    if (text(r, c)) header.push(text(r, c));
  }
  return { label, period: header.join(' ') };
}

export interface LayoutChange {
  tab: string;
  axis: 'rows' | 'columns';
  /** Rows or columns added (positive) or removed (negative); 0 when a deletion took the area's edge (#REF!). */
  count: number;
  /** 1-based row number (or column letter) where the tab first differs from what was written. */
  near?: string;
  message: string;
}

/**
 * Rows or columns inserted or deleted inside a model tab since the add-in wrote it: Excel moves the tab's layout
 * name with its cells, so its area no longer matches the record. Rewriting such a tab would put the model's rows
 * over the user's and move every reference into it, so the refresh stops instead.
 */
export function layoutChanges(written: Written, names: Map<string, string>, usedByTab: Map<string, UsedCells | undefined>): LayoutChange[] {
  const out: LayoutChange[] = [];
  for (const t of written.tabs) {
    if (!usedByTab.has(t.name)) continue; // the tab is gone: it is rebuilt
    const now = names.get(layoutName(t.key));
    if (now === undefined) continue;
    const m = /!\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/.exec(now);
    if (!m) {
      out.push(change(t.name, 'rows', 0, undefined, `${t.name}: rows or columns were deleted, among them the first or last of the model's area.`));
      continue;
    }
    // The area always starts at A1 when written; its far corner moves by what was inserted or deleted before it.
    const to = parseAddress(`${m[3]}${m[4]}`);
    const rows = to.row + 1 - t.rows;
    const cols = to.col + 1 - t.cols;
    const used = usedByTab.get(t.name);
    if (rows !== 0) out.push(change(t.name, 'rows', rows, firstDifference(t, used, 'rows'), ''));
    if (cols !== 0) out.push(change(t.name, 'columns', cols, firstDifference(t, used, 'columns'), ''));
  }
  return out;
}

function change(tab: string, axis: 'rows' | 'columns', count: number, near: string | undefined, message: string): LayoutChange {
  const n = Math.abs(count);
  const what = `${n} ${axis === 'rows' ? 'row' : 'column'}${n === 1 ? '' : 's'} ${count > 0 ? 'inserted' : 'deleted'}`;
  return { tab, axis, count, near, message: message || `${tab}: ${what}${near ? ` at ${axis === 'rows' ? 'row' : 'column'} ${near}` : ''}.` };
}

/** Where the tab first stops matching the record, row by row (or column by column). */
function firstDifference(t: WrittenTab, used: UsedCells | undefined, axis: 'rows' | 'columns'): string | undefined {
  if (!used) return undefined;
  const get = (r: number, c: number): Content => used.formulas[r - used.rowIndex]?.[c - used.columnIndex] ?? '';
  const n = axis === 'rows' ? t.rows : t.cols;
  const m = axis === 'rows' ? t.cols : t.rows;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const [r, c] = axis === 'rows' ? [i, j] : [j, i];
      const w = t.cells[address(r, c)] ?? '';
      if (!sameContent(get(r, c), w) && !(get(r, c) === '' && w === '')) return axis === 'rows' ? String(i + 1) : columnLetter(i);
    }
  }
  return undefined;
}

/** What the pane says when the refresh stops for changed layouts. */
export function layoutAdvice(changes: LayoutChange[]): string {
  return (
    `The layout of the model tabs changed since KC Model wrote them, so nothing was refreshed:\n` +
    changes.map((c) => `• ${c.message}`).join('\n') +
    `\nKC Model rewrites its tabs whole; a row or column added inside one would be overwritten or would move the model under your formulas. ` +
    `Undo the change (delete the rows or columns you inserted, or undo the deletion), and keep your own rows on a sheet of your own that refers to the model by name (KC_…). ` +
    `Or delete the tab: it is rebuilt on the next refresh. Then refresh again.`
  );
}
