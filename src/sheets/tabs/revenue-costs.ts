import type { ReleasePeriods } from '../../filing/layout';
import { periodOfId, quarter } from '../../filing/periods';
import type { ModelReader } from '../model-reader';
import { tryGet } from '../model-reader';
import type Decimal from 'decimal.js';
import { amount, blank, formula, relativePeriod, section, type LineDef } from '../statement';
import type { ColumnDef } from '../tab-builder';

/**
 * Revenue mix, AI revenue, the cost-of-revenue breakdown from the prose, and growth rates. Every figure links to
 * the statement tabs or derives from them (Q1 of last year = six months - second quarter).
 */
export function revenueCostLines(p: ReleasePeriods, model: ModelReader): LineDef[] {
  const derivedQ1 = quarter(1, periodOfId(p.priorYtd)!.year).id;
  const linked = (key: string, tab = 'IS') => (c: ColumnDef) =>
    c.period === derivedQ1 ? `{${key}|${p.priorYtd}}-{${key}|${p.priorYearQuarter}}` : `{${tab}:${key}}`;
  const link = (key: string, label: string, extra: Partial<LineDef> = {}): LineDef =>
    formula(key, label, '', { formulaFor: linked(key), link: true, ...extra });
  const growth = (key: string, basis: 'YOY' | 'QOQ', label: string): LineDef => ({
    key: `${key}_${basis.toLowerCase()}`,
    label,
    kind: 'formula',
    formula: basis === 'YOY' ? `{${key}}/{${key}|PY}-1` : `{${key}}/{${key}|PQ}-1`,
    format: 'percent',
    indent: 1,
    expect: (c) => tryGrowth(model, key, c.period, basis),
  });
  // A change of a share, in percentage points (5.8 for +5.8 pp): a number, not a percent.
  const ppChange = (key: string, label: string): LineDef => ({
    key: `${key}_pp_yoy`,
    label,
    kind: 'formula',
    formula: `({${key}}-{${key}|PY})*100`,
    format: 'points',
    indent: 1,
    expect: (c) => tryGrowth(model, key, c.period, 'YOY')?.mul(100),
  });
  // Operating expenses without the one-off impairment of long-lived assets (RMB185m in Q1 2023), for ratios and
  // growth that the one-off would distort.
  const exImpairment = (period: string): Decimal | undefined => {
    const total = tryGet(model, 'total_operating_expenses', period);
    const impairment = tryGet(model, 'impairment_long_lived_assets', period);
    return total && impairment ? total.value.sub(impairment.value) : undefined;
  };
  const exGrowth = (basis: 'YOY' | 'QOQ'): LineDef => ({
    key: `opex_ex_impairment_${basis.toLowerCase()}`,
    label: 'Operating expenses excluding impairment',
    kind: 'formula',
    formula: basis === 'YOY' ? '{opex_ex_impairment}/{opex_ex_impairment|PY}-1' : '{opex_ex_impairment}/{opex_ex_impairment|PQ}-1',
    format: 'percent',
    indent: 1,
    expect: (c) => {
      const cur = exImpairment(c.period);
      const prev = exImpairment(relativePeriod(c.period, basis === 'YOY' ? 'PY' : 'PQ'));
      return cur && prev && !prev.isZero() ? cur.div(prev).sub(1) : undefined;
    },
  });
  const onlyQuarter = (c: ColumnDef) => c.period === p.quarter || c.period === p.priorYearQuarter;
  return [
    section('Revenues'),
    link('public_cloud_revenue', 'Public cloud services', { indent: 1 }),
    link('enterprise_cloud_revenue', 'Enterprise cloud services', { indent: 1 }),
    link('other_revenue', 'Others', { indent: 1 }),
    formula('total_revenues', 'Total revenues', 'SUM({public_cloud_revenue}:{other_revenue})', { total: 'total' }),
    section('Revenue mix'),
    formula('public_cloud_mix', 'Public cloud services', '{public_cloud_revenue}/{total_revenues}', { format: 'percent', indent: 1 }),
    formula('enterprise_cloud_mix', 'Enterprise cloud services', '{enterprise_cloud_revenue}/{total_revenues}', { format: 'percent', indent: 1 }),
    blank(1),
    section('AI revenue (prose, to the nearest RMB million)'),
    amount('ai_revenue', 'AI revenue', { indent: 1 }),
    formula('ai_share_public_cloud', 'AI revenue as a share of public cloud revenue', '{ai_revenue}/{public_cloud_revenue}', {
      format: 'percent',
      indent: 1,
      only: (c) => c.period === p.quarter,
    }),
    blank(2),
    section('Cost of revenues (breakdown stated in the prose, to the nearest RMB0.1 million)'),
    link('cost_of_revenues', 'Cost of revenues', { total: 'total' }),
    amount('idc_costs', 'IDC costs', { indent: 1, only: onlyQuarter }),
    amount('cost_depreciation_amortization', 'Depreciation and amortization costs', { indent: 1, only: onlyQuarter }),
    amount('solution_costs', 'Solution development and services costs', { indent: 1, only: onlyQuarter }),
    amount('fulfillment_costs', 'Fulfillment costs', { indent: 1, only: (c) => c.period === p.quarter }),
    amount('other_costs', 'Other costs', { indent: 1, only: (c) => c.period === p.quarter }),
    formula('cost_components', 'Sum of the stated components', 'SUM({idc_costs}:{other_costs})', {
      metric: undefined,
      only: (c) => c.period === p.quarter,
      // Each column's own quarter: in a time series this row is written for every quarter whose release states the
      // breakdown, not only the latest.
      expect: (c) => componentSum(model, c.period),
      tolerance: { tolerance: 1e-6, rule: 'sum of the prose figures' },
    }),
    formula('cost_unexplained', 'Difference from cost of revenues (prose rounding)', '{cost_of_revenues}-{cost_components}', {
      metric: undefined,
      only: (c) => c.period === p.quarter,
      expect: (c) => {
        const total = tryGet(model, 'cost_of_revenues', c.period);
        const parts = componentSum(model, c.period);
        return total && parts ? total.value.sub(parts) : undefined;
      },
      tolerance: { tolerance: 1e-6, rule: 'cost of revenues less the prose components' },
    }),
    blank(3),
    section('Operating expenses'),
    link('selling_marketing', 'Selling and marketing expenses', { indent: 1 }),
    link('general_admin', 'General and administrative expenses', { indent: 1 }),
    link('research_development', 'Research and development expenses', { indent: 1 }),
    link('impairment_long_lived_assets', 'Impairment of long-lived assets', { indent: 1 }),
    link('total_operating_expenses', 'Total operating expenses', { total: 'total' }),
    formula('opex_ex_impairment', 'Operating expenses excluding impairment', '{total_operating_expenses}-{impairment_long_lived_assets}', {
      metric: undefined,
      indent: 1,
      expect: (c) => exImpairment(c.period),
    }),
    formula('opex_ratio', 'Operating expenses as a share of total revenues', '-{total_operating_expenses}/{total_revenues}', { format: 'percent', indent: 1 }),
    formula('opex_ex_impairment_ratio', 'Excluding impairment, as a share of total revenues', '-{opex_ex_impairment}/{total_revenues}', {
      metric: undefined,
      format: 'percent',
      indent: 1,
      expect: (c) => {
        const ex = exImpairment(c.period);
        const revenues = tryGet(model, 'total_revenues', c.period);
        return ex && revenues ? ex.neg().div(revenues.value) : undefined;
      },
    }),
    blank(4),
    section('Growth, year over year'),
    growth('total_revenues', 'YOY', 'Total revenues'),
    growth('public_cloud_revenue', 'YOY', 'Public cloud services'),
    growth('enterprise_cloud_revenue', 'YOY', 'Enterprise cloud services'),
    growth('cost_of_revenues', 'YOY', 'Cost of revenues'),
    growth('idc_costs', 'YOY', 'IDC costs'),
    growth('cost_depreciation_amortization', 'YOY', 'Depreciation and amortization costs'),
    growth('solution_costs', 'YOY', 'Solution development and services costs'),
    growth('selling_marketing', 'YOY', 'Selling and marketing expenses'),
    growth('general_admin', 'YOY', 'General and administrative expenses'),
    growth('research_development', 'YOY', 'Research and development expenses'),
    growth('total_operating_expenses', 'YOY', 'Total operating expenses'),
    exGrowth('YOY'),
    section('Growth, quarter over quarter'),
    growth('total_revenues', 'QOQ', 'Total revenues'),
    growth('public_cloud_revenue', 'QOQ', 'Public cloud services'),
    growth('enterprise_cloud_revenue', 'QOQ', 'Enterprise cloud services'),
    growth('selling_marketing', 'QOQ', 'Selling and marketing expenses'),
    growth('general_admin', 'QOQ', 'General and administrative expenses'),
    growth('research_development', 'QOQ', 'Research and development expenses'),
    growth('total_operating_expenses', 'QOQ', 'Total operating expenses'),
    exGrowth('QOQ'),
    section('Mix change, year over year (percentage points)'),
    ppChange('public_cloud_mix', 'Public cloud share of revenues'),
  ].map((l) => (l.formula === '' && l.formulaFor ? { ...l, formula: undefined } : l));
}

function tryGrowth(model: ModelReader, metric: string, period: string, basis: 'YOY' | 'QOQ') {
  try {
    return model.growth(metric, period, basis).value;
  } catch {
    return undefined;
  }
}

function componentSum(model: ModelReader, period: string) {
  const keys = ['idc_costs', 'cost_depreciation_amortization', 'solution_costs', 'fulfillment_costs', 'other_costs'];
  const vals = keys.map((k) => tryGet(model, k, period));
  if (vals.some((v) => !v)) return undefined;
  return vals.reduce((a, v) => a.add(v!.value), vals[0]!.value.sub(vals[0]!.value));
}
