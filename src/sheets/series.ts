import { cellName, type LineDef } from './statement';
import { tryGet, type ModelReader, type ModelValueLike } from './model-reader';
import type { ColumnDef } from './tab-builder';

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
    .filter((p) => p.kind !== 'instant' && /^(Q[1-4]|H1|9M|FY)-\d{4}$/.test(p.id))
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

const YTD_IDS = (y: number) => [`Q1-${y}`, `H1-${y}`, `9M-${y}`, `FY-${y}`];

/**
 * The identity that gives a figure from other columns of its row: Q1 = H1 − Q2, Qn = YTDn − YTDn−1, H1 = Q1 + Q2,
 * 9M = H1 + Q3, FY = 9M + Q4; balances link (beginning cash = the previous quarter's ending cash). Amounts only:
 * ratios, per-share figures and share counts do not add over time.
 */
export function periodIdentity(line: LineDef, c: ColumnDef): string | undefined {
  if (!line.metric || line.expect || (line.format ?? 'amount') !== 'amount') return undefined;
  const m = /^(Q[1-4]|H1|9M|FY)-(\d{4})$/.exec(c.period);
  if (!m) return undefined;
  const [, kind, ys] = m;
  const y = Number(ys);
  const k = line.key;
  const ytd = YTD_IDS(y);
  if (k === 'cash_begin') {
    if (kind[0] !== 'Q') return `{${k}|Q1-${y}}`;
    const n = Number(kind[1]);
    return n === 1 ? `{cash_end|Q4-${y - 1}}` : `{cash_end|Q${n - 1}-${y}}`;
  }
  if (k === 'cash_end') return kind[0] === 'Q' ? undefined : `{${k}|Q${{ H1: 2, '9M': 3, FY: 4 }[kind]}-${y}}`;
  switch (kind) {
    case 'Q1':
      return `{${k}|H1-${y}}-{${k}|Q2-${y}}`;
    case 'Q2':
    case 'Q3':
    case 'Q4': {
      const n = Number(kind[1]);
      return `{${k}|${ytd[n - 1]}}-{${k}|${ytd[n - 2]}}`;
    }
    case 'H1':
      return `{${k}|Q1-${y}}+{${k}|Q2-${y}}`;
    case '9M':
      return `{${k}|H1-${y}}+{${k}|Q3-${y}}`;
    default:
      return `{${k}|9M-${y}}+{${k}|Q4-${y}}`;
  }
}

export { cellName };
