import { SHIPPED_RELEASE_TEXT } from '../../src/filing/shipped';
import { getShippedModel } from '../../src/model/shipped';
import { address, parseAddress } from '../../src/sheets/a1';
import { buildPlan } from '../../src/sheets/build';
import { keyOfCell, keyOfFormula, linesAround, traceSelection, type Trace } from '../../src/taskpane/trace';
import { buildLibrary } from '../../src/model/library';
import { shippedEntry, syntheticEntry } from '../support/synthetic-library';

const model = getShippedModel();
const plan = buildPlan(model);
const text = SHIPPED_RELEASE_TEXT;
const lines = text.split(/\r?\n/);
const IS = plan.tabs.find((t) => t.name === 'KC Income Statement')!;
const rowOf = (label: string) => IS.values.findIndex((r) => r[0] === label);
const colOf = (period: string, currency: string) => Object.entries(IS.cellKeys!).find(([, k]) => k.period === period && k.currency === currency)![0].replace(/\d+$/, '');
const traced = (tab: string, a: string, formula: string | number = '') => {
  const r = traceSelection(plan, model, text, { tab, address: a, formula });
  if (!('trace' in r)) throw new Error(r.message);
  return r.trace;
};

describe('cell keys in the sheet plan', () => {
  test('every keyed cell shows the figure its key names: the model value (sign applied) is the cell value or formula result', () => {
    let n = 0;
    for (const tab of plan.tabs) {
      for (const [a, key] of Object.entries(tab.cellKeys ?? {})) {
        const { row, col } = parseAddress(a);
        const shown = tab.formulas[row][col] ? tab.results?.[row]?.[col] : tab.values[row][col];
        const want = model.get(key.metric, key.period, key.currency).value.toNumber() * (key.sign ?? 1);
        expect([tab.name, a, shown]).toEqual([tab.name, a, expect.closeTo(want, 6)]);
        n++;
      }
    }
    expect(n).toBeGreaterThan(400);
  });

  test('labels, headers and empty cells have no key', () => {
    expect(keyOfCell(plan, IS.name, 'A12')).toBeUndefined();
    expect(keyOfCell(plan, IS.name, 'D7')).toBeUndefined();
    expect(keyOfCell(plan, 'My analysis', 'D12')).toBeUndefined();
  });
});

describe('the trace of a KC tab figure', () => {
  const rev = rowOf('Total revenues');
  const cell = `${colOf('Q2-2024', 'RMB')}${rev + 1}`;

  test('the figure, its release, its line with two lines each side, and the figure marked in it', () => {
    const t = traced(IS.name, cell, IS.formulas[rev][parseAddress(cell).col]!);
    expect(t.figure).toBe('Total revenues · Q2-2024 · RMB');
    expect(t.value).toBe('RMB 1,891,780 thousand');
    expect(t.releases).toEqual([{ release: 'Kingsoft Cloud Holdings Limited Q2 2024 earnings release', value: 'RMB 1,891,780 thousand' }]);
    expect(t.sources).toHaveLength(1);
    const s = t.sources[0];
    expect(s).toMatchObject({ line: 183, table: 'income_statement', rowLabel: 'Total revenues', raw: '1,891,780' });
    expect(s.lines.map((l) => l.number)).toEqual([181, 182, 183, 184, 185]);
    expect(s.lines.map((l) => l.text)).toEqual(lines.slice(180, 185));
    const marked = s.lines.find((l) => l.mark)!;
    expect(marked.number).toBe(183);
    expect(marked.text.slice(...marked.mark!)).toBe('1,891,780');
    // A formula cell: its formula is shown; the checks on its line cover it.
    expect(t.formula).toMatch(/^=SUM\(/);
    expect(t.checks.map((c) => c.name)).toEqual(expect.arrayContaining(['Total revenues = public cloud + enterprise cloud + others']));
    expect(t.checks.every((c) => c.period === 'Q2-2024' && c.pass)).toBe(true);
    expect(t.summary).toMatch(/line 183/);
  });

  test('a repaired figure lists its repair with the text read and the proof', () => {
    const r = rowOf('Public cloud services');
    const t = traced(IS.name, `${colOf('Q2-2024', 'USD')}${r + 1}`);
    expect(t.repairs).toEqual([expect.objectContaining({ id: 'R11', line: 180, read: '169.879', repaired: '169,879' })]);
    expect(t.repairs[0].proof.length).toBeGreaterThan(10);
    expect(t.sources[0].raw).toBe('169.879');
    const m = t.sources[0].lines.find((l) => l.mark)!;
    expect(m.text.slice(...m.mark!)).toBe('169.879');
  });

  test('a figure the model computes shows how; an add-back shows the sign the cell shows', () => {
    const keys = plan.tabs.flatMap((tb) => Object.entries(tb.cellKeys ?? {}).map(([a, k]) => ({ tab: tb.name, a, k })));
    const computed = keys.find((x) => model.get(x.k.metric, x.k.period, x.k.currency).origin !== 'reported')!;
    const t = traced(computed.tab, computed.a);
    expect(t.origin).toBe(model.get(computed.k.metric, computed.k.period, computed.k.currency).origin);
    expect(t.derivation).toBe(model.get(computed.k.metric, computed.k.period, computed.k.currency).formula);
    const addBack = keys.find((x) => x.k.sign === -1);
    if (addBack) {
      const v = model.get(addBack.k.metric, addBack.k.period, addBack.k.currency).value.toNumber();
      expect(traced(addBack.tab, addBack.a).value.includes('(')).toBe(-v < 0);
    }
  });
});

describe('the trace of a cell that calls KC.*', () => {
  test('named functions, METRIC, SOURCE and GROWTH with literal arguments', () => {
    expect(keyOfFormula('=KC.ADJ_EBITDA("Q2-2024")')).toEqual({ metric: 'adj_ebitda', period: 'Q2-2024', currency: 'RMB' });
    expect(keyOfFormula('=ROUND(KC.REVENUE("2Q24", "USD")/1000, 1)')).toEqual({ metric: 'total_revenues', period: '2Q24', currency: 'USD' });
    expect(keyOfFormula('=KC.METRIC("gross_margin","Q1-2024")')).toEqual({ metric: 'gross_margin', period: 'Q1-2024', currency: 'RMB' });
    expect(keyOfFormula('=kc.source("cash", "2024-06-30", "US$")')).toEqual({ metric: 'cash', period: '2024-06-30', currency: 'USD' });
    expect(keyOfFormula('=KC.GROWTH("total_revenues","2Q24","QOQ")')).toEqual({ metric: 'total_revenues', period: '2Q24', currency: 'RMB' });
    expect(keyOfFormula('=SUM(A1:A3)')).toBeUndefined();
    expect(keyOfFormula('=KC.ADJ_EBITDA(A1)')).toEqual({ message: expect.stringMatching(/arguments from other cells \(A1\)/) });
    expect(keyOfFormula('=KC.PERIODS()')).toEqual({ message: 'KC.PERIODS is not one figure of a release.' });
  });

  test('a user sheet cell calling KC.ADJ_EBITDA traces to the reconciliation line', () => {
    const t = traced('My analysis', 'B1', '=KC.ADJ_EBITDA("2Q24")');
    expect(t.cell).toBe("'My analysis'!B1");
    expect(t.figure).toMatch(/· Q2-2024 · RMB$/);
    expect(t.sources[0]).toMatchObject({ line: 241, table: 'ebitda_reconciliation' });
    expect(t.formula).toBe('=KC.ADJ_EBITDA("2Q24")');
    const r = traceSelection(plan, model, text, { tab: 'My analysis', address: 'B2', formula: '=KC.METRIC("gross_margin","Q1-2024")' });
    expect('trace' in r && r.trace.value).toMatch(/^\d+\.\d%$/);
  });

  test('a cell with nothing to trace says what to select; an unknown period is a message, never an exception', () => {
    expect(traceSelection(plan, model, text, { tab: 'My analysis', address: 'A1', formula: 'note' })).toEqual({ message: expect.stringMatching(/^Select a figure in a KC tab/) });
    expect(traceSelection(plan, model, text, { tab: IS.name, address: 'A1', formula: 'title' })).toEqual({ message: `${IS.name}!A1 is not one of the release's figures.` });
    expect(traceSelection(plan, model, text, { tab: 'X', address: 'A1', formula: '=KC.REVENUE("Q9-2024")' })).toEqual({ message: expect.stringMatching(/^No figure to trace: /) });
  });
});

test('linesAround stays inside the text and marks only the figure line', () => {
  const t = ['a 1', 'b 2', 'c 3'];
  expect(linesAround(t, 1, '1')).toEqual([{ number: 1, text: 'a 1', mark: [2, 3] }, { number: 2, text: 'b 2' }, { number: 3, text: 'c 3' }]);
  expect(linesAround(t, 3, 'zz').every((l) => !l.mark)).toBe(true);
  void address;
});

export type { Trace };

describe('the releases that printed a figure, from the library', () => {
  // SYNTHETIC: the Q3 2024 release of test/support/synthetic-library.ts, restating Q2 2024 total revenues.

  test('a KC.* cell lists each release that printed the figure with its value; the superseded one is marked restated', () => {
    const lib = buildLibrary([shippedEntry(), syntheticEntry('Q3-2024', { edits: { 'total_revenues|Q2-2024': 1000 } })]);
    const r = traceSelection(undefined, lib, undefined, { tab: 'My analysis', address: 'B1', formula: '=KC.METRIC("total_revenues","Q2-2024")' });
    if (!('trace' in r)) throw new Error(r.message);
    expect(r.trace.releases).toHaveLength(2);
    expect(r.trace.releases[0]).toEqual({ release: expect.stringMatching(/\(Q2-2024, text, line 183\)$/), value: expect.stringMatching(/1,891,780/), restated: true });
    expect(r.trace.releases[1]).toEqual({ release: expect.stringMatching(/\(Q3-2024, synthetic, line \d+\)$/), value: expect.stringMatching(/1,892,780/) });
    expect(r.trace.value).toMatch(/1,892,780/);
  });

  test('a figure only one release printed lists that release; a single release model keeps its one entry', () => {
    const lib = buildLibrary([shippedEntry()]);
    const r = traceSelection(undefined, lib, undefined, { tab: 'S', address: 'A1', formula: '=KC.METRIC("total_revenues","Q1-2024")' });
    if (!('trace' in r)) throw new Error(r.message);
    expect(r.trace.releases).toEqual([{ release: expect.stringMatching(/Q2-2024, text, line 183\)$/), value: expect.stringMatching(/1,775,684/) }]);
  });
});
