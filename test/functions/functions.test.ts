import { CustomFunctionsError, installGlobalRuntime } from '../support/custom-functions-runtime';
import { useShippedModel } from '../../src/model/shipped';

installGlobalRuntime();
useShippedModel();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const KC = require('../../src/functions/functions') as typeof import('../../src/functions/functions');

/** Calls a function and returns its number/string/array or the Excel error it raised. */
async function call(fn: (...a: never[]) => unknown, ...args: unknown[]): Promise<{ value?: unknown; error?: string; message?: string }> {
  try {
    return { value: await (fn as (...a: unknown[]) => unknown)(...args) };
  } catch (e) {
    if (e instanceof CustomFunctionsError) return { error: e.code, message: e.message };
    throw e; // a raw exception is a defect
  }
}

describe('KC functions return the release figures', () => {
  test.each([
    ['REVENUE', () => KC.revenue('Q2-2024'), 1891780],
    ['REVENUE US$', () => KC.revenue('Q2-2024', 'USD'), 260318],
    ['GROSS_PROFIT', () => KC.grossProfit('2Q24'), 318347],
    ['ADJ_GROSS_PROFIT', () => KC.adjGrossProfit('Q1-2024'), 299067],
    ['NET_LOSS', () => KC.netLoss('H1 2024'), -717334],
    ['ADJ_NET_LOSS', () => KC.adjNetLoss('q2-2023'), -314960],
    ['ADJ_EBITDA', () => KC.adjEbitda('Q2-2024'), 60594],
    ['ADJ_EBITDA US$', () => KC.adjEbitda('Q2-2024', 'usd'), 8338],
    ['NORMALIZED_ADJ_EBITDA', () => KC.normalizedAdjEbitda('Q1-2024'), 9366],
    ['METRIC cash at a date', () => KC.metric('cash', '2024-06-30'), 1837757],
    ['METRIC cash at Q4-2023', () => KC.metric(' CASH ', 'Q4-2023'), 2255287],
    ['METRIC EPS', () => KC.metric('eps_basic_diluted', 'Q2-2024'), -0.1],
    ['METRIC shares', () => KC.metric('weighted_shares', 'Q2-2024'), 3649307331],
    ['FX_RATE', () => KC.fxRate(), 7.2672],
  ])('%s', async (_, fn, expected) => {
    expect(await fn()).toBe(expected);
  });

  test('margins are fractions of total revenues', async () => {
    expect(await KC.grossMargin('Q2-2024')).toBeCloseTo(318347 / 1891780, 12);
    expect(await KC.adjGrossMargin('Q2-2024')).toBeCloseTo(323423 / 1891780, 12);
    expect(await KC.adjEbitdaMargin('Q2-2023')).toBeCloseTo(-61395 / 1835403, 12);
    expect(Math.round((await KC.adjGrossMargin('Q2-2024')) * 1000) / 10).toBe(17.1);
  });

  test('growth: YOY by default, QOQ on request, percentage points for margins', async () => {
    expect(Math.round((await KC.growth('total_revenues', 'Q2-2024')) * 1000) / 10).toBe(3.1);
    expect(Math.round((await KC.growth('total_revenues', 'Q2-2024', 'QOQ')) * 1000) / 10).toBe(6.5);
    expect(Math.round((await KC.growth('adj_gross_margin', 'Q2-2024', 'yoy')) * 1000) / 10).toBe(5.8);
  });

  test('growth through a change of sign is not meaningful: #N/A, as terminals print NM', async () => {
    expect(await KC.adjEbitda('Q2-2023')).toBe(-61395);
    expect(await call(() => KC.growth('adj_ebitda', 'Q2-2024'))).toMatchObject({ error: '#N/A', message: expect.stringContaining('not meaningful: the sign changed') });
    // Losses that stay losses still have a growth rate.
    expect(Math.round((await KC.growth('net_loss', 'Q2-2024')) * 1000) / 10).toBeLessThan(0);
  });

  test('SOURCE names the table, row, column and line, or the formula', async () => {
    expect(await KC.source('total_revenues', 'Q2-2024')).toMatch(/line 183/);
    expect(await KC.source('other_revenue', 'H1-2024')).toMatch(/R16|repair/i);
    expect(await KC.source('total_revenues', 'Q1-2023')).toMatch(/H1-2023 - Q2-2023|H1-2023 − Q2-2023/);
  });

  test('PERIODS and METRICS spill arrays', async () => {
    const periods = (await KC.periods()).map((r) => r[0]);
    expect(periods).toEqual(expect.arrayContaining(['Q1-2023', 'Q2-2023', 'Q1-2024', 'Q2-2024', 'H1-2023', 'H1-2024']));
    const metrics = await KC.metrics();
    expect(metrics[0]).toEqual(['id', 'label', 'statement', 'unit']);
    expect(metrics.map((r) => r[0])).toEqual(expect.arrayContaining(['adj_ebitda', 'gross_margin', 'cash', 'cfo', 'ai_revenue', 'fx_rate']));
    expect(metrics.every((r) => r.length === 4 && r.every((c) => typeof c === 'string'))).toBe(true);
  });
});

describe('bad input gives the right Excel error with a message', () => {
  const NOT_TEXT: unknown[] = [42, 0, -1.5, true, false, null, undefined, [['Q2-2024']], {}];
  const EMPTY = ['', '   '];
  const UNKNOWN_METRICS = ['revenue', 'gross margin', 'adj-ebitda', 'ADJ_EBITDAX', 'ebitda', '123', 'null', 'total_revenues;', '=A1'];
  const BAD_PERIODS = ['Q5-2024', 'Q0-2024', 'H3-2024', '2024-06-31', '2024-13-30', '2024-06-15', 'June 2024', 'Q2/2024x', 'Q22024Q', 'FY', 'yesterday', '2Q', 'Q2-20245', '5Q24', '3H24', 'Q2-2O24'];
  const NOT_GIVEN: [string, string][] = [
    ['cash', 'Q2-2023'], // no balance sheet at Jun 30 2023
    ['total_assets', '2023-06-30'],
    ['cfo', 'H1-2023'], // cash flow only for three quarters
    ['total_revenues', 'Q3-2024'],
    ['total_revenues', 'FY-2023'],
    ['ai_revenue', 'Q2-2023'],
  ];
  const BAD_CURRENCIES = ['EUR', 'yen', 'RMBX', 'US', '$$'];

  type Case = [string, () => unknown, '#N/A' | '#VALUE!'];
  const cases: Case[] = [];
  for (const v of [...NOT_TEXT, ...EMPTY]) {
    cases.push([`METRIC(${JSON.stringify(v)}, Q2-2024)`, () => KC.metric(v as string, 'Q2-2024'), '#VALUE!']);
    cases.push([`METRIC(total_revenues, ${JSON.stringify(v)})`, () => KC.metric('total_revenues', v as string), '#VALUE!']);
    cases.push([`ADJ_EBITDA(${JSON.stringify(v)})`, () => KC.adjEbitda(v as string), '#VALUE!']);
    cases.push([`GROWTH(${JSON.stringify(v)}, Q2-2024)`, () => KC.growth(v as string, 'Q2-2024'), '#VALUE!']);
    cases.push([`SOURCE(total_revenues, ${JSON.stringify(v)})`, () => KC.source('total_revenues', v as string), '#VALUE!']);
  }
  for (const m of UNKNOWN_METRICS) {
    cases.push([`METRIC(${m})`, () => KC.metric(m, 'Q2-2024'), '#N/A']);
    cases.push([`GROWTH(${m})`, () => KC.growth(m, 'Q2-2024'), '#N/A']);
    cases.push([`SOURCE(${m})`, () => KC.source(m, 'Q2-2024'), '#N/A']);
  }
  for (const p of BAD_PERIODS) {
    for (const [name, fn] of [
      ['REVENUE', KC.revenue],
      ['GROSS_MARGIN', KC.grossMargin],
      ['ADJ_EBITDA_MARGIN', KC.adjEbitdaMargin],
      ['NET_LOSS', KC.netLoss],
    ] as const) {
      cases.push([`${name}(${p})`, () => (fn as (p: string) => unknown)(p), '#N/A']);
    }
  }
  for (const [m, p] of NOT_GIVEN) cases.push([`METRIC(${m}, ${p})`, () => KC.metric(m, p), '#N/A']);
  for (const c of BAD_CURRENCIES) {
    cases.push([`REVENUE(Q2-2024, ${c})`, () => KC.revenue('Q2-2024', c), '#VALUE!']);
    cases.push([`METRIC(cash, 2024-06-30, ${c})`, () => KC.metric('cash', '2024-06-30', c), '#VALUE!']);
  }
  for (const b of ['MOM', 'annual', 'Y', 'QQ']) cases.push([`GROWTH(total_revenues, Q2-2024, ${b})`, () => KC.growth('total_revenues', 'Q2-2024', b), '#VALUE!']);
  cases.push(['GROWTH(total_revenues, Q2-2024, "MOM")', () => KC.growth('total_revenues', 'Q2-2024', 'MOM'), '#VALUE!']);
  cases.push(['GROWTH(total_revenues, Q2-2023) has no prior year', () => KC.growth('total_revenues', 'Q2-2023'), '#N/A']);
  cases.push(['GROWTH(cash, Q1-2024, QOQ) has no balance sheet at Dec 31 2023 - 3 months', () => KC.growth('cash', 'Q2-2023', 'QOQ'), '#N/A']);

  test(`the corpus has ${cases.length} cases`, () => expect(cases.length).toBeGreaterThan(150));

  test('a release that cannot be loaded gives #N/A with the reason, and a later load is retried', async () => {
    const { setModelLoader } = await import('../../src/model');
    setModelLoader(async () => {
      throw new Error('HTTP 404');
    });
    expect(await call(() => KC.revenue('Q2-2024'))).toMatchObject({ error: '#N/A', message: expect.stringContaining('could not be loaded: HTTP 404') });
    useShippedModel();
    expect(await KC.revenue('Q2-2024')).toBe(1891780);
  });

  test.each(cases)('%s -> %s', async (_, fn, code) => {
    const r = await call(fn);
    expect(r.value).toBeUndefined();
    expect(r.error).toBe(code);
    expect(r.message!.length).toBeGreaterThan(10);
    expect(r.message!.length).toBeLessThanOrEqual(255);
  });

  test('messages say what is accepted', async () => {
    expect((await call(() => KC.revenue('Q5-2024'))).message).toMatch(/Q2-2024/);
    expect((await call(() => KC.metric('ebitda', 'Q2-2024'))).message).toMatch(/KC\.METRICS|adj_ebitda/);
    expect((await call(() => KC.revenue('Q2-2024', 'EUR'))).message).toMatch(/RMB.*USD/);
    expect((await call(() => KC.metric(42 as unknown as string, 'Q2-2024'))).message).toMatch(/text/);
  });

  test('case and surrounding whitespace are accepted in ids and periods', async () => {
    expect(await KC.metric('  Total_Revenues ', ' q2-2024 ')).toBe(1891780);
    expect(await KC.revenue('Q2 2024', ' Usd ')).toBe(260318);
  });

  test('no function returns NaN or Infinity for any catalogue metric and period', async () => {
    const periods = (await KC.periods()).map((r) => r[0]);
    const metrics = (await KC.metrics()).slice(1).map((r) => r[0]);
    let values = 0;
    for (const m of metrics) {
      for (const p of periods) {
        for (const c of ['RMB', 'USD']) {
          const r = await call(() => KC.metric(m, p, c));
          if (r.error) expect(['#N/A', '#VALUE!']).toContain(r.error);
          else {
            expect(Number.isFinite(r.value)).toBe(true);
            values++;
          }
        }
      }
    }
    expect(values).toBeGreaterThan(500);
  });
});
