import { parseRelease } from '../../src/filing';
import { SHIPPED_RELEASE_TEXT } from '../../src/filing/shipped';
import { buildModel } from '../../src/model';
import { getShippedModel } from '../../src/model/shipped';
import { buildPlan } from '../../src/sheets/build';
import { refreshModelTabs } from '../../src/excel/refresh-tabs';
import { PaneController, outcomeOf, type EditedCell, type Source, type TabState, type View, type Writer } from '../../src/taskpane/controller';
import { FakeWorkbook } from '../support/fake-workbook';
import { readSelection, watchSelection } from '../../src/excel/selection';

/** A view that records what the pane would show. */
class RecordingView implements View {
  release = '';
  busy = true;
  label = '';
  status = '';
  error: string | null = null;
  tabs = new Map<string, TabState>();
  checks = { summary: '', ok: false, failing: [] as string[] };
  repairs: { head: string; proof: string }[] = [];
  answer = true;
  asked: EditedCell[][] = [];
  labelWhileAsked: string[] = [];
  setRelease(t: string) { this.release = t; }
  setBusy(b: boolean, l: string) { this.busy = b; this.label = l; }
  setStatus(t: string) { this.status = t; }
  setError(t: string | null) { this.error = t; }
  setTabs(n: string[]) { this.tabs = new Map(n.map((x) => [x, 'pending'])); }
  setTabState(n: string, s: TabState) { this.tabs.set(n, s); }
  setChecks(summary: string, ok: boolean, failing: string[]) { this.checks = { summary, ok, failing }; }
  setRepairs(_: string, items: { head: string; proof: string }[]) { this.repairs = items; }
  async askToOverwrite(edits: EditedCell[]) { this.asked.push(edits); this.labelWhileAsked.push(this.label); return this.answer; }
}

const shipped = async (): Promise<Source> => {
  const model = getShippedModel();
  return { release: model.release, checks: model.checks(), plan: () => buildPlan(model) };
};

function writerFor(book: FakeWorkbook): Writer {
  return {
    async refresh(plan, confirm, onProgress) {
      return outcomeOf(await refreshModelTabs((b) => b(book.context() as unknown as Excel.RequestContext), plan, { confirm, onProgress }));
    },
  };
}

describe('the task pane controller', () => {
  test('a change of the releases: before a build nothing is said; after one, the pane says the tabs show it on Refresh, and writes nothing', async () => {
    const view = new RecordingView();
    const book = new FakeWorkbook();
    const pane = new PaneController(view, writerFor(book), shipped);
    await pane.init();
    await pane.releasesChanged();
    expect([view.status, view.label]).toEqual(['', 'Build model tabs']);
    await pane.build();
    const syncs = book.syncs;
    await pane.releasesChanged();
    expect(view.status).toBe('The workbook’s releases changed: the KC functions already use them; the KC tabs show the change after you press Refresh model tabs.');
    expect([view.label, view.busy]).toEqual(['Refresh model tabs', false]);
    expect(book.syncs).toBe(syncs); // no automatic refresh
  });

  test('shows the release, its checks and repairs, then builds every tab', async () => {
    const view = new RecordingView();
    const book = new FakeWorkbook();
    const pane = new PaneController(view, writerFor(book), shipped);
    await pane.init();
    expect(view.release).toBe('Kingsoft Cloud Holdings Limited — unaudited Q2 2024 earnings release: 592 figures read (474 from its tables, 118 from its text), each traced to its line on the KC Sources tab.');
    expect(view.checks).toMatchObject({ ok: true, failing: [] });
    expect(view.checks.summary).toMatch(/^(\d+) release checks: \1 passed, 0 failed\. The KC Checks tab adds live checks that recalculate as you edit\.$/);
    expect(view.repairs).toHaveLength(19);
    expect(view.repairs[10].head).toBe('R11 · line 180 · Public cloud services, Three Months Ended Jun 30, 2024 US$: “169.879” → 169,879');
    expect(view.busy).toBe(false);
    const r = await pane.build();
    expect(r).toEqual({ kind: 'written', syncs: 2 });
    expect([...view.tabs.values()].every((s) => s === 'done')).toBe(true);
    expect(view.status).toMatch(/^The 7 KC tabs now hold the Kingsoft Cloud Holdings Limited Q2-2024 release\. \d+ named cells \(such as KC_ADJ_EBITDA_Q2_2024\) are ready for your formulas; your own sheets were not changed\.$/);
    expect(view.status).not.toMatch(/round trip/);
    expect(view.label).toBe('Refresh model tabs');
    expect(book.sheets.filter((s) => s.visibility === 'Visible')).toHaveLength(7); // and the very hidden record
  });

  test('on an Excel without the required sets the pane says which version is needed and writes nothing', async () => {
    const { unsupportedExcel } = await import('../../src/excel/requirements');
    const asked: string[] = [];
    const old = () => unsupportedExcel({ isSetSupported: (name: string, version?: string) => (asked.push(`${name} ${version}`), name !== 'ExcelApi') });
    const view = new RecordingView();
    const book = new FakeWorkbook();
    const pane = new PaneController(view, writerFor(book), shipped, old);
    expect(await pane.init()).toBeUndefined();
    expect(asked).toEqual(['ExcelApi 1.9', 'CustomFunctionsRuntime 1.2']);
    expect(view.error).toBe('This Excel lacks ExcelApi 1.9: KC Model needs Excel 2021 or later, Microsoft 365 or Excel on the web. Nothing was written.');
    expect(view.busy).toBe(true); // the button stays disabled
    expect([book.sheets.length, book.syncs]).toEqual([0, 0]);
    expect(unsupportedExcel({ isSetSupported: () => true })).toBeNull();
  });

  test('a release that fails its checks is reported and nothing can be written', async () => {
    const view = new RecordingView();
    const book = new FakeWorkbook();
    const tampered = parseRelease(SHIPPED_RELEASE_TEXT.replace('Total revenues\t1,835,403', 'Total revenues\t1,835,503'));
    const pane = new PaneController(view, writerFor(book), async () => {
      const model = buildModel(tampered);
      return { release: tampered, checks: model.checks(), plan: () => buildPlan(model) };
    });
    expect(await pane.init()).toBeUndefined();
    expect(view.busy).toBe(true); // the button stays disabled
    expect(view.error).toMatch(/^The release fails its checks, so nothing will be written:\n• line 183: check failed: Total revenues/);
    expect(view.checks.ok).toBe(false);
    expect(book.sheets).toHaveLength(0);
  });

  test('a release that cannot be loaded is reported', async () => {
    const view = new RecordingView();
    const pane = new PaneController(view, writerFor(new FakeWorkbook()), async () => {
      throw new Error('the release could not be loaded from assets/filings/x.txt (HTTP 404)');
    });
    await pane.init();
    expect(view.error).toBe('The release could not be read: the release could not be loaded from assets/filings/x.txt (HTTP 404)');
  });

  test('edits in the model tabs are shown; cancel leaves the workbook as it was', async () => {
    const view = new RecordingView();
    const book = new FakeWorkbook();
    const pane = new PaneController(view, writerFor(book), shipped);
    await pane.init();
    await pane.build();
    book.sheet('KC Balance Sheet')!.cell(9, 1).formula = 999; // B10: cash at Dec 31, 2023
    const before = book.snapshot();
    view.answer = false;
    expect(await pane.build()).toMatchObject({ kind: 'cancelled' });
    expect(view.asked[0]).toEqual([
      { tab: 'KC Balance Sheet', address: 'B10', current: '999', planned: '2255287', description: 'KC Balance Sheet · Cash and cash equivalents · As of Dec 31, 2023 RMB (B10): you entered 999; the model has 2,255,287.' },
    ]);
    expect(view.labelWhileAsked).toEqual(['Waiting for your decision…']);
    expect(view.status).toBe('Refresh cancelled: nothing was changed.');
    expect(book.snapshot()).toBe(before);
  });

  test('an edited formula cell is described with its row, period and the model value as a number', async () => {
    const view = new RecordingView();
    const book = new FakeWorkbook();
    const pane = new PaneController(view, writerFor(book), shipped);
    await pane.init();
    await pane.build();
    book.sheet('KC Income Statement')!.cell(11, 3).formula = 1900000; // D12: total revenues, Q2 2024, a formula
    view.answer = false;
    await pane.build();
    expect(view.asked[0][0].description).toBe('KC Income Statement · Total revenues · Three months ended Jun 30, 2024 RMB (D12): you entered 1,900,000; the model has 1,891,780.');
  });

  test('the tab list links to each tab: a click shows it', async () => {
    const { activateTab } = await import('../../src/excel/activate');
    const book = new FakeWorkbook();
    await new PaneController(new RecordingView(), writerFor(book), shipped).build();
    const run = (b: (c: Excel.RequestContext) => Promise<boolean>) => b(book.context() as unknown as Excel.RequestContext);
    expect(await activateTab(run as never, 'KC Checks')).toBe(true);
    expect(book.sheets.filter((s) => s.active).map((s) => s.name)).toEqual(['KC Checks']);
    expect(await activateTab(run as never, 'No such tab')).toBe(false);
  });

  test('a second click while building is ignored', async () => {
    const view = new RecordingView();
    const book = new FakeWorkbook();
    const pane = new PaneController(view, writerFor(book), shipped);
    await pane.init();
    const [a, b] = await Promise.all([pane.build(), pane.build()]);
    expect([a?.kind, b?.kind].sort()).toEqual(['busy', 'written']);
    expect(book.syncs).toBe(2);
  });

  test('a failed write is reported and the button comes back', async () => {
    const view = new RecordingView();
    const pane = new PaneController(view, { refresh: async () => { throw new Error('GeneralException: the workbook is busy'); } }, shipped);
    await pane.init();
    expect(await pane.build()).toBeUndefined();
    expect(view.error).toBe('Writing the model tabs failed: GeneralException: the workbook is busy');
    expect(view.busy).toBe(false);
  });
});

describe('tracing the selected figure', () => {
  class TraceView extends RecordingView {
    traces: import('../../src/taskpane/trace').TraceAnswer[] = [];
    setTrace(a: import('../../src/taskpane/trace').TraceAnswer) { this.traces.push(a); }
  }
  const withText = async (): Promise<Source> => ({ ...(await shipped()), model: getShippedModel(), releaseText: async () => SHIPPED_RELEASE_TEXT });

  async function paneOn(book: FakeWorkbook) {
    const view = new TraceView();
    const pane = new PaneController(view, writerFor(book), withText);
    await pane.init();
    await pane.build();
    const run = (b: (c: Excel.RequestContext) => Promise<unknown>) => b(book.context() as unknown as Excel.RequestContext);
    await watchSelection(run as never, () => pane.selectionChanged(() => readSelection(run as never), 20));
    return { view, pane };
  }
  const settle = () => new Promise((r) => setTimeout(r, 60));

  test('selecting a KC tab figure through the workbook event shows its line, value, checks; quick moves trace only the last cell', async () => {
    const book = new FakeWorkbook();
    const { view } = await paneOn(book);
    const is = book.sheet('KC Income Statement')!;
    let rev = 0;
    while (is.peek(rev, 0)?.formula !== 'Total revenues') rev++;
    await book.select('KC Income Statement', 'B5');
    await book.select('KC Income Statement', `D${rev + 1}`);
    await settle();
    expect(view.traces).toHaveLength(1);
    const t = view.traces[0];
    if (!('trace' in t)) throw new Error(t.message);
    expect(t.trace).toMatchObject({ cell: `'KC Income Statement'!D${rev + 1}`, figure: 'Total revenues · Q2-2024 · RMB', value: 'RMB 1,891,780 thousand', formula: `=SUM(D${rev - 2}:D${rev})` });
    expect(t.trace.sources[0].lines.find((l) => l.mark)).toMatchObject({ number: 183 });
    expect(t.trace.checks.length).toBeGreaterThan(0);
  });

  test("a user's KC.* cell traces to its figure; a plain cell says what to select", async () => {
    const book = new FakeWorkbook();
    book.addUserSheet('My analysis', { A1: 'note', B1: '=KC.ADJ_EBITDA("Q2-2024")' });
    const { view } = await paneOn(book);
    await book.select('My analysis', 'B1');
    await settle();
    await book.select('My analysis', 'A1');
    await settle();
    expect(view.traces.map((a) => ('trace' in a ? a.trace.sources[0].line : a.message))).toEqual([241, expect.stringMatching(/^Select a figure in a KC tab/)]);
  });

  test('a refused release has nothing to trace, and says so', async () => {
    const view = new TraceView();
    const pane = new PaneController(view, writerFor(new FakeWorkbook()), async () => ({ ...(await shipped()), model: undefined }));
    expect(await pane.trace(async () => ({ tab: 'KC Income Statement', address: 'D12', formula: 1 }))).toEqual({ message: expect.stringMatching(/refused/) });
  });
});
