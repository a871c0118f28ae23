/**
 * Every catalogue metric, for every period it exists in, against what the release prints: the table figures
 * (every printed column, RMB and US$), the figures stated only in the prose (against the prose text), and the
 * analyst additions (against a hand computation from the printed figures). Each figure is queried with several
 * spellings of its period.
 */
import Decimal from 'decimal.js';
import { SHIPPED_RELEASE_TEXT } from '../../src/filing/shipped';
import { CATALOGUE, ModelError } from '../../src/model';
import { METRIC_ALIASES } from '../../src/model/catalogue';
import { getShippedModel } from '../../src/model/shipped';
import { EXPECTED_COLUMNS, EXPECTED_GRID, printed } from '../fixtures/expected-grid';
import { errorOf } from '../support/model-error';

const model = getShippedModel();
const DEF = new Map(CATALOGUE.map((d) => [d.id, d]));
const RATE = new Decimal('7.2672');
const TEXT_LINES = SHIPPED_RELEASE_TEXT.split(/\r?\n/);

/** Spellings an analyst might type for each canonical period; stock figures answer quarter, half and year ids at their end date. */
const SPELLINGS: Record<string, string[]> = {
  'Q1-2023': ['Q1-2023', '1Q23', 'q1 2023', "Q1'23"],
  'Q2-2023': ['Q2-2023', '2Q23', 'q2 2023', "Q2'23", ' Q2-2023 '],
  'Q1-2024': ['Q1-2024', '1Q24', 'q1 2024', 'Q1’24', '1Q2024'],
  'Q2-2024': ['Q2-2024', '2Q24', 'q2 2024', "Q2'24", 'Q2-24', 'Q2 2024'],
  'H1-2023': ['H1-2023', '1H23', 'h1 2023', '6M-2023'],
  'H1-2024': ['H1-2024', '1H24', 'h1 2024', '6M 2024', '1H2024'],
  '2023-12-31': ['2023-12-31', 'Q4-2023', '4Q23', 'FY-2023', 'fy23', 'H2-2023'],
  '2024-03-31': ['2024-03-31', 'Q1-2024', '1Q24'],
  '2024-06-30': ['2024-06-30', 'Q2-2024', '2Q24', 'H1-2024', 'q2 2024'],
};

/** The tables in the model's order of preference: a row printed in two tables is read from the first. */
const PRIMARY = ['income_statement', 'balance_sheet', 'cash_flow', 'gross_profit_reconciliation', 'ebitda_reconciliation'];
const RATIO_TABLES = ['gross_margin_table', 'net_margin_table'];

/** The reconciliation rows that are not catalogue metrics: each is a statement line with its sign reversed. */
const ADD_BACKS: Record<string, string> = {
  fx_loss_addback: 'fx_loss',
  impairment_addback: 'impairment_long_lived_assets',
  interest_income_adjustment: 'interest_income',
  interest_expense_addback: 'interest_expense',
  income_tax_addback: 'income_tax',
};

/** Percent to one decimal, rounded half away from zero, as the margin tables print it. */
const pct1 = (v: Decimal) => `${v.mul(100).toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toFixed(1)}%`;

type Printed = { table: string; row: string; period: string; currency: string | null; text: string };
const PRINTED: Printed[] = [];
for (const [table, rows] of Object.entries(EXPECTED_GRID)) {
  for (const [row, figures] of Object.entries(rows)) {
    const cells = figures.split(' ');
    if (cells.length !== EXPECTED_COLUMNS[table].length) throw new Error(`${table}.${row}: ${cells.length} figures for ${EXPECTED_COLUMNS[table].length} columns`);
    cells.forEach((text, i) => {
      const [period, currency] = EXPECTED_COLUMNS[table][i];
      PRINTED.push({ table, row, period, currency, text });
    });
  }
}
const CATALOGUE_CELLS = PRINTED.filter((c) => DEF.has(c.row));

/** A printed amount in RMB (or US$) thousands, by metric/period/currency, from whichever table prints it. */
function printedAmount(metric: string, period: string, currency: 'RMB' | 'USD' = 'RMB'): Decimal {
  const cell = CATALOGUE_CELLS.find((c) => c.row === metric && c.period === period && c.currency === currency);
  if (!cell) throw new Error(`no printed ${metric} ${period} ${currency}`);
  return new Decimal(printed(cell.text));
}


describe('table figures: every printed column of every row that is a catalogue metric', () => {
  test('the printed tables hold 441 figures of catalogue metrics in 7 tables', () => {
    expect(CATALOGUE_CELLS).toHaveLength(441);
    const byTable: Record<string, number> = {};
    for (const c of CATALOGUE_CELLS) byTable[c.table] = (byTable[c.table] ?? 0) + 1;
    expect(byTable).toEqual({
      balance_sheet: 39 * 3,
      income_statement: 28 * 7,
      gross_profit_reconciliation: 3 * 7,
      gross_margin_table: 2 * 5,
      ebitda_reconciliation: 7 * 7,
      net_margin_table: 4 * 5,
      cash_flow: 7 * 4,
    });
  });

  const amounts = CATALOGUE_CELLS.filter((c) => !RATIO_TABLES.includes(c.table));
  test.each(amounts.map((c) => [c.table, c.row, c.period, c.currency, c.text] as const))('%s %s %s %s = %s', (_table, row, period, currency, text) => {
    const def = DEF.get(row)!;
    const first = PRIMARY.find((t) => EXPECTED_GRID[t]?.[row] !== undefined)!;
    for (const spelling of SPELLINGS[period]) {
      const v = model.get(row, spelling, currency!);
      expect(v.value.toString()).toBe(new Decimal(printed(text)).toString());
      expect(v.period.id).toBe(period);
      expect(v.origin).toBe('reported');
      expect(v.metric).toBe(def);
      // Counts have no currency; the US$ column of the share count repeats the count.
      expect(v.currency).toBe(def.unit === 'shares' ? null : currency);
      expect(v.rule).toBe(currency === 'USD' && def.unit !== 'shares' ? 'as printed in the release' : undefined);
      // Read from the table (the first one printing the row), within the release's table lines.
      expect(v.facts).toHaveLength(1);
      expect(v.facts[0].table).toBe(first);
      expect(v.facts[0].provenance.line).toBeGreaterThanOrEqual(124);
      expect(v.facts[0].provenance.line).toBeLessThanOrEqual(264);
    }
  });

  test('a row printed in two tables (gross profit, net loss) is the same figure in both', () => {
    const twice = CATALOGUE_CELLS.filter((c) => c.table === 'gross_profit_reconciliation' || c.table === 'ebitda_reconciliation').filter((c) => EXPECTED_GRID.income_statement[c.row]);
    expect(new Set(twice.map((c) => c.row))).toEqual(new Set(['gross_profit', 'net_loss']));
    for (const c of twice) expect(model.get(c.row, c.period, c.currency!).value.toString()).toBe(printed(c.text));
  });

  const margins = CATALOGUE_CELLS.filter((c) => RATIO_TABLES.includes(c.table));
  test.each(margins.map((c) => [c.row, c.period, c.text] as const))('%s %s = %s (computed, to the printed 0.1%%)', (row, period, text) => {
    for (const spelling of SPELLINGS[period]) {
      for (const currency of [undefined, 'RMB', 'USD']) {
        const v = model.get(row, spelling, currency);
        expect(pct1(v.value)).toBe(text);
        expect([v.origin, v.currency, v.period.id]).toEqual(['computed', null, period]);
      }
    }
  });

  test('the only rows without a catalogue metric are the five reconciliation add-backs, each a statement line negated', () => {
    const others = PRINTED.filter((c) => !DEF.has(c.row));
    expect([...new Set(others.map((c) => `${c.table}.${c.row}`))].sort()).toEqual(Object.keys(ADD_BACKS).map((k) => `ebitda_reconciliation.${k}`).sort());
    for (const c of others) {
      const v = model.get(ADD_BACKS[c.row], c.period, c.currency!);
      expect([c.row, c.period, c.currency, v.value.neg().toString()]).toEqual([c.row, c.period, c.currency, new Decimal(printed(c.text)).toString()]);
    }
  });
});

/**
 * Figures the release states only in the prose. `stated` is the figure as the text prints it (millions, or a
 * count, or the rate); `context` is the release text around it, so the case is tied to the sentence it reads.
 */
const PROSE_ONLY: { metric: string; period: string; currency?: 'USD'; stated: string; sign: 1 | -1; context: string; line: number }[] = [
  { metric: 'ai_revenue', period: 'Q2-2024', stated: 'RMB326 million', sign: 1, context: 'we have recorded AI revenue of RMB326 million, approximately 26% of revenues from public cloud services', line: 40 },
  { metric: 'idc_costs', period: 'Q2-2024', stated: 'RMB728.2 million', sign: -1, context: 'IDC costs decreased significantly by 15.4% year-over-year from RMB860.7 million to RMB728.2 million (US\\$100.2 million) this quarter', line: 56 },
  { metric: 'idc_costs', period: 'Q2-2023', stated: 'RMB860.7 million', sign: -1, context: 'IDC costs decreased significantly by 15.4% year-over-year from RMB860.7 million to', line: 56 },
  { metric: 'idc_costs', period: 'Q2-2024', currency: 'USD', stated: 'US\\$100.2 million', sign: -1, context: 'to RMB728.2 million (US\\$100.2 million) this quarter', line: 56 },
  { metric: 'cost_depreciation_amortization', period: 'Q2-2024', stated: 'RMB265.9 million', sign: -1, context: 'Depreciation and amortization costs increased by 31.6% from RMB202.1 million in the same quarter of 2023 to RMB265.9 million (US\\$36.6 million) this quarter', line: 56 },
  { metric: 'cost_depreciation_amortization', period: 'Q2-2023', stated: 'RMB202.1 million', sign: -1, context: 'Depreciation and amortization costs increased by 31.6% from RMB202.1 million in the same quarter of 2023', line: 56 },
  { metric: 'cost_depreciation_amortization', period: 'Q2-2024', currency: 'USD', stated: 'US\\$36.6 million', sign: -1, context: 'to RMB265.9 million (US\\$36.6 million) this quarter', line: 56 },
  { metric: 'solution_costs', period: 'Q2-2024', stated: 'RMB491.1 million', sign: -1, context: 'Solution development and services costs increased by 8.4% year-over-year from RMB452.9 million in the same quarter of 2023 to RMB491.1 million (US\\$67.6 million) this quarter', line: 56 },
  { metric: 'solution_costs', period: 'Q2-2023', stated: 'RMB452.9 million', sign: -1, context: 'Solution development and services costs increased by 8.4% year-over-year from RMB452.9 million in the same quarter of 2023', line: 56 },
  { metric: 'solution_costs', period: 'Q2-2024', currency: 'USD', stated: 'US\\$67.6 million', sign: -1, context: 'to RMB491.1 million (US\\$67.6 million) this quarter', line: 56 },
  { metric: 'fulfillment_costs', period: 'Q2-2024', stated: 'RMB37.6 million', sign: -1, context: 'Fulfillment costs and other costs were RMB37.6 million (US\\$5.2 million) and', line: 56 },
  { metric: 'fulfillment_costs', period: 'Q2-2024', currency: 'USD', stated: 'US\\$5.2 million', sign: -1, context: 'Fulfillment costs and other costs were RMB37.6 million (US\\$5.2 million) and', line: 56 },
  { metric: 'other_costs', period: 'Q2-2024', stated: 'RMB50.6 million', sign: -1, context: 'and RMB50.6 million (US\\$6.9 million) this quarter', line: 56 },
  { metric: 'other_costs', period: 'Q2-2024', currency: 'USD', stated: 'US\\$6.9 million', sign: -1, context: 'and RMB50.6 million (US\\$6.9 million) this quarter', line: 56 },
  { metric: 'cash', period: '2024-03-31', stated: 'RMB1,881.7 million', sign: 1, context: 'compared with RMB1,881.7 million as of March 31, 2024', line: 80 },
];

/** "RMB1,881.7 million" -> 1881700 (thousands) and its rounding (100: stated to RMB0.1 million). */
function statedMillions(stated: string): { value: Decimal; roundedTo: Decimal } {
  const m = /^(?:RMB|US\\\$)([\d,]+(?:\.(\d+))?) million$/.exec(stated);
  if (!m) throw new Error(`not a stated amount: ${stated}`);
  const decimals = m[2]?.length ?? 0;
  return { value: new Decimal(m[1].replace(/,/g, '')).mul(1000), roundedTo: new Decimal(10).pow(3 - decimals) };
}

describe('figures stated only in the prose, against the prose text', () => {
  test.each(PROSE_ONLY.map((c) => [c.metric, c.period, c.currency ?? 'RMB', c.stated, c] as const))('%s %s %s = %s', (metric, period, currency, stated, c) => {
    expect(SHIPPED_RELEASE_TEXT).toContain(c.context);
    expect(c.context).toContain(stated);
    expect(TEXT_LINES[c.line - 1]).toContain(c.context);
    const { value, roundedTo } = statedMillions(stated);
    for (const spelling of SPELLINGS[period]) {
      const v = model.get(metric, spelling, c.currency);
      expect(v.value.toString()).toBe(value.mul(c.sign).toString());
      expect(v.roundedTo?.toString()).toBe(roundedTo.toString());
      expect([v.origin, v.period.id, v.currency, v.facts[0].table, v.facts[0].provenance.line]).toEqual(['prose', period, currency, 'prose', c.line]);
      expect(v.rule).toBe(c.currency === 'USD' ? 'as printed in the release' : undefined);
    }
  });

  test('ordinary shares and ADSs outstanding at Jun 30, 2024, in either currency and at any spelling of that date', () => {
    const line = 'Outstanding ordinary shares were 3,596,874,352 as of June 30, 2024, equivalent to about 239,791,623 ADSs.';
    expect(TEXT_LINES[82 - 1]).toBe(line);
    for (const spelling of SPELLINGS['2024-06-30']) {
      for (const currency of [undefined, 'RMB', 'USD']) {
        const shares = model.get('shares_outstanding', spelling, currency);
        const ads = model.get('ads_outstanding', spelling, currency);
        expect([shares.value.toString(), shares.origin, shares.currency, shares.period.id]).toEqual(['3596874352', 'prose', null, '2024-06-30']);
        expect([ads.value.toString(), ads.origin, ads.currency, ads.period.id]).toEqual(['239791623', 'prose', null, '2024-06-30']);
      }
    }
    // Not given at any other date.
    for (const p of ['2023-12-31', 'Q1-2024']) expect(errorOf(() => model.get('shares_outstanding', p)).kind).toBe('not_available');
  });

  test('the convenience rate RMB7.2672 to US$1.00 answers for any period', () => {
    expect(TEXT_LINES[52 - 1]).toContain('the translation of RMB into US\\$ has been made at RMB7.2672 to US\\$1.00');
    expect(TEXT_LINES[108 - 1]).toContain('were made at a rate of RMB7.2672 to US\\$1.00');
    for (const spelling of [...Object.values(SPELLINGS).flat(), 'Q3-2030', 'FY-2019']) {
      for (const currency of [undefined, 'RMB', 'USD']) {
        const v = model.get('fx_rate', spelling, currency);
        expect([v.value.toString(), v.origin, v.currency]).toEqual(['7.2672', 'prose', null]);
      }
    }
    expect(model.rate.toString()).toBe('7.2672');
  });

  test('cash at Mar 31, 2024 is the prose figure; the rest of that balance sheet is not given', () => {
    expect(model.get('cash', 'Q1-2024').value.toString()).toBe('1881700');
    for (const m of ['restricted_cash', 'total_assets', 'short_term_loans', 'total_debt', 'net_debt']) {
      expect([m, errorOf(() => model.get(m, '2024-03-31')).kind]).toEqual([m, 'not_available']);
    }
  });
});

describe('analyst additions, against a hand computation from the printed figures', () => {
  /** An amount for a flow period, RMB: printed, or (Q1-2023) the six months less the second quarter. */
  const amount = (metric: string, period: string) =>
    period === 'Q1-2023' ? printedAmount(metric, 'H1-2023').sub(printedAmount(metric, 'Q2-2023')) : printedAmount(metric, period);
  const FLOWS = ['Q1-2023', 'Q2-2023', 'H1-2023', 'Q1-2024', 'Q2-2024', 'H1-2024'];
  const close = (a: Decimal, b: Decimal) => expect(a.sub(b).abs().toNumber()).toBeLessThan(1e-15);

  test.each(FLOWS)('revenue mix, opex ratio %s', (period) => {
    const rev = amount('total_revenues', period);
    const cases: [string, Decimal][] = [
      ['public_cloud_mix', amount('public_cloud_revenue', period).div(rev)],
      ['enterprise_cloud_mix', amount('enterprise_cloud_revenue', period).div(rev)],
      ['opex_ratio', amount('total_operating_expenses', period).neg().div(rev)],
    ];
    for (const [metric, expected] of cases) {
      for (const spelling of SPELLINGS[period]) {
        for (const currency of [undefined, 'USD']) {
          const v = model.get(metric, spelling, currency);
          close(v.value, expected);
          expect([v.origin, v.currency]).toEqual(['computed', null]);
        }
      }
    }
    // Printed lines add up: public + enterprise + others = total revenues, so the mixes and others' share make 1.
    const others = amount('other_revenue', period).div(rev);
    close(model.get('public_cloud_mix', period).value.add(model.get('enterprise_cloud_mix', period).value).add(others), new Decimal(1));
  });

  test('Q2-2024 figures by hand', () => {
    close(model.get('public_cloud_mix', 'Q2-2024').value, new Decimal(1234542).div(1891780)); // 65.3%
    close(model.get('enterprise_cloud_mix', 'Q2-2024').value, new Decimal(657238).div(1891780)); // 34.7%
    close(model.get('opex_ratio', 'Q2-2024').value, new Decimal(595916).div(1891780)); // 31.5%
    expect(pct1(model.get('public_cloud_mix', 'Q2-2024').value)).toBe('65.3%');
    expect(pct1(model.get('opex_ratio', 'Q2-2024').value)).toBe('31.5%');
  });

  test('AI share of public cloud: AI revenue (prose, RMB326 million) / public cloud revenue, Q2-2024 only', () => {
    const v = model.get('ai_share_public_cloud', '2Q24');
    close(v.value, new Decimal(326000).div(1234542));
    expect([v.origin, v.currency, v.formula]).toEqual(['computed', null, 'AI revenue / public cloud revenue']);
    expect(v.facts.map((f) => f.table)).toEqual(['prose', 'income_statement']);
    expect(errorOf(() => model.get('ai_share_public_cloud', 'Q1-2024')).kind).toBe('not_available');
  });

  test.each([
    ['2023-12-31', 'RMB', 1110896 + 100000, 1110896 + 100000 - 2255287 - 234194],
    ['2024-06-30', 'RMB', 1385769 + 197352, 1385769 + 197352 - 1837757 - 258647],
    ['2024-06-30', 'USD', 190688 + 27157, 190688 + 27157 - 252884 - 35591],
  ] as const)('total and net debt at %s, %s', (date, currency, debt, net) => {
    for (const spelling of SPELLINGS[date]) {
      const d = model.get('total_debt', spelling, currency);
      const n = model.get('net_debt', spelling, currency);
      expect([d.value.toNumber(), d.origin, d.currency, d.period.id]).toEqual([debt, 'computed', currency, date]);
      expect([n.value.toNumber(), n.origin, n.currency, n.period.id]).toEqual([net, 'computed', currency, date]);
    }
    // From the same currency's printed lines.
    expect(model.get('total_debt', date, currency).value.toString()).toBe(printedAmount('short_term_loans', date, currency).add(printedAmount('long_term_loans', date, currency)).toString());
  });

  test('net cash is net debt with the sign a reader expects: cash and restricted cash less bank loans', () => {
    for (const [date, currency] of [['2023-12-31', 'RMB'], ['2024-06-30', 'RMB'], ['2024-06-30', 'USD']] as const) {
      const c = model.get('net_cash', date, currency);
      expect(c.value.toString()).toBe(model.get('net_debt', date, currency).value.neg().toString());
      expect(c.value.isPositive()).toBe(true); // KC holds more cash than bank loans at both dates
    }
    expect(model.get('net_cash', '2024-06-30').value.toNumber()).toBe(1837757 + 258647 - 1385769 - 197352);
  });

  test('EPS per ADS: net loss attributable / (weighted shares / 15), 1 ADS = 15 ordinary shares', () => {
    const v = model.get('eps_per_ads', 'Q2-2024');
    const nla = model.get('net_loss_attributable', 'Q2-2024').value;
    const ws = model.get('weighted_shares', 'Q2-2024').value;
    expect(v.value.toString()).toBe(nla.mul(1000).div(ws.div(15)).toString());
    // Consistent with the printed per-share loss × 15, to the printed cent.
    expect(v.value.div(15).sub(model.get('eps_basic_diluted', 'Q2-2024').value).abs().toNumber()).toBeLessThanOrEqual(0.005);
    expect(model.get('eps_per_ads', 'Q2-2024', 'USD').value.toString()).toBe(v.value.div(RATE).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toString());
  });

  test('net debt at Dec 31, 2023 in US$ (no US$ column printed): the RMB figure translated', () => {
    const v = model.get('net_debt', 'FY-2023', 'USD');
    // -1,278,585 / 7.2672 = -175,939.43...
    expect([v.value.toNumber(), v.origin]).toEqual([-175939, 'translated']);
    expect(v.value.toString()).toBe(new Decimal(-1278585).div(RATE).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toString());
  });
});

describe('coverage', () => {
  test('every catalogue metric resolves for at least one period', () => {
    const periods = model.periods().map((p) => p.id);
    const missing = CATALOGUE.filter((d) =>
      !periods.some((p) => {
        try {
          model.get(d.id, p);
          return true;
        } catch {
          return false;
        }
      }),
    ).map((d) => d.id);
    // Lines KC prints from a later release (the Q4 2024 release's non-GAAP operating profit (loss); the 2025 prose's
    // gross billing of the AI business and ecosystem revenue) are not in Q2 2024.
    expect(missing).toEqual(['adj_operating_income', 'adj_operating_margin', 'ai_gross_billing', 'ecosystem_revenue']);
    expect(model.metrics()).toBe(CATALOGUE);
    expect(CATALOGUE).toHaveLength(112);
  });

  test('the model answers exactly the metric/period pairs accounted for above, no more and no fewer', () => {
    const answered: string[] = [];
    for (const d of CATALOGUE) {
      if (d.basis === 'constant') {
        answered.push(`${d.id}@constant`);
        continue;
      }
      for (const p of model.periods()) {
        if ((d.basis === 'stock') !== (p.kind === 'instant')) continue;
        try {
          model.get(d.id, p.id);
          answered.push(`${d.id}@${p.id}`);
        } catch (e) {
          expect((e as ModelError).kind).toBe('not_available');
        }
      }
    }
    const expected = new Set<string>();
    // Printed, in any table (RMB columns; the US$ columns are the same periods).
    for (const c of CATALOGUE_CELLS) expected.add(`${c.row}@${c.period}`);
    // Q1-2023 for every amount of the statements and reconciliations (H1-2023 - Q2-2023), and the ratios on it.
    for (const t of ['income_statement', 'gross_profit_reconciliation', 'ebitda_reconciliation']) {
      for (const row of Object.keys(EXPECTED_GRID[t])) if (DEF.get(row)?.unit === 'amount') expected.add(`${row}@Q1-2023`);
    }
    for (const r of ['gross_margin', 'adj_gross_margin', 'net_loss_margin', 'adj_net_loss_margin', 'adj_ebitda_margin', 'normalized_adj_ebitda_margin']) expected.add(`${r}@Q1-2023`);
    // H1-2024 cash flows from the two quarters.
    for (const row of Object.keys(EXPECTED_GRID.cash_flow)) expected.add(`${row}@H1-2024`);
    // Prose only.
    for (const c of PROSE_ONLY) expected.add(`${c.metric}@${c.period}`);
    for (const m of ['shares_outstanding', 'ads_outstanding']) expected.add(`${m}@2024-06-30`);
    expected.add('fx_rate@constant');
    // Analyst additions.
    for (const m of ['public_cloud_mix', 'enterprise_cloud_mix', 'opex_ratio']) for (const p of ['Q1-2023', 'Q2-2023', 'H1-2023', 'Q1-2024', 'Q2-2024', 'H1-2024']) expected.add(`${m}@${p}`);
    expected.add('ai_share_public_cloud@Q2-2024');
    for (const m of ['total_debt', 'net_debt', 'net_cash']) for (const d of ['2023-12-31', '2024-06-30']) expected.add(`${m}@${d}`);
    // Per ADS wherever the per-share inputs are printed.
    for (const p of ['Q2-2023', 'H1-2023', 'Q1-2024', 'Q2-2024', 'H1-2024']) expected.add(`eps_per_ads@${p}`);

    // Sign-neutral ids answer wherever the metric they name does.
    for (const [alias, target] of Object.entries(METRIC_ALIASES)) for (const k of [...expected]) if (k.startsWith(`${target}@`)) expected.add(`${alias}${k.slice(target.length)}`);

    expect(answered.sort()).toEqual([...expected].sort());
    expect(answered).toHaveLength(392 + 7 + 18);
  });

  test('every answer in RMB has a US$ answer, and both have the same period and metric', () => {
    for (const d of CATALOGUE) {
      for (const p of model.periods()) {
        let rmb;
        try {
          rmb = model.get(d.id, p.id, 'RMB');
        } catch {
          expect(() => model.get(d.id, p.id, 'USD')).toThrow(ModelError);
          continue;
        }
        const usd = model.get(d.id, p.id, 'USD');
        expect([usd.metric.id, usd.period.id]).toEqual([rmb.metric.id, rmb.period.id]);
      }
    }
  });
});
