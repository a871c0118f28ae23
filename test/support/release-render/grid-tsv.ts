import type { ParsedRelease } from '../../../src/filing';

/**
 * A release's whole grid as expected.tsv: one line per fact, `metric period currency value`, sorted. The metric is
 * the catalogue id, or `table.row` for a line the catalogue does not name (an add-back, a growth rate); the currency
 * is empty for ratios, share counts and the rate.
 */
export const TSV_HEADER = 'metric\tperiod\tcurrency\tvalue';

export function gridLines(r: ParsedRelease): string[] {
  return r.facts.map((f) => [f.metric ?? `${f.table}.${f.row}`, f.period, f.currency ?? '', f.value.toString()].join('\t')).sort();
}

export function gridTsv(r: ParsedRelease): string {
  return [TSV_HEADER, ...gridLines(r)].join('\n') + '\n';
}
