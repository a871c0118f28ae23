/**
 * SYNTHETIC TEST DATA: one consistent quarterly history of Kingsoft Cloud, Q1 2022 … Q3 2025, from which the
 * rendered releases Q1 2023 … Q3 2025 are cut (test/support/release-render/synthetic.ts with `history`). Every figure
 * of a period the shipped Q2 2024 release prints (Q2-2023, Q1-2024, Q2-2024, H1-2023, H1-2024, the balance sheets of
 * 2023-12-31 and 2024-06-30, the three quarters' cash flows, the prose) is that release's real figure, read through
 * the parser; Q1-2023 is H1-2023 − Q2-2023 of the real figures. Every other figure is invented: the real Q2 2024 line
 * grown 2.5% a quarter with a small fixed jitter. Flows are per quarter and year-to-date figures their sums; a
 * quarter's beginning cash is the prior quarter's ending cash; cash + restricted cash at a quarter end is the
 * cash-flow statement's ending cash. Never in assets/ or the add-in.
 */
import Decimal from 'decimal.js';
import { parseRelease } from '../../src/filing';
import { readPeriod } from '../../src/filing/periods';
import { SHIPPED_RELEASE_TEXT } from '../../src/filing/shipped';
import { syntheticRelease, type SyntheticHistory, type SyntheticSpec } from './release-render/synthetic';

const real = parseRelease(SHIPPED_RELEASE_TEXT);
/** `table.row|period|currency` → the shipped release's real figure (tables only). */
const REAL = new Map<string, Decimal>();
for (const f of real.facts) if (f.table !== 'prose') REAL.set(`${f.table}.${f.row}|${f.period}|${f.currency ?? ''}`, f.value);
const realOf = (key: string, period: string, cur: 'RMB' | 'USD' | null = 'RMB') => REAL.get(`${key}|${period}|${cur ?? ''}`);
const realProse = (metric: string, period: string) => real.facts.find((f) => f.table === 'prose' && f.metric === metric && f.period === period && f.currency === 'RMB')?.value;

/** The quarters of the history, oldest first (2018 … 2022 only feed the earlier releases the bench reads). */
export const HISTORY_QUARTERS: string[] = [];
for (let y = 2018; y <= 2025; y++) for (let q = 1; q <= 4; q++) if (y < 2025 || q <= 3) HISTORY_QUARTERS.push(`Q${q}-${y}`);
/** The releases of the synthetic library, Q1 2023 … Q3 2025 (the Q2 2024 one is the shipped release itself). */
export const HISTORY_RELEASES = HISTORY_QUARTERS.filter((q) => Number(q.slice(3)) >= 2023);
/** Thirteen earlier releases, Q4 2019 … Q4 2022, for the bench's library of 24 releases. */
export const EARLIER_RELEASES = HISTORY_QUARTERS.filter((q) => q === 'Q4-2019' || ['2020', '2021', '2022'].includes(q.slice(3)));

/** The form each release is rendered in: the forms rotate; one is a PDF. */
export type HistoryForm = 'ocr-text' | 'edgar-html' | 'newswire-copy' | 'pdftotext-layout' | 'pdf';
export function historyForm(quarter: string): HistoryForm {
  if (quarter === 'Q3-2025') return 'pdf';
  const forms: HistoryForm[] = ['ocr-text', 'edgar-html', 'newswire-copy', 'pdftotext-layout'];
  return forms[HISTORY_QUARTERS.indexOf(quarter) % 4];
}

const qIndex = (q: string) => HISTORY_QUARTERS.indexOf(q);
const BASE = qIndex('Q2-2024');
const quarterEndOf = (q: string) => readPeriod(q)!.end;
const endToQuarter = new Map(HISTORY_QUARTERS.map((q) => [quarterEndOf(q), q]));
const prevQuarter = (q: string) => HISTORY_QUARTERS[qIndex(q) - 1];

/** A fixed jitter in [-1, 1] from the key and period (FNV-1a), so every release sees the same invented figure. */
function jitter(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return (h / 2 ** 32) * 2 - 1;
}
const grown = (v: Decimal, q: string, key: string, spread = 0.01) =>
  v.mul(1 + 0.025 * (qIndex(q) - BASE)).mul(1 + spread * jitter(`${key}|${q}`)).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);

/** Flow lines (income statement, reconciliations, cash-flow leaves): RMB per quarter. */
function flowQuarter(key: string, q: string): Decimal | undefined {
  const r = realOf(key, q);
  if (r) return r;
  if (q === 'Q1-2023') {
    const h1 = realOf(key, 'H1-2023');
    const q2 = realOf(key, 'Q2-2023');
    if (h1 && q2) return h1.sub(q2);
  }
  const base = realOf(key, 'Q2-2024');
  return base && grown(base, q, key);
}

// ---- cash: the quarters chain through the real anchors -------------------------------------------------------
const CF_LEAVES = ['cfo', 'cfi', 'cff', 'fx_effect_cash'];
const cfLeaf = new Map<string, Decimal>(); // `${leaf}|${q}`
const cashEnd = new Map<string, Decimal>(); // quarter → ending cash (cash + restricted cash)
for (const q of HISTORY_QUARTERS) for (const k of CF_LEAVES) cfLeaf.set(`${k}|${q}`, flowQuarter(`cash_flow.${k}`, q)!);
const change = (q: string) => CF_LEAVES.reduce((a, k) => a.add(cfLeaf.get(`${k}|${q}`)!), new Decimal(0));
for (const q of ['Q1-2023', 'Q2-2023', 'Q4-2023', 'Q1-2024', 'Q2-2024']) {
  const next = HISTORY_QUARTERS[qIndex(q) + 1];
  cashEnd.set(q, realOf('cash_flow.cash_end', q) ?? realOf('cash_flow.cash_begin', next)!);
}
// Q3-2023 and Q4-2023 lie between real anchors: Q4-2023's financing flow closes the gap.
cashEnd.set('Q3-2023', cashEnd.get('Q2-2023')!.add(change('Q3-2023')));
cfLeaf.set('cff|Q4-2023', cfLeaf.get('cff|Q4-2023')!.add(cashEnd.get('Q4-2023')!.sub(cashEnd.get('Q3-2023')!).sub(change('Q4-2023'))));
for (let i = qIndex('Q1-2023') - 1; i >= 0; i--) cashEnd.set(HISTORY_QUARTERS[i], cashEnd.get(HISTORY_QUARTERS[i + 1])!.sub(change(HISTORY_QUARTERS[i + 1])));
for (let i = BASE + 1; i < HISTORY_QUARTERS.length; i++) cashEnd.set(HISTORY_QUARTERS[i], cashEnd.get(HISTORY_QUARTERS[i - 1])!.add(change(HISTORY_QUARTERS[i])));
const cashBegin = (q: string) => (qIndex(q) > 0 ? cashEnd.get(prevQuarter(q))! : cashEnd.get(q)!.sub(change(q)));

// ---- balance sheets at quarter ends ---------------------------------------------------------------------------
function stock(key: string, date: string): Decimal | undefined {
  const r = realOf(key, date);
  if (r) return r;
  const q = endToQuarter.get(date);
  if (!q) return undefined;
  if (key === 'balance_sheet.restricted_cash' || key === 'balance_sheet.cash') {
    // Cash at the end of Q1 2024 is the shipped release's prose figure (RMB1,881.7 million), to the thousand.
    const cash = q === 'Q1-2024' ? realProse('cash', '2024-03-31')!.add(37) : undefined;
    const restricted = cash ? cashEnd.get(q)!.sub(cash) : grown(realOf('balance_sheet.restricted_cash', '2024-06-30')!, q, 'restricted_cash', 0.05);
    return key === 'balance_sheet.cash' ? cashEnd.get(q)!.sub(restricted) : restricted;
  }
  const base = realOf(key, '2024-06-30');
  return base && grown(base, q, key);
}

const isQuarter = (p: string) => /^Q[1-4]-\d{4}$/.test(p);
const ytdQuarters = (p: string): string[] | undefined => {
  const per = readPeriod(p);
  if (!per || per.kind === 'quarter' || !per.months || per.months % 3) return undefined;
  return Array.from({ length: per.months / 3 }, (_, i) => `Q${i + 1}-${per.year}`);
};

function value(key: string, period: string): Decimal | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(period)) return stock(key, period);
  if (key.startsWith('cash_flow.')) {
    if (!isQuarter(period)) return undefined;
    if (key === 'cash_flow.cash_begin') return cashBegin(period);
    if (key === 'cash_flow.cash_end') return cashEnd.get(period);
    return cfLeaf.get(`${key.slice('cash_flow.'.length)}|${period}`);
  }
  if (key === 'income_statement.weighted_shares') {
    const r = realOf(key, period, null);
    if (r) return r;
    // The first quarter of 2023 from the real half year and second quarter (weighted over equal quarters).
    if (period === 'Q1-2023') return realOf(key, 'H1-2023', null)!.mul(2).sub(realOf(key, 'Q2-2023', null)!);
    const qs = ytdQuarters(period);
    if (qs) return qs.reduce((a, q) => a.add(value(key, q)!), new Decimal(0)).div(qs.length).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
    return new Decimal(3_600_000_000 + (qIndex(period) - BASE) * 4_000_000).add(Math.round(jitter(period) * 1_000_000));
  }
  if (isQuarter(period)) return flowQuarter(key, period);
  const qs = ytdQuarters(period);
  if (!qs) return undefined;
  const parts = qs.map((q) => flowQuarter(key, q));
  return parts.every((x) => x) ? parts.reduce((a, x) => a!.add(x!), new Decimal(0)) : undefined;
}

const ANCHORED = new Set(['Q2-2023', 'Q1-2024', 'Q2-2024', 'H1-2023', 'H1-2024', '2023-12-31', '2024-06-30']);

/** Cost of revenues by component (RMB millions), balancing to the quarter's cost as printed to the 0.1 million. */
function costComponents(q: string): Decimal[] {
  const cost = value('income_statement.cost_of_revenues', q)!.abs().div(1000).toDecimalPlaces(1, Decimal.ROUND_HALF_UP);
  const m = (metric: string) => realProse(metric, q)?.abs().div(1000);
  const shares = [0.46, 0.17, 0.31, 0.024];
  const names = ['idc_costs', 'cost_depreciation_amortization', 'solution_costs', 'fulfillment_costs'];
  const parts = names.map((n, i) => m(n) ?? cost.mul(shares[i] * (1 + 0.02 * jitter(`${n}|${q}`))).toDecimalPlaces(1, Decimal.ROUND_HALF_UP));
  return [...parts, cost.sub(parts.reduce((a, c) => a.add(c), new Decimal(0)))];
}

/** AI revenue's share of public cloud revenue, in percent (13% and 26% are the shipped release's). */
const AI_SHARE: Record<string, number> = { 'Q1-2024': 13, 'Q2-2024': 26 };
// At least 10%: a wrapped copy that breaks a line right after a one-digit share ("approximately 1%" / "of revenues")
// is not read today (the line looks like a table row); the invented earlier quarters keep clear of it.
const aiShare = (q: string) => AI_SHARE[q] ?? Math.max(10, Math.min(60, 26 + 3 * (qIndex(q) - BASE)));

export const HISTORY: SyntheticHistory = {
  value,
  fixed: (key, period, cur) => (ANCHORED.has(period) && cur !== 'USD' ? realOf(key, period, cur) : undefined),
  costComponents,
  aiShare,
};

/** Each release's convenience rate (noon buying rates of the order of each quarter end's; synthetic but for Q2 2024). */
export const HISTORY_RATES: Record<string, string> = {
  'Q4-2019': '6.9618', 'Q1-2020': '7.0808', 'Q2-2020': '7.0651', 'Q3-2020': '6.7896', 'Q4-2020': '6.5250', 'Q1-2021': '6.5518',
  'Q2-2021': '6.4566', 'Q3-2021': '6.4434', 'Q4-2021': '6.3726', 'Q1-2022': '6.3393', 'Q2-2022': '6.6981', 'Q3-2022': '7.1135',
  'Q4-2022': '6.8972',
  'Q1-2023': '6.8676', 'Q2-2023': '7.2513', 'Q3-2023': '7.2960', 'Q4-2023': '7.0999', 'Q1-2024': '7.2203', 'Q2-2024': '7.2672',
  'Q3-2024': '7.0176', 'Q4-2024': '7.2993', 'Q1-2025': '7.2567', 'Q2-2025': '7.1636', 'Q3-2025': '7.1190',
};

/** The spec of a history release (not Q2 2024: that one is the shipped text). */
export function historySpec(quarter: string): SyntheticSpec {
  const [q, y] = [Number(quarter[1]), Number(quarter.slice(3))] as [1 | 2 | 3 | 4, number];
  return { q, year: y, rate: HISTORY_RATES[quarter], history: HISTORY };
}

// ---- US$ figures as a release rounds them ------------------------------------------------------------------------
const IS = (rows: string[]) => rows.map((r) => `income_statement.${r}`);
const BSL = (rows: string[]) => rows.map((r) => `balance_sheet.${r}`);
const REVENUE = IS(['public_cloud_revenue', 'enterprise_cloud_revenue']);
const OPEX = IS(['general_admin', 'research_development', 'selling_marketing']);
const GP = [...IS(['cost_of_revenues']), ...REVENUE];
const OP = [...OPEX, ...GP];
const LBT = [...IS(['other_income_expense_net', 'other_loss_net', 'interest_income', 'interest_expense', 'fx_loss']), ...OP];
const NL = [...IS(['income_tax']), ...LBT];
const CA = BSL(['accounts_receivable', 'prepayments_current', 'restricted_cash', 'due_from_related_current']);
const NCA = BSL(['property_equipment', 'intangible_assets', 'goodwill', 'prepayments_noncurrent', 'equity_investments', 'operating_lease_rou']);
const CL = BSL(['accrued_expenses', 'accounts_payable', 'short_term_loans', 'income_tax_payable', 'due_to_related_current', 'operating_lease_liab_current']);
const NCL = BSL(['other_liabilities', 'long_term_loans', 'deferred_tax_liabilities', 'operating_lease_liab_noncurrent']);
const CFL = ['cash_flow.cfo', 'cash_flow.cfi', 'cash_flow.cff', 'cash_flow.fx_effect_cash'];
/** A US$ subtotal (or a line derived from others) → the lines it rests on, nearest first, with their signs in it. */
const UPSTREAM: Record<string, [string, number][]> = {};
const up = (key: string, plus: string[], minus: string[] = []) => (UPSTREAM[key] = [...plus.map((k) => [k, 1] as [string, number]), ...minus.map((k) => [k, -1] as [string, number])]);
up('income_statement.total_revenues', REVENUE);
up('income_statement.gross_profit', GP);
up('gross_profit_reconciliation.gross_profit', GP);
up('income_statement.total_operating_expenses', OPEX);
up('income_statement.operating_loss', OP);
up('income_statement.loss_before_income_taxes', LBT);
up('income_statement.net_loss', NL);
up('ebitda_reconciliation.net_loss', NL);
up('income_statement.net_loss_attributable', NL, IS(['net_loss_nci']));
up('income_statement.comprehensive_loss', [...IS(['fx_translation_adjustments']), ...NL]);
up('income_statement.comprehensive_loss_attributable', [...IS(['fx_translation_adjustments']), ...NL], IS(['comprehensive_loss_nci']));
up('gross_profit_reconciliation.adj_gross_profit', ['gross_profit_reconciliation.sbc_cost_of_revenues', ...GP]);
up('ebitda_reconciliation.adj_net_loss', ['ebitda_reconciliation.sbc', ...NL]);
up('ebitda_reconciliation.adj_ebitda', ['ebitda_reconciliation.depreciation_amortization', 'ebitda_reconciliation.sbc', ...NL]);
up('ebitda_reconciliation.normalized_adj_ebitda', ['ebitda_reconciliation.disposal_loss_gain', 'ebitda_reconciliation.depreciation_amortization', 'ebitda_reconciliation.sbc', ...NL]);
up('balance_sheet.total_current_assets', CFL.concat(CA));
up('balance_sheet.cash', CFL, BSL(['restricted_cash']));
up('balance_sheet.total_noncurrent_assets', NCA);
up('balance_sheet.total_assets', [...NCA, ...CFL, ...CA]);
up('balance_sheet.total_current_liabilities', CL);
up('balance_sheet.total_noncurrent_liabilities', NCL);
up('balance_sheet.total_liabilities', [...CL, ...NCL]);
for (const k of ['total_liabilities_equity']) up(`balance_sheet.${k}`, [...NCA, ...CFL, ...CA]);
for (const k of ['accumulated_deficit', 'total_kc_equity', 'total_equity']) up(`balance_sheet.${k}`, [...NCA, ...CFL, ...CA], [...CL, ...NCL]);
up('cash_flow.net_change_cash', CFL);
up('cash_flow.cash_end', CFL);

/** The cash-flow lines of a balance-sheet date are those of the quarter ending on it. */
const leafPeriod = (leaf: string, period: string) => (leaf.startsWith('cash_flow.') && /^\d{4}-/.test(period) ? endToQuarter.get(period)! : period);

/**
 * The text of a history release that the gate accepts. Each US$ line is RMB / rate rounded, and a US$ subtotal is
 * the sum of its printed US$ parts; where that sum drifts beyond the rounding the check allows, a part it rests on
 * is moved by one thousand (never more than one thousand off its own translation), as a release does.
 */
export function historyReleaseText(
  quarter: string,
  failing: (text: string) => { id: string; period: string; expected: Decimal; actual: Decimal }[],
  history: SyntheticHistory = HISTORY,
): { text: string; rate: string; usdNudge: Record<string, number> } {
  const spec = { ...historySpec(quarter), history };
  const value = history.value;
  const rate = new Decimal(spec.rate);
  const usdNudge: Record<string, number> = {};
  const residual = (leaf: string, period: string) => {
    const rmb = value(leaf, period)!;
    const exact = rmb.div(rate);
    return exact.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).add(usdNudge[`${leaf}|${period}`] ?? 0).sub(exact).toNumber();
  };
  const failingOf = (nudge: Record<string, number>) => failing(syntheticRelease({ ...spec, usdNudge: nudge }).text);
  let bad = failingOf(usdNudge);
  for (let round = 0; round < 100 && bad.length; round++) {
    const c = bad.find((x) => x.id.endsWith('.usd'));
    if (!c) break;
    const key = c.id.slice(0, -'.usd'.length);
    const dir = c.actual.sub(c.expected).isPos() ? 1 : -1;
    // Of the parts that can move that way, the one that leaves the fewest failing checks.
    let best: { nudge: Record<string, number>; bad: typeof bad } | undefined;
    for (const [l, sign] of UPSTREAM[key] ?? []) {
      const lp = leafPeriod(l, c.period);
      if (!value(l, lp) || Math.abs(residual(l, lp) + dir * sign) >= 0.99) continue;
      const k = `${l}|${lp}`;
      const nudge = { ...usdNudge, [k]: (usdNudge[k] ?? 0) + dir * sign };
      const after = failingOf(nudge);
      if (!best || after.length < best.bad.length) best = { nudge, bad: after };
      if (!after.length) break;
    }
    if (!best) {
      if (process.env.HISTORY_DEBUG) console.log('no part to move for', c.id, c.period, String(c.expected), String(c.actual));
      break;
    }
    Object.assign(usdNudge, best.nudge);
    bad = best.bad;
  }
  if (!bad.length) return { text: syntheticRelease({ ...spec, usdNudge }).text, rate: spec.rate, usdNudge };
  const left = failing(syntheticRelease({ ...spec, usdNudge }).text);
  throw new Error(`no accepted synthetic release for ${quarter}: ${left.map((c) => `${c.id} ${c.period}`).join(', ')}`);
}

/** The history with figures changed from one release on (`table.row|period` → thousands added): a restatement or a broken chain. */
export function editedHistory(edits: Record<string, number>): SyntheticHistory {
  return { ...HISTORY, value: (key, period) => HISTORY.value(key, period)?.add(edits[`${key}|${period}`] ?? 0) };
}
