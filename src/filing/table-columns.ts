import type { Log } from './grid';
import { readHeaderColumns } from './header-columns';
import { tableLayout, type ColumnSpec, type TableLayout } from './layout';
import type { Block } from './tables';

/**
 * A table's columns as its printed headers give them, whatever their order. The headers must name exactly the
 * periods and currencies the release's quarter type prints (three months; plus six, nine months or the year; the
 * balance sheet's prior year-end and quarter end): each read column is matched to the layout's column of the same
 * period and currency, and the layout is returned with its columns in the printed order. A header that names
 * another set of periods is an error (layout.header_mismatch); one that says too little to tell every column
 * falls back to the layout's order, checked by its dates where they can be read.
 */

/** The header lines of a table block: the lines before its first figure row. */
export function headerLines(block: Block): string[] {
  const first = block.lines.findIndex((l) => /\t.*\d/.test(l) && !/^\s/.test(l) && !/^(Revenues|ASSETS)/.test(l));
  return block.lines.slice(0, first < 0 ? 4 : first);
}

/** Whether two columns are of one period and currency (period ids hold no space: no key string is needed). */
const sameColumn = (a: { period: string; currency: string | null }, b: { period: string; currency: string | null }) =>
  a.period === b.period && (a.currency ?? '') === (b.currency ?? '');

/** A column list in another order (matched by period and currency), or undefined when the sets differ. */
export function reorder(layout: TableLayout, order: { period: string; currency: string | null }[]): ColumnSpec[] | undefined {
  if (order.length !== layout.columns.length) return undefined;
  const left = layout.columns.slice();
  const out: ColumnSpec[] = [];
  for (let k = 0; k < order.length; k++) {
    let i = 0;
    while (i < left.length && !sameColumn(left[i], order[k])) i++;
    if (i === left.length) return undefined;
    out.push(left[i]);
    left.splice(i, 1);
  }
  return out;
}

const DATE = /([A-Z][a-z]{2}) (\d{1,2}),\s*(\d{4})/g;

/** Dates printed in header lines; handles the "Jun 30, Mar 31," / "2023 2024" split over two lines. */
function headerDates(lines: string[]): string[] {
  for (let i = 0; i + 1 < lines.length; i++) {
    const days = [...lines[i].matchAll(/([A-Z][a-z]{2}) (\d{1,2}),(?!\s*\d{4})/g)];
    const years = [...lines[i + 1].matchAll(/\b(\d{4})\b/g)];
    if (days.length > 1 && days.length === years.length) return days.map((d, k) => `${d[1]} ${d[2]}, ${years[k][1]}`);
  }
  const joined = lines.join('\t').replace(/\s+/g, ' ');
  return [...joined.matchAll(DATE)].map((m) => `${m[1]} ${m[2]}, ${m[3]}`);
}

/**
 * The layout of one table with its columns read from its headers. `fallback` is the order used when the headers
 * cannot tell the columns (the income statement's order, for the tables printed under it without legible headers).
 */
export function tableWithHeaderColumns(layout: TableLayout, block: Block, log: Log, fallback?: ColumnSpec[]): TableLayout {
  const lines = headerLines(block);
  const read = readHeaderColumns(lines);
  const printed = (cols: { header: string }[]) => cols.map((c) => c.header).join('; ');
  if (read && 'problem' in read) {
    if (!layout.headerIllegible) log.error(`column headers of the ${layout.title.toLowerCase()}: ${read.problem}`, block.start, layout.id, 'layout.header_mismatch');
    return layout;
  }
  if (read) {
    const cols = reorder(layout, read.map((c) => ({ period: c.period.id, currency: c.currency })));
    if (cols) return tableLayout(layout, cols);
    if (!layout.headerIllegible) {
      log.error(
        `column headers of the ${layout.title.toLowerCase()} read [${printed(read)}], expected the columns [${printed(layout.columns)}] in any order`,
        block.start,
        layout.id,
        'layout.header_mismatch',
      );
      return layout;
    }
  }
  if (layout.headerIllegible) return fallback ? tableLayout(layout, fallback) : layout;
  // Headers that do not say enough (no duration words, a currency row missing): their dates, in the layout's order.
  const got = headerDates(lines);
  const want = layout.columns.map((c) => /(\w{3} \d{1,2}, \d{4})/.exec(c.header)![1]);
  if (got.join('|') !== want.join('|')) {
    log.error(`column headers of the ${layout.title.toLowerCase()} read [${got.join('; ')}], expected [${want.join('; ')}]`, block.start, layout.id, 'layout.header_mismatch');
  }
  return layout;
}
