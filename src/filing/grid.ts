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
  repairs: string[];
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

/** Collects repairs and issues while parsing; ids are stable (r1, r2, ...) in text order of discovery. */
export class Log {
  repairs: Repair[] = [];
  issues: ParseIssue[] = [];
  repair(r: Omit<Repair, 'id'>): Repair {
    const rep = { id: `R${this.repairs.length + 1}`, ...r };
    this.repairs.push(rep);
    return rep;
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
