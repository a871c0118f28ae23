/**
 * The library model over many releases. The shipped Q2 2024 release is real; every other release here is SYNTHETIC
 * test data (test/support/synthetic-library.ts), consistent with the real figures where periods overlap.
 */
import Decimal from 'decimal.js';
import { buildLibrary, type Library } from '../../src/model/library';
import { acceptLibrary } from '../../src/model/library-gate';
import { SHIPPED_RELEASE_TEXT } from '../../src/filing/shipped';
import { getShippedModel } from '../../src/model/shipped';
import { fiscalYear, half, nineMonths, quarter } from '../../src/filing/periods';
import { rateOf, shippedEntry, syntheticEntry, syntheticLibraryEntries, truthQuarter, truthStock, truthYtd, FLOWS } from '../support/synthetic-library';
import { errorOf } from '../support/model-error';

const str = (d: Decimal) => d.toString();
const usd = (rmb: Decimal, rate: Decimal) => rmb.div(rate).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);

describe('the library of the shipped release alone answers every figure exactly as the release model', () => {
  const model = getShippedModel() as ReturnType<typeof getShippedModel> & {
    allEntries(): IterableIterator<[string, import('../../src/model').ModelValue]>;
    valueOf(m: string, p: string, c: 'RMB' | 'USD'): import('../../src/model').ModelValue | undefined;
  };
  const lib = acceptLibrary([{ text: SHIPPED_RELEASE_TEXT, form: 'text' }]).library!;

  test('every figure: same value, origin, currency, formula and US$ rule; the only additions are listed', () => {
    let n = 0;
    for (const [k, v] of model.allEntries()) {
      const [m, p, c] = k.split('|');
      const w = lib.valueOf(m, p, c as 'RMB' | 'USD');
      expect([k, w && str(w.value), w?.origin, w?.currency, w?.formula, w?.rule]).toEqual([k, str(v.value), v.origin, v.currency, v.formula, v.rule]);
      // Through the public query too, by the release model's own spelling.
      expect(str(lib.get(m, p === 'constant' ? 'Q2-2024' : p, c).value)).toBe(str(v.value));
      n++;
    }
    expect(n).toBeGreaterThan(700);
    const extra = lib.entries().filter((e) => !model.valueOf(...e.key)).map((e) => e.key.join('|'));
    // The H1-2023 ending cash balance is the Q2-2023 one (balances are never summed).
    expect(extra).toEqual(['cash_end|H1-2023|RMB', 'cash_end|H1-2023|USD']);
    expect(lib.get('cash_end', 'H1-2023').value.toString()).toBe(model.get('cash_end', 'Q2-2023').value.toString());
  });

  test('sources, periods, growth, checks and the rate are the release model\'s', () => {
    for (const [m, p, c] of [['cash', '2024-06-30', undefined], ['adj_ebitda', 'Q1-2023', 'USD'], ['total_revenues', 'Q2-2024', 'USD'], ['gross_margin', 'Q1-2023', undefined]] as const) {
      expect(lib.source(m, p, c).startsWith(model.source(m, p, c).replace(/\.$/, ''))).toBe(true);
    }
    expect(lib.periods().map((p) => p.id)).toEqual(model.periods().map((p) => p.id));
    expect(str(lib.growth('total_revenues', 'Q2-2024', 'QOQ').value)).toBe(str(model.growth('total_revenues', 'Q2-2024', 'QOQ').value));
    expect(lib.checks().map((c) => c.id)).toEqual(model.checks().map((c) => c.id));
    expect(str(lib.rate)).toBe('7.2672');
    expect(lib.releases()).toEqual([expect.objectContaining({ quarter: 'Q2-2024', date: '2024-08-20', form: 'text', facts: model.release.facts.length })]);
    expect(lib.restatements()).toEqual([]);
  });
});

describe('a library of releases Q1 2023 … Q3 2025 (ten synthetic, the Q2 2024 release real)', () => {
  const lib = buildLibrary(syntheticLibraryEntries());

  test('every release is there, oldest first; the latest quarter is Q3-2025', () => {
    expect(lib.releases().map((r) => r.quarter)).toEqual(['Q1-2023', 'Q2-2023', 'Q3-2023', 'Q4-2023', 'Q1-2024', 'Q2-2024', 'Q3-2024', 'Q4-2024', 'Q1-2025', 'Q2-2025', 'Q3-2025']);
    expect(lib.latestQuarter()!.id).toBe('Q3-2025');
    expect(str(lib.rate)).toBe(str(rateOf(quarter(3, 2025))));
  });

  test('serves every quarter, year-to-date and balance as printed, real figures where the shipped release gives them', () => {
    for (let y = 2023; y <= 2025; y++) {
      for (let i = 1; i <= 4; i++) {
        if (y === 2025 && i === 4) continue;
        const q = quarter(i, y);
        for (const m of FLOWS) expect([m, q.id, str(lib.get(m, q.id).value)]).toEqual([m, q.id, str(truthQuarter(m, q))]);
        for (const m of ['cash', 'short_term_loans']) expect(str(lib.get(m, q.end).value)).toBe(str(truthStock(m, q.end)));
      }
    }
    expect(lib.get('total_revenues', 'Q2-2024').value.toNumber()).toBe(1891780); // the real release
    expect(lib.get('total_revenues', 'FY-2024').value.toString()).toBe(str(truthYtd('total_revenues', fiscalYear(2024))));
    expect(lib.restatements()).toEqual([]);
  });

  test('every chain check across releases closes: balance sheets, cash, year-to-date', () => {
    const chains = lib.chainChecks();
    const kinds = new Set(chains.map((c) => c.id.split('.').slice(0, 2).join('.')));
    expect([...kinds].sort()).toEqual(['chain.balance', 'chain.cash', 'chain.ytd']);
    expect(chains.filter((c) => !c.pass)).toEqual([]);
    // Each names two releases.
    for (const c of chains) expect(c.name.match(/the Q\d-\d{4} release/g)!.length).toBeGreaterThanOrEqual(2);
    // The real release's beginning cash of Q1-2024 against the synthetic Q4-2023 release's ending cash.
    expect(chains.find((c) => c.id === 'chain.cash.Q1-2024')!.name).toMatch(/end of Q4-2023 \(the Q\d-202\d release \(synthetic\), line \d+\) = cash at the beginning of Q1-2024 \(the Q\d-202\d release/);
    expect(lib.superseded()).toEqual([]);
  });

  test('LTM: the last four quarters, for flow amounts; its ratios recomputed; balances never summed', () => {
    const q = [quarter(4, 2024), quarter(1, 2025), quarter(2, 2025), quarter(3, 2025)];
    const sum = q.reduce((a, x) => a.add(truthQuarter('total_revenues', x)), new Decimal(0));
    for (const spelling of ['LTM', 'LTM0', 'LTM Q3-2025', 'LTM-Q3-2025', 'ltm 3Q25']) {
      const v = lib.get('total_revenues', spelling);
      expect([spelling, str(v.value), v.origin, v.period.id]).toEqual([spelling, str(sum), 'derived', 'LTM-Q3-2025']);
    }
    expect(lib.get('total_revenues', 'LTM').formula).toBe('LTM-Q3-2025 = Q4-2024 + Q1-2025 + Q2-2025 + Q3-2025');
    const gp = q.reduce((a, x) => a.add(truthQuarter('gross_profit', x)), new Decimal(0));
    expect(str(lib.get('gross_margin', 'LTM').value)).toBe(str(gp.div(sum)));
    // Without the quarters: FY(y−1) + YTD(y) − YTD(y−1), from the year-to-date columns.
    const ytdOnly = buildLibrary([syntheticEntry('Q4-2023', { ytdOnly: true }), shippedEntry()]);
    const l = ytdOnly.get('total_revenues', 'LTM');
    const want = truthYtd('total_revenues', fiscalYear(2023)).add(truthYtd('total_revenues', half(1, 2024))).sub(truthYtd('total_revenues', half(1, 2023)));
    expect([l.period.id, str(l.value), l.formula]).toEqual(['LTM-Q2-2024', str(want), 'LTM-Q2-2024 = FY-2023 + H1-2024 − H1-2023']);
    // LTM-1: to the quarter before.
    expect(lib.get('total_revenues', 'LTM-1').period.id).toBe('LTM-Q2-2025');
    // A balance at the LTM's end is the balance at that date, not a sum.
    expect(str(lib.get('cash', 'LTM').value)).toBe(str(truthStock('cash', '2025-09-30')));
  });

  test('US$: printed figures as printed by the latest release printing them; others at the rate of the latest release covering the period', () => {
    // Q2-2024 in US$ is printed by the real release at 7.2672.
    expect(lib.get('total_revenues', 'Q2-2024', 'USD')).toMatchObject({ origin: 'reported' });
    expect(lib.get('total_revenues', 'Q2-2024', 'USD').value.toNumber()).toBe(260318);
    expect(lib.source('total_revenues', 'Q2-2024', 'USD')).toMatch(/Printed in US\$ by the Q2-2024 release \(text\), the latest release printing it, at its rate RMB7\.2672 to US\$1\.00\./);
    // Q3-2022 is printed (RMB only) by the Q3-2023 release alone: its rate.
    const v = lib.get('total_revenues', 'Q3-2022', 'USD');
    expect([v.origin, str(v.value)]).toEqual(['translated', str(usd(truthQuarter('total_revenues', quarter(3, 2022)), rateOf(quarter(3, 2023))))]);
    expect(lib.source('total_revenues', 'Q3-2022', 'USD')).toMatch(/Rate: RMB7\.12 to US\$1\.00, the convenience rate of the Q3-2023 release \(synthetic\)/);
    // Q2-2023 RMB is printed by three releases; its US$ is printed by the Q2-2023 release only.
    expect(str(lib.get('total_revenues', 'Q2-2023', 'USD').value)).toBe(str(usd(truthQuarter('total_revenues', quarter(2, 2023)), rateOf(quarter(2, 2023)))));
    // An LTM rests on several releases: the latest's rate.
    expect(str(lib.get('total_revenues', 'LTM', 'USD').value)).toBe(str(usd(lib.get('total_revenues', 'LTM').value, rateOf(quarter(3, 2025)))));
    expect(lib.fxRate('Q3-2022').release.quarter).toBe('Q3-2023');
    expect(lib.fxRate('Q2-2024').release.quarter).toBe('Q2-2025'); // it prints Q2-2024 as its comparative
    expect(lib.fxRate().release.quarter).toBe('Q3-2025');
  });

  test('relative periods against the latest quarter, Q3-2025', () => {
    const ids = (t: string) => lib.period(t).id;
    expect(['FQ0', 'FQ-1', 'FQ-4', 'FQ-12', 'FY0', 'FY-1', 'FY+0', 'LTM', 'LTM-1', 'LTM-4'].map(ids)).toEqual(['Q3-2025', 'Q2-2025', 'Q3-2024', 'Q3-2022', 'FY-2024', 'FY-2023', 'FY-2024', 'LTM-Q3-2025', 'LTM-Q2-2025', 'LTM-Q3-2024']);
    // Absolute years are not relative: FY-23 and FY-2023 are 2023.
    expect(['FY-23', 'FY-2023', 'FY23', 'fq2 2024', '2024Q2', '2024-Q2', 'Q2_2024', '9M-2024', 'Q1-Q3 2024'].map(ids)).toEqual(['FY-2023', 'FY-2023', 'FY-2023', 'Q2-2024', 'Q2-2024', 'Q2-2024', 'Q2-2024', '9M-2024', '9M-2024']);
    expect(str(lib.get('total_revenues', 'FQ0').value)).toBe(str(truthQuarter('total_revenues', quarter(3, 2025))));
    expect(errorOf(() => lib.get('total_revenues', 'FQ-')).kind).toBe('unknown_period');
    // After a Q4 release the latest complete year is that year.
    const q4 = buildLibrary([syntheticEntry('Q3-2024'), syntheticEntry('Q4-2024')]);
    expect([q4.period('FY0').id, q4.period('FY-1').id, q4.period('FQ0').id]).toEqual(['FY-2024', 'FY-2023', 'Q4-2024']);
  });
});

describe('derived periods, each with its formula and the releases it rests on', () => {
  test('Q3 = 9M − H1 and Q4 = FY − 9M from releases printing only year-to-date columns', () => {
    const lib = buildLibrary([shippedEntry(), syntheticEntry('Q3-2024', { ytdOnly: true }), syntheticEntry('Q4-2024', { ytdOnly: true })]);
    const q3 = lib.get('total_revenues', 'Q3-2024');
    expect([str(q3.value), q3.origin, q3.formula]).toEqual([str(truthQuarter('total_revenues', quarter(3, 2024))), 'derived', 'Q3-2024 = 9M-2024 − H1-2024']);
    expect(lib.source('total_revenues', 'Q3-2024')).toMatch(/9M-2024 .*the Q3-2024 release \(synthetic\).*H1-2024 .*the Q2-2024 release \(text\)/);
    const q4 = lib.get('net_loss', 'Q4-2024');
    expect([str(q4.value), q4.formula]).toEqual([str(truthQuarter('net_loss', quarter(4, 2024))), 'Q4-2024 = FY-2024 − 9M-2024']);
    // Ratios on derived amounts; US$ of a derived amount at the rate of the latest release it rests on.
    expect(str(lib.get('gross_margin', 'Q4-2024').value)).toBe(str(truthQuarter('gross_profit', quarter(4, 2024)).div(truthQuarter('total_revenues', quarter(4, 2024)))));
    expect(str(lib.get('total_revenues', 'Q4-2024', 'USD').value)).toBe(str(usd(q4.value.isZero() ? q4.value : lib.get('total_revenues', 'Q4-2024').value, rateOf(quarter(4, 2024)))));
  });

  test('Q2 = H1 − Q1; H1 = Q1 + Q2 and 9M = H1 + Q3 from quarters; a prior year\'s Q1 from the comparative columns', () => {
    const a = buildLibrary([syntheticEntry('Q1-2025'), syntheticEntry('Q2-2025', { ytdOnly: true })]);
    expect([str(a.get('adj_ebitda', 'Q2-2025').value), a.get('adj_ebitda', 'Q2-2025').formula]).toEqual([str(truthQuarter('adj_ebitda', quarter(2, 2025))), 'Q2-2025 = H1-2025 − Q1-2025']);
    const b = buildLibrary([syntheticEntry('Q1-2025'), syntheticEntry('Q2-2025', { quartersOnly: true }), syntheticEntry('Q3-2025', { quartersOnly: true })]);
    expect([str(b.get('total_revenues', 'H1-2025').value), b.get('total_revenues', 'H1-2025').formula]).toEqual([str(truthYtd('total_revenues', half(1, 2025))), 'H1-2025 = Q1-2025 + Q2-2025']);
    expect([str(b.get('total_revenues', '9M-2025').value), b.get('total_revenues', '9M-2025').formula]).toEqual([str(truthYtd('total_revenues', nineMonths(2025))), '9M-2025 = H1-2025 + Q3-2025']);
    // Balances: the year-to-date ending cash is the last quarter's, never a sum.
    expect(str(b.get('cash_end', '9M-2025').value)).toBe(str(truthQuarter('cash_end', quarter(3, 2025))));
    const real = buildLibrary([shippedEntry()]);
    expect(real.get('total_revenues', 'Q1-2023').formula).toBe('Q1-2023 = H1-2023 − Q2-2023');
  });
});

describe('restatements, supersession and broken chains', () => {
  const planted = { 'Q3-2025': { edits: { 'total_revenues|Q2-2025': 5000, 'total_revenues|9M-2025': 5000 } } };
  const lib: Library = buildLibrary(syntheticLibraryEntries(planted));

  test('a restated quarter is listed with both releases and lines, served as restated, first-reported kept, flagged by KC.SOURCE', () => {
    const r = lib.restatements();
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ metric: 'total_revenues', period: 'Q2-2025', currency: 'RMB', first: { release: expect.objectContaining({ quarter: 'Q2-2025' }) }, latest: { release: expect.objectContaining({ quarter: 'Q3-2025' }) } });
    expect(str(r[0].latest.value.sub(r[0].first.value))).toBe('5000');
    expect(r[0].first.line).toBeGreaterThan(0);
    expect(r[0].latest.line).toBeGreaterThan(0);
    const truth = truthQuarter('total_revenues', quarter(2, 2025));
    expect(str(lib.get('total_revenues', 'Q2-2025').value)).toBe(str(truth.add(5000)));
    expect(str(lib.getFirst('total_revenues', 'Q2-2025').value)).toBe(str(truth));
    expect(lib.source('total_revenues', 'Q2-2025')).toMatch(/RESTATED: first reported .* by the Q2-2025 release \(synthetic\) \(line \d+\), .* by the Q3-2025 release \(synthetic\) \(line \d+\)/);
  });

  test('the older release\'s H1 built on the old quarter is superseded, not a failure, and served re-derived', () => {
    expect(lib.chainChecks().filter((c) => !c.pass)).toEqual([]);
    const s = lib.superseded();
    expect(s).toEqual([expect.objectContaining({ metric: 'total_revenues', period: 'H1-2025', because: 'Q2-2025' })]);
    expect(s[0].release.quarter).toBe('Q2-2025');
    const h1 = lib.get('total_revenues', 'H1-2025');
    expect([h1.origin, str(h1.value)]).toEqual(['derived', str(truthYtd('total_revenues', half(1, 2025)).add(5000))]);
    expect(lib.source('total_revenues', 'H1-2025')).toMatch(/SUPERSEDED/);
    // The restating release's 9M is consistent with the restated quarter.
    expect(str(lib.get('total_revenues', '9M-2025').value)).toBe(str(truthYtd('total_revenues', nineMonths(2025)).add(5000)));
    // Ratios follow the re-derived figure.
    expect(str(lib.get('gross_margin', 'H1-2025').value)).toBe(str(lib.get('gross_profit', 'H1-2025').value.div(h1.value)));
  });

  test('a later year-to-date figure derived from the superseded one follows it: 9M = H1 + Q3 re-derived, and its US$', () => {
    // The Q3-2025 release prints quarters only, so 9M-2025 is derived from H1-2025 (superseded) + Q3-2025.
    const q = buildLibrary([syntheticEntry('Q1-2025'), syntheticEntry('Q2-2025'), syntheticEntry('Q3-2025', { quartersOnly: true, edits: { 'total_revenues|Q2-2025': 5000, 'net_loss_attributable|Q2-2025': 5000 } })]);
    expect(q.superseded().map((x) => `${x.metric} ${x.period}`)).toEqual(expect.arrayContaining(['total_revenues H1-2025', 'net_loss_attributable H1-2025']));
    for (const m of ['total_revenues', 'net_loss_attributable']) {
      const h1 = q.get(m, 'H1-2025');
      const nine = q.get(m, '9M-2025');
      expect([m, nine.origin, nine.formula]).toEqual([m, 'derived', '9M-2025 = H1-2025 + Q3-2025']);
      expect([m, str(nine.value)]).toEqual([m, str(h1.value.add(q.get(m, 'Q3-2025').value))]);
      expect([m, str(nine.value)]).toEqual([m, str(truthYtd(m, nineMonths(2025)).add(5000))]);
      expect(str(q.get(m, '9M-2025', 'USD').value)).toBe(str(usd(nine.value, q.rate)));
    }
  });

  test('a year-to-date chain broken on purpose fails, naming both releases and lines', () => {
    const broken = buildLibrary(syntheticLibraryEntries({ 'Q3-2024': { edits: { 'net_loss|9M-2024': 777 } } }));
    const failing = broken.chainChecks().filter((c) => !c.pass);
    expect(failing).toHaveLength(1);
    expect(failing[0].id).toBe('chain.ytd.net_loss');
    expect(failing[0].name).toMatch(/net_loss 9M-2024 \(the Q3-2024 release \(synthetic\), line \d+\) = H1-2024 \(the Q\d-202\d release \(\w+\), line \d+\) \+ Q3-2024 \(the Q\d-202\d release \(synthetic\), line \d+\)/);
    expect(str(failing[0].difference.abs())).toBe('777');
    expect(broken.checks().some((c) => !c.pass)).toBe(true);
  });

  test('a cash chain broken on purpose fails, naming both releases', () => {
    // The Q3-2025 release (the only one printing it) gives a beginning cash of Q3-2025 that is not the Q2-2025 ending
    // cash the Q2-2025 release printed, and no release restates either.
    const broken = buildLibrary(syntheticLibraryEntries({ 'Q3-2025': { edits: { 'cash_begin|Q3-2025': 1000 } } }));
    const failing = broken.chainChecks().filter((c) => !c.pass);
    expect(failing.map((c) => c.id)).toEqual(['chain.cash.Q3-2025']);
    expect(failing[0].name).toMatch(/end of Q2-2025 \(the Q2-2025 release \(synthetic\), line \d+\) = cash at the beginning of Q3-2025 \(the Q3-2025 release \(synthetic\), line \d+\)/);
    expect(broken.restatements()).toEqual([]);
  });

  test('a balance sheet printed differently by two releases is a restatement, listed, not a failure', () => {
    const lib2 = buildLibrary(syntheticLibraryEntries({ 'Q1-2025': { edits: { 'cash|2024-12-31': -250 } } }));
    expect(lib2.restatements().map((r) => [r.metric, r.period, r.first.release.quarter, r.latest.release.quarter])).toEqual([['cash', '2024-12-31', 'Q4-2024', 'Q1-2025'], ['cash', '2024-12-31', 'Q1-2025', 'Q2-2025']]);
    expect(lib2.chainChecks().filter((c) => !c.pass)).toEqual([]);
    expect(lib2.chainChecks().some((c) => c.id === 'chain.balance.cash' && /differ: a restatement/.test(c.name))).toBe(true);
  });
});

describe('the shared model the add-in uses', () => {
  test('is the library of the shipped release, through the gate', async () => {
    const { setModelLoader, sharedModel, fetchReleaseModel } = await import('../../src/model/shared');
    const saved = globalThis.fetch;
    globalThis.fetch = (async () => new Response(SHIPPED_RELEASE_TEXT, { status: 200 })) as typeof fetch;
    try {
      setModelLoader(() => fetchReleaseModel());
      const m = await sharedModel();
      expect(typeof m.restatements).toBe('function');
      expect(m.releases().map((r) => r.quarter)).toEqual(['Q2-2024']);
      expect(m.get('total_revenues', 'FQ0').value.toNumber()).toBe(1891780);
    } finally {
      globalThis.fetch = saved;
    }
  });
});
