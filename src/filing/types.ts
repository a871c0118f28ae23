import type Decimal from 'decimal.js';

/** Currency of a figure as the release presents it. Share counts, ratios and the FX rate have none. */
export type Currency = 'RMB' | 'USD';

/** Tables of the release, in the order they appear. */
export type TableId =
  | 'balance_sheet'
  | 'income_statement'
  | 'gross_profit_reconciliation'
  | 'gross_margin_table'
  | 'ebitda_reconciliation'
  | 'net_margin_table'
  | 'cash_flow'
  | 'prose';

/**
 * Unit of a fact's value:
 * - `thousands`: money in thousands, as the tables present it (prose millions are converted to thousands);
 * - `ratio`: a fraction (16.8% -> 0.168);
 * - `per_share`: currency units per share;
 * - `shares`: a count of shares or ADSs;
 * - `rate`: RMB per US$.
 */
export type FactUnit = 'thousands' | 'ratio' | 'per_share' | 'shares' | 'rate';

/** A repair of one OCR defect, and the identity that proves it. */
export interface Repair {
  id: string;
  kind:
    | 'thousands_dot'
    | 'garbage_row'
    | 'shifted_usd'
    | 'dash_misread'
    | 'lost_labels'
    | 'wrapped_label'
    | 'misread_digits'
    /** A copy's reader (copied-text.ts): a footnote marker flattened into a US$ figure, "16. 1%". */
    | 'footnote_flattened'
    | 'split_percent';
  line: number;
  table: TableId;
  rowLabel: string;
  column: string;
  /** What the OCR text reads (verbatim cell text, or the whole line for a dropped row). */
  read: string;
  /** What the cell became (or `(dropped)`). */
  repaired: string;
  /** The accounting identity that proves the repair, with its figures. */
  identity: string;
}

/** Where a figure comes from. */
export interface Provenance {
  /** 1-based line number in the release text. */
  line: number;
  table: TableId;
  /** The row label as printed (after joining wrapped lines), or the prose sentence's subject. */
  rowLabel: string;
  /** The column header as printed, e.g. "Three Months Ended Jun 30, 2024 RMB". */
  column: string;
  /** The cell text as read, before any repair. */
  raw: string;
  /** Ids of the repairs applied to this cell (read only: the facts with none share one empty list). */
  repairs: readonly string[];
}

export interface Fact {
  table: TableId;
  /** Stable key of the row within its table (e.g. `fx_loss_addback`). */
  row: string;
  /** Catalogue metric id when the row is that metric with the catalogue's sign convention. */
  metric?: string;
  /** Canonical period: `Q2-2024`, `H1-2024` for flows; ISO date `2024-06-30` for balance-sheet instants. */
  period: string;
  currency: Currency | null;
  unit: FactUnit;
  /** Value as presented (thousands for money; sign as presented). */
  value: Decimal;
  /**
   * Rounding of a printed figure, in the fact's unit: e.g. 100 for "RMB1,891.8 million" (nearest 0.1 million
   * = 100 thousand), 0.001 for "16.8%". Undefined when exact (table figures in thousands).
   */
  roundedTo?: Decimal;
  provenance: Provenance;
}

/** Result of evaluating one identity. */
export interface CheckResult {
  id: string;
  name: string;
  /** Family of the check: subtotal, balance, reconciliation, margin, halfyear, usd, cashflow, prose. */
  kind: string;
  period: string;
  currency: Currency | null;
  expected: Decimal;
  actual: Decimal;
  difference: Decimal;
  tolerance: Decimal;
  /** How the tolerance was chosen, e.g. "exact", "US$ rounding of 3 parts". */
  toleranceRule: string;
  pass: boolean;
  /** Source line of the figure the check is about (the total/reported side). */
  line?: number;
}

/** A problem the parser cannot repair by proof. */
export interface ParseIssue {
  severity: 'error' | 'warning';
  /**
   * Stable code of the problem, for scripts and tests: `input.empty`, `input.binary`, `input.pdf`, `input.html`,
   * `release.not_kc`, `release.hkex_announcement`, `layout.table_missing`, `layout.title_missing`,
   * `layout.header_mismatch`, `layout.row_missing`, `layout.row_unknown`, `layout.row_unlabelled`,
   * `layout.row_empty`, `layout.rows_lost`, `cell.unreadable`, `check.failed`, `prose.statement_missing`; warnings
   * `layout.row_new` (a row kept as printed, checked in its block's subtotal) and `rate.derived` (no rate sentence:
   * the rate derived from the US$ columns), `prose.by_structure` (a statement in another wording, read by its
   * structure) and `prose.unplaced` (an amount no period word places, not read); `rate.missing` when it cannot be.
   */
  code: string;
  line?: number;
  table?: TableId;
  message: string;
}

export interface ParsedRelease {
  /** Release identity: company and period of the release. */
  company: string;
  quarter: string;
  /** Release date (ISO), from the dateline ("BEIJING, August 20, 2024"); absent when the text prints none. */
  date?: string;
  facts: Fact[];
  repairs: Repair[];
  checks: CheckResult[];
  issues: ParseIssue[];
}
