import Decimal from 'decimal.js';
import { formatThousands } from './cells';
import type { Grid, GridCell, GridRow, GridTable, Log } from './grid';
import { evaluate, type Identity } from './identities';
import type { CheckResult, Repair } from './types';
import { sameValue } from './same-value';

/**
 * Repairs OCR defects that the identities prove, and only those. A cell is repaired when its text shows a known
 * OCR signature (dots for commas, a smeared dash, two figures in one cell, a figure repeating its neighbour's) AND
 * an accounting identity holds with the repaired value. Everything else is left for the checks to report.
 */

function describe(res: CheckResult): string {
  const where = `${res.period}${res.currency ? ' ' + res.currency : ''}`;
  return `${res.id} [${where}]: ${res.name} — reported ${res.expected.toString()}, computed ${res.actual.toDecimalPlaces(4).toString()}`;
}

/** Exact identities prove more than rounding-tolerant ones: try them first. */
function strength(id: Identity): number {
  return id.tolerance.isZero() ? 0 : id.kind === 'usd' ? 2 : 1;
}

export class Repairer {
  /**
   * The identities of each cell, strongest first, found when a cell is first asked about: a clean release asks
   * about a handful of cells, so indexing every cell of every identity up front was most of the repairer's time.
   */
  private byCell = new Map<GridCell, Identity[]>();

  constructor(
    private grid: Grid,
    private identities: Identity[],
    private log: Log,
  ) {}

  private identitiesOf(c: GridCell): Identity[] {
    let list = this.byCell.get(c);
    if (list) return list;
    list = [];
    const ids = this.identities;
    for (let i = 0; i < ids.length; i++) {
      const cells = ids[i].cells;
      for (let k = 0; k < cells.length; k++) if (cells[k] === c) list.push(ids[i]);
    }
    if (list.length > 1) list.sort((a, b) => strength(a) - strength(b));
    this.byCell.set(c, list);
    return list;
  }

  /** The identities of several cells found by one pass over the identities (the same lists as `identitiesOf`). */
  private prefetch(cells: Set<GridCell>): void {
    for (const c of cells) if (this.byCell.has(c)) cells.delete(c);
    if (cells.size === 0) return;
    const lists = new Map<GridCell, Identity[]>();
    for (const c of cells) lists.set(c, []);
    identitiesTouching(this.identities, lists);
    for (const [c, list] of lists) {
      if (list.length > 1) list.sort((a, b) => strength(a) - strength(b));
      this.byCell.set(c, list);
    }
  }

  /**
   * Logs a repair read at `c`'s line, under the row and column of `labelled` (the cell a shifted figure moved to),
   * and marks both cells repaired by it.
   */
  private record(kind: Repair['kind'], c: GridCell, labelled: GridCell, read: string, repaired: string, identity: string): void {
    const rep = this.log.repair({ kind, line: c.line, table: c.table, ...this.label(labelled), read, repaired, identity });
    if (labelled !== c) this.log.repairCell(labelled, rep.id);
    this.log.repairCell(c, rep.id);
  }

  private label(c: GridCell): { rowLabel: string; column: string } {
    const t = this.grid.get(c.table)!;
    return { rowLabel: t.rows.get(c.row)!.label, column: t.layout.columns[c.col].header };
  }

  /** The first identity (strongest first) that can be evaluated with `value` in the cell and holds. */
  private prove(c: GridCell, value: Decimal): CheckResult | undefined {
    for (const id of this.identitiesOf(c)) {
      const res = evaluate(this.grid, id, { ref: c, value });
      if (res?.pass) return res;
    }
    return undefined;
  }

  run(): void {
    // Two figures in a cell and suspect figures are rare (a clean release has none): one look at every cell's
    // reading tells whether the steps that repair them have anything to look at; the same look finds the cells that
    // repeat a neighbour, found again only if those steps ran (they change figures).
    const tables = this.tablesInOrder();
    let scan = scanCells(tables);
    if (scan.twoNumbers) this.shiftedFigures();
    if (scan.suspect) this.signatureDefects();
    if (scan.twoNumbers || scan.suspect) scan = scanCells(tables);
    this.repeatedNeighbours(tables, scan.repeating);
  }

  /** Each table's rows, in the grid's order. */
  private tablesInOrder(): GridRow[][] {
    const tables: GridRow[][] = [];
    for (const t of this.grid.values()) tables.push([...t.rows.values()]);
    return tables;
  }

  /** A cell holding two figures while the same column of the row above is empty: the first figure slid down. */
  private shiftedFigures(): void {
    for (const t of this.grid.values()) {
      const rows = [...t.rows.values()];
      for (let i = 1; i < rows.length; i++) {
        const cells = rows[i].cells;
        for (let k = 0; k < cells.length; k++) {
          const c = cells[k];
          if (c.reading.kind !== 'two_numbers') continue;
          const above = rows[i - 1].cells[c.col];
          if (above.reading.kind !== 'empty') continue;
          const first = c.reading.value;
          const second = c.reading.second;
          const p1 = this.prove(above, first);
          const p2 = this.prove(c, second);
          if (!p1 || !p2) continue;
          above.value = first;
          c.value = second;
          this.record(
            'shifted_usd',
            c,
            above,
            `"${c.raw}" on line ${c.line} ("${rows[i].label}"); "${above.raw}" on line ${above.line}`,
            `${formatThousands(first)} moved up to "${rows[i - 1].label}"; ${formatThousands(second)} stays`,
            `${describe(p1)}; ${describe(p2)}`,
          );
        }
      }
    }
  }

  /** Dots for commas and smeared dashes: repaired once an identity holds with the candidate value. */
  private signatureDefects(): void {
    let progress = true;
    while (progress) {
      progress = false;
      for (const t of this.grid.values()) for (const row of t.rows.values()) for (let k = 0; k < row.cells.length; k++) {
        const c = row.cells[k];
        if (c.value || c.reading.kind !== 'suspect') continue;
        const proof = this.prove(c, c.reading.value);
        if (!proof) continue;
        c.value = c.reading.value;
        c.dash = c.reading.defect === 'dash_misread';
        this.record(c.reading.defect, c, c, c.raw, formatThousands(c.value), describe(proof));
        progress = true;
      }
    }
  }

  /**
   * The neighbour (the row above first, then the one below) whose figure a cell's figure repeats, if any. `scanCells`
   * writes the same rule out to find the cells `repeatedNeighbours` asks: a change here is a change there.
   */
  private repeats(c: GridCell, rows: GridRow[], i: number): GridCell | undefined {
    if (!c.value || c.dash || c.value.isZero()) return undefined;
    const above = i > 0 ? rows[i - 1].cells[c.col] : undefined;
    const below = i + 1 < rows.length ? rows[i + 1].cells[c.col] : undefined;
    return above?.value && sameValue(above.value, c.value) ? above : below?.value && sameValue(below.value, c.value) ? below : undefined;
  }

  /**
   * A well-formed figure that repeats the one above or below it in the same column, where every identity it
   * takes part in fails: OCR copied the neighbour's figure. Repaired when the exact identities agree on one value
   * and every identity of the cell holds with it.
   */
  private repeatedNeighbours(tables: GridRow[][], repeating: number[]): void {
    // The cells that repeat a neighbour now (table, row, column, in the grid's order): their identities are looked
    // up together (a repair below can make another cell one; it is looked up alone).
    const cells = new Set<GridCell>();
    for (let f = 0; f < repeating.length; f += 3) cells.add(tables[repeating[f]][repeating[f + 1]].cells[repeating[f + 2]]);
    this.prefetch(cells);
    // Until a cell is repaired, a cell repeats a neighbour exactly when it did above, so only those are asked; after
    // one, every cell that follows it is asked again.
    for (let f = 0; f < repeating.length; f += 3) {
      const t = repeating[f];
      const i = repeating[f + 1];
      const k = repeating[f + 2];
      if (this.repairCopied(tables[t], i, k)) {
        this.askFrom(tables, t, i, k + 1);
        return;
      }
    }
  }

  /** Every cell from (table t, row i, column k) on, in the grid's order, asked whether it copied a neighbour. */
  private askFrom(tables: GridRow[][], t: number, i: number, k: number): void {
    for (; t < tables.length; t++, i = 0) {
      const rows = tables[t];
      for (; i < rows.length; i++, k = 0) {
        for (; k < rows[i].cells.length; k++) this.repairCopied(rows, i, k);
      }
    }
  }

  /** Repairs cell k of row i if it copied a neighbour's figure (see `repeatedNeighbours`); true when it did. */
  private repairCopied(rows: GridRow[], i: number, k: number): boolean {
    const c = rows[i].cells[k];
    const copied = this.repeats(c, rows, i);
    if (!copied) return false;
    const ids = this.identitiesOf(c);
    if (ids.length === 0 || ids.some((id) => evaluate(this.grid, id)?.pass ?? true)) return false;
    const solved = new Set<string>();
    for (const id of ids) {
      if (!id.tolerance.isZero() || id.divisor) continue;
      solved.add(solve(this.grid, id, c)?.toString() ?? 'none');
    }
    if (solved.size !== 1 || solved.has('none')) return false;
    const value = new Decimal([...solved][0]);
    const after = ids.map((id) => evaluate(this.grid, id, { ref: c, value }));
    if (after.some((r) => !r?.pass)) return false;
    const exact = after.filter((r) => r!.tolerance.isZero());
    if (exact.length < 2) return false; // one identity could be satisfied by any figure; two pin it down
    const read = c.raw;
    c.value = value;
    this.record('misread_digits', c, c, read, formatThousands(value), `the cell repeats "${this.label(copied).rowLabel}" (line ${copied.line}); ` + after.map((r) => describe(r!)).join('; '));
    return true;
  }
}

/**
 * Appends each identity to the list of every cell of `lists` it touches, in order. A function of its own: the loop
 * runs over every cell of every identity, and the engine optimises a hot loop with the function around it.
 */
function identitiesTouching(ids: Identity[], lists: Map<GridCell, Identity[]>): void {
  for (let i = 0; i < ids.length; i++) {
    const touched = ids[i].cells;
    for (let k = 0; k < touched.length; k++) lists.get(touched[k])?.push(ids[i]);
  }
}

/** What one look at every cell finds: whether any holds two figures or a suspect one, and the cells that repeat a neighbour. */
interface CellScan {
  twoNumbers: boolean;
  suspect: boolean;
  /** (table, row, column) of each cell whose figure repeats the one above or below it, in the grid's order. */
  repeating: number[];
}

function scanCells(tables: GridRow[][]): CellScan {
  let twoNumbers = false;
  let suspect = false;
  const repeating: number[] = [];
  // Indexed loops with the neighbour comparison of `repeats` written out (the two must say the same: only the cells
  // found here are asked until a repair): this visits every cell of every release.
  for (let t = 0; t < tables.length; t++) {
    const rows = tables[t];
    for (let i = 0; i < rows.length; i++) {
      const cells = rows[i].cells;
      for (let k = 0; k < cells.length; k++) {
        const c = cells[k];
        const kind = c.reading.kind;
        if (kind === 'two_numbers') twoNumbers = true;
        else if (kind === 'suspect') suspect = true;
        const v = c.value;
        if (!v || c.dash) continue;
        if ((i > 0 && equalFigure(rows[i - 1].cells[c.col]?.value, v)) || (i + 1 < rows.length && equalFigure(rows[i + 1].cells[c.col]?.value, v))) {
          if (!v.isZero()) repeating.push(t, i, k);
        }
      }
    }
  }
  return { twoNumbers, suspect, repeating };
}

/**
 * `sameValue(a, v)` for a figure `v` that is not zero, told apart first by exponent and sign, which equal figures share
 * (most neighbours differ there, and an interned figure is its own repeat). For a zero `v` it may differ (+0 and −0):
 * `scanCells` asks before it looks whether `v` is zero, and keeps no zero.
 */
function equalFigure(a: Decimal | undefined, v: Decimal): boolean {
  // `a` is told from undefined first: the identity comparison then only ever sees figures (optimised code compiled
  // for figures deoptimised on an empty neighbour).
  return a !== undefined && (a === v || (a.e === v.e && a.s === v.s && sameValue(a, v)));
}

/** Solves a linear identity for one of its cells, the others being known. */
function solve(grid: Grid, id: Identity, c: GridCell): Decimal | undefined {
  const res = evaluate(grid, id);
  if (!res) return undefined;
  // A cell is its own reference: the identity's cells are the grid's.
  const cells = id.cells;
  if (cells[0] === c) return res.actual;
  let term = -1;
  for (let k = 1; k <= id.coefs.length && term < 0; k++) if (cells[k] === c) term = k - 1;
  if (term < 0) return undefined;
  const coef = id.coefs[term];
  return c.value!.add(res.expected.sub(res.actual).div(coef));
}

export function tableOf(grid: Grid, c: GridCell): GridTable {
  return grid.get(c.table)!;
}
