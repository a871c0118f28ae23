import type Decimal from 'decimal.js';
import type { CellReading } from './cells';
import type { ColumnSpec, RowSpec, TableLayout } from './layout';
import type { ParseIssue, Repair, TableId } from './types';

/** One cell of a table as read, and its value once known (read cleanly or repaired by proof). */
export interface GridCell {
  table: TableId;
  row: string;
  col: number;
  line: number;
  raw: string;
  reading: CellReading;
  /** Known value; undefined while the cell is suspect or unreadable. */
  value?: Decimal;
  dash: boolean;
}

export interface GridRow {
  spec: RowSpec;
  /** Label as printed (wrapped lines joined), or the label identified for a row whose label was lost. */
  label: string;
  line: number;
  cells: GridCell[];
}

export interface GridTable {
  layout: TableLayout;
  rows: Map<string, GridRow>;
  /** Line of the table's title (or first header line). */
  line: number;
}

export type Grid = Map<TableId, GridTable>;

/**
 * The repairs of a figure no repair touched: one list for all of them, frozen (nothing writes to a fact's provenance;
 * a copy per fact was most of what the facts of a table allocate, and nearly every figure has none). The lists of
 * repaired cells are frozen too (`Log.repairCell`), so that every provenance holds a list of one kind.
 */
export const NO_REPAIRS: readonly string[] = Object.freeze([]);

/** Collects repairs and issues while parsing; ids are stable (r1, r2, ...) in text order of discovery. */
export class Log {
  repairs: Repair[] = [];
  issues: ParseIssue[] = [];
  /**
   * The ids of the repairs made to each cell a repair touched, in order (a few cells of a release, if any: kept here
   * rather than a list on every cell). Each list is frozen and replaced when a repair is added, so a fact keeps its
   * cell's list as it is, and the cells no repair touched share one empty list.
   */
  private readonly cellRepairs = new Map<GridCell, readonly string[]>();
  repair(r: Omit<Repair, 'id'>): Repair {
    const rep = { id: `R${this.repairs.length + 1}`, ...r };
    this.repairs.push(rep);
    return rep;
  }
  /** Records that the repair `id` changed the cell `c`. */
  repairCell(c: GridCell, id: string): void {
    this.cellRepairs.set(c, Object.freeze([...(this.cellRepairs.get(c) ?? NO_REPAIRS), id]));
  }
  /** The ids of the repairs made to the cell, in order. */
  repairsOf(c: GridCell): readonly string[] {
    return this.cellRepairs.get(c) ?? NO_REPAIRS;
  }
  error(message: string, line?: number, table?: TableId, code?: string): void {
    this.issues.push({ severity: 'error', code: code ?? defaultCode(table), message, line, table });
  }
  warn(message: string, line?: number, table?: TableId, code?: string): void {
    this.issues.push({ severity: 'warning', code: code ?? defaultCode(table), message, line, table });
  }
}

/** The code of an issue raised without one: the prose reader's only issue is a statement it cannot find. */
function defaultCode(table?: TableId): string {
  return table === 'prose' ? 'prose.statement_missing' : 'parse.other';
}

export function cellOf(grid: Grid, table: TableId, row: string, col: number): GridCell | undefined {
  return grid.get(table)?.rows.get(row)?.cells[col];
}

export function columnLabel(col: ColumnSpec): string {
  return col.header;
}
