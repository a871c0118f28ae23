import type { CellStyle } from './plan';

/** Financial-model conventions: reported inputs blue, formulas black, links to other tabs green. */
export const INPUT_BLUE = '#0000FF';
export const FORMULA_BLACK = '#000000';
export const LINK_GREEN = '#00703C';
export const HEADER_FILL = '#DCE6F1';
export const TITLE_FILL = '#1F3864';

export const FORMATS = {
  /** Accounting style: thousands separators, negatives in parentheses, zero as a dash. */
  amount: '#,##0_);(#,##0);"–"_);@_)',
  perShare: '0.00_);(0.00);"–"_);@_)',
  shares: '#,##0_);(#,##0);"–"_);@_)',
  percent: '0.0%_);(0.0%);"–"_);@_)',
  /** A change in percentage points (5.8 for +5.8 pp). */
  points: '0.0" pp"_);(0.0" pp");"–"_);@_)',
  rate: '0.0000',
  text: '@',
  general: 'General',
} as const;

export const STYLE: Record<string, CellStyle> = {
  title: { bold: true, fontSize: 14, fontColor: '#FFFFFF', fill: TITLE_FILL },
  subtitle: { italic: true, fontColor: '#404040' },
  header: { bold: true, fill: HEADER_FILL, horizontalAlignment: 'right' },
  headerLabel: { bold: true, fill: HEADER_FILL, horizontalAlignment: 'left' },
  section: { bold: true, italic: true },
  input: { fontColor: INPUT_BLUE },
  formula: { fontColor: FORMULA_BLACK },
  link: { fontColor: LINK_GREEN },
  /** A figure no release prints, derived over other periods' columns (Q4 = FY − 9M). */
  derived: { fontColor: FORMULA_BLACK, italic: true },
  /** Half-year, nine-month and full-year columns of a time series, set apart from the quarters. */
  ytdShade: { fill: '#F2F2F2' },
  total: { bold: true, borderTop: 'thin' },
  grandTotal: { bold: true, borderTop: 'thin', borderBottom: 'double' },
  pass: { fontColor: '#006100', fill: '#C6EFCE' },
  fail: { fontColor: '#9C0006', fill: '#FFC7CE' },
};
