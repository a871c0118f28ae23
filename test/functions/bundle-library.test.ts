import { existsSync } from 'fs';
import { join } from 'path';
import { DIST, loadBundle } from '../support/load-bundle';

/**
 * The time-series functions through the production build, loaded as Excel loads it (the library's code is a chunk
 * fetched with the release): KC.SERIES, KC.TABLE, options, relative periods, KC.RELEASES, KC.RESTATEMENTS, and a
 * generated corpus of bad arguments. The library holds the shipped Q2 2024 release: its latest quarter is Q2-2024.
 */
const built = existsSync(join(DIST, 'functions.json'));
const describeBuilt = built || process.env.CI ? describe : describe.skip;

describeBuilt('time series and options through the built bundle', () => {
  const bundle = built ? loadBundle() : undefined;
  const call = async (id: string, ...args: unknown[]) => {
    const fn = bundle!.associated.get(id);
    if (!fn) throw new Error(`${id} is not associated`);
    try {
      return { value: await fn(...args) };
    } catch (e) {
      if (e instanceof bundle!.CustomFunctionsError) return { error: e.code, message: e.message };
      throw e;
    }
  };
  const isError = (v: unknown): v is { code: string; message: string } => v instanceof bundle!.CustomFunctionsError;

  test('metadata: SERIES, TABLE, RELEASES and RESTATEMENTS spill; TABLE takes ranges; METRIC and SERIES take options', () => {
    const f = (id: string) => bundle!.metadata.functions.find((x) => x.id === id)!;
    for (const id of ['SERIES', 'TABLE', 'RELEASES', 'RESTATEMENTS']) expect(f(id).result.dimensionality).toBe('matrix');
    expect(f('TABLE').parameters.map((p) => [p.name, p.dimensionality ?? 'scalar', !!p.optional])).toEqual([
      ['metrics', 'matrix', false],
      ['periods', 'matrix', false],
      ['currency', 'scalar', true],
      ['options', 'scalar', true],
    ]);
    expect(f('SERIES').parameters.map((p) => p.name)).toEqual(['metric', 'from', 'to', 'currency', 'options']);
    expect(f('FX_RATE').parameters.map((p) => [p.name, !!p.optional])).toEqual([['period', true]]);
  });

  test('KC.SERIES: a row of quarters, #N/A (with the reason) where the library gives none; a column, a header, units', async () => {
    const row = (await call('SERIES', 'total_revenues', 'Q1-2023', 'Q2-2024')).value as unknown[][];
    expect(row).toHaveLength(1);
    expect(row[0].map((v) => (isError(v) ? v.code : v))).toEqual([1864400, 1835403, '#N/A', '#N/A', 1775684, 1891780]); // Q1-2023 derived: H1-2023 − Q2-2023
    expect((row[0][2] as { message: string }).message).toMatch(/does not give total_revenues for Q3-2023/);
    const col = (await call('SERIES', 'total_revenues', 'FQ-1', 'FQ0', 'USD', 'orient=column; header=yes')).value;
    expect(col).toEqual([['Q1-2024', expect.any(Number)], ['Q2-2024', 260318]]);
    const m = (await call('SERIES', 'total_revenues', 'Q1-2024', 'Q2-2024', '', 'units=millions')).value;
    expect(m).toEqual([[1775.684, 1891.78]]);
    // Balance-sheet items at the quarter ends; half-years when both ends are half-years.
    expect((await call('SERIES', 'cash', 'Q4-2023', 'Q2-2024')).value).toEqual([[2255287, expect.anything(), 1837757]]);
    expect((await call('SERIES', 'gross_profit', 'H1-2023', 'H1-2024', undefined, 'header=yes')).value).toEqual([['H1-2023', 'H2-2023', 'H1-2024'], [expect.any(Number), expect.anything(), 611600]]);
  });

  test('KC.TABLE: metrics and periods as ranges or comma lists, header, orientation', async () => {
    const t = (await call('TABLE', [['total_revenues'], ['adj_ebitda']], [['Q1-2024', 'Q2-2024']])).value;
    expect(t).toEqual([[1775684, expect.any(Number)], [expect.any(Number), 60594]].map((r, i) => (i === 0 ? [1775684, 1891780] : r)));
    const h = (await call('TABLE', [['total_revenues, adj_ebitda']], [['FQ0, 2Q24']], 'USD', 'header=yes')).value;
    expect(h).toEqual([['', 'Q2-2024', 'Q2-2024'], ['total_revenues', 260318, 260318], ['adj_ebitda', 8338, 8338]]);
    const c = (await call('TABLE', [['total_revenues']], [['Q1-2024', 'Q2-2024']], null, 'orient=column')).value;
    expect(c).toEqual([[1775684], [1891780]]);
  });

  test('options on KC.METRIC; relative periods from the latest quarter (Q2-2024)', async () => {
    expect((await call('METRIC', 'total_revenues', 'Q2-2024', 'RMB', 'units=millions')).value).toBe(1891.78);
    expect((await call('METRIC', 'total_revenues', 'Q2-2024', 'RMB', 'units=units; as=first')).value).toBe(1891780000);
    expect((await call('METRIC', 'gross_margin', 'Q2-2024', undefined, 'units=millions')).value).toBeCloseTo(0.16828, 5); // ratios unchanged
    expect((await call('METRIC', 'total_revenues', 'FQ0')).value).toBe(1891780);
    expect((await call('METRIC', 'total_revenues', 'FQ-1')).value).toBe(1775684);
    expect((await call('METRIC', 'total_revenues', 'FQ-4')).value).toBe(1835403);
    expect((await call('METRIC', 'cash', 'FY0')).value).toBe(2255287); // FY0 = FY-2023: its balance at Dec 31, 2023
    expect((await call('METRIC', 'total_revenues', 'FY-1'))).toMatchObject({ error: '#N/A', message: expect.stringContaining('FY-2022') });
    expect(await call('METRIC', 'total_revenues', 'LTM')).toMatchObject({ error: '#N/A', message: expect.stringContaining('LTM-Q2-2024') });
    expect((await call('METRIC', 'total_revenues', 'FY-23'))).toMatchObject({ error: '#N/A', message: expect.stringContaining('FY-2023') });
    expect((await call('FX_RATE', 'Q2-2024')).value).toBe(7.2672);
    expect((await call('SOURCE', 'total_revenues', 'Q1-2023', 'USD')).value).toMatch(/Rate: RMB7\.2672 to US\$1\.00, the convenience rate of the Q2-2024 release/);
  });

  test('KC.RELEASES and KC.RESTATEMENTS spill under a header row', async () => {
    expect((await call('RELEASES')).value).toEqual([
      ['quarter', 'release date', 'form', 'rate', 'facts', 'checks passed'],
      ['Q2-2024', '2024-08-20', 'text', 7.2672, expect.any(Number), expect.any(Number)],
    ]);
    expect((await call('RESTATEMENTS')).value).toEqual([['metric', 'period', 'currency', 'first reported', 'first release', 'first line', 'restated', 'restating release', 'restating line']]);
  });

  test('a range where one value is expected is #VALUE! naming KC.SERIES and KC.TABLE', async () => {
    for (const [id, args] of [['METRIC', ['total_revenues', [['Q1-2024', 'Q2-2024']]]], ['REVENUE', [[['Q1-2024'], ['Q2-2024']]]], ['METRIC', [[['a', 'b']], 'Q2-2024']], ['SERIES', [[['a', 'b']], 'Q1-2024', 'Q2-2024']]] as [string, unknown[]][]) {
      const r = await call(id, ...args);
      expect([id, r.error]).toEqual([id, '#VALUE!']);
      expect(r.message).toMatch(/KC\.SERIES.*KC\.TABLE/);
    }
  });

  test('a generated corpus of bad arguments: every call gives a number, a block, or #N/A / #VALUE! with a message — never another error', async () => {
    const bad: unknown[] = [undefined, null, '', '  ', 0, 42, -1.5, true, false, NaN, [['x', 'y']], [[1]], 'Q9-2024', 'FQ-', 'FY-100', 'LTM Q5-2024', 'LTM H1-2024', 'units=billions', 'as=second', 'foo', 'orient=diagonal', 'header=maybe', 'units=millions;;as=first', '=1+1', 'total_revenues', 'Q2-2024', 'FY0', 'USD', 'EUR', '2024-06-31', 'x'.repeat(300)];
    const fns: [string, number][] = [['METRIC', 4], ['SERIES', 5], ['TABLE', 4], ['FX_RATE', 1], ['GROWTH', 3], ['SOURCE', 3]];
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    let errors = 0;
    let n = 0;
    for (const [id, arity] of fns) {
      for (let i = 0; i < 150; i++) {
        const args = Array.from({ length: arity }, () => bad[Math.floor(rnd() * bad.length)]);
        const r = await call(id, ...args);
        n++;
        if (r.error) {
          errors++;
          expect([id, args, ['#N/A', '#VALUE!'].includes(r.error)]).toEqual([id, args, true]);
          expect(r.message!.length).toBeGreaterThan(10);
          expect(r.message!.length).toBeLessThanOrEqual(255);
        } else if (Array.isArray(r.value)) {
          for (const row of r.value as unknown[][]) for (const v of row) expect(typeof v === 'number' ? Number.isFinite(v) : typeof v === 'string' || isError(v)).toBe(true);
        } else {
          expect(typeof r.value === 'number' ? Number.isFinite(r.value) : typeof r.value === 'string').toBe(true);
        }
      }
    }
    expect(n).toBe(900);
    expect(errors).toBeGreaterThan(800);
  });
});
