import { buildLibrary } from '../../src/model/library';
import { parseAddress } from '../../src/sheets/a1';
import { buildPlan } from '../../src/sheets/build';
import { refreshModelTabs, splitPlan, type Runner } from '../../src/excel/refresh-tabs';
import { buildModel } from '../../src/model/model';
import { getShippedModel } from '../../src/model/shipped';
import { CHANGE_LOG } from '../../src/excel/change-log';
import { FakeWorkbook } from '../support/fake-workbook';
import { LIBRARY_QUARTERS, syntheticLibraryEntries } from '../support/synthetic-library';

/**
 * The time-series tabs through Office.js (the fake): adding a release inserts its columns, moves the names with
 * their figures, and is never taken for the user's edits; a user's edit in an old column still is.
 */
const runnerFor = (book: FakeWorkbook): Runner => (batch) => batch(book.context() as unknown as Excel.RequestContext);
const entries = syntheticLibraryEntries();
const planOf = (n: number) => buildPlan(buildLibrary(entries.slice(0, n)));
const before = planOf(LIBRARY_QUARTERS.length - 1); // Q1 2023 … Q2 2025
const after = planOf(LIBRARY_QUARTERS.length); // … Q3 2025
const nameCell = (book: FakeWorkbook, name: string) => {
  const n = book.names.get(name)!;
  const m = /^='((?:[^']|'')+)'!(\$?[A-Z]+\$?\d+)$/.exec(n.formula)!;
  const { row, col } = parseAddress(m[2]);
  return book.sheet(m[1].replace(/''/g, "'"))!.cell(row, col).formula;
};

describe('adding a release to time-series tabs written through Office.js', () => {
  test('the new quarter is written without a question, in one read and one write; names follow their figures', async () => {
    const book = new FakeWorkbook();
    expect(await refreshModelTabs(runnerFor(book), before)).toMatchObject({ kind: 'written', syncs: 2 });
    const q2 = nameCell(book, 'KC_TOTAL_REVENUES_Q2_2024');
    const r = await refreshModelTabs(runnerFor(book), after, { confirm: async () => { throw new Error('no question expected'); } });
    expect(r).toMatchObject({ kind: 'written', syncs: 2, logged: 0 });
    expect(book.names.has('KC_ADJ_EBITDA_Q3_2025')).toBe(true);
    // Q2 2024 total revenues is a formula over its parts: the same formula text moved with the column, the name too.
    const planned = after.names.find((n) => n.name === 'KC_TOTAL_REVENUES_Q2_2024')!;
    expect(book.names.get('KC_TOTAL_REVENUES_Q2_2024')!.formula.replace(/\$/g, '')).toBe(`='KC Income Statement'!${planned.address.replace(/\$/g, '')}`);
    expect(typeof q2 === 'string' && q2.startsWith('=SUM(')).toBe(true);
    expect(book.sheet(CHANGE_LOG)).toBeUndefined();
  });

  test('a value the user typed over an old quarter is still asked about and logged when a release is added', async () => {
    const book = new FakeWorkbook();
    await refreshModelTabs(runnerFor(book), before);
    const n = before.names.find((x) => x.name === 'KC_CASH_2024_06_30')!;
    const { row, col } = parseAddress(n.address);
    book.sheet('KC Balance Sheet')!.cell(row, col).formula = 999;
    let asked: string[] = [];
    const r = await refreshModelTabs(runnerFor(book), after, { confirm: async (e) => ((asked = e.map((x) => x.description!)), true) });
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatch(/KC Balance Sheet · Cash and cash equivalents · .*Jun 30, 2024.*you entered 999/);
    expect(r).toMatchObject({ kind: 'written', logged: 1 });
  });
});

describe('a plan too large for one request', () => {
  // SYNTHETIC: the shipped release re-dated by whole years, 24 times: every statement line filled in every column.
  const real = getShippedModel();
  const shift = (p: string, k: number) => p.replace(/(\d{4})/, (y) => String(Number(y) - k));
  const dense = buildPlan(
    buildLibrary(
      Array.from({ length: 24 }, (_, i) => {
        const k = 23 - i;
        const release = { ...real.release, quarter: shift(real.release.quarter, k), facts: real.release.facts.map((f) => ({ ...f, period: shift(f.period, k) })) };
        return { release, model: buildModel(release), checks: real.checks(), form: 'text', name: `re-dated ${k}` };
      }),
    ),
  );

  test('the shipped release and the synthetic library go in one write; a dense 24-release plan in two, each under 1.5 MB, names and record last', async () => {
    expect(splitPlan(buildPlan(getShippedModel()))).toBeUndefined();
    expect(splitPlan(after)).toBeUndefined();
    const parts = splitPlan(dense)!;
    expect(parts[0].size + parts[1].size).toBe(dense.tabs.length);
    const book = new FakeWorkbook();
    expect(await refreshModelTabs(runnerFor(book), dense)).toMatchObject({ kind: 'written', syncs: 3 });
    const writes = book.requestBytes.slice(1);
    expect(writes).toHaveLength(2);
    for (const b of writes) expect(b).toBeLessThanOrEqual(1.5 * 1024 * 1024);
    for (const t of dense.tabs) expect(book.sheet(t.name)).toBeDefined();
    expect(book.names.size).toBeGreaterThanOrEqual(dense.names.length);
    // The record stands: a second refresh finds no edits and asks nothing.
    expect(await refreshModelTabs(runnerFor(book), dense, { confirm: async () => { throw new Error('no question expected'); } })).toMatchObject({ kind: 'written' });
  });
});
