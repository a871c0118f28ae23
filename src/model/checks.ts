import Decimal from 'decimal.js';
import { layouts, releasePeriods } from '../filing/layout';
import type { CheckResult, Fact } from '../filing/types';
import { NON_GAAP } from './definitions';
import { signed } from './money';
import type { Model, ModelValue } from './model';

/**
 * Checks the model adds to the parser's table identities:
 * - definition: each non-GAAP figure recomputed from the statement lines by the release's own definitions;
 * - prose: every figure, percentage and growth rate stated in the text against the tables, to the stated precision;
 * - shares: ADSs = ordinary shares / 15; cost breakdown: the prose components add up to cost of revenues.
 */

type Reader = Model & {
  valueOf(metric: string, period: string, currency: 'RMB' | 'USD'): ModelValue | undefined;
  /** The origin of a stored value, without computing a figure no check needs. */
  originOf(metric: string, period: string, currency: 'RMB' | 'USD'): ModelValue['origin'] | undefined;
};

/** The comparison's slack for decimal noise, parsed once rather than per check. */
const EPSILON = new Decimal('1e-12');

function result(
  id: string,
  name: string,
  kind: string,
  period: string,
  currency: CheckResult['currency'],
  expected: Decimal,
  actual: Decimal,
  tolerance: Decimal,
  toleranceRule: string,
  line?: number,
): CheckResult {
  const difference = expected.sub(actual);
  const slack = tolerance === ZERO ? EPSILON : tolerance === THREE ? THREE_SLACK : tolerance.add(EPSILON);
  return { id, name, kind, period, currency, expected, actual, difference, tolerance, toleranceRule, pass: difference.abs().lte(slack), line };
}

/** Tolerances shared by many checks, and their slack (tolerance + EPSILON), made once. */
const ZERO = new Decimal(0);
const THREE = new Decimal(3);
const THREE_SLACK = THREE.add(EPSILON);
const HALF = new Decimal('0.5');
/** Counts as Decimals (required rows), made once per count. */
const COUNTS: Decimal[] = [];
const count = (n: number) => (COUNTS[n] ??= new Decimal(n));

export function modelChecks(model: Reader): CheckResult[] {
  const out: CheckResult[] = [];
  const periods = model.periods().filter((p) => p.kind !== 'instant');

  // Non-GAAP figures by definition, from the statement lines (the reconciliation tables are checked by the parser).
  for (const [id, def] of Object.entries(NON_GAAP)) {
    for (const p of periods) {
      for (const c of ['RMB', 'USD'] as const) {
        if (model.originOf(id, p.id, c) !== 'reported') continue;
        const reported = model.valueOf(id, p.id, c)!;
        const parts = def.parts.map(([m]) => model.valueOf(m, p.id, c));
        if (parts.some((v) => !v)) continue;
        const actual = parts.reduce((a, v, i) => a.add(signed(v!.value, def.parts[i][1])), ZERO);
        const usd = c === 'USD';
        out.push(
          result(`definition.${id}`, `${reported.metric.label} = ${def.text}`, 'definition', p.id, c, reported.value, actual,
            usd ? THREE : ZERO, usd ? 'US$: sum of rounded printed parts, up to 3' : 'exact', reported.facts[0]?.provenance.line),
        );
      }
    }
  }

  // Every prose statement against the tables. A figure stated again elsewhere (the CFO's quote repeats the
  // results section) is checked again, under an id that names its line.
  const seen = new Set<string>();
  const all = model.release.facts;
  for (let i = 0; i < all.length; i++) {
    const f = all[i];
    if (f.table !== 'prose') continue;
    const check = proseCheck(model, f);
    if (!check) continue;
    const key = `${check.id}|${check.period}|${check.currency}`;
    if (seen.has(key)) check.id = `${check.id}@line${f.provenance.line}`;
    seen.add(key);
    out.push(check);
  }

  // ADSs outstanding = ordinary shares / 15: one ADS represents 15 ordinary shares under KC's ADS programme (a fact
  // of the programme, not of this text). "Equivalent to about" is the nearest whole ADS: 3,596,874,352 / 15 =
  // 239,791,623.47, printed 239,791,623.
  const shares = model.release.facts.find((f) => f.metric === 'shares_outstanding');
  const ads = model.release.facts.find((f) => f.metric === 'ads_outstanding');
  if (shares && ads) {
    out.push(result('prose.ads_outstanding', "ADSs = ordinary shares / 15 (KC's ADS programme: 1 ADS = 15 ordinary shares)", 'shares', ads.period, null, ads.value, shares.value.div(15), HALF, '"about": the nearest whole ADS', ads.provenance.line));
  }

  // A half-year's weighted-average share count lies between its two quarters' (a weighted average of the daily
  // counts of both quarters cannot leave their range).
  const reported = (m: string, p: string) => {
    const v = model.valueOf(m, p, 'RMB');
    return v?.origin === 'reported' ? v : undefined;
  };
  for (const p of periods) {
    if (p.kind !== 'half') continue;
    const [h, a, b] = [p.id, `Q${2 * p.index - 1}-${p.year}`, `Q${2 * p.index}-${p.year}`].map((id) => reported('weighted_shares', id));
    if (!h || !a || !b) continue;
    const lo = Decimal.min(a.value, b.value);
    const hi = Decimal.max(a.value, b.value);
    out.push(result('shares.weighted_shares.halfyear', `Weighted-average shares of ${p.id} lie between its quarters' (${lo} to ${hi})`, 'shares', p.id, null, h.value, Decimal.min(Decimal.max(h.value, lo), hi), ZERO, 'exact: within the range', h.facts[0].provenance.line));
  }

  // The cost-of-revenue components stated in the prose add up to cost of revenues, within their rounding.
  const parts = ['idc_costs', 'cost_depreciation_amortization', 'solution_costs', 'fulfillment_costs', 'other_costs'];
  for (const p of periods) {
    const vals = parts.map((m) => model.valueOf(m, p.id, 'RMB'));
    const total = model.valueOf('cost_of_revenues', p.id, 'RMB');
    if (!total || vals.some((v) => !v)) continue;
    const sum = vals.reduce((a, v) => a.add(v!.value), ZERO);
    const tol = vals.reduce((a, v) => a.add((v!.roundedTo ?? ZERO).div(2)), ZERO);
    out.push(result('prose.cost_breakdown', 'Cost of revenues = IDC + D&A + solution + fulfillment + other costs (prose)', 'prose', p.id, 'RMB', total.value, sum, tol, `½ of the stated rounding per component (${parts.length})`, vals[0]!.facts[0].provenance.line));
  }
  // Cash at a date the balance sheet does not print (the previous quarter's end, stated in the prose) is bound by the
  // cash-flow statement's balance at that date: restricted cash is never negative, so cash ≤ cash + restricted cash.
  for (let i = 0; i < all.length; i++) {
    const f = all[i];
    if (f.table !== 'prose' || f.metric !== 'cash' || f.currency !== 'RMB' || model.valueOf('cash', f.period, 'RMB')?.origin !== 'prose') continue;
    const q = periods.find((p) => p.kind === 'quarter' && p.end === f.period);
    const balance = q && reported('cash_end', q.id);
    if (balance) out.push(result('prose.cash.cash_flow_balance', `Cash at ${f.period} as stated (${f.provenance.raw}) ≤ cash and restricted cash (${balance.value})`, 'prose', f.period, 'RMB', f.value, Decimal.min(f.value, balance.value.add(f.roundedTo!.div(2))), ZERO, 'restricted cash is never negative (+ ½ of the stated rounding)', f.provenance.line));
  }
  out.push(...printedBreakdown(model, parts), ...requiredRows(model.release));
  return out;
}

/**
 * The cost breakdown as printed, in both currencies. The release prints its components so that they add up to the
 * printed cost of revenues (RMB 728.2 + 265.9 + 491.1 + 37.6 + 50.6 = 1,573.4; US$ 100.2 + 36.6 + 67.6 + 5.2 + 6.9 =
 * 216.5): other costs, the last component, is the balancing figure. Hence:
 * - the printed components add up to the printed total exactly, in each currency;
 * - each US$ component is its RMB figure / rate within the rounding of both printed figures (½ of the US$ figure's
 *   last digit + ½ of the RMB figure's last digit / rate), and the balancing figure also within the rounding of the
 *   US$ figures it balances (½ of the last digit per figure): US$6.9 million for RMB50.6 million / 7.2672 = 6.963.
 */
function printedBreakdown(model: Reader, parts: string[]): CheckResult[] {
  const out: CheckResult[] = [];
  const { quarter: q, facts } = model.release;
  const rate = model.rate;
  // The first prose statement of each row for the release's quarter, per currency (one pass over the facts).
  const firstStated = { RMB: new Map<string, Fact>(), USD: new Map<string, Fact>() };
  for (let i = 0; i < facts.length; i++) {
    const f = facts[i];
    if (f.table !== 'prose' || f.period !== q || (f.currency !== 'RMB' && f.currency !== 'USD')) continue;
    const byRow = firstStated[f.currency];
    if (!byRow.has(f.row)) byRow.set(f.row, f);
  }
  const stated = (row: string, c: 'RMB' | 'USD') => firstStated[c].get(row);
  for (const c of ['RMB', 'USD'] as const) {
    const fs = [...parts, 'cost_of_revenues'].map((r) => stated(r, c));
    if (fs.some((f) => !f)) continue;
    const total = fs.pop()!;
    out.push(result(`prose.cost_breakdown.printed${c === 'USD' ? '.usd' : ''}`, `Cost of revenues as stated (${total.provenance.raw}) = its stated components`, 'prose', q, c, total.value, fs.reduce((a, f) => a.add(f!.value), ZERO), ZERO, 'exact: the release makes them add up (other costs balances)', total.provenance.line));
  }
  parts.forEach((row, i) => {
    const u = stated(row, 'USD');
    const r = stated(row, 'RMB');
    if (!u?.roundedTo || !r?.roundedTo) return;
    const last = i === parts.length - 1;
    out.push(result(`prose.${row}.usd`, `${u.provenance.rowLabel}: ${u.provenance.raw} = ${r.provenance.raw} / ${rate}`, 'prose', q, 'USD', u.value, r.value.div(rate), u.roundedTo.div(2).mul(last ? parts.length + 1 : 1).add(r.roundedTo.div(rate.mul(2))), `½ of each printed figure's last digit${last ? `, and of the ${parts.length} US$ figures it balances` : ''}`, u.provenance.line));
  });
  return out;
}

/**
 * Every row of every table the release's layout prints is required: a row that is not there (deleted, or its label
 * lost to a neighbour's) refuses the release rather than leaving figures out.
 */
function requiredRows(release: Reader['release']): CheckResult[] {
  const m = /^Q([1-4])-(\d{4})$/.exec(release.quarter);
  if (!m) return [];
  const required = requiredRowsOf(release.quarter, Number(m[1]), Number(m[2]));
  // The rows present, by table, and each table's first fact: one pass over the facts.
  const present = new Map<string, { first: Fact; rows: Set<string> }>();
  const facts = release.facts;
  for (let i = 0; i < facts.length; i++) {
    const f = facts[i];
    const t = present.get(f.table);
    if (t) t.rows.add(f.row);
    else present.set(f.table, { first: f, rows: new Set([f.row]) });
  }
  return required.map((l) => {
    const t = present.get(l.id);
    const missing = l.rows.filter((r) => !t || !t.rows.has(r.key)).map((r) => `"${r.label}"`);
    return result(`required.${l.id}`, `Every row of the ${l.title} is present${missing.length ? '; missing: ' + missing.join(', ') : ''}`, 'required', release.quarter, null, count(l.rows.length), count(l.rows.length - missing.length), ZERO, 'exact', t?.first.provenance.line);
  });
}

/** The rows each table of a quarter's layout requires (the layout depends on the quarter only): made once per quarter. */
const REQUIRED = new Map<string, { id: string; title: string; rows: { key: string; label: string }[] }[]>();
function requiredRowsOf(quarter: string, q: number, year: number) {
  let required = REQUIRED.get(quarter);
  if (!required) {
    required = layouts(releasePeriods(q, year)).map((l) => ({ id: l.id, title: l.title.toLowerCase(), rows: l.rows.filter((r) => !r.header && !r.optional) }));
    REQUIRED.set(quarter, required);
  }
  return required;
}

function proseCheck(model: Reader, f: Fact): CheckResult | undefined {
  // The tolerance and its rule are made only for a statement that is checked.
  const half = () => (f.roundedTo ?? ZERO).div(2);
  const rule = () => (f.roundedTo ? `stated to ${f.roundedTo.toString()}: within ½ of it` : 'exact');
  const line = f.provenance.line;
  const growth = /^(growth_yoy|growth_qoq|change_pp_yoy):(.+)$/.exec(f.row);
  if (growth) {
    const basis = growth[1] === 'growth_qoq' ? 'QOQ' : 'YOY';
    const metric = growth[2];
    let actual: Decimal;
    try {
      actual = model.growth(metric, f.period, basis).value;
    } catch {
      return undefined;
    }
    const what = growth[1] === 'change_pp_yoy' ? 'change in percentage points' : basis === 'YOY' ? 'year-over-year growth' : 'quarter-over-quarter growth';
    return result(`prose.${f.row}`, `${f.provenance.rowLabel}: ${what} as stated (${f.provenance.raw})`, 'prose', f.period, null, f.value, actual, half(), rule(), line);
  }
  if (!f.metric) return undefined;
  const cur = f.currency ?? 'RMB';
  const v = model.valueOf(f.metric, f.period, cur);
  // Compare with what the tables give (or compute); a prose-only figure has nothing to be checked against.
  if (!v || v.origin === 'prose') return undefined;
  return result(`prose.${f.row}`, `${f.provenance.rowLabel} as stated in the text (${f.provenance.raw})`, 'prose', f.period, f.currency, f.value, v.value, half(), rule(), line);
}
