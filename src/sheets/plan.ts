/**
 * The sheet plan: everything the add-in writes, as plain data. Built from the model by src/sheets, drawn by both
 * renderers (src/excel with Office.js, src/xlsx with ExcelJS), so the two always write the same workbook.
 */

/** A constant cell value. Text is always text: a renderer must never let a string become a formula. */
export type CellConstant = string | number | boolean | null;

export type HorizontalAlignment = 'left' | 'center' | 'right';

/** Cell formatting other than the number format (which lives in `numberFormats`). */
export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  /** '#RRGGBB'. Financial-model convention: reported inputs blue (#0000FF), formulas black (#000000). */
  fontColor?: string;
  fontSize?: number;
  /** Background fill '#RRGGBB'. */
  fill?: string;
  borderTop?: 'thin' | 'medium' | 'double';
  borderBottom?: 'thin' | 'medium' | 'double';
  horizontalAlignment?: HorizontalAlignment;
  indent?: number;
  wrapText?: boolean;
}

/** A style applied to a rectangular range (A1 address within the tab, e.g. "B5:H5"). */
export interface StyleRange {
  address: string;
  style: CellStyle;
}

/** What the calculation module says a formula cell must evaluate to (checked by a real spreadsheet engine). */
export interface FormulaExpectation {
  /** A1 address within the tab. */
  address: string;
  expected: number;
  /** Absolute tolerance; 0 for exact RMB identities. */
  tolerance: number;
  rule: string;
}

export interface TabPlan {
  /** Stable key (e.g. `income_statement`), used in workbook names and the pane. */
  key: string;
  /** Worksheet name, e.g. "KC Income Statement" (≤ 31 chars, no []:*?/\). */
  name: string;
  rows: number;
  cols: number;
  /** Dense rows × cols grid of constants; null where the cell holds a formula or is empty. */
  values: CellConstant[][];
  /** Dense rows × cols grid of A1 formulas ("=B5+B6"), null where the cell holds a constant or is empty. */
  formulas: (string | null)[][];
  /** Dense rows × cols grid of Excel number formats ("General" where none). */
  numberFormats: string[][];
  /** Style ranges, applied in order (later ranges override earlier ones). */
  styles: StyleRange[];
  /** Column widths in points (Office.js units); ExcelJS converts to characters. */
  columnWidths: number[];
  /** Rows and columns frozen at the top-left (header rows, label column). */
  freeze: { rows: number; columns: number };
  showGridlines: boolean;
  tabColor?: string;
  /** Formula cells and the value the calculation module computes for each. */
  expectations: FormulaExpectation[];
  /**
   * Dense rows × cols grid: the calculation module's result of each formula cell (null elsewhere). Written as the
   * cached result in an .xlsx, so a reader that does not recalculate (a preview, pandas) sees the figures.
   */
  results?: CellConstant[][];
  /** Formats a cell takes only while its value meets a condition (a failing check turns red). */
  conditionalFormats?: ConditionalFormat[];
  /**
   * Print setup: one page wide, header rows repeated; `fitToHeight` pages tall when set (0 or absent: as many as
   * needed). Every tab prints on A4 with margins that leave a printable area inside Letter too, and a header and
   * footer naming the tab, the release, the page (x of y) and the print date.
   */
  print?: {
    landscape: boolean;
    fitToWidth: boolean;
    repeatRows: number;
    fitToHeight?: number;
    /** Pages across (fitToWidth false): the first `repeatColumns` columns (the labels) print at the left of every
     *  page, at `scale` percent, so a time series of many quarters stays readable instead of shrinking to one page. */
    repeatColumns?: number;
    scale?: number;
  };
  /** Which model figure each figure cell shows (A1 address -> key), so a selected cell can be traced to its source. */
  cellKeys?: Record<string, CellKey>;
}

/** The model figure a cell shows: `model.get(metric, period, currency)`. */
export interface CellKey {
  metric: string;
  period: string;
  currency: 'RMB' | 'USD';
  /** -1 where the cell shows the figure with the opposite sign (an add-back). */
  sign?: -1;
}

/** A conditional format: cells of `address` whose text contains `textContains`, or whose number is greater than
 *  `greaterThan`, take `style` (font colour, fill, bold) while the condition holds. */
export interface ConditionalFormat {
  address: string;
  textContains?: string;
  greaterThan?: number;
  style: { fontColor: string; fill: string; bold?: boolean };
}

/** A workbook-scoped name for a headline cell, e.g. KC_ADJ_EBITDA_Q2_2024 -> 'KC Non-GAAP'!$E$20. */
export interface NamedCell {
  name: string;
  tab: string;
  /** Absolute A1 address within the tab, e.g. "$E$20". */
  address: string;
  comment: string;
}

export interface SheetPlan {
  /** Identifies the release the plan was built from (written on every tab's title block). */
  release: string;
  tabs: TabPlan[];
  names: NamedCell[];
}
