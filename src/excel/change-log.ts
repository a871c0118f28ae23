import { readBack } from './cells';
import type { Content } from './written';

/**
 * The KC Change Log tab: before a refresh overwrites cells the user changed in the model tabs, what they held is
 * appended here (their values and formulas, kept as text so a formula is kept as written and not recalculated). The
 * add-in only ever appends below the last used row: it never clears, rewrites or deletes this tab.
 */
export const CHANGE_LOG = 'KC Change Log';

export const LOG_HEADER = ['When (UTC)', 'Tab', 'Cell', 'Row', 'Period', 'You had', 'The model has', 'Release'];

export interface LogEntry {
  when: string;
  tab: string;
  address: string;
  label: string;
  period: string;
  /** The cell's content as range.formulas returned it: a number, a boolean, a text, or a formula. */
  had: Content;
  /** What the refresh writes there, formatted. */
  model: string;
  release: string;
}

/** One row of the log as written through range.formulas: texts with the ' prefix (a formula stays its text). */
export function logRow(e: LogEntry): Content[] {
  const text = (s: string) => (s === '' ? '' : `'${s}`);
  // A cell the user emptied is logged as such, not as a blank that looks like a missing entry.
  const had = e.had === '' ? text('(empty)') : typeof e.had === 'string' ? text(String(readBack(e.had))) : e.had;
  return [text(e.when), text(e.tab), text(e.address), text(e.label), text(e.period), had, text(e.model), text(e.release)];
}

/**
 * Queues the append: `nextRow` is the first row after the log's used range (0 when the tab is new, which then gets
 * its header). Nothing here syncs.
 */
export function queueChangeLog(context: Excel.RequestContext, exists: boolean, nextRow: number, entries: LogEntry[]): void {
  if (entries.length === 0) return;
  const sheets = context.workbook.worksheets;
  const ws = exists ? sheets.getItem(CHANGE_LOG) : sheets.add(CHANGE_LOG);
  let row = nextRow;
  if (!exists || row === 0) {
    const head = ws.getRangeByIndexes(0, 0, 1, LOG_HEADER.length);
    head.formulas = [LOG_HEADER.map((h) => `'${h}`)];
    head.format.font.bold = true;
    ws.freezePanes.freezeRows(1);
    ws.getRange('A:A').format.columnWidth = 120;
    ws.getRange('B:C').format.columnWidth = 110;
    ws.getRange('D:D').format.columnWidth = 220;
    ws.getRange('E:H').format.columnWidth = 140;
    row = Math.max(row, 1);
  }
  const body = ws.getRangeByIndexes(row, 0, entries.length, LOG_HEADER.length);
  body.formulas = entries.map(logRow);
}
