import { getShippedModel } from '../../src/model/shipped';
import { parseAddress } from '../../src/sheets/a1';
import { buildPlan } from '../../src/sheets/build';
import type { SheetPlan } from '../../src/sheets/plan';
import { CHANGE_LOG, LOG_HEADER } from '../../src/excel/change-log';
import { refreshModelTabs, type Runner } from '../../src/excel/refresh-tabs';
import { DATA_SHEET, decodeWritten, layoutName } from '../../src/excel/written';
import { FakeWorkbook } from '../support/fake-workbook';

/**
 * Refresh against the record of what the add-in last wrote: new cells of a new plan are never edits, the user's
 * cells go to the KC Change Log before they are overwritten, and a changed layout stops the refresh.
 */
const plan = buildPlan(getShippedModel());
const runnerFor = (book: FakeWorkbook): Runner => (batch) => batch(book.context() as unknown as Excel.RequestContext);
const at = (d: string) => () => new Date(d);

async function built(): Promise<FakeWorkbook> {
  const book = new FakeWorkbook();
  book.addUserSheet('My analysis', { A1: 'EBITDA', B1: "='KC Non-GAAP'!D26" });
  expect(await refreshModelTabs(runnerFor(book), plan, { now: at('2024-08-21T09:00:00Z') })).toMatchObject({ kind: 'written', syncs: 2 });
  return book;
}

/** A later plan: every figure of one column changed (a restatement) and a new column of figures (a new period). */
function laterPlan(): SheetPlan {
  const next: SheetPlan = JSON.parse(JSON.stringify(plan));
  const is = next.tabs[0];
  const rev = is.values.findIndex((r) => r[0] === 'Public cloud services');
  is.values[rev][3] = 1234999;
  is.cols += 1;
  is.columnWidths.push(86);
  is.values.forEach((row, r) => row.push(r === rev ? 1400000 : null));
  is.formulas.forEach((row) => row.push(null));
  is.numberFormats.forEach((row) => row.push('General'));
  return next;
}

const cell = (book: FakeWorkbook, tab: string, a: string) => {
  const { row, col } = parseAddress(a);
  return book.sheet(tab)!.peek(row, col)?.formula ?? '';
};
const modelTabs = (book: FakeWorkbook) => plan.tabs.map((t) => book.snapshot(t.name)).join('');

describe('the record of what the add-in wrote', () => {
  test('is kept on a very hidden sheet, decodes to the plan, and comes in the same two syncs; requests stay under 1.5 MB', async () => {
    const book = await built();
    const data = book.sheet(DATA_SHEET)!;
    expect(data.visibility).toBe('VeryHidden');
    const column = [...data.cells.entries()].filter(([k]) => k.endsWith(',0')).sort((a, b) => Number(a[0].split(',')[0]) - Number(b[0].split(',')[0])).map(([, v]) => v.formula);
    const { written, problem } = decodeWritten(column);
    expect(problem).toBeUndefined();
    expect(written!.release).toBe(plan.release);
    expect(written!.at).toBe('2024-08-21T09:00:00.000Z');
    expect(written!.tabs.map((t) => t.name)).toEqual(plan.tabs.map((t) => t.name));
    expect(Math.max(...book.requestBytes)).toBeLessThan(1.5 * 1024 * 1024);
    // Each tab's written area has a hidden name Excel moves with the cells.
    expect(book.names.get(layoutName('income_statement'))).toMatchObject({ formula: `='KC Income Statement'!$A$1:$H$${plan.tabs[0].rows}`, visible: false });
  });

  test('a refresh that changes nothing rewrites neither the record nor the names', async () => {
    const book = await built();
    const before = book.snapshot();
    const calls = book.calls.length;
    expect(await refreshModelTabs(runnerFor(book), plan, { now: at('2024-09-01T00:00:00Z') })).toMatchObject({ kind: 'written', syncs: 2, edits: [] });
    expect(book.snapshot()).toBe(before);
    expect(book.calls.slice(calls).filter((c) => c.sheet === DATA_SHEET && c.op.startsWith('range.'))).toEqual([]);
  });

  test('a new plan (a restated figure, a new column) is not taken for user edits: no question, written', async () => {
    const book = await built();
    const next = laterPlan();
    const rev = next.tabs[0].values.findIndex((r) => r[0] === 'Public cloud services');
    const r = await refreshModelTabs(runnerFor(book), next, { confirm: async () => { throw new Error('no question expected'); } });
    expect(r).toMatchObject({ kind: 'written', edits: [], syncs: 2 });
    expect(cell(book, 'KC Income Statement', `D${rev + 1}`)).toBe(1234999);
    expect(cell(book, 'KC Income Statement', `I${rev + 1}`)).toBe(1400000);
    expect(book.sheet(CHANGE_LOG)).toBeUndefined();
  });
});

describe('the KC Change Log', () => {
  test("the user's value and formula are listed with row, period and both values, then copied to the log before the overwrite", async () => {
    const book = await built();
    const is = book.sheet('KC Income Statement')!;
    const rev = plan.tabs[0].values.findIndex((r) => r[0] === 'Public cloud services');
    is.cell(rev, 3).formula = 1300000;
    is.cell(rev + 3, 3).formula = '=D9+D10';
    const next = laterPlan();
    let asked: string[] = [];
    const r = await refreshModelTabs(runnerFor(book), next, { now: at('2024-11-20T08:30:00Z'), confirm: async (e) => ((asked = e.map((x) => x.description!)), true) });
    expect(asked).toEqual([
      `KC Income Statement · Public cloud services · Three months ended Jun 30, 2024 RMB (D${rev + 1}): you entered 1,300,000; the model has 1,234,999.`,
      `KC Income Statement · Total revenues · Three months ended Jun 30, 2024 RMB (D${rev + 4}): you entered =D9+D10; the model has 1,891,780.`,
    ]);
    expect(r).toMatchObject({ kind: 'written', logged: 2 });
    const log = book.sheet(CHANGE_LOG)!;
    const row = (r: number) => LOG_HEADER.map((_, c) => log.peek(r, c)?.formula ?? '');
    expect(row(0)).toEqual(LOG_HEADER);
    expect(row(1)).toEqual(['2024-11-20 08:30:00', 'KC Income Statement', `D${rev + 1}`, 'Public cloud services', 'Three months ended Jun 30, 2024 RMB', 1300000, '1,234,999', plan.release]);
    expect(row(2)).toEqual(['2024-11-20 08:30:00', 'KC Income Statement', `D${rev + 4}`, 'Total revenues', 'Three months ended Jun 30, 2024 RMB', '=D9+D10', '1,891,780', plan.release]);
    expect(log.peek(2, 5)!.isText).toBe(true); // the formula kept as its text, not recalculated
    // The same write overwrote the cells: the log's rows were queued before the tab was cleared.
    const logWrite = book.calls.findIndex((c) => c.sheet === CHANGE_LOG && c.op === 'range.formulas' && c.address?.startsWith('A2'));
    const clear = book.calls.findIndex((c, i) => i > logWrite && c.sheet === 'KC Income Statement' && c.op === 'range.clear');
    expect(logWrite).toBeGreaterThan(0);
    expect(clear).toBeGreaterThan(logWrite);
    expect(cell(book, 'KC Income Statement', `D${rev + 1}`)).toBe(1234999);
  });

  test('appended, never cleared: a later overwrite adds rows under the earlier ones; a refresh without edits leaves the log alone', async () => {
    const book = await built();
    book.sheet('KC Balance Sheet')!.cell(9, 1).formula = 1;
    await refreshModelTabs(runnerFor(book), plan, { confirm: async () => true, now: at('2024-09-01T00:00:00Z') });
    book.sheet('KC Balance Sheet')!.cell(9, 1).formula = 2;
    await refreshModelTabs(runnerFor(book), plan, { confirm: async () => true, now: at('2024-10-01T00:00:00Z') });
    const log = book.snapshot(CHANGE_LOG);
    await refreshModelTabs(runnerFor(book), plan, { confirm: async () => true });
    expect(book.snapshot(CHANGE_LOG)).toBe(log);
    const l = book.sheet(CHANGE_LOG)!;
    expect([1, 2, 3].map((r) => [l.peek(r, 0)?.formula, l.peek(r, 5)?.formula])).toEqual([
      ['2024-09-01 00:00:00', 1],
      ['2024-10-01 00:00:00', 2],
      [undefined, undefined],
    ]);
    expect(book.calls.filter((c) => c.sheet === CHANGE_LOG && (c.op === 'range.clear' || c.op === 'worksheet.delete'))).toEqual([]);
  });

  test('a cell the user emptied is logged as "(empty)" and restored', async () => {
    const book = await built();
    const before = book.sheet('KC Balance Sheet')!.peek(9, 1)!.formula;
    book.sheet('KC Balance Sheet')!.cells.delete('9,1');
    expect(await refreshModelTabs(runnerFor(book), plan, { confirm: async () => true })).toMatchObject({ kind: 'written', logged: 1 });
    expect(book.sheet(CHANGE_LOG)!.peek(1, 5)!.formula).toBe('(empty)');
    expect(book.sheet('KC Balance Sheet')!.peek(9, 1)!.formula).toBe(before);
  });

  test('cancelling copies nothing and writes nothing', async () => {
    const book = await built();
    book.sheet('KC Balance Sheet')!.cell(9, 1).formula = 1;
    const before = book.snapshot();
    expect(await refreshModelTabs(runnerFor(book), plan, { confirm: async () => false })).toMatchObject({ kind: 'cancelled' });
    expect(book.snapshot()).toBe(before);
  });
});

describe('rows or columns inserted or deleted inside a model tab', () => {
  async function userShifts(book: FakeWorkbook, tab: string, address: string, how: 'insert' | 'delete', dir: string) {
    const ctx = book.context() as unknown as Excel.RequestContext;
    const r = ctx.workbook.worksheets.getItem(tab).getRange(address);
    if (how === 'insert') r.insert(dir as Excel.InsertShiftDirection);
    else r.delete(dir as Excel.DeleteShiftDirection);
    await ctx.sync();
  }

  test('an inserted row stops the refresh with where and what to do; nothing is written', async () => {
    const book = await built();
    await userShifts(book, 'KC Income Statement', '12:13', 'insert', 'Down');
    const before = book.snapshot();
    const syncs = book.syncs;
    const r = await refreshModelTabs(runnerFor(book), plan, { confirm: async () => { throw new Error('no question expected'); } });
    expect(r).toMatchObject({ kind: 'layout', syncs: 1, changes: [{ tab: 'KC Income Statement', axis: 'rows', count: 2, near: '12' }] });
    if (r.kind !== 'layout') throw new Error();
    expect(r.message).toMatch(/KC Income Statement: 2 rows inserted at row 12\./);
    expect(r.message).toMatch(/Undo the change/);
    expect(book.snapshot()).toBe(before);
    expect(book.syncs - syncs).toBe(1);
  });

  test('an inserted or deleted column is detected too; rows added below the model are not a layout change', async () => {
    const a = await built();
    await userShifts(a, 'KC Balance Sheet', 'C:C', 'insert', 'Right');
    expect(await refreshModelTabs(runnerFor(a), plan)).toMatchObject({ kind: 'layout', changes: [{ tab: 'KC Balance Sheet', axis: 'columns', count: 1, near: 'C' }] });
    const b = await built();
    await userShifts(b, 'KC Cash Flow', 'D:D', 'delete', 'Left');
    expect(await refreshModelTabs(runnerFor(b), plan)).toMatchObject({ kind: 'layout', changes: [{ tab: 'KC Cash Flow', axis: 'columns', count: -1 }] });
    const c = await built();
    await userShifts(c, 'KC Non-GAAP', `${plan.tabs[3].rows + 5}:${plan.tabs[3].rows + 5}`, 'insert', 'Down');
    expect(await refreshModelTabs(runnerFor(c), plan)).toMatchObject({ kind: 'written' });
  });

  test('a deleted KC tab is not a layout change: it is rebuilt', async () => {
    const book = await built();
    book.deleteSheet('KC Checks');
    expect(await refreshModelTabs(runnerFor(book), plan)).toMatchObject({ kind: 'written' });
    expect(book.sheet('KC Checks')).toBeDefined();
  });
});

describe('a damaged or foreign record', () => {
  test('is reported, and edits are found against the new plan instead; nothing is lost', async () => {
    const book = await built();
    book.sheet(DATA_SHEET)!.cell(0, 0).formula = '{"format":"something else"';
    book.sheet('KC Balance Sheet')!.cell(9, 1).formula = 5;
    let asked = 0;
    const r = await refreshModelTabs(runnerFor(book), plan, { confirm: async (e) => ((asked = e.length), true) });
    expect(asked).toBe(1);
    expect(r).toMatchObject({ kind: 'written', logged: 1, baseline: expect.stringMatching(/^KC Model Data is damaged/) });
    expect(decodeWritten([`'{"format":"other","tabs":[]}`]).problem).toMatch(/does not hold a KC Model record/);
    // The record is rewritten whole.
    expect(await refreshModelTabs(runnerFor(book), plan)).toMatchObject({ kind: 'written', edits: [] });
    expect((await refreshModelTabs(runnerFor(book), plan)) as { baseline?: string }).not.toHaveProperty('baseline');
  });
});
