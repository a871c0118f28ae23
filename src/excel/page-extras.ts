import { PAGE, pageHeaderFooter } from '../sheets/page';
import type { TabPlan } from '../sheets/plan';

/**
 * What a tab carries beyond cells and styles, queued on the request: conditional formats (a failing check turns
 * red) and the page setup (A4 within a Letter-sized area, fit, header and footer). Nothing here syncs.
 * String values stand for Excel enums, which exist only inside Office.
 */
export function queueTabExtras(ws: Excel.Worksheet, tab: TabPlan, release: string): void {
  // Rows as tall as their wrapped text (Excel measures it).
  ws.getRangeByIndexes(0, 0, tab.rows, tab.cols).format.autofitRows();
  // Conditional formats need ExcelApi 1.6, page layout 1.9: an older Excel writes the tabs without them rather
  // than failing the whole write.
  if (!excelApi('1.6')) return;
  // A rewritten tab starts without conditional formats (clearing cells does not promise to remove them).
  ws.getRange().conditionalFormats.clearAll();
  for (const cf of tab.conditionalFormats ?? []) {
    const text = cf.textContains !== undefined;
    const added = ws.getRange(cf.address).conditionalFormats.add((text ? 'ContainsText' : 'CellValue') as Excel.ConditionalFormatType);
    const f = text ? added.textComparison : added.cellValue;
    f.format.font.color = cf.style.fontColor;
    f.format.fill.color = cf.style.fill;
    if (cf.style.bold) f.format.font.bold = true;
    if (text) added.textComparison.rule = { operator: 'Contains' as Excel.ConditionalTextOperator, text: cf.textContains! };
    else added.cellValue.rule = { formula1: String(cf.greaterThan ?? 0), operator: 'GreaterThan' as Excel.ConditionalCellValueOperator };
  }
  if (!tab.print || !excelApi('1.9')) return;
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


/** Whether the host supports an ExcelApi requirement set (assumed where Office reports none, as in tests). */
function excelApi(version: string): boolean {
  const requirements = typeof Office === 'undefined' ? undefined : Office.context?.requirements;
  return !requirements || requirements.isSetSupported('ExcelApi', version);
}
