import { buildLibrary } from '../../src/model/library';
import { libraryOfModel } from '../../src/model/library-gate';
import { getShippedModel } from '../../src/model/shipped';
import { parseAddress } from '../../src/sheets/a1';
import { buildPlan, MODEL_TABS } from '../../src/sheets/build';
import type { SheetPlan, TabPlan } from '../../src/sheets/plan';
import { cellsOf } from '../support/a1-cells';
import { LIBRARY_QUARTERS, syntheticLibraryEntries } from '../support/synthetic-library';

/** The model tabs of a library of many releases (SYNTHETIC test releases around the real Q2 2024 one). */
const lib = buildLibrary(syntheticLibraryEntries());
const plan = buildPlan(lib);
const single = buildPlan(getShippedModel());
const tab = (p: SheetPlan, key: string) => p.tabs.find((t) => t.key === key)!;

function styleAt(t: TabPlan, row: number, col: number) {
  const out: Record<string, unknown> = {};
  for (const s of t.styles) if (cellsOf(s.address).some(([r, c]) => r === row && c === col)) Object.assign(out, s.style);
  return out;
}
const headerRow = (t: TabPlan, offset: number) => t.values[t.freeze.rows - 3 + offset].slice(1);

describe('the model tabs of a library of releases: a time series', () => {
  test('the shipped release alone (a library of one release) gives the single-release plan, unchanged', () => {
    expect(buildPlan(libraryOfModel(getShippedModel()))).toEqual(single);
  });

  test('flow tabs: each year’s quarters left to right, then its half-year, nine months and full year, shaded', () => {
    for (const key of ['income_statement', 'cash_flow', 'non_gaap', 'revenue_costs']) {
      const t = tab(plan, key);
      expect(t.name).toBe(MODEL_TABS.find((m) => m.key === key)!.name);
      const headers = headerRow(t, 1) as string[];
      const ids = headers.map((h) => h.replace(' ', '-'));
      // Every release's quarter is a column, in time order, each year's quarters before its year-to-date columns.
      for (const q of LIBRARY_QUARTERS) expect(ids).toContain(q);
      const rank = (id: string) => Number(id.slice(-4)) * 10 + ({ Q1: 1, Q2: 2, Q3: 3, Q4: 4, H1: 5, '9M': 6, FY: 7 } as Record<string, number>)[id.slice(0, 2)];
      expect([...ids].sort((a, b) => rank(a) - rank(b))).toEqual(ids);
      expect(ids.slice(ids.indexOf('Q1-2024'), ids.indexOf('FY-2024') + 1)).toEqual(['Q1-2024', 'Q2-2024', 'Q3-2024', 'Q4-2024', 'H1-2024', '9M-2024', 'FY-2024']);
      ids.forEach((id, i) => {
        const shaded = styleAt(t, t.rows - 1, i + 1).fill === '#F2F2F2';
        expect([id, shaded]).toEqual([id, !id.startsWith('Q')]);
      });
    }
  });

  test('the balance sheet is by date, in date order', () => {
    const t = tab(plan, 'balance_sheet');
    const dates = t.cellKeys ? [...new Set(Object.values(t.cellKeys).map((k) => k.period))] : [];
    expect(dates.length).toBeGreaterThan(10);
    const byColumn = Object.entries(t.cellKeys!).map(([a, k]) => [parseAddress(a).col, k.period] as const);
    const order = [...new Map(byColumn.sort((a, b) => a[0] - b[0])).values()];
    expect([...order].sort()).toEqual(order);
    expect(order).toContain('2024-06-30');
  });

  test('every figure cell equals the library’s figure; every formula carries the library’s value', () => {
    let n = 0;
    for (const t of plan.tabs) {
      const expected = new Map(t.expectations.map((e) => [e.address, e.expected]));
      for (const [a, k] of Object.entries(t.cellKeys ?? {})) {
        const { row, col } = parseAddress(a);
        const want = lib.get(k.metric, k.period, k.currency).value.toNumber() * (k.sign ?? 1);
        const got = t.formulas[row][col] ? expected.get(a) : t.values[row][col];
        expect([t.name, a, got]).toEqual([t.name, a, want]);
        n++;
      }
    }
    expect(n).toBeGreaterThan(500);
  });

  test('a quarter no release prints is a formula over the year-to-date columns, marked derived', () => {
    // The Q4 2024 release printed with its full-year columns only: Q4 2024 = FY 2024 − 9M 2024.
    // No later release in this library prints Q4 2024 as its prior quarter.
    const derivedLib = buildLibrary(syntheticLibraryEntries({ 'Q4-2024': { ytdOnly: true } }).filter((e) => ['Q2-2024', 'Q3-2024', 'Q4-2024'].includes(e.release.quarter)));
    const p = buildPlan(derivedLib);
    const t = tab(p, 'income_statement');
    const col = (headerRow(t, 1) as string[]).indexOf('Q4 2024') + 1;
    expect(headerRow(t, 2)[col - 1]).toBe('RMB, derived');
    const name = p.names.find((n) => n.name === 'KC_TOTAL_REVENUES_Q4_2024')!;
    const { row } = parseAddress(name.address);
    const f = t.formulas[row][col]!;
    const fy = (headerRow(t, 1) as string[]).indexOf('FY 2024') + 1;
    const nine = (headerRow(t, 1) as string[]).indexOf('9M 2024') + 1;
    const letter = (c: number) => String.fromCharCode(65 + c);
    expect(f).toBe(`=${letter(fy)}${row + 1}-${letter(nine)}${row + 1}`);
    expect(styleAt(t, row, col)).toMatchObject({ italic: true, fontColor: '#000000' });
    expect(t.expectations.find((e) => e.address === `${letter(col)}${row + 1}`)!.expected).toBe(derivedLib.get('total_revenues', 'Q4-2024').value.toNumber());
  });

  test('growth stays live across releases: year over year and quarter over quarter formulas point at other releases’ columns', () => {
    const t = tab(plan, 'revenue_costs');
    const labels = t.values.map((r) => r[0]);
    const yoy = labels.indexOf('Total revenues', labels.indexOf('Growth, year over year'));
    const qoq = labels.indexOf('Total revenues', labels.indexOf('Growth, quarter over quarter'));
    const headers = headerRow(t, 1) as string[];
    const c = headers.indexOf('Q3 2025') + 1;
    expect(t.formulas[yoy][c]).toMatch(/^=[A-Z]+\d+\/[A-Z]+\d+-1$/);
    expect(t.formulas[qoq][c]).toMatch(/^=[A-Z]+\d+\/[A-Z]+\d+-1$/);
    const e = (r: number) => t.expectations.find((x) => parseAddress(x.address).row === r && parseAddress(x.address).col === c)!.expected;
    expect(e(yoy)).toBeCloseTo(lib.growth('total_revenues', 'Q3-2025', 'YOY').value.toNumber(), 12);
    expect(e(qoq)).toBeCloseTo(lib.growth('total_revenues', 'Q3-2025', 'QOQ').value.toNumber(), 12);
    // Full-year growth too.
    const fy = headers.indexOf('FY 2024') + 1;
    expect(t.formulas[yoy][fy]).toBeTruthy();
  });

  test('KC Checks: live checks, each release’s checks and the chains across releases; all pass', () => {
    const t = tab(plan, 'checks');
    const labels = t.values.map((r) => r[0]);
    const chainRow = labels.indexOf('Chains across releases (recorded)');
    expect(chainRow).toBeGreaterThan(0);
    // One row per kind of chain, saying how many passed (a failing chain would have its own row).
    const kinds = t.values.filter((r) => / chain checks passed — /.test(String(r[0])));
    expect(t.results![chainRow][1]).toBe(kinds.length);
    expect(kinds.length).toBe(3);
    expect(kinds.reduce((n, r) => n + (r[3] as number), 0)).toBe(lib.chainChecks().length);
    expect(lib.chainChecks().length).toBeGreaterThan(50);
    const status = labels.indexOf('Status');
    expect(t.results![status][1]).toBe('ALL CHECKS PASS');
    expect(t.formulas[labels.indexOf('All checks')][3]).toContain(`D${chainRow + 1}`);
  });

  test('a chain that does not close shows on KC Checks as failing', () => {
    const broken = buildLibrary(syntheticLibraryEntries({ 'Q3-2025': { edits: { 'cash_begin|Q3-2025': 1000 } } }));
    const failing = broken.chainChecks().filter((c) => !c.pass);
    expect(failing.length).toBeGreaterThan(0);
    const t = tab(buildPlan(broken), 'checks');
    const labels = t.values.map((r) => r[0]);
    expect(t.results![labels.indexOf('Chains across releases (recorded)')][3]).toBe(failing.length);
    expect(t.results![labels.indexOf('Status')][1]).toBe('CHECKS FAILING');
  });

  test('names KC_<METRIC>_<PERIOD> for the headline cells of every period; the shipped release’s names point at the same figures', () => {
    const byName = new Map(plan.names.map((n) => [n.name, n]));
    expect(byName.size).toBe(plan.names.length);
    for (const q of ['Q1-2023', 'Q4-2024', 'Q3-2025', 'FY-2024', '9M-2025']) expect(byName.has(`KC_TOTAL_REVENUES_${q.replace('-', '_')}`)).toBe(true);
    const value = (p: SheetPlan, n: { tab: string; address: string }) => {
      const t = p.tabs.find((x) => x.name === n.tab)!;
      const { row, col } = parseAddress(n.address);
      return t.formulas[row][col] ? t.results![row][col] : t.values[row][col];
    };
    for (const n of single.names) {
      const m = byName.get(n.name);
      if (!m) throw new Error(`the series plan lost the name ${n.name}`);
      // US$ names move to KC Sources (the time series is in RMB); RMB names stay on their tab.
      const tabName = n.name.endsWith('_USD') ? 'KC Sources' : n.tab;
      expect([n.name, m.tab, value(plan, m)]).toEqual([n.name, tabName, value(single, n)]);
    }
  });
});
