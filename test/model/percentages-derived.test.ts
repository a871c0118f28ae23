import Decimal from 'decimal.js';
import { getShippedModel } from '../../src/model/shipped';

const model = getShippedModel();
/** A fraction as the release prints it: percent to the given decimals. */
const pct = (v: Decimal, decimals = 1) => v.mul(100).toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP).toNumber();

describe('every percentage the prose quotes, reproduced to its printed precision', () => {
  // [what, metric, period, basis, printed %] — lines 40–82 of the release
  const growth: [string, string, string, 'YOY' | 'QOQ', number][] = [
    ['total revenues +3.1% YoY', 'total_revenues', 'Q2-2024', 'YOY', 3.1],
    ['total revenues +6.5% QoQ', 'total_revenues', 'Q2-2024', 'QOQ', 6.5],
    ['public cloud +6.5% YoY', 'public_cloud_revenue', 'Q2-2024', 'YOY', 6.5],
    ['public cloud +4.0% QoQ', 'public_cloud_revenue', 'Q2-2024', 'QOQ', 4.0],
    ['enterprise cloud −2.7% YoY', 'enterprise_cloud_revenue', 'Q2-2024', 'YOY', -2.7],
    ['enterprise cloud +11.7% QoQ', 'enterprise_cloud_revenue', 'Q2-2024', 'QOQ', 11.7],
    ['cost of revenues −3.4% YoY', 'cost_of_revenues', 'Q2-2024', 'YOY', -3.4],
    ['IDC costs −15.4% YoY', 'idc_costs', 'Q2-2024', 'YOY', -15.4],
    ['D&A costs +31.6% YoY', 'cost_depreciation_amortization', 'Q2-2024', 'YOY', 31.6],
    ['solution costs +8.4% YoY', 'solution_costs', 'Q2-2024', 'YOY', 8.4],
    ['gross profit +54.1% YoY', 'gross_profit', 'Q2-2024', 'YOY', 54.1],
    ['adjusted gross profit +56.4% YoY', 'adj_gross_profit', 'Q2-2024', 'YOY', 56.4],
    ['total opex +4.6% YoY', 'total_operating_expenses', 'Q2-2024', 'YOY', 4.6],
    ['total opex +5.0% QoQ', 'total_operating_expenses', 'Q2-2024', 'QOQ', 5.0],
    ['S&M −2.7% YoY', 'selling_marketing', 'Q2-2024', 'YOY', -2.7],
    ['S&M +7.7% QoQ', 'selling_marketing', 'Q2-2024', 'QOQ', 7.7],
    ['R&D +5.2% YoY', 'research_development', 'Q2-2024', 'YOY', 5.2],
    ['R&D −12.1% QoQ', 'research_development', 'Q2-2024', 'QOQ', -12.1],
    ['adjusted gross margin +5.8 pp YoY', 'adj_gross_margin', 'Q2-2024', 'YOY', 5.8],
  ];
  test.each(growth)('%s', (_, metric, period, basis, printed) => {
    expect(pct(model.growth(metric, period, basis).value)).toBe(printed);
  });

  const margins: [string, string, string, number][] = [
    ['gross margin 16.8%', 'gross_margin', 'Q2-2024', 16.8],
    ['gross margin 11.3% a year earlier', 'gross_margin', 'Q2-2023', 11.3],
    ['adjusted gross margin 17.1%', 'adj_gross_margin', 'Q2-2024', 17.1],
    ['adjusted gross margin 11.3% a year earlier', 'adj_gross_margin', 'Q2-2023', 11.3],
    ['adjusted EBITDA margin 3.2%', 'adj_ebitda_margin', 'Q2-2024', 3.2],
    ['adjusted EBITDA margin −3.3% a year earlier', 'adj_ebitda_margin', 'Q2-2023', -3.3],
    ['adjusted EBITDA margin 1.9% last quarter', 'adj_ebitda_margin', 'Q1-2024', 1.9],
  ];
  test.each(margins)('%s', (_, metric, period, printed) => {
    expect(pct(model.get(metric, period).value)).toBe(printed);
  });

  test('AI revenue about 26% of public cloud revenue', () => {
    expect(pct(model.get('ai_share_public_cloud', 'Q2-2024').value, 0)).toBe(26);
  });

  test('the prose amounts in RMB million match the tables to the stated 0.1 million', () => {
    const m = (metric: string, period: string, c?: string) => model.get(metric, period, c).value.div(1000).toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toNumber();
    expect(m('total_revenues', 'Q2-2024')).toBe(1891.8);
    expect(m('total_revenues', 'Q2-2024', 'USD')).toBe(260.3);
    expect(m('adj_gross_profit', 'Q2-2024')).toBe(323.4);
    expect(m('adj_gross_profit', 'Q2-2023')).toBe(206.8);
    expect(m('adj_ebitda', 'Q2-2024')).toBe(60.6);
    expect(m('adj_ebitda', 'Q2-2023')).toBe(-61.4);
    expect(m('cfo', 'Q2-2024')).toBe(151.2);
    expect(m('cfo', 'Q1-2024')).toBe(-321.3);
    expect(m('net_loss', 'Q2-2024')).toBe(-353.7);
    expect(m('cash', '2024-06-30', 'USD')).toBe(252.9);
  });
});

describe('figures the release implies', () => {
  const q1 = (metric: string) => model.get(metric, 'Q1-2023');
  test.each([
    ['total_revenues', 3699803 - 1835403],
    ['public_cloud_revenue', 2313183 - 1159509],
    ['cost_of_revenues', -3299012 + 1628797],
    ['gross_profit', 400791 - 206606],
    ['impairment_long_lived_assets', -185135],
    ['operating_loss', -960982 + 363116],
    ['net_loss', -1107093 + 498272],
    ['net_loss_attributable', -1106333 + 499345],
    ['sbc', 43106 - 31797],
    ['adj_net_loss', -727430 + 314960],
    ['depreciation_amortization', 510519 - 243984],
    ['adj_ebitda', -191942 + 61395],
    ['disposal_loss_gain', 21672 - 1456],
    ['normalized_adj_ebitda', -170270 + 59939],
    ['sbc_cost_of_revenues', 393 - 169],
    ['adj_gross_profit', 401184 - 206775],
  ])('Q1-2023 %s = H1-2023 − Q2-2023 = %d', (metric, expected) => {
    const v = q1(metric);
    expect(v.value.toNumber()).toBe(expected);
    expect(v.origin).toBe('derived');
    expect(v.formula).toBe('Q1-2023 = H1-2023 − Q2-2023');
    expect(v.facts.map((f) => f.period).sort()).toEqual(['H1-2023', 'Q2-2023']);
  });

  test('ratios on the derived quarter come from the derived amounts', () => {
    expect(model.get('gross_margin', 'Q1-2023').value.toString()).toBe(new Decimal(400791 - 206606).div(3699803 - 1835403).toString());
    expect(model.get('gross_margin', 'Q1-2023').formula).toMatch(/Q1-2023 derived/);
  });

  test('no EPS, share count or US$ figure is printed for Q1-2023: US$ is translated, EPS is not derived', () => {
    expect(() => model.get('eps_basic_diluted', 'Q1-2023')).toThrow(/does not give eps_basic_diluted for Q1-2023/);
    expect(() => model.get('weighted_shares', 'Q1-2023')).toThrow(/does not give/);
    const usd = model.get('total_revenues', 'Q1-2023', 'USD');
    expect(usd.value.toNumber()).toBe(Math.round(1864400 / 7.2672));
    expect(usd).toMatchObject({ origin: 'translated', rule: 'RMB / 7.2672, rounded to the thousand (not printed in the release)' });
  });

  test('the six months of cash flow: Q1 + Q2 for flows, Q1 opening and Q2 closing balances', () => {
    expect(model.get('cfo', 'H1-2024').value.toNumber()).toBe(-321336 + 151169);
    expect(model.get('cfi', 'H1-2024').value.toNumber()).toBe(-1169017 - 654829);
    expect(model.get('net_change_cash', 'H1-2024').value.toNumber()).toBe(-398721 + 5644);
    expect(model.get('cash_begin', 'H1-2024').value.toNumber()).toBe(2489481);
    expect(model.get('cash_end', 'H1-2024').value.toNumber()).toBe(2096404);
    expect(model.get('cfo', 'H1-2024').origin).toBe('derived');
    expect(() => model.get('cfo', 'H1-2023')).toThrow(/does not give cfo for H1-2023/);
  });

  test('US$: printed where printed, else RMB / 7.2672 rounded half up to the thousand', () => {
    expect(model.get('total_revenues', 'Q2-2024', 'USD')).toMatchObject({ origin: 'reported', rule: 'as printed in the release' });
    expect(model.get('total_revenues', 'Q2-2024', 'USD').value.toNumber()).toBe(260318);
    const q1 = model.get('total_revenues', 'Q1-2024', 'USD');
    expect(q1.origin).toBe('translated');
    expect(q1.value.toNumber()).toBe(new Decimal(1775684).div('7.2672').toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber());
    // A US$ subtotal printed as the sum of rounded parts differs from a direct translation; the printed one wins.
    expect(model.get('loss_before_income_taxes', 'Q2-2024', 'USD').value.toNumber()).toBe(-47726);
    expect(new Decimal(-346827).div('7.2672').toDecimalPlaces(0).toNumber()).toBe(-47725);
    expect(model.get('gross_margin', 'Q2-2024', 'USD').value.eq(model.get('gross_margin', 'Q2-2024').value)).toBe(true);
    expect(model.get('cash', 'FY-2023', 'USD')).toMatchObject({ origin: 'translated' });
  });
});
