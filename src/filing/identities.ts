import Decimal from 'decimal.js';
import type { Grid, GridCell, GridRow } from './grid';
import type { ColumnSpec, TableLayout } from './layout';
import type { CheckResult, Currency, TableId } from './types';
import { absAtMost, oppositeValue, sameValue } from './same-value';
import { BoundedMemo } from './bounded-memo';
import { openingDate, periodOfId, previousQuarter, quarter } from './periods';

/**
 * The accounting identities of the release's tables. Each says: reported cell = Σ coef × part cells
 * (optionally divided by Σ divisor cells, for margins and EPS), within a stated tolerance. The parser uses them to
 * prove OCR repairs and to reject a text that does not add up; the model lists them among its checks.
 */

export interface CellRef {
  table: TableId;
  row: string;
  col: number;
}

export interface Term {
  ref: CellRef;
  coef: Decimal;
}

export interface Identity {
  id: string;
  name: string;
  kind: 'subtotal' | 'balance' | 'reconciliation' | 'halfyear' | 'usd' | 'cashflow' | 'margin' | 'eps' | 'shares';
  period: string;
  currency: Currency | null;
  /**
   * The grid cells of [reported, ...parts, ...divisor], resolved once; a cell is its own reference (it carries its
   * table, row and column).
   */
  cells: GridCell[];
  /** One coefficient per part (cells[1..]); one list shared by every column of a row and by identities alike. */
  coefs: readonly Decimal[];
  /** For ratios: actual = Σ parts / Σ divisor × scale; one coefficient per divisor cell (after the parts'). */
  divisor: readonly Decimal[] | undefined;
  scale: Decimal | undefined;
  tolerance: Decimal;
  toleranceRule: string;
}

const ONE = new Decimal(1);
const MINUS = new Decimal(-1);
const HALF = new Decimal('0.5');
const ZERO = new Decimal(0);
const EPSILON = new Decimal('1e-12');
const HALVES = Array.from({ length: 12 }, (_, n) => HALF.mul(n));
// Tolerances and scales shared by every identity that states them (Decimals are immutable).
const MARGIN_TOLERANCE = new Decimal('0.0005');
const EPS_TOLERANCE = new Decimal('0.005');
const EPS_SCALE = new Decimal(1000);
const CASH_USD_TOLERANCE = new Decimal('1.5');
const inverse = new Map<string, Decimal>();

type RowTerm = string | [string, number] | [TableId, string, number];

interface Ctx {
  grid: Grid;
  layouts: Map<TableId, TableLayout>;
  rate: Decimal;
  out: Identity[];
  /** `rate.toString()`, printed in every US$ identity's name. */
  rateText: string;
  /**
   * [1 / rate]: the coefficients of every US$ identity (the quotient computed once per rate: Decimal division is the
   * costliest operation here).
   */
  perRmbPart: readonly Decimal[];
  /** Column indexes of each table, and matching columns across tables, worked out once per release. */
  cols: Map<TableId, number[]>;
  sameCols: ColumnMatches;
  /** For each column of a ratio's table, the column of another table it reads (see `ratioColumns`), by the two tables. */
  ratioCols: ColumnMatches;
  halfYears: Map<TableId, [number, number, number][]>;
  usdCols: Map<TableId, [number, number][]>;
  asReported: Map<TableId, GridRow[]>;
}

function colsOf(ctx: Ctx, table: TableId): number[] {
  let cols = ctx.cols.get(table);
  if (!cols) {
    // Pushed one by one: a packed array, as every other list of columns here.
    cols = [];
    const n = ctx.layouts.get(table)?.columns.length ?? 0;
    for (let i = 0; i < n; i++) cols.push(i);
    ctx.cols.set(table, cols);
  }
  return cols;
}

/** A table's columns matched to another table's: for each column of the first, the matching column of the second (−1: none). */
type ColumnMatches = Map<TableId, Map<TableId, number[]>>;

/**
 * For each column of `from`, the first column of `table` that `matches` it (−1: none), worked out once per release
 * and pair of tables in `cache` (the identities of a table read the same few tables, column by column).
 */
function matchingColumns(ctx: Ctx, cache: ColumnMatches, from: TableId, table: TableId, matches: (k: ColumnSpec, c: ColumnSpec) => boolean): number[] {
  let byTable = cache.get(from);
  if (!byTable) cache.set(from, (byTable = new Map()));
  let cols = byTable.get(table);
  if (!cols) {
    const other = ctx.layouts.get(table)?.columns;
    cols = ctx.layouts.get(from)!.columns.map((c) => other?.findIndex((k) => matches(k, c)) ?? -1);
    byTable.set(table, cols);
  }
  return cols;
}

const samePeriodAndCurrency = (k: ColumnSpec, c: ColumnSpec): boolean => k.period === c.period && k.currency === c.currency;
/** A ratio's column may state no currency: RMB. */
const samePeriodAndRatioCurrency = (k: ColumnSpec, c: ColumnSpec): boolean => k.period === c.period && (k.currency ?? 'RMB') === (c.currency ?? 'RMB');

/** For each column of `from`, the column of `table` with the same period and currency (−1: none). */
function sameColumns(ctx: Ctx, from: TableId, table: TableId): number[] {
  return matchingColumns(ctx, ctx.sameCols, from, table, samePeriodAndCurrency);
}

/**
 * A coefficient's Decimal, one per number. Identities built with the ONE and MINUS constants are told apart by
 * `evaluate` (added, negated); a coefficient from here, −1 included, is multiplied.
 */
const coefficients = new Map<number, Decimal>();
function coefOf(n: number): Decimal {
  let c = coefficients.get(n);
  if (!c) coefficients.set(n, (c = new Decimal(n)));
  return c;
}
/** The coefficient −1 of a part subtracted in a subtotal (not the MINUS of a reconciliation: see `evaluate`). */
const MINUS_ONE = coefOf(-1);

/**
 * Texts made from two others (an identity's id from its table and row, a name from its label), made once and shared
 * by every column and every release: each is kept in every identity and check result, so a text joined per column or
 * per release would be kept that many times over. Bounded (the labels and rates of releases yet to come are not).
 */
class TextsByPair {
  private readonly table = new BoundedMemo<string, BoundedMemo<string, string>>(2_000);

  get(a: string, b: string): string | undefined {
    return this.table.get(a)?.get(b);
  }

  keep(a: string, b: string, text: string): string {
    return this.of(a).keep(b, text);
  }

  /** The texts of one first key, by the second (for callers that ask about many with one first key). */
  of(a: string): BoundedMemo<string, string> {
    // Bounded on both keys: the rows of one table (`new:` rows included) and the labels of one rate grow with releases.
    return this.table.get(a) ?? this.table.keep(a, new BoundedMemo<string, string>(2_000));
  }
}

/** `table.row`: the id of a row's subtotal and of its margin. */
const ROW_IDS = new TextsByPair();
/** `table.row.usd`, by table and row. */
const USD_IDS = new TextsByPair();
/** A row's US$ translation name, by rate and label. */
const USD_NAMES = new TextsByPair();
/** `table.row.halfyear`, by table and row. */
const HALFYEAR_IDS = new TextsByPair();
/** `table.row=other.otherRow`, by the ids of its two rows (made once, not once per release). */
const SAME_IDS = new TextsByPair();
/** A row's six-month name, by label. */
const HALFYEAR_NAMES = new BoundedMemo<string, string>(2_000);

function cellAt(grid: Grid, r: CellRef): GridCell | undefined {
  return r.col < 0 ? undefined : grid.get(r.table)?.rows.get(r.row)?.cells[r.col];
}

/** An identity as the builders of the rarer kinds state it, by references: `push` resolves them to cells. */
interface IdentitySpec {
  id: string;
  name: string;
  kind: Identity['kind'];
  reported: CellRef;
  parts: Term[];
  divisor?: Term[];
  scale?: Decimal;
  tolerance: Decimal;
  toleranceRule: string;
}

function push(ctx: Ctx, spec: IdentitySpec): void {
  const grid = ctx.grid;
  const reported = cellAt(grid, spec.reported);
  if (!reported) return; // a missing row is reported by the table reader
  const cells: GridCell[] = [reported];
  const coefs: Decimal[] = [];
  let cell: GridCell | undefined;
  for (let i = 0; i < spec.parts.length; i++) {
    if (!(cell = cellAt(grid, spec.parts[i].ref))) return;
    cells.push(cell);
    coefs.push(spec.parts[i].coef);
  }
  let divisor: Decimal[] | undefined;
  if (spec.divisor) {
    divisor = [];
    for (let i = 0; i < spec.divisor.length; i++) {
      if (!(cell = cellAt(grid, spec.divisor[i].ref))) return;
      cells.push(cell);
      divisor.push(spec.divisor[i].coef);
    }
  }
  const column = ctx.layouts.get(reported.table)!.columns[reported.col];
  pushResolved(ctx, spec.id, spec.name, spec.kind, column, cells, coefs, divisor, spec.scale, spec.tolerance, spec.toleranceRule);
}

/**
 * Coefficient lists shared by every identity of their form (read only: one list serves many identities): one part
 * added, two parts added, one part with the opposite sign (a reconciliation to a figure printed negated).
 */
const ONE_PART: readonly Decimal[] = [ONE];
const TWO_PARTS: readonly Decimal[] = [ONE, ONE];
const MINUS_PART: readonly Decimal[] = [MINUS];

/**
 * An identity whose cells [reported, ...parts, ...divisor] the caller found (all known), in `column` of the reported
 * cell's table.
 */
function pushResolved(
  ctx: Ctx,
  id: string,
  name: string,
  kind: Identity['kind'],
  column: ColumnSpec,
  cells: GridCell[],
  coefs: readonly Decimal[],
  divisor: readonly Decimal[] | undefined,
  scale: Decimal | undefined,
  tolerance: Decimal,
  toleranceRule: string,
): void {
  // One shape for every identity, written out field by field (a spread of the callers' varied shapes was the costliest
  // step of building the identities; completing them in place gave each kind its own shape, and `evaluate`, which
  // reads them all, a polymorphic read of each field).
  ctx.out.push({
    id,
    name,
    kind,
    period: column.period,
    currency: column.currency,
    cells,
    coefs,
    divisor,
    scale,
    tolerance,
    toleranceRule,
  });
}

/** The cells of a row; undefined when the table or the row is missing. */
function rowCells(ctx: Ctx, table: TableId, row: string): GridCell[] | undefined {
  return ctx.grid.get(table)?.rows.get(row)?.cells;
}

/** The tolerance of a subtotal in a column of `currency`, of `parts` printed parts. */
function exactOrUsd(currency: Currency | null, parts: number): { tolerance: Decimal; toleranceRule: string } {
  if (currency !== 'USD') return EXACT;
  // The release foots its US$ columns: each US$ total is the sum of its printed US$ parts (every one of the Q2 2024
  // release's US$ subtotals adds exactly, while 16 of its US$ figures are up to 1.4 thousand off RMB / rate), so a
  // US$ figure changed by one thousand is caught.
  return (FOOTING_RULES[parts] ??= { tolerance: ZERO, toleranceRule: `exact: the release's US$ column foots (its printed US$ parts, ${parts} figures, add up to the printed total)` });
}

const EXACT = { tolerance: ZERO, toleranceRule: 'exact' };
/** The tolerance and rule of a US$ total of `n` printed parts, made once per n. */
const FOOTING_RULES: { tolerance: Decimal; toleranceRule: string }[] = [];

/**
 * Subtotals that close a block of rows, per table: a row the layout does not know (kept as printed) is a part of
 * the first of these that follows it in the layout before a section header.
 */
const BLOCK_TOTALS: Partial<Record<TableId, string[]>> = {
  balance_sheet: ['total_current_assets', 'total_noncurrent_assets', 'total_assets', 'total_current_liabilities', 'total_noncurrent_liabilities', 'total_liabilities', 'total_kc_equity', 'total_equity', 'total_liabilities_equity'],
  income_statement: ['total_revenues', 'gross_profit', 'total_operating_expenses', 'operating_loss', 'loss_before_income_taxes', 'net_loss', 'net_loss_attributable', 'comprehensive_loss', 'comprehensive_loss_attributable'],
  gross_profit_reconciliation: ['adj_gross_profit'],
  ebitda_reconciliation: ['adj_net_loss', 'adj_ebitda', 'normalized_adj_ebitda', 'adj_operating_income'],
  cash_flow: ['net_change_cash', 'cash_end'],
};

/** Rows of a table kept as printed (not in the layout) whose block `total` closes. */
function newRowsOf(ctx: Ctx, table: TableId, total: string): string[] {
  const rows = asReportedRows(ctx, table);
  const layout = ctx.layouts.get(table);
  const totals = BLOCK_TOTALS[table] ?? [];
  if (rows.length === 0 || !layout) return [];
  const out: string[] = [];
  for (const row of rows) {
    const from = row.spec.after ? layout.rows.findIndex((r) => r.key === row.spec.after) + 1 : 0;
    for (let k = from; k < layout.rows.length; k++) {
      const r = layout.rows[k];
      if (r.header && k > from) break;
      if (totals.includes(r.key)) {
        if (r.key === total) out.push(row.spec.key);
        break;
      }
    }
  }
  return out;
}

/** The rows of a table kept as printed, in amounts (most tables have none), listed once per table. */
function asReportedRows(ctx: Ctx, table: TableId): GridRow[] {
  let rows = ctx.asReported.get(table);
  if (!rows) {
    rows = [];
    for (const row of ctx.grid.get(table)?.rows.values() ?? []) {
      if (row.spec.asReported && !(row.spec.format && row.spec.format !== 'thousands')) rows.push(row);
    }
    ctx.asReported.set(table, rows);
  }
  return rows;
}

/** total = Σ parts within one table, for every column. */
/** Returns the number of rows kept as printed that the total closes (added to its parts). */
function sum(ctx: Ctx, table: TableId, total: string, name: string, parts: RowTerm[], kind: Identity['kind'] = 'subtotal', ownId?: string): number {
  const added = kind === 'balance' ? [] : newRowsOf(ctx, table, total);
  if (added.length > 0) {
    parts = [...parts, ...added];
    name = `${name} + ${added.map((k) => `"${ctx.grid.get(table)!.rows.get(k)!.label}" (new row)`).join(' + ')}`;
  }
  const id = ownId ?? ROW_IDS.get(table, total) ?? ROW_IDS.keep(table, total, `${table}.${total}`);
  const totalCells = rowCells(ctx, table, total);
  if (!totalCells) return added.length; // a missing row is reported by the table reader
  // Each part's row, the columns of its table matching this one's when it is in another, and its coefficient, looked
  // up once for every column (the cells of a column are then read by index); the coefficients serve every column's
  // identity.
  const n = parts.length;
  const partCells: (GridCell[] | undefined)[] = [];
  const partCols: (number[] | undefined)[] = [];
  const coefs: Decimal[] = [];
  for (let k = 0; k < n; k++) {
    const p = parts[k];
    if (typeof p === 'string') {
      partCells.push(rowCells(ctx, table, p));
      partCols.push(undefined);
      coefs.push(ONE);
    } else if (p.length === 2) {
      partCells.push(rowCells(ctx, table, p[0]));
      partCols.push(undefined);
      coefs.push(coefOf(p[1]));
    } else {
      partCells.push(rowCells(ctx, p[0], p[1]));
      partCols.push(sameColumns(ctx, table, p[0]));
      coefs.push(coefOf(p[2]));
    }
  }
  sumColumns(ctx, table, id, name, kind, totalCells, partCells, partCols, coefs);
  return added.length;
}

/**
 * The identities of a subtotal, one per column of its table with every cell known: the loop over the columns on its
 * own (the lookups that precede it run once per subtotal; a function with both was compiled whole once hot).
 */
function sumColumns(
  ctx: Ctx,
  table: TableId,
  id: string,
  name: string,
  kind: Identity['kind'],
  totalCells: GridCell[],
  partCells: (GridCell[] | undefined)[],
  partCols: (number[] | undefined)[],
  coefs: Decimal[],
): void {
  const cols = colsOf(ctx, table);
  const columns = ctx.layouts.get(table)!.columns;
  const n = coefs.length;
  // A column's cells are gathered here, then copied at their number: one array of the right size per identity. (Made
  // holding its first cell, so that it is an array of objects from the start: an empty one changes its kind on the
  // first store, which optimised code compiled for the changed kind deoptimises on.)
  let found: GridCell[] | undefined;
  next: for (let c = 0; c < cols.length; c++) {
    const col = cols[c];
    const reported = totalCells[col];
    if (!reported) continue;
    if (found) found[0] = reported;
    else found = [reported];
    for (let k = 0; k < n; k++) {
      const matching = partCols[k];
      const partCol = matching === undefined ? col : matching[col];
      const cell = partCol < 0 ? undefined : partCells[k]?.[partCol];
      if (!cell) continue next;
      found[k + 1] = cell;
    }
    const column = columns[col];
    const { tolerance, toleranceRule } = exactOrUsd(column.currency, n);
    pushResolved(ctx, id, name, kind, column, found.slice(0, n + 1), coefs, undefined, undefined, tolerance, toleranceRule);
  }
}

/** A row of one table equals (sign ×) a row of another, column by column. */
function same(ctx: Ctx, table: TableId, row: string, other: TableId, otherRow: string, sign: 1 | -1, name: string): void {
  const left = ROW_IDS.get(table, row) ?? ROW_IDS.keep(table, row, `${table}.${row}`);
  const right = ROW_IDS.get(other, otherRow) ?? ROW_IDS.keep(other, otherRow, `${other}.${otherRow}`);
  const id = SAME_IDS.get(left, right) ?? SAME_IDS.keep(left, right, `${left}=${right}`);
  const cols = colsOf(ctx, table);
  const own = rowCells(ctx, table, row);
  const theirs = rowCells(ctx, other, otherRow);
  if (!own || !theirs) return; // a missing row is reported by the table reader
  const columns = ctx.layouts.get(table)!.columns;
  const otherCols = sameColumns(ctx, table, other);
  for (let c = 0; c < cols.length; c++) {
    const col = cols[c];
    const otherCol = otherCols[col];
    const reported = own[col];
    const part = otherCol < 0 ? undefined : theirs[otherCol];
    if (!reported || !part) continue;
    pushResolved(ctx, id, name, 'reconciliation', columns[col], [reported, part], sign === 1 ? ONE_PART : MINUS_PART, undefined, undefined, ZERO, 'exact');
  }
}

/** The six-month columns of a table, with its two quarters' columns: [six months, first quarter, second quarter]. */
function halfYearColumns(ctx: Ctx, table: TableId): [number, number, number][] {
  let found = ctx.halfYears.get(table);
  if (found) return found;
  found = [];
  const cols = ctx.layouts.get(table)!.columns;
  cols.forEach((c, col) => {
    const h = periodOfId(c.period);
    if (h?.kind !== 'half' || h.index !== 1 || c.currency === 'USD') return;
    const first = quarter(1, h.year).id;
    const second = quarter(2, h.year).id;
    const q1 = cols.findIndex((k) => k.period === first && k.currency === c.currency);
    const q2 = cols.findIndex((k) => k.period === second && k.currency === c.currency);
    if (q1 < 0 || q2 < 0) return;
    found!.push([col, q1, q2]);
  });
  ctx.halfYears.set(table, found);
  return found;
}

/**
 * The six-month identities of a table's amount rows. What every row shares (the columns, the ids of the table's rows)
 * is looked up once per table, and each row is the grid's own (its cells read from it, not looked up by key again).
 */
function halfYears(ctx: Ctx, table: TableId): void {
  const rows = ctx.grid.get(table)?.rows;
  if (!rows) return;
  const halves = halfYearColumns(ctx, table);
  if (halves.length === 0) return;
  const columns = ctx.layouts.get(table)!.columns;
  const ids = HALFYEAR_IDS.of(table);
  for (const row of rows.values()) {
    if (row.spec.format && row.spec.format !== 'thousands') continue;
    halfYear(ctx, table, row, halves, columns, ids);
  }
}

/** The six-month column equals the two quarters (RMB; the release gives no US$ for the first quarter). */
function halfYear(ctx: Ctx, table: TableId, gridRow: GridRow, halves: [number, number, number][], columns: ColumnSpec[], ids: BoundedMemo<string, string>): void {
  const row = gridRow.spec.key;
  const label = gridRow.spec.label;
  const cells = gridRow.cells;
  const id = ids.get(row) ?? ids.keep(row, `${table}.${row}.halfyear`);
  const name = HALFYEAR_NAMES.get(label) ?? HALFYEAR_NAMES.keep(label, `${label}: six months = first quarter + second quarter`);
  for (let h = 0; h < halves.length; h++) {
    const half = halves[h]; // read by index: no iterator per row and column
    const col = half[0];
    const reported = cells[col];
    const first = cells[half[1]];
    const second = cells[half[2]];
    if (!reported || !first || !second) continue;
    pushResolved(ctx, id, name, 'halfyear', columns[col], [reported, first, second], TWO_PARTS, undefined, undefined, ZERO, 'exact');
  }
}

/** The US$ columns of a table, with the RMB column of the same period: [US$, RMB]. */
function usdColumns(ctx: Ctx, table: TableId): [number, number][] {
  let found = ctx.usdCols.get(table);
  if (found) return found;
  found = [];
  const cols = ctx.layouts.get(table)!.columns;
  cols.forEach((c, col) => {
    if (c.currency !== 'USD') return;
    found!.push([col, cols.findIndex((k) => k.period === c.period && k.currency === 'RMB')]);
  });
  ctx.usdCols.set(table, found);
  return found;
}

const SUBTOTAL_RULES: string[] = [];
/** The tolerance rule of a US$ subtotal of `n` printed figures. */
function subtotalRule(n: number): string {
  return (SUBTOTAL_RULES[n] ??= `US$ subtotal printed as the sum of rounded parts: ½ per printed figure (${n} figures)`);
}

/**
 * The US$ identities of a table's amount rows (`subtotals`: the number of parts of each subtotal row). What every row
 * shares (the columns, the ids of the table's rows, the names at this rate) is looked up once per table, and each row
 * is the grid's own (its cells read from it, not looked up by key again).
 */
function usdTranslations(ctx: Ctx, table: TableId, subtotals: Map<string, number> | undefined): void {
  const rows = ctx.grid.get(table)?.rows;
  if (!rows) return;
  const pairs = usdColumns(ctx, table);
  if (pairs.length === 0) return;
  const columns = ctx.layouts.get(table)!.columns;
  const ids = USD_IDS.of(table);
  const names = USD_NAMES.of(ctx.rateText);
  for (const row of rows.values()) {
    if (row.spec.format && row.spec.format !== 'thousands') continue;
    usd(ctx, table, row, subtotals?.get(row.spec.key) ?? 0, pairs, columns, ids, names);
  }
}

/** The US$ column is the RMB column at the convenience rate, rounded to the thousand. */
function usd(
  ctx: Ctx,
  table: TableId,
  gridRow: GridRow,
  subtotalParts: number,
  pairs: [number, number][],
  columns: ColumnSpec[],
  ids: BoundedMemo<string, string>,
  names: BoundedMemo<string, string>,
): void {
  const row = gridRow.spec.key;
  const label = gridRow.spec.label;
  const id = ids.get(row) ?? ids.keep(row, `${table}.${row}.usd`);
  const name = names.get(label) ?? names.keep(label, `${label}: US$ = RMB / ${ctx.rateText}`);
  const tolerance = subtotalParts > 0 ? (HALVES[subtotalParts + 1] ?? HALF.mul(subtotalParts + 1)) : ONE;
  const toleranceRule = subtotalParts > 0 ? subtotalRule(subtotalParts + 1) : 'translated from unrounded RMB and rounded to the thousand: 1';
  const cells = gridRow.cells;
  for (let p = 0; p < pairs.length; p++) {
    const col = pairs[p][0];
    const rmb = pairs[p][1];
    const reported = cells[col];
    const part = rmb < 0 ? undefined : cells[rmb];
    if (!reported || !part) continue;
    pushResolved(ctx, id, name, 'usd', columns[col], [reported, part], ctx.perRmbPart, undefined, undefined, tolerance, toleranceRule);
  }
}

function ratio(ctx: Ctx, table: TableId, row: string, name: string, num: [TableId, string], den: [TableId, string]): void {
  const cols = colsOf(ctx, table);
  const own = rowCells(ctx, table, row);
  const nums = rowCells(ctx, num[0], num[1]);
  const dens = rowCells(ctx, den[0], den[1]);
  if (!own || !nums || !dens) return; // a missing row is reported by the table reader
  const columns = ctx.layouts.get(table)!.columns;
  const id = ROW_IDS.get(table, row) ?? ROW_IDS.keep(table, row, `${table}.${row}`);
  const numCols = ratioColumns(ctx, table, num[0]);
  const denCols = ratioColumns(ctx, table, den[0]);
  for (let i = 0; i < cols.length; i++) {
    const col = cols[i];
    const c = columns[col];
    const numCol = numCols[col];
    const denCol = denCols[col];
    const reported = own[col];
    const part = numCol < 0 ? undefined : nums[numCol];
    const divisor = denCol < 0 ? undefined : dens[denCol];
    if (!reported || !part || !divisor) continue;
    pushResolved(ctx, id, name, 'margin', c, [reported, part, divisor], ONE_PART, ONE_PART, undefined, MARGIN_TOLERANCE, 'printed to 0.1%: ½ of the last printed digit');
  }
}

/** For each column of the ratio's table `from`, the column of `table` with its period and currency (−1: none). */
function ratioColumns(ctx: Ctx, from: TableId, table: TableId): number[] {
  return matchingColumns(ctx, ctx.ratioCols, from, table, samePeriodAndRatioCurrency);
}

export function buildIdentities(grid: Grid, layouts: TableLayout[], rate: Decimal): Identity[] {
  const rateText = rate.toString();
  let perRmb = inverse.get(rateText);
  if (!perRmb) {
    perRmb = ONE.div(rate);
    inverse.set(rateText, perRmb);
  }
  const ctx: Ctx = {
    grid,
    layouts: new Map(layouts.map((l) => [l.id, l])),
    rate,
    out: [],
    rateText,
    perRmbPart: [perRmb],
    cols: new Map(),
    sameCols: new Map(),
    ratioCols: new Map(),
    halfYears: new Map(),
    usdCols: new Map(),
    asReported: new Map(),
  };
  const subtotals = new Map<TableId, Map<string, number>>(); // table -> row -> number of parts, for US$ tolerances
  const S = (table: TableId, total: string, name: string, parts: RowTerm[], kind?: Identity['kind']) => {
    const added = sum(ctx, table, total, name, parts, kind);
    let ofTable = subtotals.get(table);
    if (!ofTable) subtotals.set(table, (ofTable = new Map()));
    ofTable.set(total, parts.length + added);
  };

  // Balance sheet
  const BS: TableId = 'balance_sheet';
  S(BS, 'total_current_assets', 'Total current assets = sum of current assets', ['cash', 'restricted_cash', 'accounts_receivable', 'prepayments_current', 'due_from_related_current']);
  S(BS, 'total_noncurrent_assets', 'Total non-current assets = sum of non-current assets', ['property_equipment', 'intangible_assets', 'goodwill', 'prepayments_noncurrent', 'equity_investments', 'due_from_related_noncurrent', 'operating_lease_rou']);
  S(BS, 'total_assets', 'Total assets = current + non-current assets', ['total_current_assets', 'total_noncurrent_assets']);
  S(BS, 'total_current_liabilities', 'Total current liabilities = sum of current liabilities', ['accounts_payable', 'accrued_expenses', 'short_term_loans', 'income_tax_payable', 'due_to_related_current', 'operating_lease_liab_current']);
  S(BS, 'total_noncurrent_liabilities', 'Total non-current liabilities = sum of non-current liabilities', ['long_term_loans', 'due_to_related_noncurrent', 'deferred_tax_liabilities', 'other_liabilities', 'operating_lease_liab_noncurrent']);
  S(BS, 'total_liabilities', 'Total liabilities = current + non-current liabilities', ['total_current_liabilities', 'total_noncurrent_liabilities']);
  S(BS, 'total_kc_equity', "Total Kingsoft Cloud shareholders' equity = sum of equity lines", ['ordinary_shares', 'treasury_stock', 'additional_paid_in_capital', 'statutory_reserves', 'accumulated_deficit', 'aoci']);
  S(BS, 'total_equity', "Total equity = Kingsoft Cloud shareholders' equity + non-controlling interests", ['total_kc_equity', 'noncontrolling_interests']);
  S(BS, 'total_liabilities_equity', 'Total liabilities and equity = total liabilities + total equity', ['total_liabilities', 'total_equity']);
  sum(ctx, BS, 'total_assets', 'Balance sheet balances: total assets = total liabilities and equity', ['total_liabilities_equity'], 'balance', 'balance_sheet.balances');

  // Statements of comprehensive loss
  const IS: TableId = 'income_statement';
  S(IS, 'total_revenues', 'Total revenues = public cloud + enterprise cloud + others', ['public_cloud_revenue', 'enterprise_cloud_revenue', 'other_revenue']);
  S(IS, 'gross_profit', 'Gross profit = total revenues + cost of revenues', ['total_revenues', 'cost_of_revenues']);
  S(IS, 'total_operating_expenses', 'Total operating expenses = S&M + G&A + R&D + impairment', ['selling_marketing', 'general_admin', 'research_development', 'impairment_long_lived_assets']);
  S(IS, 'operating_loss', 'Operating loss = gross profit + total operating expenses', ['gross_profit', 'total_operating_expenses']);
  S(IS, 'loss_before_income_taxes', 'Loss before income taxes = operating loss + non-operating lines', ['operating_loss', 'interest_income', 'interest_expense', 'fx_loss', 'other_loss_net', 'other_income_expense_net']);
  S(IS, 'net_loss', 'Net loss = loss before income taxes + income tax', ['loss_before_income_taxes', 'income_tax']);
  S(IS, 'net_loss_attributable', 'Net loss attributable = net loss - non-controlling interests', ['net_loss', ['net_loss_nci', -1]]);
  S(IS, 'comprehensive_loss', 'Comprehensive loss = net loss + foreign currency translation adjustments', ['net_loss', 'fx_translation_adjustments']);
  S(IS, 'comprehensive_loss_attributable', 'Comprehensive loss attributable = comprehensive loss - non-controlling interests', ['comprehensive_loss', ['comprehensive_loss_nci', -1]]);
  for (const col of colsOf(ctx, IS)) {
    push(ctx, {
      id: 'income_statement.eps_basic_diluted',
      name: 'EPS = net loss attributable / weighted shares',
      kind: 'eps',
      reported: { table: IS, row: 'eps_basic_diluted', col },
      parts: [{ ref: { table: IS, row: 'net_loss_attributable', col }, coef: ONE }],
      divisor: [{ ref: { table: IS, row: 'weighted_shares', col }, coef: ONE }],
      scale: EPS_SCALE,
      tolerance: EPS_TOLERANCE,
      toleranceRule: 'printed to the cent: ½ cent',
    });
    const c = ctx.layouts.get(IS)!.columns[col];
    if (c.currency === 'USD') {
      const rmb = ctx.layouts.get(IS)!.columns.findIndex((k) => k.period === c.period && k.currency === 'RMB');
      push(ctx, {
        id: 'income_statement.weighted_shares.usd',
        name: 'Weighted shares are the same in the US$ column',
        kind: 'shares',
        reported: { table: IS, row: 'weighted_shares', col },
        parts: [{ ref: { table: IS, row: 'weighted_shares', col: rmb }, coef: ONE }],
        tolerance: ZERO,
        toleranceRule: 'exact',
      });
    }
  }

  // Reconciliations
  const GP: TableId = 'gross_profit_reconciliation';
  same(ctx, GP, 'gross_profit', IS, 'gross_profit', 1, 'Reconciliation starts from the income statement gross profit');
  S(GP, 'adj_gross_profit', 'Adjusted gross profit = gross profit + SBC in cost of revenues', ['gross_profit', 'sbc_cost_of_revenues'], 'reconciliation');
  const EB: TableId = 'ebitda_reconciliation';
  same(ctx, EB, 'net_loss', IS, 'net_loss', 1, 'Reconciliation starts from the income statement net loss');
  same(ctx, EB, 'fx_loss_addback', IS, 'fx_loss', -1, 'Foreign exchange loss added back = - income statement FX loss');
  same(ctx, EB, 'impairment_addback', IS, 'impairment_long_lived_assets', -1, 'Impairment added back = - income statement impairment');
  same(ctx, EB, 'interest_income_adjustment', IS, 'interest_income', -1, 'Interest income taken out = - income statement interest income');
  same(ctx, EB, 'interest_expense_addback', IS, 'interest_expense', -1, 'Interest expense added back = - income statement interest expense');
  same(ctx, EB, 'income_tax_addback', IS, 'income_tax', -1, 'Income tax expense (benefit) added back = - income statement income tax');
  S(EB, 'adj_net_loss', 'Adjusted net loss = net loss + SBC + FX loss + impairment', ['net_loss', 'sbc', 'fx_loss_addback', 'impairment_addback'], 'reconciliation');
  S(EB, 'adj_ebitda', 'Adjusted EBITDA = adjusted net loss - interest income + interest expense + income tax + D&A', ['adj_net_loss', 'interest_income_adjustment', 'interest_expense_addback', 'income_tax_addback', 'depreciation_amortization'], 'reconciliation');
  S(EB, 'normalized_adj_ebitda', 'Normalized adjusted EBITDA = adjusted EBITDA + loss (gain) on disposal', ['adj_ebitda', 'disposal_loss_gain'], 'reconciliation');
  // Non-GAAP operating profit (loss), printed from the Q4 2024 release: operating loss excluding share-based
  // compensation, impairment of long-lived assets and amortization of intangible assets (rows present or not).
  same(ctx, EB, 'operating_loss_start', IS, 'operating_loss', 1, 'Non-GAAP operating reconciliation starts from the income statement operating loss');
  same(ctx, EB, 'sbc_operating', EB, 'sbc', 1, 'Share-based compensation added back to operating loss = the one added back to net loss');
  same(ctx, EB, 'impairment_operating', IS, 'impairment_long_lived_assets', -1, 'Impairment added back to operating loss = - income statement impairment');
  S(EB, 'adj_operating_income', 'Non-GAAP operating profit (loss) = operating loss + SBC + impairment + amortization of intangible assets',
    ['operating_loss_start', 'sbc_operating', 'impairment_operating', ...(ctx.grid.get(EB)?.rows.has('amortization_intangibles') ? ['amortization_intangibles'] : [])], 'reconciliation');

  // Margins as printed vs recomputed
  const rev: [TableId, string] = [IS, 'total_revenues'];
  ratio(ctx, 'gross_margin_table', 'gross_margin', 'Gross margin = gross profit / total revenues', [IS, 'gross_profit'], rev);
  ratio(ctx, 'gross_margin_table', 'adj_gross_margin', 'Adjusted gross margin = adjusted gross profit / total revenues', [GP, 'adj_gross_profit'], rev);
  ratio(ctx, 'net_margin_table', 'net_loss_margin', 'Net loss margin = net loss / total revenues', [IS, 'net_loss'], rev);
  ratio(ctx, 'net_margin_table', 'adj_net_loss_margin', 'Adjusted net loss margin = adjusted net loss / total revenues', [EB, 'adj_net_loss'], rev);
  ratio(ctx, 'net_margin_table', 'adj_ebitda_margin', 'Adjusted EBITDA margin = adjusted EBITDA / total revenues', [EB, 'adj_ebitda'], rev);
  ratio(ctx, 'net_margin_table', 'adj_operating_margin', 'Non-GAAP operating profit (loss) margin = non-GAAP operating profit (loss) / total revenues', [EB, 'adj_operating_income'], rev);
  ratio(ctx, 'net_margin_table', 'normalized_adj_ebitda_margin', 'Normalized adjusted EBITDA margin = normalized adjusted EBITDA / total revenues', [EB, 'normalized_adj_ebitda'], rev);

  // Cash flow
  const CF: TableId = 'cash_flow';
  S(CF, 'net_change_cash', 'Net change in cash = operating + investing + financing + FX effect', ['cfo', 'cfi', 'cff', 'fx_effect_cash'], 'cashflow');
  S(CF, 'cash_end', 'Cash at end = cash at beginning + net change', ['cash_begin', 'net_change_cash'], 'cashflow');
  const cfCols = ctx.layouts.get(CF)?.columns ?? [];
  cfCols.forEach((c, col) => {
    const q = periodOfId(c.period);
    if (q?.kind !== 'quarter' || c.currency !== 'RMB') return;
    const prev = previousQuarter(q)!.id;
    const p = cfCols.findIndex((k) => k.period === prev && k.currency === 'RMB');
    if (p < 0) return;
    push(ctx, {
      id: 'cash_flow.cash_begin.rollforward',
      name: "Cash at beginning of the quarter = previous quarter's cash at end",
      kind: 'cashflow',
      reported: { table: CF, row: 'cash_begin', col },
      parts: [{ ref: { table: CF, row: 'cash_end', col: p }, coef: ONE }],
      tolerance: ZERO,
      toleranceRule: 'exact',
    });
  });
  // Tie to the balance sheet: cash + restricted cash at a date = the cash-flow balance at that date.
  const bsCols = ctx.layouts.get(BS)?.columns ?? [];
  // Each cash-flow column's quarter end and the eve of its start, worked out once (not once per balance-sheet column).
  const quarters = cfCols.map((c) => {
    const p = periodOfId(c.period);
    return p?.kind === 'quarter' ? p : undefined;
  });
  const ends = quarters.map((q) => q?.end);
  const eves = quarters.map((q) => q && openingDate(q));
  bsCols.forEach((b, bcol) => {
    cfCols.forEach((c, col) => {
      if (c.currency !== b.currency) return;
      const row = ends[col] === b.period ? 'cash_end' : eves[col] === b.period ? 'cash_begin' : null;
      if (!row) return;
      const ending = row === 'cash_end';
      push(ctx, {
        id: ending ? 'cash_flow.cash_end.balance_sheet' : 'cash_flow.cash_begin.balance_sheet',
        name: ending ? 'Cash-flow ending balance = balance-sheet cash + restricted cash' : 'Cash-flow beginning balance = balance-sheet cash + restricted cash',
        kind: 'cashflow',
        reported: { table: CF, row, col },
        parts: [
          { ref: { table: BS, row: 'cash', col: bcol }, coef: ONE },
          { ref: { table: BS, row: 'restricted_cash', col: bcol }, coef: ONE },
        ],
        ...(c.currency === 'USD'
          ? { tolerance: CASH_USD_TOLERANCE, toleranceRule: 'US$ rounding: ½ per printed figure (3 figures)' }
          : { tolerance: ZERO, toleranceRule: 'exact' }),
      });
    });
  });

  // Six months = the two quarters, and US$ = RMB / rate, for every amount row.
  for (const table of [IS, GP, EB] as TableId[]) halfYears(ctx, table);
  for (const table of [BS, IS, GP, EB, CF] as TableId[]) usdTranslations(ctx, table, subtotals.get(table));
  return ctx.out;
}

/** Value of a cell if known. */
export function valueOf(grid: Grid, ref: CellRef): Decimal | undefined {
  return grid.get(ref.table)?.rows.get(ref.row)?.cells[ref.col]?.value;
}

/** A tolerance widened by EPSILON: made once per tolerance, not per evaluation. */
const slacks = new WeakMap<Decimal, Decimal>();
/** The tolerance last asked about and its slack: identities are evaluated in runs of one kind, sharing a tolerance. */
let lastTolerance: Decimal | undefined;
let lastSlack: Decimal | undefined;
function slackOf(tolerance: Decimal): Decimal {
  if (tolerance === lastTolerance) return lastSlack!;
  let slack = slacks.get(tolerance);
  if (!slack) slacks.set(tolerance, (slack = tolerance.add(EPSILON)));
  lastTolerance = tolerance;
  lastSlack = slack;
  return slack;
}

const EXACT_SLACK = slackOf(ZERO);

/**
 * ZERO.add(v), the first term of a sum: v itself when that is what the addition gives (v not zero, and rounded to the
 * precision already: a product is, a figure of at most 14 digits needs no rounding), so that the common case makes
 * no copy.
 */
function firstTerm(v: Decimal, product: boolean): Decimal {
  // `d[0] !== 0` is `!isZero()` without the call (a product not finite, no digits, is not zero).
  const d = v.d;
  return (product || d.length <= 2) && (d === null || d[0] !== 0) ? v : ZERO.add(v);
}

/**
 * ZERO.add(v.neg()), the first term of a sum when it is subtracted: for a figure of at most 14 digits (no rounding),
 * its negation — the reported figure itself when that is what it is (an identity that holds: no copy), else a
 * negated copy; for a longer one ZERO − v, the same steps as ZERO + (−v).
 */
function firstNegated(v: Decimal, reported: Decimal): Decimal {
  if (v.d.length > 2) return ZERO.sub(v);
  return oppositeValue(reported, v) ? reported : v.neg();
}

/**
 * Quotients already worked out, by divisor and numerator: a release prints each margin for several periods and the
 * next releases print the same figures again — the same objects, a cell's text being read once (interned.ts) — so
 * most margins repeat a division, decimal.js's costliest operation. The same operands give the same figure (the
 * precision and rounding are decimal.js's defaults throughout), and a figure is immutable: one serves every repeat.
 */
const QUOTIENTS = new BoundedMemo<Decimal, BoundedMemo<Decimal, Decimal>>(2_000);
function quotientOf(numerator: Decimal, divisor: Decimal): Decimal {
  const byNumerator = QUOTIENTS.get(divisor) ?? QUOTIENTS.keep(divisor, new BoundedMemo<Decimal, Decimal>(2_000));
  return byNumerator.get(numerator) ?? byNumerator.keep(numerator, numerator.div(divisor));
}

/**
 * A margin's printed figure less its quotient, by quotient: a repeated margin (see QUOTIENTS) is the same printed
 * figure over the same quotient object, whose difference the last evaluation of it made.
 */
const DIFFERENCES = new BoundedMemo<Decimal, Difference>(2_000);
function differenceOf(expected: Decimal, actual: Decimal): Decimal {
  const last = DIFFERENCES.get(actual);
  if (last !== undefined && last.expected === expected) return last.difference;
  return DIFFERENCES.keep(actual, new Difference(expected, expected.sub(actual))).difference;
}

/** A printed figure and its difference from a quotient (a constructor: these are kept, see IdentityCheck). */
class Difference {
  constructor(
    readonly expected: Decimal,
    readonly difference: Decimal,
  ) {}
}

/**
 * Whether `b`, a finite figure equal to `a` (sameValue), is made of the same digits, exponent and sign as `a`: then
 * the computed figure is kept as the reported one, one object fewer kept per identity that holds. decimal.js states
 * a finite figure one way (digit words without leading or trailing zero words, the exponent they imply, its sign),
 * so equal figures other than zero have the same state; a zero is [0] with exponent 0 and either sign. Figures are
 * immutable and nothing tells them apart by identity (the first term of a sum is already the part's own figure).
 */
function sameState(a: Decimal, b: Decimal): boolean {
  return a.d !== null && b.d !== null && (a.d[0] !== 0 || a.s === b.s);
}

/**
 * The override of an evaluation that tries no value, of an override's shape: the override's cell and value are read
 * on every evaluation, so optimised code compiled before the repairs try a value has seen the reads (no
 * deoptimisation then).
 */
const NO_OVERRIDE: { ref: GridCell | undefined; value: Decimal | undefined } = { ref: undefined, value: undefined };

/**
 * Evaluates an identity; undefined when a cell it needs is not known. `override` tries a value in one cell: the grid
 * cell itself, found among the identity's cells by identity (a reference built anew would match none).
 */
export function evaluate(_grid: Grid, id: Identity, override?: { ref: GridCell; value: Decimal }): CheckResult | undefined {
  const cells = id.cells;
  const tried = override ?? NO_OVERRIDE;
  const at = tried.ref;
  const value = tried.value;
  const expected = cells[0] === at ? value : cells[0].value;
  if (!expected) return undefined;
  let actual = ZERO;
  let started = false; // a figure that is not zero has been added
  const coefs = id.coefs;
  const n = coefs.length;
  for (let i = 0; i < n; i++) {
    const v = cells[i + 1] === at ? value : cells[i + 1].value;
    if (!v) return undefined;
    // A zero figure (a dash) adds nothing, whatever its coefficient: x + 0 is x, and a sum of zeros is +0 (ZERO)
    // whatever their signs.
    if (v.d[0] === 0) continue;
    const coef = coefs[i];
    if (coef === ONE) {
      actual = started ? actual.add(v) : firstTerm(v, false);
    } else if (coef === MINUS || (coef === MINUS_ONE && v.d.length <= 2)) {
      // x + (−v) is decimal.js's x − v, step for step, with no negated copy made first; a product by −1 of a figure
      // of at most 14 digits is its negation (nothing to round).
      actual = started ? actual.sub(v) : firstNegated(v, expected);
    } else {
      const product = v.mul(coef);
      actual = started ? actual.add(product) : firstTerm(product, true);
    }
    started = true;
  }
  const divisor = id.divisor;
  if (divisor) {
    const ratio = ratioOf(id, divisor, n, actual, at, value);
    if (!ratio) return undefined;
    actual = ratio;
  }
  // An identity that holds exactly differs by zero: decimal.js's x − y of equal figures (zeros of either sign
  // included) is +0 (ZERO) under every rounding mode but ROUND_FLOOR, which gives −0 — the parser runs with the
  // default rounding — made here without the subtraction (most identities hold exactly).
  let difference = ZERO;
  if (!sameValue(expected, actual)) difference = divisor && !id.scale ? differenceOf(expected, actual) : expected.sub(actual);
  else if (actual !== expected && sameState(expected, actual)) actual = expected;
  // |difference| <= tolerance + EPSILON; a difference of zero is within any tolerance (none is negative), and an exact
  // identity's slack is known.
  const pass = difference === ZERO || absAtMost(difference, id.tolerance === ZERO ? EXACT_SLACK : slackOf(id.tolerance));
  return new IdentityCheck(id, expected, actual, difference, pass, cells[0].line);
}

/**
 * A ratio's figure: `numerator` (the sum of its parts) over the sum of its divisor cells, times its scale; undefined
 * when a divisor cell is not known or the divisor is zero. Apart from `evaluate`, which most identities (no divisor)
 * run through: the code compiled for that loop need not hold the ratios' steps.
 */
function ratioOf(id: Identity, divisor: readonly Decimal[], n: number, numerator: Decimal, at: GridCell | undefined, value: Decimal | undefined): Decimal | undefined {
  const cells = id.cells;
  let d = ZERO;
  for (let i = 0; i < divisor.length; i++) {
    const v = cells[n + 1 + i] === at ? value : cells[n + 1 + i].value;
    if (!v) return undefined;
    const coef = divisor[i];
    // A coefficient of one multiplies nothing: the figure is its own product (it has fewer digits than the precision).
    d = coef === ONE ? (i === 0 ? firstTerm(v, false) : d.add(v)) : d.add(v.mul(coef));
  }
  if (d.isZero()) return undefined;
  const quotient = quotientOf(numerator, d);
  // The quotient is rounded to the precision already: a scale of one (margins) would change nothing.
  return id.scale ? quotient.mul(id.scale) : quotient;
}

// A check result's fields, declared for the class below by the interface of its name (one list, not two).
interface IdentityCheck extends CheckResult {}
/**
 * An identity's check result. Made by a constructor, not an object literal: the results outlive the parse (the model
 * keeps them), and V8 moves a literal whose objects survive to old-space allocation, discarding the optimised code of
 * `evaluate` that allocated it from the young generation (a constructor has no such per-site decision).
 */
class IdentityCheck implements CheckResult {
  constructor(identity: Identity, expected: Decimal, actual: Decimal, difference: Decimal, pass: boolean, line: number) {
    this.id = identity.id;
    this.name = identity.name;
    this.kind = identity.kind;
    this.period = identity.period;
    this.currency = identity.currency;
    this.expected = expected;
    this.actual = actual;
    this.difference = difference;
    this.tolerance = identity.tolerance;
    this.toleranceRule = identity.toleranceRule;
    this.pass = pass;
    this.line = line;
  }
}
