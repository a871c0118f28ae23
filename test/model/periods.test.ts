/**
 * Periods as analysts type them: every accepted spelling maps to one canonical period; everything else is refused
 * with the list of accepted forms. Then what a period means for a query: balance-sheet figures are read at its end,
 * and the errors for what the release does not give, a bad currency and a bad growth basis.
 */
import { ACCEPTED_FORMS, ModelError, parsePeriod, type Period } from '../../src/model';
import { getShippedModel } from '../../src/model/shipped';
import { errorOf } from '../support/model-error';

const model = getShippedModel();

const QUARTER_END = ['03-31', '06-30', '09-30', '12-31'];
const MONTH = ['Mar 31', 'Jun 30', 'Sep 30', 'Dec 31'];


type Expect = Pick<Period, 'id' | 'kind' | 'year' | 'index' | 'end' | 'label'>;
const quarter = (q: number, y: number): Expect => ({
  id: `Q${q}-${y}`,
  kind: 'quarter',
  year: y,
  index: q,
  end: `${y}-${QUARTER_END[q - 1]}`,
  label: `Three months ended ${MONTH[q - 1]}, ${y}`,
});
const half = (h: number, y: number): Expect => ({
  id: `H${h}-${y}`,
  kind: 'half',
  year: y,
  index: h,
  end: `${y}-${h === 1 ? '06-30' : '12-31'}`,
  label: `Six months ended ${h === 1 ? 'Jun 30' : 'Dec 31'}, ${y}`,
});
const fy = (y: number): Expect => ({ id: `FY-${y}`, kind: 'year', year: y, index: 0, end: `${y}-12-31`, label: `Year ended Dec 31, ${y}` });
const date = (iso: string): Expect => {
  const q = QUARTER_END.indexOf(iso.slice(5));
  return { id: iso, kind: 'instant', year: Number(iso.slice(0, 4)), index: 0, end: iso, label: `As of ${MONTH[q]}, ${iso.slice(0, 4)}` };
};

/** Case and whitespace variants of a spelling. */
const variants = (s: string) => [s, s.toLowerCase(), ` ${s} `, `\t${s}\n`];

// ---- accepted -------------------------------------------------------------------------------------------------

const ACCEPTED: [string, Expect][] = [];
for (const y of [2023, 2024, 2025, 2030]) {
  const yy = String(y).slice(2);
  for (const q of [1, 2, 3, 4]) {
    const p = quarter(q, y);
    const forms = [
      `Q${q}-${y}`, `Q${q} ${y}`, `Q${q}${y}`, `Q${q}/${y}`, `Q${q}'${y}`, `Q${q}-${yy}`, `Q${q} ${yy}`, `Q${q}'${yy}`, `Q${q}’${yy}`,
      `Q${q} - ${y}`, `Q${q}  ${y}`, `${q}Q${yy}`, `${q}Q${y}`, `${q}Q-${y}`, `${q}Q ${y}`, `${q}Q'${yy}`, `${q}Q’${yy}`,
    ];
    for (const f of forms) for (const v of variants(f)) ACCEPTED.push([v, p]);
  }
  for (const h of [1, 2]) {
    const p = half(h, y);
    const forms = [`H${h}-${y}`, `H${h} ${y}`, `H${h}${y}`, `H${h}/${y}`, `H${h}-${yy}`, `H${h}'${yy}`, `H${h}’${yy}`, `${h}H${yy}`, `${h}H${y}`, `${h}H-${y}`, `${h}H ${yy}`];
    for (const f of forms) for (const v of variants(f)) ACCEPTED.push([v, p]);
  }
  for (const f of [`6M-${y}`, `6M ${y}`, `6M${y}`, `6M${yy}`, `6M'${yy}`]) for (const v of variants(f)) ACCEPTED.push([v, half(1, y)]);
  for (const f of [`FY-${y}`, `FY ${y}`, `FY${y}`, `FY${yy}`, `FY-${yy}`, `FY'${yy}`, `FY’${yy}`]) for (const v of variants(f)) ACCEPTED.push([v, fy(y)]);
  for (const md of QUARTER_END) for (const v of [`${y}-${md}`, ` ${y}-${md} `]) ACCEPTED.push([v, date(`${y}-${md}`)]);
}
// Four-digit years from 1990 to 2099; two-digit years are this century.
ACCEPTED.push(['Q1-1990', quarter(1, 1990)], ['FY-1999', fy(1999)], ['H2-2099', half(2, 2099)], ['Q4-99', quarter(4, 2099)], ['1Q00', quarter(1, 2000)], ['1990-12-31', date('1990-12-31')]);

describe('accepted spellings', () => {
  test(`${ACCEPTED.length} generated spellings`, () => {
    expect(ACCEPTED.length).toBeGreaterThan(1000);
  });

  test.each(ACCEPTED.map(([text, e]) => [text, e.id, e.end, e] as const))('%j -> %s (ends %s)', (text, _id, _end, expected) => {
    const p = parsePeriod(text);
    expect({ id: p.id, kind: p.kind, year: p.year, index: p.index, end: p.end, label: p.label }).toEqual(expected);
  });

  test('every example the error message lists is accepted', () => {
    const examples = ACCEPTED_FORMS.replace(', or a quarter-end date such as ', ', ').split(', ');
    expect(examples).toHaveLength(15);
    const ids = examples.map((e) => parsePeriod(e).id);
    expect(ids).toEqual(['Q2-2024', 'Q2-2024', 'Q2-2024', 'Q2-2024', 'Q2-2024', 'Q2-2024', 'Q2-2024', 'H1-2024', 'H1-2024', 'H1-2024', 'H1-2024', 'FY-2023', 'FY-2023', 'FY-2023', '2024-06-30']);
  });

  test('queries accept the same spellings', () => {
    const q2 = ['Q2-2024', 'q2 2024', '2Q24', '2Q2024', "Q2'24", 'Q2’24', 'Q2-24', ' Q2-2024 ', 'Q2/2024'];
    for (const s of q2) expect([s, model.get('total_revenues', s).value.toNumber()]).toEqual([s, 1891780]);
    for (const s of ['H1-2024', 'h1 2024', '1H24', '1H2024', '6M-2024', '6m24']) expect([s, model.get('total_revenues', s).value.toNumber()]).toEqual([s, 3667464]);
    for (const s of q2) expect([s, model.growth('total_revenues', s).period.id]).toEqual([s, 'Q2-2024']);
  });
});

// ---- rejected -------------------------------------------------------------------------------------------------

const REJECTED: string[] = [];
// Bad quarter and half numbers, and month counts other than six.
for (const n of [0, 5, 6, 9]) REJECTED.push(`Q${n}-2024`, `Q${n} 2024`, `${n}Q24`, `${n}Q2024`);
for (const n of [0, 3, 4]) REJECTED.push(`H${n}-2024`, `${n}H24`);
// (9M-2024 is the nine months' canonical id; 6M is the first half.)
for (const n of [1, 3, 12]) REJECTED.push(`${n}M-2024`);
// Dates that are not quarter ends, or not dates.
for (const d of ['2024-06-29', '2024-06-31', '2024-07-01', '2024-01-31', '2024-02-29', '2024-03-30', '2024-04-30', '2024-09-31', '2024-12-30', '2024-13-31', '2024-00-31', '2024-12-32']) REJECTED.push(d);
REJECTED.push('2024/06/30', '30/06/2024', '06/30/2024', '2024-6-30', '20240630', '24-06-30', 'Jun 30, 2024', 'June 30 2024', '30 June 2024');
// Words.
REJECTED.push('second quarter 2024', 'Q2 of 2024', 'last quarter', 'current', 'latest', 'TTM', 'LTM-2024', 'YTD', 'YTD-2024', 'this year', 'fiscal 2023', 'quarter');
// Empty.
REJECTED.push('', ' ', '\t', '\n');
// Garbage, near misses, years out of range.
REJECTED.push(
  'Q2-2O24', 'Q2--2024', 'Q2-20245', 'Q2-202', 'Q2-2', 'Q2024', 'QQ2-2024', 'Q2-2024Q', 'Q 2 2024', '9M', 'Q1-Q3', 'FQ5 2024', '2024Q5', 'Q2-Q3 2024', 'Q2', 'H1', '2Q', 'FY', 'FY-',
  '2024', '24', '-Q2-2024', 'Q2 2024 2025', 'Q2-2024-06-30', 'Q1-1989', 'FY-2100', 'H1-1850', 'Q2-0024', '💰', 'null', 'undefined', 'NaN', '#N/A',
);

describe('rejected forms', () => {
  test(`${REJECTED.length} generated forms`, () => {
    expect(REJECTED.length).toBeGreaterThan(90);
  });

  test.each(REJECTED)('%j is unknown_period, listing the accepted forms', (text) => {
    const e = errorOf(() => parsePeriod(text));
    expect(e.kind).toBe('unknown_period');
    expect(e.name).toBe('ModelError');
    expect(e.message).toBe(`"${text.trim()}" is not a period. Accepted: ${ACCEPTED_FORMS}.`);
    // The same from the queries.
    expect(errorOf(() => model.get('total_revenues', text)).kind).toBe('unknown_period');
    expect(errorOf(() => model.growth('total_revenues', text)).kind).toBe('unknown_period');
    expect(errorOf(() => model.source('total_revenues', text)).kind).toBe('unknown_period');
  });
});

// ---- what a period means for a query --------------------------------------------------------------------------

describe('balance-sheet figures are read at the period end', () => {
  test.each([
    ['Q2-2024', '2024-06-30', 16460960],
    ['2Q24', '2024-06-30', 16460960],
    ['H1-2024', '2024-06-30', 16460960],
    ['1H24', '2024-06-30', 16460960],
    ['6M-2024', '2024-06-30', 16460960],
    ['2024-06-30', '2024-06-30', 16460960],
    ['Q4-2023', '2023-12-31', 15070278],
    ['4Q23', '2023-12-31', 15070278],
    ['FY-2023', '2023-12-31', 15070278],
    ['FY23', '2023-12-31', 15070278],
    ['H2-2023', '2023-12-31', 15070278],
    ['2023-12-31', '2023-12-31', 15070278],
  ] as const)('total_assets at %s is the balance at %s', (spelling, end, value) => {
    const v = model.get('total_assets', spelling);
    expect([v.value.toNumber(), v.period.id, v.period.kind, v.origin]).toEqual([value, end, 'instant', 'reported']);
  });

  test('Q1-2024 reads Mar 31, 2024: only cash is given then (in the prose)', () => {
    expect(model.get('cash', 'Q1-2024').period.id).toBe('2024-03-31');
    expect(model.get('cash', 'Q1-2024').value.toNumber()).toBe(1881700);
  });

  test('the periods the model holds, in order', () => {
    expect(model.periods().map((p) => p.id)).toEqual(['Q1-2023', 'Q2-2023', 'H1-2023', '2023-12-31', '2024-03-31', 'Q1-2024', '2024-06-30', 'Q2-2024', 'H1-2024']);
  });
});

describe('not_available', () => {
  test.each([
    ['total_assets', '2023-06-30', 'The release does not give total_assets at 2023-06-30. Available: 2023-12-31, 2024-06-30.'],
    ['total_assets', 'Q2-2023', 'The release does not give total_assets at 2023-06-30 (the end of Q2-2023). Available: 2023-12-31, 2024-06-30.'],
    ['cash', 'H1-2023', 'The release does not give cash at 2023-06-30 (the end of H1-2023). Available: 2023-12-31, 2024-03-31, 2024-06-30.'],
    ['restricted_cash', 'Q1-2024', 'The release does not give restricted_cash at 2024-03-31 (the end of Q1-2024). Available: 2023-12-31, 2024-06-30.'],
    ['cash', 'FY-2024', 'The release does not give cash at 2024-12-31 (the end of FY-2024). Available: 2023-12-31, 2024-03-31, 2024-06-30.'],
    ['total_revenues', '2024-06-30', 'total_revenues covers a period, not a date: use a quarter or half-year such as Q2-2024 or H1-2024.'],
    ['gross_margin', '2023-12-31', 'gross_margin covers a period, not a date: use a quarter or half-year such as Q2-2024 or H1-2024.'],
    ['total_revenues', 'FY-2023', 'The release does not give total_revenues for FY-2023. Available: Q1-2023, Q2-2023, H1-2023, Q1-2024, Q2-2024, H1-2024.'],
    ['total_revenues', 'Q3-2024', 'The release does not give total_revenues for Q3-2024. Available: Q1-2023, Q2-2023, H1-2023, Q1-2024, Q2-2024, H1-2024.'],
    ['cfo', 'H1-2023', 'The release does not give cfo for H1-2023. Available: Q2-2023, Q1-2024, Q2-2024, H1-2024.'],
    ['ai_revenue', 'Q1-2024', 'The release does not give ai_revenue for Q1-2024. Available: Q2-2024.'],
    ['eps_basic_diluted', 'Q1-2023', 'The release does not give eps_basic_diluted for Q1-2023. Available: Q2-2023, H1-2023, Q1-2024, Q2-2024, H1-2024.'],
  ] as const)('%s at %s', (metric, period, message) => {
    for (const currency of [undefined, 'USD']) {
      const e = errorOf(() => model.get(metric, period, currency));
      expect([e.kind, e.message]).toEqual(['not_available', message]);
      expect(errorOf(() => model.source(metric, period, currency)).kind).toBe('not_available');
    }
  });

  test.each([
    ['cash', 'Q2-2024', 'YOY', 'growth is for figures over a period; cash is a balance at a date.'],
    ['fx_rate', 'Q2-2024', 'YOY', 'growth is for figures over a period; fx_rate is a constant.'],
    ['total_revenues', 'H1-2024', 'QOQ', 'quarter-over-quarter growth needs a quarter; H1-2024 is not one.'],
    ['total_revenues', 'FY-2023', 'QOQ', 'quarter-over-quarter growth needs a quarter; FY-2023 is not one.'],
    ['total_revenues', '2024-06-30', 'YOY', 'total_revenues covers a period, not a date: use a quarter or half-year such as Q2-2024 or H1-2024.'],
    ['ai_revenue', 'Q2-2024', 'YOY', 'no comparable period: the release does not give ai_revenue for Q2-2023, the same period a year earlier.'],
    ['fulfillment_costs', 'Q2-2024', 'QOQ', 'no comparable period: the release does not give fulfillment_costs for Q1-2024, the previous quarter.'],
    ['total_revenues', 'Q2-2023', 'YOY', 'no comparable period: the release does not give total_revenues for Q2-2022, the same period a year earlier.'],
    ['impairment_long_lived_assets', 'Q2-2024', 'YOY', 'no growth rate: impairment_long_lived_assets is nil for Q2-2023.'],
    ['impairment_long_lived_assets', 'Q2-2024', 'QOQ', 'no growth rate: impairment_long_lived_assets is nil for Q1-2024.'],
  ] as const)('growth of %s at %s (%s)', (metric, period, basis, message) => {
    const e = errorOf(() => model.growth(metric, period, basis));
    expect([e.kind, e.message]).toEqual(['not_available', message]);
  });

  test('a fall to nil is a growth rate of −100%, not an error', () => {
    // Other revenues: RMB718 thousand a year earlier, RMB152 thousand last quarter, nil this quarter.
    expect(model.growth('other_revenue', 'Q2-2024').value.toString()).toBe('-1');
    expect(model.growth('other_revenue', 'Q2-2024', 'QOQ').value.toString()).toBe('-1');
    // The Q1-2023 impairment (derived: the whole half-year's) against nil in Q1-2024.
    expect(model.growth('impairment_long_lived_assets', 'Q1-2024').value.toString()).toBe('-1');
  });
});

describe('bad currency and bad growth basis', () => {
  test.each(['EUR', 'US', 'dollars', '$', 'RMB USD', 'usd$', 'HKD', '0', 'RMB,USD'])('currency %j is bad_currency', (c) => {
    for (const metric of ['total_revenues', 'gross_margin', 'weighted_shares', 'fx_rate', 'cash']) {
      const e = errorOf(() => model.get(metric, 'Q2-2024', c));
      expect([metric, e.kind, e.message]).toEqual([metric, 'bad_currency', `"${c.trim()}" is not a currency here: use "RMB" (the default) or "USD" (the release's convenience translation).`]);
    }
    expect(errorOf(() => model.source('total_revenues', 'Q2-2024', c)).kind).toBe('bad_currency');
  });

  test.each([
    [undefined, 'RMB'],
    ['', 'RMB'],
    ['RMB', 'RMB'],
    ['rmb', 'RMB'],
    [' CNY ', 'RMB'],
    ['USD', 'USD'],
    ['usd', 'USD'],
    [' US$ ', 'USD'],
  ])('currency %j is %s', (c, expected) => {
    expect(model.get('total_revenues', 'Q2-2024', c).currency).toBe(expected);
  });

  test.each(['MOM', 'YoY2', 'annual', 'Q', 'Y', 'QOQ YOY', 'year'])('growth basis %j is bad_argument', (basis) => {
    const e = errorOf(() => model.growth('total_revenues', 'Q2-2024', basis));
    expect([e.kind, e.message]).toEqual(['bad_argument', `"${basis}" is not a growth basis: use "YOY" (year over year, the default) or "QOQ" (quarter over quarter).`]);
  });

  test.each([
    [undefined, 'Q2-2023'],
    ['', 'Q2-2023'],
    ['yoy', 'Q2-2023'],
    [' YoY ', 'Q2-2023'],
    ['QOQ', 'Q1-2024'],
    ['qoq', 'Q1-2024'],
  ])('growth basis %j compares with %s', (basis, prior) => {
    expect(model.growth('total_revenues', 'Q2-2024', basis).formula).toBe(`total_revenues Q2-2024 / total_revenues ${prior} − 1`);
  });

  test('an unknown metric is unknown_metric, whatever the period', () => {
    for (const p of ['Q2-2024', 'not a period']) expect(errorOf(() => model.get('revenue', p)).kind).toBe('unknown_metric');
    expect(model.get(' Total_Revenues ', 'Q2-2024').metric.id).toBe('total_revenues');
  });
});
