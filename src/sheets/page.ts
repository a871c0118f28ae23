/** Page setup shared by both renderers (the Office.js one and the .xlsx one). */

/** Paper and margins (inches) of every tab: A4, with side margins wide enough that the printable area (about
 *  246 × 178 mm landscape) fits Letter too. */
export const PAGE = { paper: 'A4' as const, margins: { left: 1.0, right: 1.0, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 } };

/** Printable width of an A4 landscape page less the side margins, in points. */
export const PRINTABLE_WIDTH_LANDSCAPE = (11.69 - PAGE.margins.left - PAGE.margins.right) * 72;

/**
 * The print scale (percent) of a tab printed pages across with its label column(s) repeated: large enough to read
 * (never below 70 %, never above 100 %), small enough that the labels and a year of quarters (four columns) share
 * each page. Whole multiples of 5, as a user would choose.
 */
export function pagesAcrossScale(columnWidths: number[], labelColumns: number, perPage = 4): number {
  const labels = columnWidths.slice(0, labelColumns).reduce((a, b) => a + b, 0);
  const data = columnWidths.slice(labelColumns, labelColumns + perPage).reduce((a, b) => a + b, 0);
  // 8 % to spare: cell padding, and a renderer whose font metrics differ a little from the widths' estimate
  // (LibreOffice with Carlito for Calibri fitted three quarters, not four, at the unspared scale).
  const fit = Math.floor(((PRINTABLE_WIDTH_LANDSCAPE * 0.92) / Math.max(1, labels + data)) * 100 / 5) * 5;
  return Math.min(100, Math.max(70, fit));
}

/** Header and footer of a printed page, in Excel's codes (&A tab name, &P page, &N pages, &D print date). */
export function pageHeaderFooter(release: string): { leftHeader: string; rightHeader: string; leftFooter: string; rightFooter: string; header: string; footer: string } {
  const parts = { leftHeader: '&A', rightHeader: release.replace(/&/g, '&&'), leftFooter: 'Printed &D', rightFooter: 'Page &P of &N' };
  return { ...parts, header: `&L${parts.leftHeader}&R${parts.rightHeader}`, footer: `&L${parts.leftFooter}&R${parts.rightFooter}` };
}
