/**
 * The functions over a library of many releases (the SYNTHETIC test library, with a planted restatement of
 * total revenues for Q2-2025 by the Q3-2025 release): series over years, first-reported values, relative periods,
 * KC.RELEASES and KC.RESTATEMENTS.
 */
import { CustomFunctionsError, installGlobalRuntime } from '../support/custom-functions-runtime';
import { buildLibrary } from '../../src/model/library';
import { setModelLoader, sharedModel } from '../../src/model/shared';
import { syntheticLibraryEntries, truthQuarter } from '../support/synthetic-library';
import { quarter } from '../../src/filing/periods';

installGlobalRuntime();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const KC = require('../../src/functions/functions') as typeof import('../../src/functions/functions');

const lib = buildLibrary(syntheticLibraryEntries({ 'Q3-2025': { edits: { 'total_revenues|Q2-2025': 5000, 'total_revenues|9M-2025': 5000 } } }));
beforeAll(async () => {
  setModelLoader(async () => lib);
  await sharedModel();
});

const t = (id: string) => truthQuarter('total_revenues', quarter(Number(id[1]), Number(id.slice(3)))).toNumber();

test('KC.SERIES over the library: every quarter from Q1-2023 to FQ0, restated where restated; as=first gives the first-reported', () => {
  const ids = ['Q1-2023', 'Q2-2023', 'Q3-2023', 'Q4-2023', 'Q1-2024', 'Q2-2024', 'Q3-2024', 'Q4-2024', 'Q1-2025', 'Q2-2025', 'Q3-2025'];
  const row = KC.series('total_revenues', 'Q1-2023', 'FQ0', undefined, 'header=yes') as unknown[][];
  expect(row[0]).toEqual(ids);
  expect(row[1]).toEqual(ids.map((id) => t(id) + (id === 'Q2-2025' ? 5000 : 0)));
  const first = KC.series('total_revenues', 'FQ-1', 'FQ0', undefined, 'as=first') as unknown[][];
  expect(first).toEqual([[t('Q2-2025'), t('Q3-2025')]]);
  expect(KC.metric('total_revenues', 'Q2-2025', undefined, 'as=first; units=millions')).toBe(t('Q2-2025') / 1000);
  // Years, and LTMs.
  expect((KC.series('total_revenues', 'FY-2023', 'FY0') as unknown[][])[0]).toHaveLength(2);
  expect((KC.series('total_revenues', 'LTM-4', 'LTM') as unknown[][])[0]).toHaveLength(5);
});

test('KC.TABLE with relative periods and a comma list of metrics', () => {
  const block = KC.table([['total_revenues, cash']], [['FQ0'], ['FY0'], ['LTM']], 'USD', 'header=yes') as unknown[][];
  expect(block[0]).toEqual(['', 'Q3-2025', 'FY-2024', 'LTM-Q3-2025']);
  expect(block.map((r) => r[0])).toEqual(['', 'total_revenues', 'cash']);
  expect(block[1].slice(1).every((v) => typeof v === 'number')).toBe(true);
});

test('KC.RELEASES and KC.RESTATEMENTS', () => {
  const rel = KC.releases() as unknown[][];
  expect(rel.slice(1).map((r) => [r[0], r[2]])).toEqual(lib.releases().map((r) => [r.quarter, r.form]));
  expect(rel.find((r) => r[0] === 'Q2-2024')).toEqual(['Q2-2024', '', 'text', 7.2672, expect.any(Number), expect.any(Number)]);
  const rs = KC.restatements() as unknown[][];
  expect(rs).toHaveLength(2);
  expect(rs[1]).toEqual(['total_revenues', 'Q2-2025', 'RMB', t('Q2-2025'), 'Q2-2025', expect.any(Number), t('Q2-2025') + 5000, 'Q3-2025', expect.any(Number)]);
  expect(KC.source('total_revenues', 'Q2-2025')).toMatch(/RESTATED/);
});

test('a bad option or a period of another kind is #VALUE! with the grammar', () => {
  for (const f of [() => KC.metric('total_revenues', 'FQ0', undefined, 'units=billions'), () => KC.series('total_revenues', 'Q1-2024', 'FY-2024'), () => KC.series('total_revenues', 'FQ0', 'FQ-3')]) {
    try {
      f();
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(CustomFunctionsError);
      expect((e as CustomFunctionsError).code).toBe('#VALUE!');
    }
  }
});
