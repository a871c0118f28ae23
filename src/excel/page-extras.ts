import { PAGE, pageHeaderFooter } from '../sheets/page';
import type { TabPlan } from '../sheets/plan';

/**
 * What a tab carries beyond cells and styles, queued on the request: conditional formats (a failing check turns
 * red) and the page setup (A4 within a Letter-sized area, fit, header and footer). Nothing here syncs.
 * String values stand for Excel enums, which exist only inside Office.
 */
export function queueTabExtras(ws: Excel.Worksheet, tab: TabPlan, release: string): void {
  // A rewritten tab starts without conditional formats (clearing cells does not promise to remove them).
  ws.getRange().conditionalFormats.clearAll();
  for (const cf of tab.conditionalFormats ?? []) {
    const range = ws.getRange(cf.address);
    if (cf.textContains !== undefined) {
      const f = range.conditionalFormats.add('ContainsText' as Excel.ConditionalFormatType).textComparison;
      f.format.font.color = cf.style.fontColor;
      f.format.fill.color = cf.style.fill;
      if (cf.style.bold) f.format.font.bold = true;
      f.rule = { operator: 'Contains' as Excel.ConditionalTextOperator, text: cf.textContains };
    } else {
      const f = range.conditionalFormats.add('CellValue' as Excel.ConditionalFormatType).cellValue;
      f.format.font.color = cf.style.fontColor;
      f.format.fill.color = cf.style.fill;
      if (cf.style.bold) f.format.font.bold = true;
      f.rule = { formula1: String(cf.greaterThan ?? 0), operator: 'GreaterThan' as Excel.ConditionalCellValueOperator };
    }
  }
  queueRowHeights(ws, tab);
  if (!tab.print) return;
  const page = ws.pageLayout;
  page.paperSize = PAGE.paper as Excel.PaperType;
  // Office.js margins are in points.
  page.leftMargin = PAGE.margins.left * 72;
  page.rightMargin = PAGE.margins.right * 72;
  page.topMargin = PAGE.margins.top * 72;
  page.bottomMargin = PAGE.margins.bottom * 72;
  page.headerMargin = PAGE.margins.header * 72;
  page.footerMargin = PAGE.margins.footer * 72;
  if (tab.print.fitToWidth && tab.print.fitToHeight) page.zoom = { horizontalFitToPages: 1, verticalFitToPages: tab.print.fitToHeight };
  const hf = pageHeaderFooter(release);
  const all = page.headersFooters.defaultForAllPages;
  all.leftHeader = hf.leftHeader;
  all.rightHeader = hf.rightHeader;
  all.leftFooter = hf.leftFooter;
  all.rightFooter = hf.rightFooter;
}

/** Row heights of wrapped rows: one multi-area call per height (runs of rows as one area). */
function queueRowHeights(ws: Excel.Worksheet, tab: TabPlan): void {
  const byHeight = new Map<number, string[]>();
  const heights = tab.rowHeights ?? [];
  for (let r = 0; r < heights.length; ) {
    const h = heights[r];
    let e = r;
    while (e + 1 < heights.length && heights[e + 1] === h) e++;
    if (h !== null) byHeight.set(h, [...(byHeight.get(h) ?? []), r === e ? `A${r + 1}` : `A${r + 1}:A${e + 1}`]);
    r = e + 1;
  }
  for (const [h, areas] of byHeight) {
    for (let i = 0; i < areas.length; ) {
      let text = areas[i++];
      while (i < areas.length && text.length + areas[i].length + 1 <= 2000) text += `,${areas[i++]}`;
      (text.includes(',') ? ws.getRanges(text) : ws.getRange(text)).format.rowHeight = h;
    }
  }
}
