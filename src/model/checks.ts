import Decimal from 'decimal.js';
import { BoundedMemo } from '../filing/bounded-memo';
import { eraOf, type ReleaseEra } from '../filing/eras';
import { periodOfId, quarter } from '../filing/periods';
import { layouts, releasePeriods } from '../filing/layout';
import { absAtMost, sameValue } from '../filing/same-value';
import type { CheckResult, Fact } from '../filing/types';
import { NON_GAAP } from './definitions';
import { plus, plusSigned, ZERO } from './money';
import type { Model, ModelValue } from './model-value';

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
  /** growth(metric, period, basis).value, or undefined where growth() throws (a check reads the figure only). */
  growthValue(metric: string, period: string, basis: 'YOY' | 'QOQ'): Decimal | undefined;
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
  const slack = tolerance === ZERO ? EPSILON : tolerance === THREE ? THREE_SLACK : (SLACKS.get(tolerance) ?? tolerance.add(EPSILON));
  // Most checks compare figures that are equal: their difference is the +0 that expected − actual gives (0 − 0 and
  // x − x are +0 under the default rounding), without the subtraction; a ±0 pair or a figure that is not finite takes
  // the subtraction, as does every unequal pair. |+0| ≤ slack is: the slack is not negative. sameValue is eq without
  // the copy of `actual` decimal.js makes per comparison.
  const same = expected === actual ? expected.isFinite() : !expected.isZero() && expected.isFinite() && sameValue(expected, actual);
  if (same) return { id, name, kind, period, currency, expected, actual, difference: ZERO, tolerance, toleranceRule, pass: slack.isPositive() || slack.isZero(), line };
  const difference = expected.sub(actual);
  return { id, name, kind, period, currency, expected, actual, difference, tolerance, toleranceRule, pass: absAtMost(difference, slack), line };
}

/** Tolerances shared by many checks, and their slack (tolerance + EPSILON), made once (ZERO: money.ts's). */
const THREE = new Decimal(3);
const THREE_SLACK = THREE.add(EPSILON);
const HALF = new Decimal('0.5');
/** The slack of other tolerances made once (½ of a stated precision, ½ of an ADS), by the tolerance object. */
const SLACKS = new WeakMap<Decimal, Decimal>([[HALF, HALF.add(EPSILON)]]);

/** What a figure stated to a precision is checked to: ½ of the precision, and the rule's words. */
interface Precision {
  half: Decimal;
  rule: string;
}
/** A figure stated with no rounding is exact (its tolerance the +0 that 0 / 2 gives). */
const EXACT: Precision = { half: ZERO, rule: 'exact' };
/**
 * Per precision object (the parser makes each power of ten once): its tolerance, rule and slack, made once rather
 * than per statement. Weak, so a precision made for one statement goes with its release.
 */
const PRECISIONS = new WeakMap<Decimal, Precision>();
/**
 * The same by the precision's text: each release's parse makes its own precision objects, of a handful of values (a
 * library's releases state to 0.001, 0.01, 10 and 100), so ½ of each is divided out once, not once per release.
 * Bounded: the texts come from the releases.
 */
const PRECISIONS_BY_TEXT = new BoundedMemo<string, Precision>(1_000);
function precisionOf(roundedTo: Decimal | undefined): Precision {
  if (!roundedTo) return EXACT;
  let p = PRECISIONS.get(roundedTo);
  if (p === undefined) {
    const text = roundedTo.toString();
    p = PRECISIONS_BY_TEXT.get(text);
    if (p === undefined) {
      p = { half: roundedTo.div(2), rule: `stated to ${text}: within ½ of it` };
      SLACKS.set(p.half, p.half.add(EPSILON));
      PRECISIONS_BY_TEXT.keep(text, p);
    }
    PRECISIONS.set(roundedTo, p);
  }
  return p;
}
/** Counts as Decimals (required rows), made once per count. */
const COUNTS: Decimal[] = [];
const count = (n: number) => (COUNTS[n] ??= new Decimal(n));

/** The non-GAAP definitions checked, each with its check's id, and its name once made (the same for every period). */
const DEFINED = Object.entries(NON_GAAP).map(([id, def]) => ({ id, checkId: `definition.${id}`, def, name: undefined as string | undefined }));
const CURRENCIES = ['RMB', 'USD'] as const;

/** The rows each table prints (by its first fact) for the required rows. */
type Present = Map<string, { first: Fact; rows: Set<string> }>;

export function modelChecks(model: Reader): CheckResult[] {
  const out: CheckResult[] = [];
  const periods = model.periods().filter((p) => p.kind !== 'instant');

  // One pass over the facts gathers what the checks read from them: the prose statements in the release's order,
  // the first share counts stated, and the rows each table prints. Indexed loops throughout: for…of makes an
  // iterator result per element until the code is optimised (the cold first pass).
  const facts = model.release.facts;
  const stated: Fact[] = [];
  let shares: Fact | undefined;
  let ads: Fact | undefined;
  const present: Present = new Map();
  let table: { first: Fact; rows: Set<string> } | undefined;
  let row: string | undefined;
  for (let i = 0; i < facts.length; i++) {
    const f = facts[i];
    if (f.table === 'prose') stated[stated.length] = f;
    if (f.metric !== undefined) {
      if (shares === undefined && f.metric === 'shares_outstanding') shares = f;
      else if (ads === undefined && f.metric === 'ads_outstanding') ads = f;
    }
    // A table's facts come row by row: a row is added when it changes.
    if (table === undefined || f.table !== table.first.table) {
      table = present.get(f.table);
      if (table === undefined) present.set(f.table, (table = { first: f, rows: new Set() }));
      row = undefined;
    }
    if (f.row !== row) table.rows.add((row = f.row));
  }

  // Non-GAAP figures by definition, from the statement lines (the reconciliation tables are checked by the parser).
  for (let k = 0; k < DEFINED.length; k++) {
    const d = DEFINED[k];
    const { id, def } = d;
    for (let j = 0; j < periods.length; j++) {
      const p = periods[j];
      for (let n = 0; n < CURRENCIES.length; n++) {
        const c = CURRENCIES[n];
        if (model.originOf(id, p.id, c) !== 'reported') continue;
        const reported = model.valueOf(id, p.id, c)!;
        // Σ sign × part in the definition's order; a part the release does not give leaves the figure unchecked.
        let actual: Decimal | undefined = ZERO;
        for (let i = 0; i < def.parts.length; i++) {
          const v = model.valueOf(def.parts[i][0], p.id, c);
          if (!v) {
            actual = undefined;
            break;
          }
          actual = plusSigned(actual, v.value, def.parts[i][1]);
        }
        if (!actual) continue;
        const usd = c === 'USD';
        out.push(
          result(d.checkId, (d.name ??= `${reported.metric.label} = ${def.text}`), 'definition', p.id, c, reported.value, actual,
            usd ? THREE : ZERO, usd ? 'US$: sum of rounded printed parts, up to 3' : 'exact', reported.facts[0]?.provenance.line),
        );
      }
    }
  }

  // Every prose statement against the tables. A figure stated again elsewhere (the CFO's quote repeats the
  // results section) is checked again, under an id that names its line.
  // The period and currency of each id's checks so far, by id as first made (no key string per statement).
  const seen = new Map<string, { period: string; currency: CheckResult['currency'] }[]>();
  for (let i = 0; i < stated.length; i++) {
    const f = stated[i];
    // The id is settled before the result is made (a result changed once made changes the shape V8 shares with every
    // check result, and throws away the optimised code that reads them): the statement's period and the currency its
    // check states (none for a growth rate) against the checks of that id so far.
    const growth = growthBasisOf(f.row);
    // Neither a growth rate nor a figure of a metric: nothing to check.
    if (growth === undefined && !f.metric) continue;
    const id = proseIdOf(f.row);
    const period = f.period;
    const currency = growth !== undefined ? null : f.currency;
    const before = seen.get(id);
    let again = false;
    if (before !== undefined) for (let k = 0; k < before.length && !again; k++) again = before[k].period === period && before[k].currency === currency;
    const check = proseCheck(model, f, growth, again ? `${id}@line${f.provenance.line}` : id);
    if (!check) continue;
    if (before === undefined) seen.set(id, [{ period, currency }]);
    else if (!again) before[before.length] = { period, currency };
    out.push(check);
  }

  // ADSs outstanding = ordinary shares / 15: one ADS represents 15 ordinary shares under KC's ADS programme (a fact
  // of the programme, not of this text). "Equivalent to about" is the nearest whole ADS: 3,596,874,352 / 15 =
  // 239,791,623.47, printed 239,791,623.
  if (shares && ads) {
    out.push(result('prose.ads_outstanding', "ADSs = ordinary shares / 15 (KC's ADS programme: 1 ADS = 15 ordinary shares)", 'shares', ads.period, null, ads.value, shares.value.div(15), HALF, '"about": the nearest whole ADS', ads.provenance.line));
  }

  // A half-year's weighted-average share count lies between its two quarters' (a weighted average of the daily
  // counts of both quarters cannot leave their range).
  const reported = (m: string, p: string) => {
    const v = model.valueOf(m, p, 'RMB');
    return v?.origin === 'reported' ? v : undefined;
  };
  for (let j = 0; j < periods.length; j++) {
    const p = periods[j];
    if (p.kind !== 'half') continue;
    const [h, a, b] = [p.id, quarter(2 * p.index - 1, p.year).id, quarter(2 * p.index, p.year).id].map((id) => reported('weighted_shares', id));
    if (!h || !a || !b) continue;
    const lo = Decimal.min(a.value, b.value);
    const hi = Decimal.max(a.value, b.value);
    out.push(result('shares.weighted_shares.halfyear', `Weighted-average shares of ${p.id} lie between its quarters' (${lo} to ${hi})`, 'shares', p.id, null, h.value, Decimal.min(Decimal.max(h.value, lo), hi), ZERO, 'exact: within the range', h.facts[0].provenance.line));
  }

  // The cost-of-revenue components stated in the prose add up to cost of revenues, within their rounding.
  const parts = COST_PARTS;
  for (let j = 0; j < periods.length; j++) {
    const p = periods[j];
    // The sum and ½ of each component's stated rounding, in the components' order.
    let sum = ZERO;
    let tol = ZERO;
    let first: ModelValue | undefined;
    let i = 0;
    for (; i < parts.length; i++) {
      const v = model.valueOf(parts[i], p.id, 'RMB');
      if (!v) break;
      first ??= v;
      sum = plus(sum, v.value);
      tol = plus(tol, precisionOf(v.roundedTo).half);
    }
    if (i < parts.length) continue;
    const total = model.valueOf('cost_of_revenues', p.id, 'RMB');
    if (!total) continue;
    out.push(result('prose.cost_breakdown', 'Cost of revenues = IDC + D&A + solution + fulfillment + other costs (prose)', 'prose', p.id, 'RMB', total.value, sum, tol, COST_BREAKDOWN_RULE, first!.facts[0].provenance.line));
  }
  // Cash at a date the balance sheet does not print (the previous quarter's end, stated in the prose) is bound by the
  // cash-flow statement's balance at that date: restricted cash is never negative, so cash ≤ cash + restricted cash.
  for (let i = 0; i < stated.length; i++) {
    const f = stated[i];
    if (f.metric !== 'cash' || f.currency !== 'RMB' || model.valueOf('cash', f.period, 'RMB')?.origin !== 'prose') continue;
    const q = periods.find((p) => p.kind === 'quarter' && p.end === f.period);
    const balance = q && reported('cash_end', q.id);
    if (balance) out.push(result('prose.cash.cash_flow_balance', `Cash at ${f.period} as stated (${f.provenance.raw}) ≤ cash and restricted cash (${balance.value})`, 'prose', f.period, 'RMB', f.value, Decimal.min(f.value, balance.value.add(f.roundedTo!.div(2))), ZERO, 'restricted cash is never negative (+ ½ of the stated rounding)', f.provenance.line));
  }
  printedBreakdown(model, stated, parts, out);
  requiredRows(model.release, present, out);
  return out;
}

/** The components of cost of revenues the prose states, in its order. */
const COST_PARTS = ['idc_costs', 'cost_depreciation_amortization', 'solution_costs', 'fulfillment_costs', 'other_costs'];
const COST_BREAKDOWN_RULE = `½ of the stated rounding per component (${COST_PARTS.length})`;
/** Each component's US$ check: its id and tolerance rules, made once rather than per release. */
const COST_PART_USD_IDS = COST_PARTS.map((row) => `prose.${row}.usd`);
const USD_COMPONENT_RULE = "½ of each printed figure's last digit";
const BALANCING_USD_RULE = `${USD_COMPONENT_RULE}, and of the ${COST_PARTS.length} US$ figures it balances`;

/**
 * The cost breakdown as printed, in both currencies. The release prints its components so that they add up to the
 * printed cost of revenues (RMB 728.2 + 265.9 + 491.1 + 37.6 + 50.6 = 1,573.4; US$ 100.2 + 36.6 + 67.6 + 5.2 + 6.9 =
 * 216.5): other costs, the last component, is the balancing figure. Hence:
 * - the printed components add up to the printed total exactly, in each currency;
 * - each US$ component is its RMB figure / rate within the rounding of both printed figures (½ of the US$ figure's
 *   last digit + ½ of the RMB figure's last digit / rate), and the balancing figure also within the rounding of the
 *   US$ figures it balances (½ of the last digit per figure): US$6.9 million for RMB50.6 million / 7.2672 = 6.963.
 */
function printedBreakdown(model: Reader, stated: Fact[], parts: string[], out: CheckResult[]): void {
  const q = model.release.quarter;
  const rate = model.rate;
  // The first prose statement of each row for the release's quarter, per currency (one pass over the statements).
  const firstStated = { RMB: new Map<string, Fact>(), USD: new Map<string, Fact>() };
  for (let i = 0; i < stated.length; i++) {
    const f = stated[i];
    if (f.period !== q || (f.currency !== 'RMB' && f.currency !== 'USD')) continue;
    const byRow = firstStated[f.currency];
    if (!byRow.has(f.row)) byRow.set(f.row, f);
  }
  for (let n = 0; n < CURRENCIES.length; n++) {
    const c = CURRENCIES[n];
    const byRow = firstStated[c];
    const total = byRow.get('cost_of_revenues');
    // The stated components added in their order; a component not stated leaves the total unchecked.
    let sum: Decimal | undefined = ZERO;
    for (let i = 0; i < parts.length && sum; i++) {
      const f = byRow.get(parts[i]);
      sum = f && plus(sum, f.value);
    }
    if (!sum || !total) continue;
    out.push(result(c === 'USD' ? 'prose.cost_breakdown.printed.usd' : 'prose.cost_breakdown.printed', `Cost of revenues as stated (${total.provenance.raw}) = its stated components`, 'prose', q, c, total.value, sum, ZERO, 'exact: the release makes them add up (other costs balances)', total.provenance.line));
  }
  let rateText: string | undefined;
  // ½ of an RMB figure's last digit in US$ (rounding / (2 × rate)): the components are stated to one precision, so it
  // is made once for the first and again only for a component stated otherwise.
  let rmbPrecision: Decimal | undefined;
  let rmbHalfInUsd: Decimal | undefined;
  let twiceRate: Decimal | undefined;
  for (let i = 0; i < parts.length; i++) {
    const row = parts[i];
    const u = firstStated.USD.get(row);
    const r = firstStated.RMB.get(row);
    if (!u?.roundedTo || !r?.roundedTo) continue;
    const last = i === parts.length - 1;
    if (r.roundedTo !== rmbPrecision) {
      rmbPrecision = r.roundedTo;
      rmbHalfInUsd = r.roundedTo.div((twiceRate ??= rate.mul(2)));
    }
    // ½ of the US$ figure's last digit is its precision's half (roundedTo / 2, made once per precision); × 1 for all
    // but the balancing figure leaves it as it is.
    const usdHalf = precisionOf(u.roundedTo).half;
    const tolerance = (last ? usdHalf.mul(parts.length + 1) : usdHalf).add(rmbHalfInUsd!);
    out.push(result(COST_PART_USD_IDS[i], `${u.provenance.rowLabel}: ${u.provenance.raw} = ${r.provenance.raw} / ${(rateText ??= rate.toString())}`, 'prose', q, 'USD', u.value, r.value.div(rate), tolerance, last ? BALANCING_USD_RULE : USD_COMPONENT_RULE, u.provenance.line));
  }
}

/**
 * Every row of every table the release's layout prints is required: a row that is not there (deleted, or its label
 * lost to a neighbour's) refuses the release rather than leaving figures out.
 */
function requiredRows(release: Reader['release'], present: Present, out: CheckResult[]): void {
  const q = periodOfId(release.quarter);
  if (q?.kind !== 'quarter') return;
  const required = requiredRowsOf(release.quarter, q.index, q.year);
  for (let k = 0; k < required.length; k++) {
    const l = required[k];
    const t = present.get(l.id);
    const missing: string[] = [];
    for (let i = 0; i < l.rows.length; i++) if (!t || !t.rows.has(l.rows[i].key)) missing[missing.length] = `"${l.rows[i].label}"`;
    const name = missing.length ? `Every row of the ${l.title} is present; missing: ${missing.join(', ')}` : l.allPresent;
    out.push(result(l.checkId, name, 'required', release.quarter, null, count(l.rows.length), count(l.rows.length - missing.length), ZERO, 'exact', t?.first.provenance.line));
  }
}

/**
 * The rows each table of a quarter's layout requires, with the check's id and its name when every row is there. The
 * layouts' rows and titles are the same in every quarter but for the rows the release's era requires (eras.ts), so
 * they are made once per era (test/model/checks.test.ts holds this against every quarter's layout).
 */
const REQUIRED = new Map<ReleaseEra | undefined, { id: string; checkId: string; title: string; allPresent: string; rows: { key: string; label: string }[] }[]>();
export function requiredRowsOf(quarter: string, q: number, year: number) {
  const era = eraOf(quarter);
  let required = REQUIRED.get(era);
  if (!required) {
    required = layouts(releasePeriods(q, year)).map((l) => {
      const title = l.title.toLowerCase();
      return { id: l.id, checkId: `required.${l.id}`, title, allPresent: `Every row of the ${title} is present`, rows: l.rows.filter((r) => !r.header && !r.optional) };
    });
    REQUIRED.set(era, required);
  }
  return required;
}

/**
 * A growth statement's row is its basis, a colon and the metric it is about ("growth_yoy:total_revenues"): the basis,
 * or undefined for another row. Read with string operations rather than a pattern, which cost more to compile in the
 * first pass than all its runs; the same rows as /^(growth_yoy|growth_qoq|change_pp_yoy):(.+)$/ (a metric of one
 * line at least one character long).
 */
function growthBasisOf(row: string): string | undefined {
  const colon = row.indexOf(':');
  if (colon < 0 || colon === row.length - 1) return undefined;
  const basis = row.slice(0, colon);
  if (basis !== 'growth_yoy' && basis !== 'growth_qoq' && basis !== 'change_pp_yoy') return undefined;
  for (let i = colon + 1; i < row.length; i++) {
    const c = row.charCodeAt(i);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return undefined;
  }
  return basis;
}

/**
 * A prose statement's check id by its row ("prose." + row): the releases of a library state the same rows, so each id
 * is made once and shared by their checks rather than kept once per statement (bounded: rows come from the text).
 */
const PROSE_IDS = new BoundedMemo<string, string>(10_000);
const proseIdOf = (row: string): string => PROSE_IDS.get(row) ?? PROSE_IDS.keep(row, `prose.${row}`);

/**
 * The check of a prose statement (a growth rate when `growth`, its row's basis, is given), under `id`; undefined when
 * there is nothing to check it against.
 */
function proseCheck(model: Reader, f: Fact, growth: string | undefined, id: string): CheckResult | undefined {
  const line = f.provenance.line;
  if (growth !== undefined) {
    const basis = growth === 'growth_qoq' ? 'QOQ' : 'YOY';
    const actual = model.growthValue(f.row.slice(growth.length + 1), f.period, basis);
    if (actual === undefined) return undefined;
    const what = growth === 'change_pp_yoy' ? 'change in percentage points' : basis === 'YOY' ? 'year-over-year growth' : 'quarter-over-quarter growth';
    const precision = precisionOf(f.roundedTo);
    return result(id, `${f.provenance.rowLabel}: ${what} as stated (${f.provenance.raw})`, 'prose', f.period, null, f.value, actual, precision.half, precision.rule, line);
  }
  if (!f.metric) return undefined;
  const cur = f.currency ?? 'RMB';
  const v = model.valueOf(f.metric, f.period, cur);
  // Compare with what the tables give (or compute); a prose-only figure has nothing to be checked against.
  if (!v || v.origin === 'prose') return undefined;
  const precision = precisionOf(f.roundedTo);
  return result(id, `${f.provenance.rowLabel} as stated in the text (${f.provenance.raw})`, 'prose', f.period, f.currency, f.value, v.value, precision.half, precision.rule, line);
}
