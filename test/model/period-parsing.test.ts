import { ACCEPTED_FORMS, ModelError, parsePeriod } from '../../src/model';
import { getShippedModel } from '../../src/model/shipped';

const model = getShippedModel();

describe('periods as analysts type them', () => {
  const accepted: [string, string, string][] = [];
  for (const [q, y] of [[1, 2024], [2, 2024], [3, 2023], [4, 2023]]) {
    const id = `Q${q}-${y}`;
    const yy = String(y).slice(2);
    const end = `${y}-${['03-31', '06-30', '09-30', '12-31'][q - 1]}`;
    for (const s of [`Q${q}-${y}`, `q${q}-${y}`, `Q${q} ${y}`, `Q${q}${y}`, `${q}Q${yy}`, `${q}Q${y}`, `${q}q${yy}`, `Q${q}'${yy}`, `Q${q}’${yy}`, `Q${q}-${yy}`, `  Q${q}-${y}  `, `Q${q}/${y}`]) {
      accepted.push([s, id, end]);
    }
  }
  for (const [h, y] of [[1, 2024], [1, 2023], [2, 2023]]) {
    const id = `H${h}-${y}`;
    const yy = String(y).slice(2);
    const end = `${y}-${h === 1 ? '06-30' : '12-31'}`;
    for (const s of [`H${h}-${y}`, `h${h} ${y}`, `${h}H${yy}`, `${h}H${y}`, `H${h}'${yy}`]) accepted.push([s, id, end]);
  }
  for (const s of ['6M-2024', '6M 2024', '6m24']) accepted.push([s, 'H1-2024', '2024-06-30']);
  for (const s of ['FY-2023', 'FY2023', 'fy23', 'FY 2023']) accepted.push([s, 'FY-2023', '2023-12-31']);
  for (const d of ['2024-06-30', '2024-03-31', '2023-12-31', '2023-09-30']) accepted.push([d, d, d]);

  test.each(accepted)('%j -> %s (ends %s)', (text, id, end) => {
    const p = parsePeriod(text);
    expect([p.id, p.end]).toEqual([id, end]);
  });

  const rejected = ['', ' ', 'Q5-2024', 'Q0-2024', '5Q24', 'H3-2024', '3H24', '7M-2024', 'FY', '2024', 'June 2024', 'Jun 30, 2024', '2024-06-15', '2024-02-30', '2024-13-31', 'Q2-20245', 'Q2-2O24', 'last quarter', 'Q2 of 2024', 'QQ2-2024', '2024Q2', 'H1-1850'];
  test.each(rejected)('%j is rejected with the accepted forms', (text) => {
    let error: unknown;
    try {
      parsePeriod(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).kind).toBe('unknown_period');
    expect((error as ModelError).message).toContain(ACCEPTED_FORMS);
  });
});

describe('balance-sheet items are read at the period end', () => {
  test.each([
    ['Q2-2024', '2024-06-30', 1837757],
    ['H1-2024', '2024-06-30', 1837757],
    ['2Q24', '2024-06-30', 1837757],
    ['Q4-2023', '2023-12-31', 2255287],
    ['FY-2023', '2023-12-31', 2255287],
    ['2023-12-31', '2023-12-31', 2255287],
  ])('cash at %s is the balance at %s', (period, end, value) => {
    const v = model.get('cash', period);
    expect([v.period.id, v.value.toNumber()]).toEqual([end, value]);
  });

  test.each([
    ['total_assets', 'Q2-2023', 'not_available', /does not give total_assets at 2023-06-30 \(the end of Q2-2023\)/, 'RMB'],
    ['total_revenues', '2024-06-30', 'not_available', /covers a period, not a date/, 'RMB'],
    ['total_revenues', 'Q3-2024', 'not_available', /Available: Q1-2023, Q2-2023, H1-2023, Q1-2024, Q2-2024, H1-2024/, 'RMB'],
    ['total_revenues', 'FY-2023', 'not_available', /does not give total_revenues for FY-2023/, 'RMB'],
    ['total_revenues', 'Q2-2024', 'bad_currency', /use "RMB" \(the default\) or "USD"/, 'EUR'],
    ['ebitda', 'Q2-2024', 'unknown_metric', /Did you mean adj_ebitda, normalized_adj_ebitda/, 'RMB'],
  ] as [string, string, string, RegExp, string][])('%s for %s: %s', (metric, period, kind, message, currency) => {
    try {
      model.get(metric, period, currency);
      throw new Error('expected an error');
    } catch (e) {
      expect((e as ModelError).kind).toBe(kind);
      expect((e as ModelError).message).toMatch(message);
    }
  });

  test('growth needs a flow metric, a comparable period and a known basis', () => {
    const kind = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as ModelError).kind;
      }
      return 'none';
    };
    expect(kind(() => model.growth('cash', 'Q2-2024'))).toBe('not_available');
    expect(kind(() => model.growth('total_revenues', 'Q2-2023'))).toBe('not_available');
    expect(kind(() => model.growth('total_revenues', 'H1-2024', 'QOQ'))).toBe('not_available');
    expect(kind(() => model.growth('total_revenues', 'Q2-2024', 'MOM'))).toBe('bad_argument');
    expect(model.growth('total_revenues', 'H1-2024').value.toDecimalPlaces(6).toNumber()).toBe(Math.round((3667464 / 3699803 - 1) * 1e6) / 1e6);
    expect(model.growth('total_revenues', 'Q1-2024').formula).toBe('total_revenues Q1-2024 / total_revenues Q1-2023 − 1');
  });
});
