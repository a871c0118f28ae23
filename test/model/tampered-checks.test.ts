import Decimal from 'decimal.js';
import { parseRelease } from '../../src/filing';
import { SHIPPED_RELEASE_TEXT } from '../../src/filing/shipped';
import type { ParsedRelease } from '../../src/filing/types';
import { buildModel } from '../../src/model';

const seed = parseRelease(SHIPPED_RELEASE_TEXT);

/** The seed with one fact's value replaced (the parser's own table checks are kept as they were). */
function tamper(row: string, period: string, currency: string | null, table: string, value: string): ParsedRelease {
  let hits = 0;
  const facts = seed.facts.map((f) => {
    if (f.row !== row || f.period !== period || f.currency !== currency || f.table !== table) return f;
    hits++;
    return { ...f, value: new Decimal(value) };
  });
  if (hits !== 1) throw new Error(`${table}/${row}/${period}/${currency}: ${hits} facts`);
  return { ...seed, facts };
}

const failing = (r: ParsedRelease) =>
  buildModel(r)
    .checks()
    .filter((c) => !c.pass)
    .map((c) => `${c.id} [${c.period}${c.currency ? ' ' + c.currency : ''}]`)
    .sort();

describe('the model checks', () => {
  test('all pass on the seed, by kind', () => {
    const checks = buildModel(seed).checks();
    expect(checks.filter((c) => !c.pass)).toEqual([]);
    const kinds: Record<string, number> = {};
    for (const c of checks) kinds[c.kind] = (kinds[c.kind] ?? 0) + 1;
    expect(kinds).toEqual({ subtotal: 90, balance: 3, eps: 7, shares: 3, reconciliation: 77, margin: 30, cashflow: 12, halfyear: 41, usd: 128, definition: 28, prose: 91 });
    expect(checks.every((c) => c.expected && c.actual && c.difference && c.tolerance && c.toleranceRule)).toBe(true);
  });

  test('a prose figure that disagrees with the table fails its prose check only', () => {
    expect(failing(tamper('total_revenues', 'Q2-2024', 'RMB', 'prose', '1891900'))).toEqual(['prose.total_revenues [Q2-2024 RMB]']);
  });

  test('a prose US$ figure off by more than its rounding', () => {
    expect(failing(tamper('adj_ebitda', 'Q2-2024', 'USD', 'prose', '8400'))).toEqual(['prose.adj_ebitda [Q2-2024 USD]']);
  });

  test('a prose growth rate that the figures do not give', () => {
    expect(failing(tamper('growth_yoy:total_revenues', 'Q2-2024', null, 'prose', '0.034'))).toEqual(['prose.growth_yoy:total_revenues [Q2-2024]']);
    expect(failing(tamper('change_pp_yoy:adj_gross_margin', 'Q2-2024', null, 'prose', '0.060'))).toEqual(['prose.change_pp_yoy:adj_gross_margin [Q2-2024]']);
  });

  test('an SBC add-back that no longer gives the reported adjusted net loss fails the definition check', () => {
    expect(failing(tamper('sbc', 'Q2-2024', 'RMB', 'ebitda_reconciliation', '45650'))).toEqual(['definition.adj_net_loss [Q2-2024 RMB]']);
  });

  test('a D&A figure that breaks adjusted EBITDA', () => {
    expect(failing(tamper('depreciation_amortization', 'Q1-2024', 'RMB', 'ebitda_reconciliation', '223000'))).toEqual(['definition.adj_ebitda [Q1-2024 RMB]']);
  });

  test('an ADS count that is not shares / 15', () => {
    expect(failing(tamper('ads_outstanding', '2024-06-30', null, 'prose', '239791700'))).toEqual(['prose.ads_outstanding [2024-06-30]']);
  });

  test('an IDC cost that breaks the cost breakdown and its growth rate', () => {
    expect(failing(tamper('idc_costs', 'Q2-2024', 'RMB', 'prose', '-738200'))).toEqual(['prose.cost_breakdown [Q2-2024 RMB]', 'prose.growth_yoy:idc_costs [Q2-2024]']);
  });

  test('a printed margin that the figures do not give (the parser catches it too)', () => {
    const text = SHIPPED_RELEASE_TEXT.replace('Adjusted EBITDA margin (Non-GAAP Financial Measure)\t-3.3%\t1.9%\t3.2%', 'Adjusted EBITDA margin (Non-GAAP Financial Measure)\t-3.3%\t1.9%\t3.4%');
    const r = parseRelease(text);
    expect(r.checks.filter((c) => !c.pass).map((c) => `${c.id} [${c.period}]`)).toEqual(['net_margin_table.adj_ebitda_margin [Q2-2024]']);
  });

  test('a growth rate changed in the release text fails the prose check while the tables stay valid', () => {
    const text = SHIPPED_RELEASE_TEXT.replace('increased by 3.1% year-over-year and 6.5% quarter-over-quarter from', 'increased by 3.4% year-over-year and 6.5% quarter-over-quarter from');
    const r = parseRelease(text);
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(failing(r)).toEqual(['prose.growth_yoy:total_revenues [Q2-2024]']);
  });
});
