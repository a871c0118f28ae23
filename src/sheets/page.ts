/** Page setup shared by both renderers (the Office.js one and the .xlsx one). */

/** Paper and margins (inches) of every tab: A4, with side margins wide enough that the printable area (about
 *  246 × 178 mm landscape) fits Letter too. */
export const PAGE = { paper: 'A4' as const, margins: { left: 1.0, right: 1.0, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 } };

/** Header and footer of a printed page, in Excel's codes (&A tab name, &P page, &N pages, &D print date). */
export function pageHeaderFooter(release: string): { leftHeader: string; rightHeader: string; leftFooter: string; rightFooter: string; header: string; footer: string } {
  const parts = { leftHeader: '&A', rightHeader: release.replace(/&/g, '&&'), leftFooter: 'Printed &D', rightFooter: 'Page &P of &N' };
  return { ...parts, header: `&L${parts.leftHeader}&R${parts.rightHeader}`, footer: `&L${parts.leftFooter}&R${parts.rightFooter}` };
}
