import Decimal from 'decimal.js';
import type { CheckResult, Fact } from '../filing/types';
import { NON_GAAP } from './definitions';
import type { Model, ModelValue } from './model';

/**
 * Checks the model adds to the parser's table identities:
 * - definition: each non-GAAP figure recomputed from the statement lines by the release's own definitions;
 * - prose: every figure, percentage and growth rate stated in the text against the tables, to the stated precision;
 * - shares: ADSs = ordinary shares / 15; cost breakdown: the prose components add up to cost of revenues.
 */

type Reader = Model & { valueOf(metric: string, period: string, currency: 'RMB' | 'USD'): ModelValue | undefined };

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
  return { id, name, kind, period, currency, expected, actual, difference, tolerance, toleranceRule, pass: difference.abs().lte(tolerance.add('1e-12')), line };
}

export function modelChecks(model: Reader): CheckResult[] {
  const out: CheckResult[] = [];
  const periods = model.periods().filter((p) => p.kind !== 'instant');

  // Non-GAAP figures by definition, from the statement lines (the reconciliation tables are checked by the parser).
  for (const [id, def] of Object.entries(NON_GAAP)) {
    for (const p of periods) {
      for (const c of ['RMB', 'USD'] as const) {
        const reported = model.valueOf(id, p.id, c);
        if (!reported || reported.origin !== 'reported') continue;
        const parts = def.parts.map(([m, s]) => [model.valueOf(m, p.id, c), s] as const);
        if (parts.some(([v]) => !v)) continue;
        const actual = parts.reduce((a, [v, s]) => a.add(v!.value.mul(s)), new Decimal(0));
        const usd = c === 'USD';
        out.push(
          result(`definition.${id}`, `${reported.metric.label} = ${def.text}`, 'definition', p.id, c, reported.value, actual,
            new Decimal(usd ? 3 : 0), usd ? 'US$: sum of rounded printed parts, up to 3' : 'exact', reported.facts[0]?.provenance.line),
        );
      }
    }
  }

  // Every prose statement against the tables. A figure stated again elsewhere (the CFO's quote repeats the
  // results section) is checked again, under an id that names its line.
  const seen = new Set<string>();
  for (const f of model.release.facts.filter((x) => x.table === 'prose')) {
    const check = proseCheck(model, f);
    if (!check) continue;
    const key = `${check.id}|${check.period}|${check.currency}`;
    if (seen.has(key)) check.id = `${check.id}@line${f.provenance.line}`;
    seen.add(key);
    out.push(check);
  }

  // ADSs outstanding = ordinary shares / 15 ("equivalent to about").
  const shares = model.release.facts.find((f) => f.metric === 'shares_outstanding');
  const ads = model.release.facts.find((f) => f.metric === 'ads_outstanding');
  if (shares && ads) {
    out.push(result('prose.ads_outstanding', 'ADSs = ordinary shares outstanding / 15', 'shares', ads.period, null, ads.value, shares.value.div(15), new Decimal(1), 'stated as "about": within one ADS', ads.provenance.line));
  }

  // The cost-of-revenue components stated in the prose add up to cost of revenues, within their rounding.
  const parts = ['idc_costs', 'cost_depreciation_amortization', 'solution_costs', 'fulfillment_costs', 'other_costs'];
  for (const p of periods) {
    const vals = parts.map((m) => model.valueOf(m, p.id, 'RMB'));
    const total = model.valueOf('cost_of_revenues', p.id, 'RMB');
    if (!total || vals.some((v) => !v)) continue;
    const sum = vals.reduce((a, v) => a.add(v!.value), new Decimal(0));
    const tol = vals.reduce((a, v) => a.add((v!.roundedTo ?? new Decimal(0)).div(2)), new Decimal(0));
    out.push(result('prose.cost_breakdown', 'Cost of revenues = IDC + D&A + solution + fulfillment + other costs (prose)', 'prose', p.id, 'RMB', total.value, sum, tol, `½ of the stated rounding per component (${parts.length})`, vals[0]!.facts[0].provenance.line));
  }
  return out;
}

function proseCheck(model: Reader, f: Fact): CheckResult | undefined {
  const half = (f.roundedTo ?? new Decimal(0)).div(2);
  const rule = f.roundedTo ? `stated to ${f.roundedTo.toString()}: within ½ of it` : 'exact';
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
    return result(`prose.${f.row}`, `${f.provenance.rowLabel}: ${what} as stated (${f.provenance.raw})`, 'prose', f.period, null, f.value, actual, half, rule, line);
  }
  if (!f.metric) return undefined;
  const cur = f.currency ?? 'RMB';
  const v = model.valueOf(f.metric, f.period, cur);
  // Compare with what the tables give (or compute); a prose-only figure has nothing to be checked against.
  if (!v || v.origin === 'prose') return undefined;
  return result(`prose.${f.row}`, `${f.provenance.rowLabel} as stated in the text (${f.provenance.raw})`, 'prose', f.period, f.currency, f.value, v.value, half, rule, line);
}
