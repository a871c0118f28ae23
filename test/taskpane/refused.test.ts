import { SHIPPED_RELEASE_TEXT } from '../../src/filing/shipped';
import { acceptedModel } from '../../src/model/gate';
import { getShippedModel } from '../../src/model/shipped';
import { PaneController, type EditedCell, type TabState, type View, type Writer } from '../../src/taskpane/controller';
import { paneSource } from '../../src/taskpane/source';

class RecordingView implements View {
  busy = false;
  error: string | null = null;
  checks = { summary: '', ok: true, failing: [] as string[] };
  setRelease() {}
  setBusy(b: boolean) { this.busy = b; }
  setStatus() {}
  setError(t: string | null) { this.error = t; }
  setTabs() {}
  setTabState(_n: string, _s: TabState) {}
  setChecks(summary: string, ok: boolean, failing: string[]) { this.checks = { summary, ok, failing }; }
  setRepairs() {}
  async askToOverwrite(_e: EditedCell[]) { return true; }
}

const writer = (): Writer & { calls: number } => {
  const w = {
    calls: 0,
    async refresh() {
      w.calls++;
      return { kind: 'written' as const, syncs: 1 };
    },
  };
  return w;
};

describe('the pane on a release the gate refuses', () => {
  const text = SHIPPED_RELEASE_TEXT.replace('from RMB860.7 million', 'from RMB460.7 million');

  test('shows the failing check, disables the build, and writes nothing even if asked', async () => {
    const view = new RecordingView();
    const w = writer();
    const pane = new PaneController(view, w, () => paneSource(async () => acceptedModel(text)));
    expect(await pane.init()).toBeUndefined();
    expect(view.checks.ok).toBe(false);
    expect(view.checks.summary).toMatch(/: 535 passed, 1 failed\b/);
    expect(view.checks.failing).toEqual([expect.stringMatching(/^IDC costs, year-over-year change: year-over-year growth as stated \(15\.4%\) \[Q2-2024\]/)]);
    // The report: the failing check, its id and its line.
    expect(view.error).toMatch(/fails its checks, so nothing will be written:\n• line 56: prose\.growth_yoy:idc_costs: IDC costs, year-over-year change: year-over-year growth as stated \(15\.4%\) \[Q2-2024\]: stated -0\.154, the figures give 0\.5806 \(tolerance 0\.0005/);
    expect(view.busy).toBe(true);
    await pane.build();
    expect(w.calls).toBe(0);
    expect(view.error).toMatch(/release refused by check prose\.growth_yoy:idc_costs \(line 56\)/);
  });

  test('the shipped release: the same source, accepted, builds', async () => {
    const view = new RecordingView();
    const w = writer();
    const pane = new PaneController(view, w, () => paneSource(async () => getShippedModel()));
    expect(await pane.init()).toBeDefined();
    expect(view.checks.ok).toBe(true);
    await pane.build();
    expect(w.calls).toBe(1);
  });

  test('any other load failure is shown as the reason', async () => {
    const view = new RecordingView();
    const pane = new PaneController(view, writer(), () => paneSource(async () => { throw new Error('HTTP 404'); }));
    expect(await pane.init()).toBeUndefined();
    expect(view.error).toMatch(/HTTP 404/);
  });
});
