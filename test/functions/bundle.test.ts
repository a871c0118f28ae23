import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { DIST, loadBundle, type FunctionMeta } from '../support/load-bundle';

/**
 * The production build, loaded the way Excel loads it: functions.json, then the page's scripts in a fresh vm
 * context with a CustomFunctions runtime stub. Catches drift between the metadata and the associated functions.
 * `npm run build` (run by .ci/run before the tests) must have produced dist/.
 */
const built = existsSync(join(DIST, 'functions.json'));
const describeBuilt = built || process.env.CI ? describe : describe.skip;

describeBuilt('the built bundle, as Excel loads it', () => {
  const bundle = built ? loadBundle() : undefined;
  const fns = () => bundle!.metadata.functions;
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

  test('every function in functions.json is associated, and nothing else', () => {
    const ids = fns().map((f) => f.id).sort();
    expect(ids).toEqual([...bundle!.associated.keys()].sort());
    expect(ids).toEqual(
      ['ADJ_EBITDA', 'ADJ_EBITDA_MARGIN', 'ADJ_GROSS_MARGIN', 'ADJ_GROSS_PROFIT', 'ADJ_NET_LOSS', 'FX_RATE', 'GROSS_MARGIN', 'GROSS_PROFIT', 'GROWTH', 'METRIC', 'METRICS', 'NET_LOSS', 'NORMALIZED_ADJ_EBITDA', 'PERIODS', 'REVENUE', 'SOURCE', 'SERIES', 'TABLE', 'RELEASES', 'RESTATEMENTS'].sort(),
    );
  });

  test('metadata: descriptions, parameter descriptions, help URLs and valid names', () => {
    const help = readFileSync(join(DIST, 'help.html'), 'utf8');
    for (const f of fns() as FunctionMeta[]) {
      expect(f.name).toBe(f.id);
      expect(f.name).toMatch(/^[A-Z][A-Z0-9_.]*$/); // Excel: letters, digits, underscore, period; starts with a letter
      expect(f.name.length).toBeLessThanOrEqual(128);
      expect(f.description && f.description.length).toBeGreaterThan(20);
      expect(f.helpUrl).toBe(`https://localhost:3000/help.html#kc${f.id.toLowerCase()}`);
      expect(help).toContain(`id="kc${f.id.toLowerCase()}"`); // the section exists in the built help page
      for (const p of f.parameters) expect(p.description && p.description.length).toBeGreaterThan(10);
    }
    const metric = fns().find((f) => f.id === 'METRIC')!;
    expect(metric.parameters.map((p) => [p.name, p.type, !!p.optional])).toEqual([
      ['metric', 'string', false],
      ['period', 'string', false],
      ['currency', 'string', true],
      ['options', 'string', true],
    ]);
    expect(fns().find((f) => f.id === 'PERIODS')!.result.dimensionality).toBe('matrix');
    expect(fns().every((f) => (f.options as { stream?: boolean } | undefined)?.stream !== true)).toBe(true);
    expect(fns().find((f) => f.id === 'METRICS')!.result.dimensionality).toBe('matrix');
  });

  test('every function answers by its id (the release fetched as data)', async () => {
    expect((await call('REVENUE', 'Q2-2024')).value).toBe(1891780);
    expect((await call('METRIC', 'adj_ebitda', '2Q24', 'USD')).value).toBe(8338);
    expect((await call('ADJ_EBITDA', 'Q2-2024')).value).toBe(60594);
    expect((await call('NORMALIZED_ADJ_EBITDA', 'Q1-2024')).value).toBe(9366);
    expect((await call('GROSS_PROFIT', 'H1-2024')).value).toBe(611600);
    expect((await call('ADJ_GROSS_PROFIT', 'Q2-2023')).value).toBe(206775);
    expect((await call('NET_LOSS', 'Q2-2024')).value).toBe(-353718);
    expect((await call('ADJ_NET_LOSS', 'Q2-2024')).value).toBe(-301070);
    expect((await call('GROSS_MARGIN', 'Q2-2024')).value).toBeCloseTo(0.16828, 5);
    expect((await call('ADJ_GROSS_MARGIN', 'Q2-2024')).value).toBeCloseTo(0.17096, 5);
    expect((await call('ADJ_EBITDA_MARGIN', 'Q2-2024')).value).toBeCloseTo(0.03203, 5);
    expect((await call('GROWTH', 'total_revenues', 'Q2-2024', 'QOQ')).value).toBeCloseTo(1891780 / 1775684 - 1, 12);
    expect((await call('SOURCE', 'cash', '2024-06-30')).value).toMatch(/balance sheet, row "Cash and cash equivalents".*line 130/);
    expect(((await call('PERIODS')).value as string[][]).map((r) => r[0])).toContain('Q1-2023');
    expect(((await call('METRICS')).value as string[][])[0]).toEqual(['id', 'label', 'statement', 'unit']);
    expect((await call('FX_RATE')).value).toBe(7.2672);
  });

  test('errors cross the boundary as CustomFunctions.Error with the right code', async () => {
    expect(await call('METRIC', 'ebitda', 'Q2-2024')).toMatchObject({ error: '#N/A' });
    expect(await call('REVENUE', 'Q9-2024')).toMatchObject({ error: '#N/A', message: expect.stringContaining('Accepted') });
    expect(await call('REVENUE', 'Q2-2024', 'EUR')).toMatchObject({ error: '#VALUE!' });
    expect(await call('REVENUE', 42)).toMatchObject({ error: '#VALUE!' });
    expect(await call('METRIC', 'cash', 'Q2-2023')).toMatchObject({ error: '#N/A' });
  });

  test('the page loads one bundle for the task pane and the functions (one shared model)', () => {
    expect(bundle!.scripts.map((s) => s.split('?')[0])).toEqual(['addin.js']);
  });
});

describeBuilt('the built functions answer synchronously once the model is loaded', () => {
  test('before the load a call returns a Promise; after it, every function returns its value (or throws its error) at once', async () => {
    const fresh = loadBundle();
    const fn = (id: string) => fresh.associated.get(id)!;
    // A promise of the vm's realm: not an instance of this realm's Promise, so recognised by its then.
    const isPromise = (v: unknown) => typeof (v as { then?: unknown } | null)?.then === 'function';
    const first = fn('REVENUE')('Q2-2024');
    expect(isPromise(first)).toBe(true);
    expect(await first).toBe(1891780);
    const now: [string, unknown[], unknown][] = [
      ['REVENUE', ['Q2-2024'], 1891780],
      ['METRIC', ['adj_ebitda', '2Q24', 'USD'], 8338],
      ['ADJ_EBITDA', ['Q2-2024'], 60594],
      ['GROWTH', ['total_revenues', 'Q2-2024', 'QOQ'], expect.closeTo(1891780 / 1775684 - 1, 12)],
      ['FX_RATE', [], 7.2672],
    ];
    for (const [id, args, want] of now) {
      const v = fn(id)(...args);
      expect([id, isPromise(v)]).toEqual([id, false]);
      expect(v).toEqual(want);
    }
    for (const id of fresh.metadata.functions.map((f) => f.id)) {
      const args = fresh.metadata.functions.find((f) => f.id === id)!.parameters.filter((p) => !p.optional).map((p) => (p.name === 'metric' ? 'total_revenues' : 'Q2-2024'));
      let v: unknown;
      try {
        v = fn(id)(...args);
      } catch (e) {
        v = e;
      }
      expect([id, isPromise(v)]).toEqual([id, false]);
    }
    // A bad argument is thrown synchronously as the right Excel error.
    expect(() => fn('REVENUE')('Q9-2024')).toThrow(fresh.CustomFunctionsError);
    try {
      fn('REVENUE')('Q2-2024', 'EUR');
    } catch (e) {
      expect((e as { code: string }).code).toBe('#VALUE!');
    }
  });
});
