/**
 * SYNTHETIC TEST DATA. A library of Kingsoft Cloud releases Q1 2023 … Q3 2025 for tests and benches: every
 * figure of a period the shipped Q2 2024 release covers is that release's real figure; every other figure is made
 * up (a fixed growth from the real Q2 2024 figure), consistent across releases (a quarter's figure is the same in
 * every release that prints it, year-to-date = sum of quarters, ending cash = next beginning cash). These releases
 * are built as parsed releases (facts with provenance, `form: 'synthetic'`), never written to assets/ or the add-in.
 */
import Decimal from 'decimal.js';
import type { Fact, ParsedRelease, TableId } from '../../src/filing/types';
import { fiscalYear, half, nineMonths, quarter, readPeriod, type Period } from '../../src/filing/periods';
import { buildModel } from '../../src/model/model';
import { getShippedModel } from '../../src/model/shipped';
import type { LibraryEntry } from '../../src/model/library';

const real = getShippedModel();

export const FLOWS = ['total_revenues', 'gross_profit', 'adj_ebitda', 'net_loss', 'net_loss_attributable', 'cfo'] as const;
export const STOCKS = ['cash', 'restricted_cash', 'short_term_loans', 'long_term_loans'] as const;
const TABLE: Record<string, TableId> = { cfo: 'cash_flow', cash_begin: 'cash_flow', cash_end: 'cash_flow', adj_ebitda: 'ebitda_reconciliation' };

/** Quarter number since Q1-2023 (Q2-2024 = 5). */
const idx = (q: Period) => (q.year - 2023) * 4 + q.index - 1;
const prevQ = (q: Period) => (q.index === 1 ? quarter(4, q.year - 1) : quarter(q.index - 1, q.year));

function realValue(metric: string, period: string): Decimal | undefined {
  try {
    const v = real.get(metric, period);
    return v.origin === 'reported' || v.origin === 'derived' ? v.value : undefined;
  } catch {
    return undefined;
  }
}

/** A quarter's figure: real where the shipped release gives it, else the real Q2-2024 figure grown 3% a quarter. */
export function truthQuarter(metric: string, q: Period): Decimal {
  if (metric === 'cash_begin') return truthQuarter('cash_end', prevQ(q));
  if (metric === 'cash_end') {
    const r = realValue('cash_end', q.id);
    if (r) return r;
    const next = q.index === 4 ? quarter(1, q.year + 1) : quarter(q.index + 1, q.year);
    const rb = realValue('cash_begin', next.id);
    if (rb) return rb;
  }
  const r = realValue(metric, q.id);
  if (r) return r;
  const base = realValue(metric, 'Q2-2024')!;
  return base.mul(1 + 0.03 * (idx(q) - 5)).toDecimalPlaces(0);
}

export function truthYtd(metric: string, p: Period): Decimal {
  const qs = [1, 2, 3, 4].slice(0, p.months / 3).map((i) => quarter(i, p.year));
  if (metric === 'cash_begin') return truthQuarter('cash_begin', qs[0]);
  if (metric === 'cash_end') return truthQuarter('cash_end', qs[qs.length - 1]);
  return qs.reduce((a, q) => a.add(truthQuarter(metric, q)), new Decimal(0));
}

export function truthStock(metric: string, date: string): Decimal {
  const r = realValue(metric, date);
  if (r) return r;
  const q = readPeriod(date)!;
  const asQuarter = quarter(Number(date.slice(5, 7)) / 3, q.year);
  return realValue(metric, '2024-06-30')!.mul(1 + 0.02 * (idx(asQuarter) - 5)).toDecimalPlaces(0);
}

/** Each synthetic release's convenience rate (made up; the real release's is 7.2672). */
export const rateOf = (q: Period) => new Decimal('7.1').add(new Decimal('0.01').mul(idx(q)));

export interface SyntheticOptions {
  /** Print only the year-to-date columns (no quarter columns). */
  ytdOnly?: boolean;
  /** Print only the quarter columns (no year-to-date). */
  quartersOnly?: boolean;
  /** Figures to print differently: `metric|period` → delta added (a restatement, or a broken chain). */
  edits?: Record<string, number>;
}

let lineNo = 0;

/** A synthetic release of quarter `id` (Q1 … Q4 layouts): facts with provenance, as the parser would give them. */
export function syntheticRelease(id: string, o: SyntheticOptions = {}): ParsedRelease {
  const q = readPeriod(id)!;
  const ytd = [q, half(1, q.year), nineMonths(q.year), fiscalYear(q.year)][q.index - 1];
  const priorYtd = [quarter(1, q.year - 1), half(1, q.year - 1), nineMonths(q.year - 1), fiscalYear(q.year - 1)][q.index - 1];
  const lastYear = quarter(q.index, q.year - 1);
  const rate = rateOf(q);
  const facts: Fact[] = [];
  const usdPeriods = new Set([q.id, ytd.id, q.end]);
  const add = (metric: string, period: Period | string, value: Decimal, table: TableId, unit: Fact['unit'] = 'thousands') => {
    const pid = typeof period === 'string' ? period : period.id;
    const v = value.add(o.edits?.[`${metric}|${pid}`] ?? 0);
    const line = ++lineNo;
    const mk = (currency: 'RMB' | 'USD' | null, val: Decimal): Fact => ({
      table,
      row: metric,
      metric,
      period: pid,
      currency,
      unit,
      value: val,
      provenance: { line, table, rowLabel: `${metric} (synthetic)`, column: `${pid} ${currency ?? ''}`.trim(), raw: val.toString(), repairs: [] },
    });
    if (unit === 'rate' || unit === 'shares') return facts.push(mk(null, v));
    facts.push(mk('RMB', v));
    if (usdPeriods.has(pid)) facts.push(mk('USD', v.div(rate).toDecimalPlaces(0, Decimal.ROUND_HALF_UP)));
  };
  const quarterCols = o.ytdOnly ? [] : [lastYear, prevQ(q), q];
  const ytdCols = o.quartersOnly || q.index === 1 ? [] : [priorYtd, ytd];
  for (const m of FLOWS) {
    const table = TABLE[m] ?? 'income_statement';
    const cols = m === 'cfo' ? quarterCols : [...quarterCols, ...ytdCols];
    for (const p of cols) add(m, p, p.kind === 'quarter' ? truthQuarter(m, p) : truthYtd(m, p), table);
  }
  for (const m of ['cash_begin', 'cash_end']) for (const p of quarterCols) add(m, p, truthQuarter(m, p), 'cash_flow');
  for (const d of [`${q.year - 1}-12-31`, q.end]) for (const m of STOCKS) add(m, d, truthStock(m, d), 'balance_sheet');
  add('fx_rate', q.end, rate, 'prose', 'rate');
  return { company: 'Kingsoft Cloud Holdings Limited (SYNTHETIC)', quarter: q.id, facts, repairs: [], checks: [], issues: [] };
}

export function syntheticEntry(id: string, o: SyntheticOptions = {}): LibraryEntry {
  const release = syntheticRelease(id, o);
  return { release, model: buildModel(release), checks: [], form: 'synthetic', name: `${id} (synthetic)` };
}

/** The real shipped release as a library entry. */
export function shippedEntry(): LibraryEntry {
  return { release: real.release, model: real, checks: real.checks(), form: 'text', name: 'kc-2024q2-earnings-release.txt' };
}

/** Q1 2023 … Q3 2025: the real Q2 2024 release and ten synthetic ones. */
export const LIBRARY_QUARTERS = ['Q1-2023', 'Q2-2023', 'Q3-2023', 'Q4-2023', 'Q1-2024', 'Q2-2024', 'Q3-2024', 'Q4-2024', 'Q1-2025', 'Q2-2025', 'Q3-2025'];

export function syntheticLibraryEntries(edits: Record<string, SyntheticOptions> = {}): LibraryEntry[] {
  return LIBRARY_QUARTERS.map((id) => (id === 'Q2-2024' ? shippedEntry() : syntheticEntry(id, edits[id])));
}
