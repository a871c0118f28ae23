import { cellName, type LineDef } from './statement';
import { tryGet, type ModelReader, type ModelValueLike } from './model-reader';
import type { ColumnDef } from './tab-builder';
import { periodOfId, previousQuarter, quarter, toDate, type Period } from '../filing/periods';

/**
 * Columns of a time series over many releases (sell-side layout): each fiscal year's quarters left to right, then
 * its half-year, nine months and full year, grouped after the quarters and shaded; the balance sheet by date.
 */

const YTD = new Set(['half', 'nine_months', 'year']);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const dateLabel = (iso: string) => `${MONTHS[Number(iso.slice(5, 7)) - 1]} ${Number(iso.slice(8, 10))}, ${iso.slice(0, 4)}`;

export interface SeriesColumn extends ColumnDef {
  /** Half-year, nine months or full year: shaded. */
  ytd: boolean;
  /** No release prints the column's key figure: the library derives it. */
  derived: boolean;
}

const printedOrigins = new Set(['reported', 'prose']);
export const isPrinted = (mv: ModelValueLike): boolean => printedOrigins.has(mv.origin);

function periodsOf(model: ModelReader) {
  return model.periods!().filter((p) => p.kind !== 'half' || p.index === 1);
}

/** Flow columns: every period for which the library gives `keyMetric`, year by year, quarters then year-to-date. */
export function flowSeriesColumns(model: ModelReader, keyMetric: string): SeriesColumn[] {
  const rank = (p: { kind: string; index: number }) => (p.kind === 'quarter' ? p.index : p.kind === 'half' ? 5 : p.kind === 'nine_months' ? 6 : 7);
  return periodsOf(model)
    .filter((p) => flowColumnPeriod(p.id) !== undefined)
    .map((p) => ({ p, mv: tryGet(model, keyMetric, p.id) }))
    .filter((x) => x.mv)
    .sort((a, b) => a.p.year - b.p.year || rank(a.p) - rank(b.p))
    .map(({ p, mv }) => {
      const ytd = YTD.has(p.kind);
      return {
        period: p.id,
        currency: 'RMB' as const,
        group: `Fiscal ${p.year}`,
        header: p.id.replace('-', ' '),
        ytd,
        derived: !isPrinted(mv!),
      };
    });
}

/** Balance-sheet columns: every date for which the library gives `keyMetric`, in date order. */
export function stockSeriesColumns(model: ModelReader, keyMetric: string): SeriesColumn[] {
  return periodsOf(model)
    .filter((p) => p.kind === 'instant')
    .map((p) => ({ p, mv: tryGet(model, keyMetric, p.id) }))
    .filter((x) => x.mv)
    .sort((a, b) => a.p.end.localeCompare(b.p.end))
    .map(({ p, mv }) => ({ period: p.id, currency: 'RMB' as const, group: 'As of', header: dateLabel(p.id), ytd: false, derived: !isPrinted(mv!) }));
}

/**
 * The identity that gives a figure from other columns of its row: Q1 = H1 − Q2, Qn = YTDn − YTDn−1, H1 = Q1 + Q2,
 * 9M = H1 + Q3, FY = 9M + Q4; balances link (beginning cash = the previous quarter's ending cash). Amounts only:
 * ratios, per-share figures and share counts do not add over time.
 */
export function periodIdentity(line: LineDef, c: ColumnDef): string | undefined {
  if (!line.metric || line.expect || (line.format ?? 'amount') !== 'amount') return undefined;
  const p = flowColumnPeriod(c.period);
  if (!p) return undefined;
  const y = p.year;
  const k = line.key;
  // Year to date by quarters: Q1, H1, 9M, FY.
  const ytd = (n: number) => toDate(n, y).id;
  // A year-to-date period of n quarters ends with the n-th: its ending cash is that quarter's (a quarter's is its own
  // figure), its figure the year to date before it plus that quarter.
  const n = p.months / 3;
  if (k === 'cash_begin') return p.kind === 'quarter' ? `{cash_end|${previousQuarter(p)!.id}}` : `{${k}|${quarter(1, y).id}}`;
  if (k === 'cash_end') return p.kind === 'quarter' ? undefined : `{${k}|${quarter(n, y).id}}`;
  if (p.kind === 'quarter') {
    return p.index === 1 ? `{${k}|${ytd(2)}}-{${k}|${quarter(2, y).id}}` : `{${k}|${ytd(p.index)}}-{${k}|${ytd(p.index - 1)}}`;
  }
  return `{${k}|${ytd(n - 1)}}+{${k}|${quarter(n, y).id}}`;
}

/** A flow column's period: a quarter or a year to date (Q1–Q4, H1, 9M, FY); undefined for any other id (H2, an LTM, a date). */
export function flowColumnPeriod(id: string): Period | undefined {
  const p = periodOfId(id);
  return p && (p.kind === 'quarter' || p.kind === 'nine_months' || p.kind === 'year' || (p.kind === 'half' && p.index === 1)) ? p : undefined;
}

export { cellName };
