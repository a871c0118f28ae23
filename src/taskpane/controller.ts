import type { ParsedRelease, CheckResult } from '../filing/types';
import type { SheetPlan } from '../sheets/plan';

import type { TabProgress, UserEdit } from '../excel/refresh-tabs';

/** A cell of a model tab whose content differs from what the add-in wrote (the user changed it). */
export type EditedCell = UserEdit;
export type TabState = TabProgress;

export type RefreshOutcome =
  | { kind: 'written'; syncs: number }
  | { kind: 'cancelled'; edits: EditedCell[] }
  | { kind: 'busy' };

/** Writes a plan into the workbook (Office.js in Excel; a fake in tests). */
export interface Writer {
  refresh(
    plan: SheetPlan,
    confirm: (edits: EditedCell[]) => Promise<boolean>,
    onProgress: (tab: string, state: TabState) => void,
  ): Promise<RefreshOutcome>;
}

/** What the pane shows; every string is set as text, never as HTML. */
export interface View {
  setRelease(text: string): void;
  setBusy(busy: boolean, label: string): void;
  setStatus(text: string): void;
  setError(text: string | null): void;
  setTabs(names: string[]): void;
  setTabState(name: string, state: TabState): void;
  setChecks(summary: string, ok: boolean, failing: string[]): void;
  setRepairs(summary: string, items: { head: string; proof: string }[]): void;
  askToOverwrite(edits: EditedCell[]): Promise<boolean>;
}

export interface Source {
  release: ParsedRelease;
  checks: CheckResult[];
  plan: () => SheetPlan;
}

/**
 * The pane's logic, free of the DOM and of Office.js so it runs the same in Excel, in Chromium tests and in unit
 * tests. One refresh at a time: a click while one runs is ignored.
 */
export class PaneController {
  private running = false;
  built = false;

  constructor(
    private view: View,
    private writer: Writer,
    private load: () => Promise<Source>,
    /** Why this Excel cannot take the model tabs (a missing requirement set), or null: the button then stays disabled. */
    private unsupported?: () => string | null,
  ) {}

  /** Shows the release, its checks and repairs; enables the button only if the release passed its checks. */
  async init(): Promise<Source | undefined> {
    let src: Source;
    try {
      src = await this.load();
    } catch (e) {
      this.view.setError(`The release could not be read: ${(e as Error).message}`);
      this.view.setBusy(true, 'Build model tabs');
      return undefined;
    }
    const { release, checks } = src;
    this.view.setRelease(`${release.company} — unaudited ${release.quarter.replace('-', ' ')} earnings release; ${release.facts.length} figures.`);
    const failing = checks.filter((c) => !c.pass);
    this.view.setChecks(
      `${checks.length} checks: ${checks.length - failing.length} passed, ${failing.length} failed`,
      failing.length === 0,
      failing.map((c) => `${c.name} [${c.period}${c.currency ? ' ' + c.currency : ''}]: expected ${c.expected.toString()}, actual ${c.actual.toDecimalPlaces(4).toString()}`),
    );
    this.view.setRepairs(
      `${release.repairs.length} OCR defects repaired, each proven by an accounting identity.`,
      release.repairs.map((r) => ({
        head: `${r.id} · line ${r.line} · ${r.rowLabel}${r.column === '(all)' ? '' : `, ${r.column}`}: “${r.read}” → ${r.repaired}`,
        proof: r.identity,
      })),
    );
    const old = this.unsupported?.();
    if (old) {
      this.view.setError(old);
      this.view.setBusy(true, 'Build model tabs');
      return undefined;
    }
    const errors = release.issues.filter((i) => i.severity === 'error');
    if (errors.length > 0 || failing.length > 0) {
      this.view.setError(
        `The release fails its checks, so nothing will be written:\n` +
          errors.map((e) => `• ${e.line ? `line ${e.line}: ` : ''}${e.message}`).join('\n'),
      );
      this.view.setBusy(true, 'Build model tabs');
      return undefined;
    }
    this.view.setBusy(false, 'Build model tabs');
    return src;
  }

  async build(): Promise<RefreshOutcome | undefined> {
    if (this.running) return { kind: 'busy' };
    this.running = true;
    this.view.setError(null);
    this.view.setBusy(true, this.built ? 'Refreshing…' : 'Building…');
    try {
      const src = await this.load();
      const plan = src.plan();
      this.view.setTabs(plan.tabs.map((t) => t.name));
      this.view.setStatus('Reading the model tabs…');
      const outcome = await this.writer.refresh(
        plan,
        async (edits) => {
          this.view.setStatus(`${edits.length} cell${edits.length === 1 ? '' : 's'} in the model tabs changed since the last refresh.`);
          return this.view.askToOverwrite(edits);
        },
        (tab, state) => this.view.setTabState(tab, state),
      );
      if (outcome.kind === 'written') {
        this.built = true;
        this.view.setStatus(`Wrote ${plan.tabs.length} tabs and ${plan.names.length} names in ${outcome.syncs} round trip${outcome.syncs === 1 ? '' : 's'}.`);
      } else if (outcome.kind === 'cancelled') {
        this.view.setStatus('Refresh cancelled: nothing was changed.');
      }
      return outcome;
    } catch (e) {
      this.view.setError(`Writing the model tabs failed: ${(e as Error).message}`);
      this.view.setStatus('Nothing further was written.');
      return undefined;
    } finally {
      this.running = false;
      this.view.setBusy(false, this.built ? 'Refresh model tabs' : 'Build model tabs');
    }
  }
}
