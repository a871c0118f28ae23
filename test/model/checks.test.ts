/**
 * The checks: all pass on the seed; and when one figure is wrong, exactly the checks that should fail do, and
 * nothing else. Figures are altered two ways: one fact of the parsed release (the parser's own table checks are
 * then kept as they were, so what fails is the model's checks), and one line of the release text (parsed again,
 * so the parser's checks run on it too).
 */
import Decimal from 'decimal.js';
import { parseRelease, readRelease, ReleaseRejectedError } from '../../src/filing';
import { SHIPPED_RELEASE_TEXT } from '../../src/filing/shipped';
import type { CheckResult, Currency, ParsedRelease, TableId } from '../../src/filing/types';
import { buildModel } from '../../src/model';
import { acceptRelease } from '../../src/model/gate';
import { requiredRowsOf } from '../../src/model/checks';
import { layouts, releasePeriods } from '../../src/filing/layout';

const seed = parseRelease(SHIPPED_RELEASE_TEXT);
const label = (c: CheckResult) => `${c.id} [${c.period}${c.currency ? ' ' + c.currency : ''}]`;
const failing = (r: ParsedRelease) => buildModel(r).checks().filter((c) => !c.pass).map(label).sort();

/**
 * The seed with one fact's value replaced: the first that matches (a figure the prose states twice — the CFO's
 * quote repeats the results section — is a fact per statement; the first is the results section's).
 */
function tamper(table: TableId, row: string, period: string, currency: Currency | null, value: string): ParsedRelease {
  const release = parseRelease(SHIPPED_RELEASE_TEXT);
  let hits = 0;
  const facts = release.facts.map((f) => {
    if (hits > 0 || f.table !== table || f.row !== row || f.period !== period || f.currency !== currency) return f;
    hits++;
    return { ...f, value: new Decimal(value) };
  });
  if (hits !== 1) throw new Error(`${table}/${row}/${period}/${currency}: no fact matches`);
  return { ...release, facts };
}

/** The release text with one passage replaced; the passage must occur exactly once. */
function editText(from: string, to: string): string {
  const n = SHIPPED_RELEASE_TEXT.split(from).length - 1;
  if (n !== 1) throw new Error(`"${from}" occurs ${n} times`);
  return SHIPPED_RELEASE_TEXT.replace(from, to);
}

describe('on the seed', () => {
  const model = buildModel(seed);
  const checks = model.checks();

  test('every check passes', () => {
    expect(checks.filter((c) => !c.pass).map(label)).toEqual([]);
    expect(seed.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  test('536 checks: the parser\'s 390 table identities and second rate statement, and the model\'s 145, by kind', () => {
    const count = (cs: CheckResult[]) => cs.reduce<Record<string, number>>((a, c) => ({ ...a, [c.kind]: (a[c.kind] ?? 0) + 1 }), {});
    expect(checks).toHaveLength(536);
    expect(count(checks)).toEqual({ subtotal: 90, balance: 3, eps: 7, shares: 4, reconciliation: 77, margin: 30, cashflow: 12, halfyear: 41, usd: 128, definition: 28, prose: 109, required: 7 });
    expect(checks.slice(0, 391)).toEqual(seed.checks);
    expect(count(checks.slice(0, 391))).toEqual({ subtotal: 90, balance: 3, eps: 7, shares: 2, reconciliation: 77, margin: 30, cashflow: 12, halfyear: 41, usd: 128, prose: 1 });
    expect(count(checks.slice(391))).toEqual({ definition: 28, prose: 108, shares: 2, required: 7 });
    // checks() is computed once.
    expect(model.checks()).toBe(checks);
  });

  test('each check is well formed and appears once', () => {
    const keys = checks.map(label);
    expect(new Set(keys).size).toBe(keys.length);
    for (const c of checks) {
      expect(c.difference.eq(c.expected.sub(c.actual))).toBe(true);
      expect(c.tolerance.gte(0)).toBe(true);
      expect(c.pass).toBe(c.difference.abs().lte(c.tolerance.add('1e-12')));
      expect(c.toleranceRule.length).toBeGreaterThan(0);
      expect(c.name.length).toBeGreaterThan(0);
    }
  });

  test('the model\'s checks: each non-GAAP definition for every printed column, each prose figure and rate', () => {
    const own = checks.slice(391);
    const ids = (kind: string) => [...new Set(own.filter((c) => c.kind === kind).map((c) => c.id))].sort();
    expect(ids('definition')).toEqual(['definition.adj_ebitda', 'definition.adj_gross_profit', 'definition.adj_net_loss', 'definition.normalized_adj_ebitda']);
    for (const id of ids('definition')) expect(own.filter((c) => c.id === id).map((c) => `${c.period} ${c.currency}`)).toEqual(['Q2-2023 RMB', 'H1-2023 RMB', 'Q1-2024 RMB', 'Q2-2024 RMB', 'Q2-2024 USD', 'H1-2024 RMB', 'H1-2024 USD']);
    // 21 growth rates and changes stated in the text (revenue growth twice: results section and CFO quote), all Q2-2024.
    const rates = own.filter((c) => /^prose\.(growth_|change_pp)/.test(c.id));
    expect(rates).toHaveLength(21);
    expect(new Set(rates.map((c) => c.period))).toEqual(new Set(['Q2-2024']));
    const cb = own.find((c) => c.id === 'prose.cost_breakdown')!;
    expect([cb.period, cb.expected.toString(), cb.actual.toString(), cb.tolerance.toString()]).toEqual(['Q2-2024', '-1573433', '-1573400', '250']);
  });

  test('the prose facts no check covers: those with nothing in the tables to check them against', () => {
    const checked = new Set(checks.filter((c) => c.kind === 'prose' || c.kind === 'shares').map((c) => `${c.id.replace(/^prose\./, '')}|${c.period}|${c.currency}`));
    const unchecked = seed.facts
      .filter((f) => f.table === 'prose')
      .filter((f) => !checked.has(`${f.row}|${f.period}|${f.currency}`))
      .map((f) => `${f.row} ${f.period}${f.currency ? ' ' + f.currency : ''}`);
    expect(unchecked.sort()).toEqual(
      [
        'ai_revenue Q2-2024 RMB',
        'ai_share_public_cloud Q1-2024', // "doubling from 13% last quarter": no Q1 AI revenue
        'cash 2024-03-31 RMB',
        'cost_depreciation_amortization Q2-2023 RMB',
        'cost_depreciation_amortization Q2-2024 RMB',
        'cost_depreciation_amortization Q2-2024 USD',
        'fulfillment_costs Q2-2024 RMB',
        'fulfillment_costs Q2-2024 USD',
        'fx_rate 2024-06-30',
        'idc_costs Q2-2023 RMB',
        'idc_costs Q2-2024 RMB',
        'idc_costs Q2-2024 USD',
        'other_costs Q2-2024 RMB',
        'other_costs Q2-2024 USD',
        'shares_outstanding 2024-06-30',
        'solution_costs Q2-2023 RMB',
        'solution_costs Q2-2024 RMB',
        'solution_costs Q2-2024 USD',
      ].sort(),
    );
  });
});

describe('one fact altered: exactly the right checks fail', () => {
  // [what, table, row, period, currency, new value, the checks that fail]
  const CASES: [string, TableId, string, string, Currency | null, string, string[]][] = [
    // Prose figures against the tables.
    ['prose total revenues Q2-2024 RMB1,891.8 → 1,891.9 million', 'prose', 'total_revenues', 'Q2-2024', 'RMB', '1891900', ['prose.total_revenues [Q2-2024 RMB]']],
    ['prose total revenues a year earlier', 'prose', 'total_revenues', 'Q2-2023', 'RMB', '1835500', ['prose.total_revenues [Q2-2023 RMB]']],
    ['prose total revenues in US$ (260.3 → 260.4 million)', 'prose', 'total_revenues', 'Q2-2024', 'USD', '260400', ['prose.total_revenues [Q2-2024 USD]']],
    ['prose adjusted EBITDA in US$', 'prose', 'adj_ebitda', 'Q2-2024', 'USD', '8400', ['prose.adj_ebitda [Q2-2024 USD]']],
    ['prose net inflow of operating cash last quarter', 'prose', 'cfo', 'Q1-2024', 'RMB', '-321400', ['prose.cfo [Q1-2024 RMB]']],
    ['prose cash at Jun 30, 2024 in US$', 'prose', 'cash', '2024-06-30', 'USD', '253000', ['prose.cash [2024-06-30 USD]']],
    ['prose EPS a year earlier', 'prose', 'eps_basic_diluted', 'Q2-2023', 'RMB', '-0.15', ['prose.eps_basic_diluted [Q2-2023 RMB]']],
    // Printed margins and rates in the prose.
    ['prose adjusted EBITDA margin 3.2% → 3.4%', 'prose', 'adj_ebitda_margin', 'Q2-2024', null, '0.034', ['prose.adj_ebitda_margin [Q2-2024]']],
    ['prose adjusted EBITDA margin −3.3% → −3.4% a year earlier', 'prose', 'adj_ebitda_margin', 'Q2-2023', null, '-0.034', ['prose.adj_ebitda_margin [Q2-2023]']],
    ['prose gross margin 16.8% → 16.9%', 'prose', 'gross_margin', 'Q2-2024', null, '0.169', ['prose.gross_margin [Q2-2024]']],
    ['prose revenue growth 3.1% → 3.4%', 'prose', 'growth_yoy:total_revenues', 'Q2-2024', null, '0.034', ['prose.growth_yoy:total_revenues [Q2-2024]']],
    ['prose R&D change −12.1% → +12.1% on the quarter', 'prose', 'growth_qoq:research_development', 'Q2-2024', null, '0.121', ['prose.growth_qoq:research_development [Q2-2024]']],
    ['prose adjusted gross margin +5.8 → +6.0 points', 'prose', 'change_pp_yoy:adj_gross_margin', 'Q2-2024', null, '0.060', ['prose.change_pp_yoy:adj_gross_margin [Q2-2024]']],
    ['prose AI share 26% → 28%', 'prose', 'ai_share_public_cloud', 'Q2-2024', null, '0.28', ['prose.ai_share_public_cloud [Q2-2024]']],
    // Non-GAAP definitions, from the statement lines.
    ['SBC add-back Q2-2024 RMB', 'ebitda_reconciliation', 'sbc', 'Q2-2024', 'RMB', '45650', ['definition.adj_net_loss [Q2-2024 RMB]']],
    ['SBC add-back H1-2023 RMB (Q1-2023 is derived from it, unchecked)', 'ebitda_reconciliation', 'sbc', 'H1-2023', 'RMB', '43107', ['definition.adj_net_loss [H1-2023 RMB]']],
    ['SBC add-back Q2-2024 US$ off by 4 (the US$ tolerance is 3)', 'ebitda_reconciliation', 'sbc', 'Q2-2024', 'USD', '6286', ['definition.adj_net_loss [Q2-2024 USD]']],
    ['SBC in cost of revenues Q1-2024', 'gross_profit_reconciliation', 'sbc_cost_of_revenues', 'Q1-2024', 'RMB', '5815', ['definition.adj_gross_profit [Q1-2024 RMB]']],
    ['D&A Q1-2024', 'ebitda_reconciliation', 'depreciation_amortization', 'Q1-2024', 'RMB', '223000', ['definition.adj_ebitda [Q1-2024 RMB]']],
    ['disposal loss (gain) H1-2024', 'ebitda_reconciliation', 'disposal_loss_gain', 'H1-2024', 'RMB', '-23822', ['definition.normalized_adj_ebitda [H1-2024 RMB]']],
    ['adjusted net loss Q2-2023 (its definition, and adjusted EBITDA\'s from it)', 'ebitda_reconciliation', 'adj_net_loss', 'Q2-2023', 'RMB', '-314961', ['definition.adj_ebitda [Q2-2023 RMB]', 'definition.adj_net_loss [Q2-2023 RMB]']],
    ['income tax Q2-2024 (adjusted EBITDA adds it back)', 'income_statement', 'income_tax', 'Q2-2024', 'RMB', '-6892', ['definition.adj_ebitda [Q2-2024 RMB]']],
    ['FX loss H1-2024 (adjusted net loss adds it back)', 'income_statement', 'fx_loss', 'H1-2024', 'RMB', '-49737', ['definition.adj_net_loss [H1-2024 RMB]']],
    // Shares.
    ['ADSs outstanding 239,791,623 → 239,791,625', 'prose', 'ads_outstanding', '2024-06-30', null, '239791625', ['prose.ads_outstanding [2024-06-30]']],
    ['ordinary shares outstanding', 'prose', 'shares_outstanding', '2024-06-30', null, '3596874400', ['prose.ads_outstanding [2024-06-30]']],
    // Cost breakdown and the prose cost lines.
    ['IDC costs Q2-2024 RMB728.2 → 738.2 million', 'prose', 'idc_costs', 'Q2-2024', 'RMB', '-738200', ['prose.cost_breakdown [Q2-2024 RMB]', 'prose.cost_breakdown.printed [Q2-2024 RMB]', 'prose.growth_yoy:idc_costs [Q2-2024]', 'prose.idc_costs.usd [Q2-2024 USD]']],
    ['IDC costs a year earlier RMB860.7 → 870.7 million', 'prose', 'idc_costs', 'Q2-2023', 'RMB', '-870700', ['prose.growth_yoy:idc_costs [Q2-2024]']],
    ['fulfillment costs', 'prose', 'fulfillment_costs', 'Q2-2024', 'RMB', '-57600', ['prose.cost_breakdown [Q2-2024 RMB]', 'prose.cost_breakdown.printed [Q2-2024 RMB]', 'prose.fulfillment_costs.usd [Q2-2024 USD]']],
    ['solution costs a year earlier', 'prose', 'solution_costs', 'Q2-2023', 'RMB', '-462900', ['prose.growth_yoy:solution_costs [Q2-2024]']],
    // A statement figure: everything the text says about it.
    [
      'total revenues Q2-2024 in the statements',
      'income_statement',
      'total_revenues',
      'Q2-2024',
      'RMB',
      '2000000',
      [
        'prose.adj_ebitda_margin [Q2-2024]',
        'prose.adj_gross_margin [Q2-2024]',
        'prose.adj_gross_margin@line42 [Q2-2024]',
        'prose.change_pp_yoy:adj_gross_margin [Q2-2024]',
        'prose.gross_margin [Q2-2024]',
        'prose.growth_qoq:total_revenues [Q2-2024]',
        'prose.growth_qoq:total_revenues@line42 [Q2-2024]',
        'prose.growth_yoy:total_revenues [Q2-2024]',
        'prose.growth_yoy:total_revenues@line42 [Q2-2024]',
        'prose.total_revenues [Q2-2024 RMB]',
        'prose.total_revenues@line42 [Q2-2024 RMB]',
      ],
    ],
    [
      'public cloud revenue Q2-2024 in the statements',
      'income_statement',
      'public_cloud_revenue',
      'Q2-2024',
      'RMB',
      '1334542',
      ['prose.ai_share_public_cloud [Q2-2024]', 'prose.growth_qoq:public_cloud_revenue [Q2-2024]', 'prose.growth_yoy:public_cloud_revenue [Q2-2024]', 'prose.public_cloud_revenue [Q2-2024 RMB]'],
    ],
    ['total revenues Q2-2024 in US$ in the statements', 'income_statement', 'total_revenues', 'Q2-2024', 'USD', '270000', ['prose.total_revenues [Q2-2024 USD]']],
    ['cash at Jun 30, 2024 on the balance sheet', 'balance_sheet', 'cash', '2024-06-30', 'RMB', '1900000', ['prose.cash [2024-06-30 RMB]']],
    ['CFO Q1-2024 in the cash flow statement', 'cash_flow', 'cfo', 'Q1-2024', 'RMB', '-320000', ['prose.cfo [Q1-2024 RMB]']],
  ];

  test.each(CASES)('%s', (_, table, row, period, currency, value, expected) => {
    expect(failing(tamper(table, row, period, currency, value))).toEqual([...expected].sort());
  });

  test('tolerances: within half the stated rounding passes, beyond it fails', () => {
    // RMB1,891.8 million is stated to RMB0.1 million: the table's 1,891,780 may be 1,891,730 to 1,891,830 in the text.
    expect(failing(tamper('prose', 'total_revenues', 'Q2-2024', 'RMB', '1891830'))).toEqual([]);
    expect(failing(tamper('prose', 'total_revenues', 'Q2-2024', 'RMB', '1891831'))).toEqual(['prose.total_revenues [Q2-2024 RMB]']);
    expect(failing(tamper('prose', 'total_revenues', 'Q2-2024', 'RMB', '1891730'))).toEqual([]);
    expect(failing(tamper('prose', 'total_revenues', 'Q2-2024', 'RMB', '1891729'))).toEqual(['prose.total_revenues [Q2-2024 RMB]']);
    // A US$ definition check allows 3 (the rounding of the printed parts).
    expect(failing(tamper('ebitda_reconciliation', 'sbc', 'Q2-2024', 'USD', '6285'))).toEqual([]);
    // "about 239,791,623 ADSs": the nearest whole ADS to shares / 15 (239,791,623.47), within ½.
    expect(failing(tamper('prose', 'ads_outstanding', '2024-06-30', null, '239791624'))).toEqual(['prose.ads_outstanding [2024-06-30]']);
    expect(failing(tamper('prose', 'ads_outstanding', '2024-06-30', null, '239791622'))).toEqual(['prose.ads_outstanding [2024-06-30]']);
    // 3.1% covers 3.05% to 3.15%; the figures give 3.0716%.
    expect(failing(tamper('prose', 'growth_yoy:total_revenues', 'Q2-2024', null, '0.0305'))).toEqual([]);
    expect(failing(tamper('prose', 'growth_yoy:total_revenues', 'Q2-2024', null, '0.030'))).toEqual(['prose.growth_yoy:total_revenues [Q2-2024]']);
  });

  test('a failing check says what was expected and what the figures give', () => {
    const c = buildModel(tamper('prose', 'growth_yoy:total_revenues', 'Q2-2024', null, '0.034'))
      .checks()
      .find((x) => !x.pass)!;
    expect([c.kind, c.expected.toString(), c.actual.toDecimalPlaces(6).toString(), c.tolerance.toString(), c.line]).toEqual(['prose', '0.034', '0.030716', '0.0005', 46]);
    expect(c.name).toBe('Total revenues, year-over-year change: year-over-year growth as stated (3.1%)');
  });
});

describe('one line of the release text altered', () => {
  // [what, passage, replacement, the checks that fail]: the tables stay valid, only the model's prose checks fail.
  const PROSE: [string, string, string, string[]][] = [
    ['revenue growth "increased by 3.1% year-over-year" → 3.4%', 'increased by 3.1% year-over-year and 6.5% quarter-over-quarter from', 'increased by 3.4% year-over-year and 6.5% quarter-over-quarter from', ['prose.growth_yoy:total_revenues [Q2-2024]']],
    ['revenue growth on the quarter 6.5% → 6.9%', 'and 6.5% quarter-over-quarter from', 'and 6.9% quarter-over-quarter from', ['prose.growth_qoq:total_revenues [Q2-2024]']],
    ['R&D "decreased by 12.1%" → "increased by 12.1%"', 'and decreased by 12.1% from RMB232.0 million', 'and increased by 12.1% from RMB232.0 million', ['prose.growth_qoq:research_development [Q2-2024]']],
    ['gross profit growth 54.1% → 45.1%', 'representing a significant increase of 54.1%', 'representing a significant increase of 45.1%', ['prose.growth_yoy:gross_profit [Q2-2024]']],
    ['non-GAAP EBITDA margin 3.2% → 3.5%', '**Non-GAAP EBITDA margin** was 3.2%', '**Non-GAAP EBITDA margin** was 3.5%', ['prose.adj_ebitda_margin [Q2-2024]']],
    ['adjusted gross margin up 5.8 → 6.8 points', 'increased by 5.8 percentage points', 'increased by 6.8 percentage points', ['prose.change_pp_yoy:adj_gross_margin [Q2-2024]']],
    ['net loss RMB353.7 → 335.7 million', 'Net loss was RMB353.7 million', 'Net loss was RMB335.7 million', ['prose.net_loss [Q2-2024 RMB]']],
    ['ADSs 239,791,623 → 239,791,723', 'equivalent to about 239,791,623 ADSs', 'equivalent to about 239,791,723 ADSs', ['prose.ads_outstanding [2024-06-30]']],
    ['AI share 26% → 28%', 'approximately 26% of revenues', 'approximately 28% of revenues', ['prose.ai_share_public_cloud [Q2-2024]']],
    ['fulfillment costs RMB37.6 → 57.6 million', 'Fulfillment costs and other costs were RMB37.6 million', 'Fulfillment costs and other costs were RMB57.6 million', ['prose.cost_breakdown [Q2-2024 RMB]', 'prose.cost_breakdown.printed [Q2-2024 RMB]', 'prose.fulfillment_costs.usd [Q2-2024 USD]']],
    ['IDC growth 15.4% → 14.5%', 'IDC costs decreased significantly by 15.4%', 'IDC costs decreased significantly by 14.5%', ['prose.growth_yoy:idc_costs [Q2-2024]']],
  ];

  test.each(PROSE)('%s', (_, from, to, expected) => {
    const text = editText(from, to);
    const r = parseRelease(text);
    // The tables are untouched: the parser alone finds nothing wrong; the model's checks do, so the gate refuses.
    expect(r.checks.filter((c) => !c.pass)).toEqual([]);
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(() => readRelease(text)).not.toThrow();
    expect(failing(r)).toEqual(expected);
    const v = acceptRelease(text);
    expect(v.accepted).toBe(false);
    if (!v.accepted) expect(v.failing.map((f) => f.id)).toEqual(expected.map((e) => e.replace(/ \[.*$/, '')));
  });

  test('a printed margin in the margins table: the parser\'s margin check fails, and the release is rejected', () => {
    const text = editText('Adjusted EBITDA margin (Non-GAAP Financial Measure)\t-3.3%\t1.9%\t3.2%', 'Adjusted EBITDA margin (Non-GAAP Financial Measure)\t-3.3%\t1.9%\t3.4%');
    const r = parseRelease(text);
    expect(r.checks.filter((c) => !c.pass).map(label)).toEqual(['net_margin_table.adj_ebitda_margin [Q2-2024]']);
    expect(failing(r)).toEqual(['net_margin_table.adj_ebitda_margin [Q2-2024]']);
    expect(() => readRelease(text)).toThrow(ReleaseRejectedError);
    // The model's margin is computed from the amounts, not read from the table.
    expect(buildModel(r).get('adj_ebitda_margin', 'Q2-2024').value.toString()).toBe(new Decimal(60594).div(1891780).toString());
  });

  test("the CFO's quote repeats the revenue growth: a change there fails that statement's own check", () => {
    const r = parseRelease(editText('arriving at RMB1,891.8 million, increased by 3.1% year-over-year', 'arriving at RMB1,891.8 million, increased by 3.4% year-over-year'));
    expect(failing(r)).toEqual(['prose.growth_yoy:total_revenues@line42 [Q2-2024]']);
    const e = parseRelease(editText('steadily increased to RMB60.6 million', 'steadily increased to RMB66.0 million'));
    expect(failing(e)).toEqual(['prose.adj_ebitda@line42 [Q2-2024 RMB]']);
  });

  test('a statement figure: the parser\'s identities and the prose check both fail', () => {
    const text = editText('Total revenues\t1,835,403\t1,775,684\t1,891,780', 'Total revenues\t1,835,403\t1,775,684\t1,891,870');
    const r = parseRelease(text);
    expect(failing(r)).toEqual(
      [
        'income_statement.gross_profit [Q2-2024 RMB]',
        'income_statement.total_revenues [Q2-2024 RMB]',
        'income_statement.total_revenues.halfyear [H1-2024 RMB]',
        'income_statement.total_revenues.usd [Q2-2024 USD]',
        'prose.total_revenues [Q2-2024 RMB]',
        'prose.total_revenues@line42 [Q2-2024 RMB]',
      ].sort(),
    );
  });

  test('an add-back in the reconciliation: the parser\'s identities and the model\'s definition check fail', () => {
    const text = editText(' Share-based compensation expenses \t31,797\t103,595\t45,649', ' Share-based compensation expenses \t31,797\t103,595\t45,694');
    expect(failing(parseRelease(text))).toEqual(
      ['definition.adj_net_loss [Q2-2024 RMB]', 'ebitda_reconciliation.adj_net_loss [Q2-2024 RMB]', 'ebitda_reconciliation.sbc.halfyear [H1-2024 RMB]', 'ebitda_reconciliation.sbc.usd [Q2-2024 USD]'].sort(),
    );
  });
});

describe('required rows', () => {
  test("made once per era, they are every quarter's layout rows that are neither headers nor optional", () => {
    for (let year = 2018; year <= 2031; year++) {
      for (let q = 1; q <= 4; q++) {
        const quarter = `Q${q}-${year}`;
        const expected = layouts(releasePeriods(q, year)).map((l) => ({ id: l.id, title: l.title.toLowerCase(), rows: l.rows.filter((r) => !r.header && !r.optional).map((r) => ({ key: r.key, label: r.label })) }));
        const cached = requiredRowsOf(quarter, q, year).map((l) => ({ id: l.id, title: l.title, rows: l.rows.map((r) => ({ key: r.key, label: r.label })) }));
        expect(cached).toEqual(expected);
      }
    }
  });
});
