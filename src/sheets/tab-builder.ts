import type Decimal from 'decimal.js';
import { absolute, address, columnLetter, rangeAddress, sheetRef } from './a1';
import type { CellConstant, CellKey, CellStyle, ConditionalFormat, FormulaExpectation, NamedCell, StyleRange, TabPlan } from './plan';
import { pagesAcrossScale } from './page';
import { FORMATS, STYLE } from './styles';

/**
 * Builds one tab as dense grids. Rows are appended top to bottom; each data row has a key so formulas can refer to
 * rows by key ("{total_revenues}") and other tabs by "{TAB:key}" — resolved through the shared `Registry`.
 */

export interface ColumnDef {
  /** Period and currency the column shows; `null` currency for share counts and ratios-only columns. */
  period: string;
  currency: 'RMB' | 'USD';
  group: string; // "Three months ended"
  header: string; // "Jun 30, 2024"
}

/** Where every keyed row of every tab landed, so formulas can reference across tabs. */
export class Registry {
  private cells = new Map<string, string>(); // `${tab}|${key}|${period}|${currency}` -> 'Sheet'!$D$12
  private sheetNames = new Map<string, string>();
  private filled = new Set<string>();
  /** Records that a keyed cell holds a value or a formula (formulas never point at empty cells). */
  fill(tab: string, key: string, period: string, currency: string): void {
    this.filled.add(`${tab}|${key}|${period}|${currency}`);
  }
  put(tab: string, sheet: string, key: string, period: string, currency: string, row: number, col: number): void {
    this.sheetNames.set(tab, sheet);
    this.cells.set(`${tab}|${key}|${period}|${currency}`, `${row}|${col}`);
  }
  /** A1 reference to a keyed cell, qualified with its sheet when referenced from another tab. */
  ref(fromTab: string, tab: string, key: string, period: string, currency: string): string | undefined {
    const k = `${tab}|${key}|${period}|${currency}`;
    const hit = this.cells.get(k);
    if (!hit || !this.filled.has(k)) return undefined;
    const [row, col] = hit.split('|').map(Number);
    const a1 = address(row, col);
    return tab === fromTab ? a1 : sheetRef(this.sheetNames.get(tab)!, a1);
  }
  absolute(tab: string, key: string, period: string, currency: string): { sheet: string; address: string } | undefined {
    const hit = this.cells.get(`${tab}|${key}|${period}|${currency}`);
    if (!hit) return undefined;
    const [row, col] = hit.split('|').map(Number);
    return { sheet: this.sheetNames.get(tab)!, address: absolute(row, col) };
  }
}

export type Format = keyof typeof FORMATS;

export class TabBuilder {
  readonly values: CellConstant[][] = [];
  readonly formulas: (string | null)[][] = [];
  readonly numberFormats: string[][] = [];
  readonly styles: StyleRange[] = [];
  readonly expectations: FormulaExpectation[] = [];
  readonly names: NamedCell[] = [];
  readonly conditionalFormats: ConditionalFormat[] = [];
  /** Trace keys of figure cells (see TabPlan.cellKeys). */
  readonly cellKeys: Record<string, CellKey> = {};
  /** Text results of formula cells (numeric results are the expectations). */
  private readonly textResults = new Map<string, string>();
  widths: number[];
  freeze = { rows: 0, columns: 1 };
  /** Landscape, one page wide; `fitToHeight` pages tall when set; `pagesAcross`: as many pages wide as the columns
   *  need, the frozen label column(s) repeated on each (a time series of many quarters). */
  print: { landscape: boolean; fitToHeight?: number; pagesAcross?: boolean } = { landscape: true };

  constructor(
    readonly key: string,
    readonly name: string,
    readonly cols: number,
    readonly registry: Registry,
  ) {
    this.widths = [260, ...Array(cols - 1).fill(86)];
  }

  get row(): number {
    return this.values.length;
  }

  /** Appends an empty row and returns its index. */
  addRow(): number {
    this.values.push(Array(this.cols).fill(null));
    this.formulas.push(Array(this.cols).fill(null));
    this.numberFormats.push(Array(this.cols).fill(FORMATS.general));
    return this.values.length - 1;
  }

  set(row: number, col: number, value: CellConstant, format: Format = 'general'): void {
    this.values[row][col] = value;
    this.formulas[row][col] = null;
    this.numberFormats[row][col] = FORMATS[format];
  }

  setFormula(row: number, col: number, formula: string, format: Format, expected?: { value: Decimal | number; tolerance: number; rule: string }): void {
    this.formulas[row][col] = formula.startsWith('=') ? formula : `=${formula}`;
    this.values[row][col] = null;
    this.numberFormats[row][col] = FORMATS[format];
    if (expected) {
      this.expectations.push({
        address: address(row, col),
        expected: typeof expected.value === 'number' ? expected.value : expected.value.toNumber(),
        tolerance: expected.tolerance,
        rule: expected.rule,
      });
    }
  }

  /** The calculation module's text result of a formula cell (e.g. "PASS"). */
  setTextResult(row: number, col: number, text: string): void {
    this.textResults.set(address(row, col), text);
  }

  /** Wraps the text of some columns over a block of rows (each renderer makes the rows tall enough). */
  wrap(fromRow: number, rows: number, cols: number[]): void {
    for (const c of cols) this.style(fromRow, c, rows, 1, { wrapText: true });
  }

  /** Results grid: each formula cell's expected value (numbers from the expectations, text set explicitly). */
  private results(): CellConstant[][] {
    const byAddress = new Map<string, CellConstant>(this.textResults);
    for (const e of this.expectations) byAddress.set(e.address, e.expected);
    return this.formulas.map((row, r) => row.map((f, c) => (f === null ? null : byAddress.get(address(r, c)) ?? null)));
  }

  style(row: number, col: number, rows: number, cols: number, style: CellStyle): void {
    this.styles.push({ address: rangeAddress(row, col, rows, cols), style });
  }

  styleRow(row: number, style: CellStyle, fromCol = 0): void {
    this.style(row, fromCol, 1, this.cols - fromCol, style);
  }

  /** Title block: title, units, source; returns the next row. */
  titleBlock(title: string, units: string, source: string): void {
    const t = this.addRow();
    this.set(t, 0, title);
    this.styleRow(t, STYLE.title);
    const u = this.addRow();
    this.set(u, 0, units);
    this.styleRow(u, STYLE.subtitle);
    const s = this.addRow();
    this.set(s, 0, source);
    this.styleRow(s, STYLE.subtitle);
    this.addRow();
  }

  /** Column headers (group, date, currency) for period columns starting at column 1; freezes them. */
  periodHeaders(columns: ColumnDef[], labelHeader = ''): void {
    const g = this.addRow();
    const d = this.addRow();
    const c = this.addRow();
    this.set(c, 0, labelHeader);
    columns.forEach((col, i) => {
      const prev = columns[i - 1];
      if (!prev || prev.group !== col.group) this.set(g, i + 1, col.group);
      this.set(d, i + 1, col.header);
      this.set(c, i + 1, col.currency === 'USD' ? 'US$' : 'RMB');
      // A long header ("Jun 30, 2024 (Q1 + Q2)") widens its column rather than being cut off (bold 11 point).
      this.widths[i + 1] = Math.max(this.widths[i + 1], Math.ceil(col.header.length * 6.3 + 14));
    });
    for (const r of [g, d, c]) {
      this.style(r, 0, 1, 1, STYLE.headerLabel);
      this.style(r, 1, 1, this.cols - 1, STYLE.header);
    }
    this.style(c, 0, 1, this.cols, { borderBottom: 'thin' });
    this.freeze = { rows: c + 1, columns: 1 };
  }

  /** Registers a workbook name for a cell (headline figures). */
  nameCell(name: string, row: number, col: number, comment: string): void {
    this.names.push({ name, tab: this.name, address: absolute(row, col), comment });
  }

  /**
   * Sizes the label column to its longest label below the title block (the title, units and source lines may run
   * across the empty cells beside them), within limits.
   */
  fitLabelColumn(fromRow = 4, min = 180, max = 440): void {
    let longest = 0;
    for (let r = fromRow; r < this.values.length; r++) {
      const v = this.values[r][0];
      if (typeof v === 'string') longest = Math.max(longest, v.length);
    }
    // About 5.6 points per character of an 11-point font, plus room for indent and padding.
    this.widths[0] = Math.min(max, Math.max(min, Math.ceil(longest * 5.6 + 24)));
  }

  toPlan(tabColor?: string): TabPlan {
    return {
      key: this.key,
      name: this.name,
      rows: this.values.length,
      cols: this.cols,
      values: this.values,
      formulas: this.formulas,
      numberFormats: this.numberFormats,
      styles: this.styles,
      columnWidths: this.widths,
      freeze: this.freeze,
      showGridlines: false,
      tabColor,
      expectations: this.expectations,
      results: this.results(),
      ...(this.conditionalFormats.length ? { conditionalFormats: this.conditionalFormats } : {}),
      ...(Object.keys(this.cellKeys).length ? { cellKeys: this.cellKeys } : {}),
      print: this.print.pagesAcross
        ? { landscape: this.print.landscape, fitToWidth: false, repeatRows: this.freeze.rows, repeatColumns: this.freeze.columns, scale: pagesAcrossScale(this.widths, this.freeze.columns) }
        : { landscape: this.print.landscape, fitToWidth: true, repeatRows: this.freeze.rows, ...(this.print.fitToHeight ? { fitToHeight: this.print.fitToHeight } : {}) },
    };
  }
}

export { columnLetter };
