import { looksNumeric, type CellFormat } from './cells';
import { readCellOnce } from './interned';
import { normLabel, rowSpec, type RowSpec, type TableLayout } from './layout';
import type { Grid, GridCell, GridRow, GridTable, Log } from './grid';
import type { TableId } from './types';

/** A run of non-blank lines. */
export interface Block {
  start: number; // 1-based line number of the first line
  lines: string[];
}

export function blocks(lines: string[]): Block[] {
  const out: Block[] = [];
  let cur: Block | null = null;
  // An indexed loop: it runs once per line of every release.
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i];
    if (text.trim() === '') {
      cur = null;
      continue;
    }
    if (!cur) {
      cur = { start: i + 1, lines: [] };
      out.push(cur);
    }
    cur.lines.push(text);
  }
  return out;
}

const CURRENCY_TOKEN = /^(RMB|US\\?\$|USS)$/;

/**
 * A line of a block split once (`splitLine`), with its label normalised (`normLabel`). Made by one
 * constructor (every line of every release is split): one shape, and no object made only to be taken apart.
 */
class SplitLine {
  constructor(
    readonly label: string,
    /** Read only: the lines of a block are read many times, and lines without cells share one list. */
    readonly cells: readonly string[],
    readonly norm: string,
  ) {}
}

/** The cells of a line that has none: one list, frozen. */
const NO_CELLS: readonly string[] = Object.freeze([]);

/** Splits a table line into its label and value cells (tab-separated, as the release text is), each trimmed. */
function splitLine(text: string): SplitLine {
  // A line without a tab (prose, a title) is all label: not split.
  if (text.indexOf('\t') < 0) {
    const label = text.trim();
    return new SplitLine(label, NO_CELLS, normLabel(label));
  }
  const parts = text.split('\t');
  // The cells copied out at once and trimmed in place (taking the label off the front of the list was slower).
  const cells = parts.slice(1);
  for (let i = 0; i < cells.length; i++) cells[i] = cells[i].trim();
  const label = parts[0].trim();
  return new SplitLine(label, cells, normLabel(label));
}

/** The lines of each block split once: finding the tables and reading them look at the same lines many times. */
const splitBlocks = new WeakMap<Block, SplitLine[]>();
function splitLines(block: Block): SplitLine[] {
  let out = splitBlocks.get(block);
  if (!out || out.length !== block.lines.length) {
    const lines = block.lines;
    out = new Array<SplitLine>(lines.length);
    for (let i = 0; i < lines.length; i++) out[i] = splitLine(lines[i]);
    splitBlocks.set(block, out);
  }
  return out;
}

function dataCells(cells: readonly string[]): string[] {
  return cells.filter((c) => c !== '');
}

/** Whether `dataCells(cells)` has any. */
function anyFigure(cells: readonly string[]): boolean {
  for (let i = 0; i < cells.length; i++) if (cells[i] !== '') return true;
  return false;
}

/** True when a block prints the labels of the layout's rows (the other forms of a table whose labels OCR lost). */
export function hasRowLabels(block: Block, layout: TableLayout): boolean {
  return hasNorm(block, normLabel(layout.rows[layout.rows.length - 1].label));
}

/** Whether a line of the block has the normalised label `norm`. */
function hasNorm(block: Block, norm: string): boolean {
  return anyLineNormed(splitLines(block), norm);
}

/**
 * Whether one of the lines has the normalised label `norm`: an indexed loop (every line of a release is looked at), in
 * a function of its own, so that the engine optimising it does not take in the splitting of a block, done once.
 */
function anyLineNormed(split: SplitLine[], norm: string): boolean {
  for (let i = 0; i < split.length; i++) if (split[i].norm === norm) return true;
  return false;
}

/** The first block after `after` with a line labelled `label`, or -1. */
function firstWithLabel(all: Block[], after: number, label: string): number {
  const norm = normLabel(label);
  for (let i = after + 1; i < all.length; i++) if (hasNorm(all[i], norm)) return i;
  return -1;
}

/**
 * Finds the block of each table, in the release's order. A table is known by its key row (its first total, or
 * its last row); statements must also follow their title. Tables whose labels were lost are the first block after
 * the previous table whose rows begin with figures.
 */
export function locateTables(all: Block[], layouts: TableLayout[], log: Log): Map<TableId, Block> {
  const found = new Map<TableId, Block>();
  let after = -1;
  for (const layout of layouts) {
    let idx: number;
    if (layout.labelsLost) {
      // Rows whose labels were lost in the OCR text, or (any other form of the release) printed with them.
      idx = all.findIndex((b, i) => i > after && (splitLines(b).filter((l) => looksNumeric(l.label)).length >= layout.rows.length || hasRowLabels(b, layout)));
    } else {
      const data = layout.rows.filter((r) => !r.header && !r.optional);
      const key = (data.find((r) => r.key.startsWith('total')) ?? data[data.length - 1]).label;
      idx = firstWithLabel(all, after, key);
      if (idx >= 0 && layout.anchor && !(idx > 0 && layout.anchor.test(all[idx - 1].lines.join(' ')))) {
        log.error(`title of the ${layout.title.toLowerCase()} not found above its table (line ${all[idx].start})`, all[idx].start, layout.id, 'layout.title_missing');
      }
    }
    if (idx < 0) {
      log.error(`table not found: ${layout.title} (the text may be truncated, or it is not a Kingsoft Cloud earnings release)`, undefined, layout.id, 'layout.table_missing');
      continue;
    }
    found.set(layout.id, all[idx]);
    after = idx;
  }
  return found;
}

function makeCells(table: TableId, spec: RowSpec, layout: TableLayout, cells: readonly string[], line: number): GridCell[] {
  const format: CellFormat = spec.format ?? 'thousands';
  const n = layout.columns.length;
  const row = spec.key;
  // Made at its length: a row's cells are stored in place, not pushed (this runs per cell of every release).
  const out = new Array<GridCell>(n);
  for (let col = 0; col < n; col++) {
    const raw = cells[col] ?? '';
    // Figures repeat (columns, releases, a release parsed again): each text is read once.
    const reading = readCellOnce(raw, format);
    // Made with no value, then given its reading's: the value of a cell is set after it is made (as repairs set
    // it), so every cell has the same kind of value and dash from the first one on, figure or not.
    const cell: GridCell = { table, row, col, line, raw, reading, value: undefined, dash: false };
    if (reading.kind === 'number') {
      cell.value = reading.value;
      cell.dash = reading.dash;
    }
    out[col] = cell;
  }
  return out;
}

/**
 * The rows of each layout by normalised label and alias (a printed label is a row's when, normalised, it is the
 * row's label or one of its aliases), their indexes in order: a line's row is
 * found by one lookup instead of comparing it with every row still expected (most lines of a table's headers and
 * titles match none).
 */
const rowsByLabel = new WeakMap<RowSpec[], Map<string, number[]>>();
function firstRowLabelled(specs: RowSpec[], norm: string, from: number): number {
  let index = rowsByLabel.get(specs);
  if (!index) {
    index = new Map();
    for (let k = 0; k < specs.length; k++) {
      for (const label of [specs[k].label, ...(specs[k].aliases ?? [])]) {
        const key = normLabel(label);
        const list = index.get(key);
        if (!list) index.set(key, [k]);
        else if (list[list.length - 1] !== k) list.push(k);
      }
    }
    rowsByLabel.set(specs, index);
  }
  const list = index.get(norm);
  if (list) for (let i = 0; i < list.length; i++) if (list[i] >= from) return list[i];
  return -1;
}

/** Section header labels that print currency units in their cells (the units line merged into the first row). */
function isUnitsLine(cells: readonly string[]): boolean {
  const d = dataCells(cells);
  return d.length > 0 && d.every((c) => CURRENCY_TOKEN.test(c));
}

/** Reads a table whose rows carry labels, matching them in the layout's order. */
export function readLabelledTable(layout: TableLayout, block: Block, log: Log): GridTable {
  const table: GridTable = { layout, rows: new Map(), line: block.start };
  const specs = layout.rows;
  let next = 0;
  let pending: { spec: RowSpec; label: string; line: number; valuesPending: boolean } | null = null;

  const place = (spec: RowSpec, label: string, line: number, cells: readonly string[]) => {
    const row: GridRow = { spec, label, line, cells: makeCells(layout.id, spec, layout, cells, line) };
    table.rows.set(spec.key, row);
  };

  // Header lines come before the first row that the layout knows (or, for tables without legible headers,
  // before the first labelled row).
  let started = false;
  const split = splitLines(block);
  for (let i = 0; i < block.lines.length; i++) {
    const lineNo = block.start + i;
    const text = block.lines[i];
    const { label, cells, norm } = split[i];
    // Most lines only ask whether they hold figures: the list of them is made where it is read.
    const hasFigures = anyFigure(cells);

    if (pending) {
      if (pending.valuesPending && label === '' && hasFigures) {
        // The row's figures were printed on the line below its label.
        log.repair({
          kind: 'wrapped_label',
          line: lineNo,
          table: layout.id,
          rowLabel: pending.label,
          column: '(all)',
          read: `label on line ${pending.line}, figures on line ${lineNo}`,
          repaired: `one row "${pending.label}"`,
          identity: 'row placed where the layout expects it; its figures are proven by the table\'s subtotal checks',
        });
        place(pending.spec, pending.label, lineNo, cells);
        pending = null;
        continue;
      }
      if (!pending.valuesPending) {
        const joined = `${pending.label} ${label}`;
        if (normLabel(joined) === normLabel(pending.spec.label)) {
          if (pending.spec.header) {
            pending = null; // a section header wrapped over two lines: no figures to place
            continue;
          }
          log.repair({
            kind: 'wrapped_label',
            line: lineNo,
            table: layout.id,
            rowLabel: joined,
            column: '(all)',
            read: `"${pending.label}" (line ${pending.line}) + "${label}" (line ${lineNo})`,
            repaired: `"${joined}"`,
            identity: 'label wrapped over two lines; joined it matches the layout\'s row',
          });
          place(pending.spec, joined, lineNo, cells);
          pending = null;
          continue;
        }
        if (normLabel(pending.spec.label).startsWith(normLabel(joined))) {
          pending.label = joined;
          continue;
        }
      }
      log.error(`row "${pending.label}" (line ${pending.line}) has no figures`, pending.line, layout.id, 'layout.row_empty');
      pending = null;
    }

    // Find the row among the expected ones (from `next` on).
    const j = firstRowLabelled(specs, norm, next);
    if (j < 0) {
      if (!started || norm === '') {
        if (started && hasFigures) log.error(`row without a label at line ${lineNo}: "${text.trim()}"`, lineNo, layout.id, 'layout.row_unlabelled');
        continue; // header lines
      }
      const prefix = specs.findIndex((s, k) => k >= next && norm.length > 3 && normLabel(s.label).startsWith(norm));
      if (prefix >= 0) {
        const figures = dataCells(cells);
        const garbage = figures.filter((c) => !looksNumeric(c));
        if (garbage.length > 0) droppedRow(log, lineNo, layout.id, label, figures, 'marks that are not figures, on the first line of a label wrapped over two lines');
        pending = { spec: specs[prefix], label, line: lineNo, valuesPending: false };
        next = prefix + 1;
        continue;
      }
      const figures = dataCells(cells);
      if (figures.length > 0 && figures.length <= layout.columns.length && figures.every((c) => looksNumeric(c))) {
        // A line the layout does not know (a line added in a later release): kept as printed, reported as new, and
        // a part of the subtotal that closes its block (identities.ts).
        const known = [...table.rows.values()].filter((r) => !r.spec.asReported);
        const spec = rowSpec({ key: `new:${slug(label)}`, label: label.trim(), asReported: true, after: known[known.length - 1]?.spec.key, format: figures.every((c) => /%$/.test(c)) ? 'percent' : undefined });
        if (!table.rows.has(spec.key)) {
          log.warn(`new row at line ${lineNo}: "${label.trim()}" is not a row of the ${layout.title.toLowerCase()} this version knows; kept as printed and checked within its block's subtotal`, lineNo, layout.id, 'layout.row_new');
          place(spec, label.trim(), lineNo, cells);
          continue;
        }
      }
      log.error(`unrecognised row at line ${lineNo}: "${label}"`, lineNo, layout.id, 'layout.row_unknown');
      continue;
    }
    started = true;
    // Data rows skipped between `next` and `j` are missing.
    for (let k = next; k < j; k++) {
      if (!specs[k].header && !specs[k].optional) log.error(`row missing: "${specs[k].label}" (expected before line ${lineNo})`, lineNo, layout.id, 'layout.row_missing');
    }
    const spec = specs[j];
    next = j + 1;
    if (spec.header) {
      if (hasFigures && !isUnitsLine(cells)) {
        const figures = dataCells(cells);
        const nearest = resembles(figures, table);
        droppedRow(
          log,
          lineNo,
          layout.id,
          label,
          figures,
          `a section header carries no figures in the release's layout` +
            (nearest ? `; the cells are an OCR copy of "${nearest.label}" (line ${nearest.line})` : '') +
            '; the totals of the rows below are checked without them',
        );
      }
      continue;
    }
    if (!hasFigures) {
      pending = { spec, label, line: lineNo, valuesPending: true };
      continue;
    }
    place(spec, label, lineNo, cells);
  }
  if (pending) log.error(`row "${pending.label}" (line ${pending.line}) has no figures`, pending.line, layout.id, 'layout.row_empty');
  for (let k = next; k < specs.length; k++) {
    if (!specs[k].header && !specs[k].optional) log.error(`row missing: "${specs[k].label}" (table ends at line ${block.start + block.lines.length - 1})`, block.start + block.lines.length - 1, layout.id, 'layout.row_missing');
  }
  return table;
}

/** A row key from a printed label: lower case, words joined by underscores. */
/** A line's marks dropped as not figures of the table, logged as a repair with the reason (`identity`). */
function droppedRow(log: Log, line: number, table: TableId, rowLabel: string, figures: string[], identity: string): void {
  log.repair({ kind: 'garbage_row', line, table, rowLabel, column: '(all)', read: figures.join(' '), repaired: '(dropped)', identity });
}

function slug(label: string): string {
  return normLabel(label).replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}

/** Finds the row already read whose figures the garbage cells most resemble, digit by digit. */
function resembles(figures: string[], table: GridTable): GridRow | undefined {
  const digits = (s: string) => s.replace(/[^0-9]/g, '');
  let best: { row: GridRow; score: number } | undefined;
  for (const row of table.rows.values()) {
    let score = 0;
    row.cells.forEach((c, i) => {
      const a = digits(c.raw);
      const b = digits(figures[i] ?? '');
      if (a.length === 0 || a.length !== b.length) return;
      for (let k = 0; k < a.length; k++) if (a[k] === b[k]) score++;
    });
    if (!best || score > best.score) best = { row, score };
  }
  return best && best.score >= 6 ? best.row : undefined;
}

/** Reads a table whose rows lost their labels: rows are kept in printed order; identities name them later. */
export function readUnlabelledTable(layout: TableLayout, block: Block, log: Log): { table: GridTable; rows: { line: number; cells: string[] }[] } {
  const table: GridTable = { layout, rows: new Map(), line: block.start };
  const rows: { line: number; cells: string[] }[] = [];
  block.lines.forEach((text, i) => {
    const lineNo = block.start + i;
    const parts = text.split('\t').map((c) => c.trim());
    if (parts.length > 0 && looksNumeric(parts[0])) {
      rows.push({ line: lineNo, cells: parts.filter((c) => c !== '') });
    } else if (rows.length > 0) {
      log.repair({
        kind: 'garbage_row',
        line: lineNo,
        table: layout.id,
        rowLabel: '(none)',
        column: '(all)',
        read: text.trim().slice(0, 80) + (text.trim().length > 80 ? '…' : ''),
        repaired: '(dropped)',
        identity: 'fragments of the column headers repeated after the last row; no figure of its own',
      });
    }
  });
  return { table, rows };
}

export function placeRow(table: GridTable, spec: RowSpec, label: string, line: number, cells: string[]): GridRow {
  const row: GridRow = { spec, label, line, cells: makeCells(table.layout.id, spec, table.layout, cells, line) };
  table.rows.set(spec.key, row);
  return row;
}

export type { Grid };
