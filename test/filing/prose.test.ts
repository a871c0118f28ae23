import { parseRelease } from '../../src/filing';
import { SHIPPED_RELEASE_TEXT } from '../../src/filing/shipped';

const prose = parseRelease(SHIPPED_RELEASE_TEXT).facts.filter((f) => f.table === 'prose');

/**
 * Every fact read from the prose: [row, period, currency, value as stated (thousands, ratio or per share, with the
 * statements' signs), rounding of the statement, line]. Typed from the release's sentences.
 */
const EXPECTED: [string, string, string | null, string, string, number][] = [
  ['total_revenues', 'Q2-2024', 'RMB', '1891800', '100', 46],
  ['total_revenues', 'Q2-2023', 'RMB', '1835400', '100', 46],
  ['total_revenues', 'Q1-2024', 'RMB', '1775700', '100', 46],
  ['total_revenues', 'Q2-2024', 'USD', '260300', '100', 46],
  ['growth_yoy:total_revenues', 'Q2-2024', null, '0.031', '0.001', 46],
  ['growth_qoq:total_revenues', 'Q2-2024', null, '0.065', '0.001', 46],
  ['total_revenues', 'Q2-2024', 'RMB', '1891800', '100', 42],
  ['growth_yoy:total_revenues', 'Q2-2024', null, '0.031', '0.001', 42],
  ['growth_qoq:total_revenues', 'Q2-2024', null, '0.065', '0.001', 42],
  ['public_cloud_revenue', 'Q2-2024', 'RMB', '1234500', '100', 48],
  ['public_cloud_revenue', 'Q2-2023', 'RMB', '1159500', '100', 48],
  ['public_cloud_revenue', 'Q1-2024', 'RMB', '1187400', '100', 48],
  ['public_cloud_revenue', 'Q2-2024', 'USD', '169900', '100', 48],
  ['growth_yoy:public_cloud_revenue', 'Q2-2024', null, '0.065', '0.001', 48],
  ['growth_qoq:public_cloud_revenue', 'Q2-2024', null, '0.04', '0.001', 48],
  ['enterprise_cloud_revenue', 'Q2-2024', 'RMB', '657200', '100', 50],
  ['enterprise_cloud_revenue', 'Q2-2023', 'RMB', '675200', '100', 50],
  ['enterprise_cloud_revenue', 'Q1-2024', 'RMB', '588200', '100', 50],
  ['enterprise_cloud_revenue', 'Q2-2024', 'USD', '90400', '100', 50],
  ['growth_yoy:enterprise_cloud_revenue', 'Q2-2024', null, '-0.027', '0.001', 50],
  ['growth_qoq:enterprise_cloud_revenue', 'Q2-2024', null, '0.117', '0.001', 50],
  ['cost_of_revenues', 'Q2-2024', 'RMB', '-1573400', '100', 56],
  ['cost_of_revenues', 'Q2-2023', 'RMB', '-1628800', '100', 56],
  ['cost_of_revenues', 'Q2-2024', 'USD', '-216500', '100', 56],
  ['growth_yoy:cost_of_revenues', 'Q2-2024', null, '-0.034', '0.001', 56],
  ['idc_costs', 'Q2-2024', 'RMB', '-728200', '100', 56],
  ['idc_costs', 'Q2-2023', 'RMB', '-860700', '100', 56],
  ['idc_costs', 'Q2-2024', 'USD', '-100200', '100', 56],
  ['growth_yoy:idc_costs', 'Q2-2024', null, '-0.154', '0.001', 56],
  ['cost_depreciation_amortization', 'Q2-2024', 'RMB', '-265900', '100', 56],
  ['cost_depreciation_amortization', 'Q2-2023', 'RMB', '-202100', '100', 56],
  ['cost_depreciation_amortization', 'Q2-2024', 'USD', '-36600', '100', 56],
  ['growth_yoy:cost_depreciation_amortization', 'Q2-2024', null, '0.316', '0.001', 56],
  ['solution_costs', 'Q2-2024', 'RMB', '-491100', '100', 56],
  ['solution_costs', 'Q2-2023', 'RMB', '-452900', '100', 56],
  ['solution_costs', 'Q2-2024', 'USD', '-67600', '100', 56],
  ['growth_yoy:solution_costs', 'Q2-2024', null, '0.084', '0.001', 56],
  ['fulfillment_costs', 'Q2-2024', 'RMB', '-37600', '100', 56],
  ['fulfillment_costs', 'Q2-2024', 'USD', '-5200', '100', 56],
  ['other_costs', 'Q2-2024', 'RMB', '-50600', '100', 56],
  ['other_costs', 'Q2-2024', 'USD', '-6900', '100', 56],
  ['gross_profit', 'Q2-2024', 'RMB', '318300', '100', 58],
  ['gross_profit', 'Q2-2023', 'RMB', '206600', '100', 58],
  ['gross_profit', 'Q2-2024', 'USD', '43800', '100', 58],
  ['growth_yoy:gross_profit', 'Q2-2024', null, '0.541', '0.001', 58],
  ['gross_margin', 'Q2-2024', null, '0.168', '0.001', 58],
  ['gross_margin', 'Q2-2023', null, '0.113', '0.001', 58],
  ['adj_gross_profit', 'Q2-2024', 'RMB', '323400', '100', 58],
  ['adj_gross_profit', 'Q2-2023', 'RMB', '206800', '100', 58],
  ['adj_gross_profit', 'Q2-2024', 'USD', '44500', '100', 58],
  ['adj_gross_profit', 'Q2-2024', 'RMB', '323400', '100', 42],
  ['adj_gross_profit', 'Q2-2023', 'RMB', '206800', '100', 42],
  ['growth_yoy:adj_gross_profit', 'Q2-2024', null, '0.564', '0.001', 42],
  ['adj_gross_margin', 'Q2-2024', null, '0.171', '0.001', 58],
  ['adj_gross_margin', 'Q2-2023', null, '0.113', '0.001', 58],
  ['adj_gross_margin', 'Q2-2024', null, '0.171', '0.001', 42],
  ['adj_gross_margin', 'Q2-2023', null, '0.113', '0.001', 42],
  ['change_pp_yoy:adj_gross_margin', 'Q2-2024', null, '0.058', '0.001', 42],
  ['total_operating_expenses', 'Q2-2024', 'RMB', '-595900', '100', 60],
  ['total_operating_expenses', 'Q2-2023', 'RMB', '-569700', '100', 60],
  ['total_operating_expenses', 'Q1-2024', 'RMB', '-567400', '100', 60],
  ['total_operating_expenses', 'Q2-2024', 'USD', '-82000', '100', 60],
  ['growth_yoy:total_operating_expenses', 'Q2-2024', null, '0.046', '0.001', 60],
  ['growth_qoq:total_operating_expenses', 'Q2-2024', null, '0.05', '0.001', 60],
  ['selling_marketing', 'Q2-2024', 'RMB', '-125700', '100', 62],
  ['selling_marketing', 'Q2-2023', 'RMB', '-129300', '100', 62],
  ['selling_marketing', 'Q1-2024', 'RMB', '-116800', '100', 62],
  ['selling_marketing', 'Q2-2024', 'USD', '-17300', '100', 62],
  ['growth_yoy:selling_marketing', 'Q2-2024', null, '-0.027', '0.001', 62],
  ['growth_qoq:selling_marketing', 'Q2-2024', null, '0.077', '0.001', 62],
  ['general_admin', 'Q2-2024', 'RMB', '-266200', '100', 64],
  ['general_admin', 'Q2-2023', 'RMB', '-246500', '100', 64],
  ['general_admin', 'Q1-2024', 'RMB', '-218700', '100', 64],
  ['general_admin', 'Q2-2024', 'USD', '-36600', '100', 64],
  ['research_development', 'Q2-2024', 'RMB', '-204000', '100', 66],
  ['research_development', 'Q2-2023', 'RMB', '-193900', '100', 66],
  ['research_development', 'Q1-2024', 'RMB', '-232000', '100', 66],
  ['research_development', 'Q2-2024', 'USD', '-28100', '100', 66],
  ['growth_yoy:research_development', 'Q2-2024', null, '0.052', '0.001', 66],
  ['growth_qoq:research_development', 'Q2-2024', null, '-0.121', '0.001', 66],
  ['operating_loss', 'Q2-2024', 'RMB', '-277600', '100', 68],
  ['operating_loss', 'Q2-2023', 'RMB', '-363100', '100', 68],
  ['operating_loss', 'Q1-2024', 'RMB', '-274200', '100', 68],
  ['operating_loss', 'Q2-2024', 'USD', '-38200', '100', 68],
  ['net_loss', 'Q2-2024', 'RMB', '-353700', '100', 70],
  ['net_loss', 'Q2-2023', 'RMB', '-498300', '100', 70],
  ['net_loss', 'Q1-2024', 'RMB', '-363600', '100', 70],
  ['net_loss', 'Q2-2024', 'USD', '-48700', '100', 70],
  ['adj_net_loss', 'Q2-2024', 'RMB', '-301100', '100', 74],
  ['adj_net_loss', 'Q2-2023', 'RMB', '-315000', '100', 74],
  ['adj_net_loss', 'Q1-2024', 'RMB', '-217300', '100', 74],
  ['adj_net_loss', 'Q2-2024', 'USD', '-41400', '100', 74],
  ['adj_ebitda', 'Q2-2024', 'RMB', '60600', '100', 76],
  ['adj_ebitda', 'Q2-2023', 'RMB', '-61400', '100', 76],
  ['adj_ebitda', 'Q1-2024', 'RMB', '33200', '100', 76],
  ['adj_ebitda', 'Q2-2024', 'USD', '8300', '100', 76],
  ['adj_ebitda_margin', 'Q2-2024', null, '0.032', '0.001', 76],
  ['adj_ebitda_margin', 'Q2-2023', null, '-0.033', '0.001', 76],
  ['adj_ebitda_margin', 'Q1-2024', null, '0.019', '0.001', 76],
  ['adj_ebitda', 'Q2-2024', 'RMB', '60600', '100', 42],
  ['adj_ebitda', 'Q2-2023', 'RMB', '-61400', '100', 42],
  ['cfo', 'Q2-2024', 'RMB', '151200', '100', 42],
  ['cfo', 'Q2-2023', 'RMB', '65200', '100', 42],
  ['cfo', 'Q1-2024', 'RMB', '-321300', '100', 42],
  ['cash', '2024-06-30', 'RMB', '1837800', '100', 80],
  ['cash', '2024-03-31', 'RMB', '1881700', '100', 80],
  ['cash', '2024-06-30', 'USD', '252900', '100', 80],
  ['other_revenue', 'Q2-2024', 'RMB', '0', '', 54],
  ['ai_revenue', 'Q2-2024', 'RMB', '326000', '1000', 40],
  ['ai_share_public_cloud', 'Q2-2024', null, '0.26', '0.01', 40],
  ['ai_share_public_cloud', 'Q1-2024', null, '0.13', '0.01', 40],
  ['eps_basic_diluted', 'Q2-2024', 'RMB', '-0.1', '0.01', 78],
  ['eps_basic_diluted', 'Q2-2024', 'USD', '-0.01', '0.01', 78],
  ['eps_basic_diluted', 'Q2-2023', 'RMB', '-0.14', '0.01', 78],
  ['eps_basic_diluted', 'Q1-2024', 'RMB', '-0.1', '0.01', 78],
  ['shares_outstanding', '2024-06-30', null, '3596874352', '', 82],
  ['ads_outstanding', '2024-06-30', null, '239791623', '1', 82],
  ['fx_rate', '2024-06-30', null, '7.2672', '', 52],
];

describe('facts stated in the prose', () => {
  test('every prose fact, with its precision and line', () => {
    expect(prose.map((f) => [f.row, f.period, f.currency, f.value.toString(), f.roundedTo?.toString() ?? '', f.provenance.line])).toEqual(EXPECTED);
  });

  test('prose facts carry the sentence they come from', () => {
    const ai = prose.find((f) => f.row === 'ai_revenue')!;
    expect(ai.metric).toBe('ai_revenue');
    expect(ai.provenance).toMatchObject({ table: 'prose', line: 40, raw: 'RMB326 million', column: 'Q2-2024 RMB (prose)' });
    const rate = prose.find((f) => f.row === 'fx_rate')!;
    expect(rate.unit).toBe('rate');
    expect(rate.provenance.raw).toBe('RMB7.2672 to US$1.00');
  });

  test('a missing required statement is an error; an optional one a warning', () => {
    const noRate = SHIPPED_RELEASE_TEXT.replace(/RMB7\.2672 to US\\\$1\.00/g, 'the stated rate');
    const issues = parseRelease(noRate).issues;
    // The rate sentence is a warning: the rate is then derived from the US$ columns (derived-rate.test.ts).
    expect(issues).toContainEqual(expect.objectContaining({ severity: 'warning', message: 'prose statement not found: Convenience translation rate' }));
    expect(issues).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'rate.derived' }));
    // A statement whose figures only the prose gives is required: without it those figures would silently be missing.
    const noAi = SHIPPED_RELEASE_TEXT.replace('AI revenue of RMB326 million', 'AI revenue');
    expect(parseRelease(noAi).issues).toEqual([expect.objectContaining({ severity: 'error', message: 'prose statement not found: AI revenue' })]);
    // A statement that only repeats table figures (checks, not figures) is optional.
    const noNil = SHIPPED_RELEASE_TEXT.replace('Other revenues were nil this quarter', 'Other revenues were small');
    expect(parseRelease(noNil).issues).toEqual([expect.objectContaining({ severity: 'warning', message: 'prose statement not found: Other revenues' })]);
  });
});
