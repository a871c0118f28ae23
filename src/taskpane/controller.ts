import type { ParsedRelease, CheckResult } from '../filing/types';
import { parseAddress } from '../sheets/a1';
import type { SheetPlan } from '../sheets/plan';

import type { RefreshResult, TabProgress, UserEdit } from '../excel/refresh-tabs';
import { traceSelection, type ReleaseTexts, type Selected, type TraceAnswer, type TraceModel } from './trace';

/** A cell of a model tab whose content differs from what the add-in wrote (the user changed it), described for
 *  an analyst: row label, period, the value entered and the model's value. */
export type EditedCell = UserEdit & { description?: string };
export type TabState = TabProgress;

export type RefreshOutcome =
  | { kind: 'written'; syncs: number; logged?: number; baseline?: string }
  | { kind: 'cancelled'; edits: EditedCell[] }
  /** Rows or columns inserted or deleted inside a model tab: nothing written; the message says what to do. */
  | { kind: 'layout'; message: string }
  | { kind: 'busy' };

/** The pane's view of a refresh's result. */
export function outcomeOf(r: RefreshResult): RefreshOutcome {
  if (r.kind === 'written') return { kind: 'written', syncs: r.syncs, ...(r.logged ? { logged: r.logged } : {}), ...(r.baseline ? { baseline: r.baseline } : {}) };
  if (r.kind === 'layout') return { kind: 'layout', message: r.message };
  if (r.kind === 'cancelled') return { kind: 'cancelled', edits: r.edits };
  return r;
}

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
  /** Shows where the selected figure comes from, or why there is nothing to show. */
  setTrace?(answer: TraceAnswer): void;
}

export interface Source {
  release: ParsedRelease;
  checks: CheckResult[];
  /** The sheet plan; its builder may be fetched on demand. */
  plan: () => SheetPlan | Promise<SheetPlan>;
  /** The model, for tracing figures (absent for a refused release). */
  model?: TraceModel;
  /** The release text, for showing a figure's line (fetched on the first trace). */
  releaseText?: () => Promise<ReleaseTexts>;
}

/**
 * The pane's logic, free of the DOM and of Office.js so it runs the same in Excel, in Chromium tests and in unit
 * tests. One refresh at a time: a click while one runs is ignored.
 */
export class PaneController {
  private running = false;
  built = false;
  private traceTimer?: ReturnType<typeof setTimeout>;
  private traceSeq = 0;
  private tracePlan?: Promise<SheetPlan>;
  private traceText?: Promise<ReleaseTexts | undefined>;

  constructor(
    private view: View,
    private writer: Writer,
    private load: () => Promise<Source>,
    /** Why this Excel cannot take the model tabs (a missing requirement set), or null: the button then stays disabled. */
    private unsupported?: () => string | null,
  ) {}

  /** Shows the release, its checks and repairs; enables the button only if the release passed its checks. */
  async init(): Promise<Source | undefined> {
    // The set of releases may have changed: the plan and the texts a trace reads are fetched again.
    this.tracePlan = undefined;
    this.traceText = undefined;
    let src: Source;
    try {
      src = await this.load();
    } catch (e) {
      this.view.setError(`The release could not be read: ${(e as Error).message}`);
      this.view.setBusy(true, 'Build model tabs');
      return undefined;
    }
    const { release, checks } = src;
    const prose = release.facts.filter((f) => f.table === 'prose').length;
    this.view.setRelease(
      `${release.company} — unaudited ${release.quarter.replace('-', ' ')} earnings release: ${release.facts.length} figures read (${release.facts.length - prose} from its tables, ${prose} from its text), each traced to its line on the KC Sources tab.`,
    );
    const failing = checks.filter((c) => !c.pass);
    this.view.setChecks(
      `${checks.length} release checks: ${checks.length - failing.length} passed, ${failing.length} failed. The KC Checks tab adds live checks that recalculate as you edit.`,
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
    this.view.setBusy(false, this.built ? 'Refresh model tabs' : 'Build model tabs');
    return src;
  }

  /**
   * A release was added or removed. The KC functions recalculate at once; the tabs are rewritten only when the
   * analyst presses Refresh: a refresh may stop to list their edits and ask, which must not spring out of an Add,
   * and an analyst backfilling several quarters adds them all and refreshes once. So the pane says it plainly.
   */
  async releasesChanged(): Promise<void> {
    const src = await this.init();
    if (src && this.built) this.view.setStatus('The workbook’s releases changed: the KC functions already use them; the KC tabs show the change after you press Refresh model tabs.');
  }

  async build(): Promise<RefreshOutcome | undefined> {
    if (this.running) return { kind: 'busy' };
    this.running = true;
    this.view.setError(null);
    this.view.setBusy(true, this.built ? 'Refreshing…' : 'Building…');
    try {
      const src = await this.load();
      const plan = await src.plan();
      this.view.setTabs(plan.tabs.map((t) => t.name));
      this.view.setStatus('Reading the model tabs…');
      const outcome = await this.writer.refresh(
        plan,
        async (edits) => {
          this.view.setStatus(`${edits.length} cell${edits.length === 1 ? '' : 's'} in the model tabs changed since the last refresh.`);
          this.view.setBusy(true, 'Waiting for your decision…');
          const answer = await this.view.askToOverwrite(edits.map((e) => ({ ...e, description: e.description ?? describeEdit(plan, e) })));
          this.view.setBusy(true, answer ? 'Refreshing…' : 'Cancelling…');
          return answer;
        },
        (tab, state) => this.view.setTabState(tab, state),
      );
      if (outcome.kind === 'written') {
        this.built = true;
        const latest = `KC_ADJ_EBITDA_${plan.release.split(' ').pop()?.replace('-', '_')}`;
        const example = plan.names.find((n) => n.name === latest)?.name ?? plan.names[0]?.name;
        this.view.setStatus(
          `The ${plan.tabs.length} KC tabs now hold the ${plan.release} release. ${plan.names.length} named cells${example ? ` (such as ${example})` : ''} are ready for your formulas; your own sheets were not changed.` +
            (outcome.logged ? ` The ${outcome.logged} cell${outcome.logged === 1 ? '' : 's'} you had changed ${outcome.logged === 1 ? 'is' : 'are'} kept on the KC Change Log tab.` : ''),
        );
      } else if (outcome.kind === 'layout') {
        this.view.setError(outcome.message);
        this.view.setStatus('Nothing was changed.');
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

  /**
   * The selection changed: after `delay` ms without another change, the selection is read and traced. Moving
   * across cells with the keyboard reads only where the user stops, and a trace that finishes after a newer one
   * started is dropped, so the pane never shows a stale figure.
   */
  selectionChanged(read: () => Promise<Selected | undefined>, delay = 150): void {
    clearTimeout(this.traceTimer);
    this.traceTimer = setTimeout(() => void this.trace(read), delay);
  }

  /** Traces the selected cell now. */
  async trace(read: () => Promise<Selected | undefined>): Promise<TraceAnswer | undefined> {
    const seq = ++this.traceSeq;
    let answer: TraceAnswer;
    try {
      const selected = await read();
      if (!selected) return undefined;
      const src = await this.load();
      if (!src.model) {
        answer = { message: 'The release was refused, so there is no figure to trace.' };
      } else {
        // The plan (and its on-demand chunk) only for a KC tab: a user's sheet traces KC.* calls without it.
        const plan = selected.tab.startsWith('KC ') ? await (this.tracePlan ??= Promise.resolve(src.plan())) : undefined;
        const text = await (this.traceText ??= (src.releaseText?.() ?? Promise.resolve(undefined)).catch(() => undefined));
        answer = traceSelection(plan, src.model, text, selected);
      }
    } catch (e) {
      this.tracePlan = undefined;
      answer = { message: `The selection could not be traced: ${(e as Error).message}` };
    }
    if (seq !== this.traceSeq) return undefined;
    this.view.setTrace?.(answer);
    return answer;
  }
}

const number = (v: unknown): string => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && !isNaN(Number(v)) ? Number(v) : undefined;
  if (n === undefined) return v === '' || v === null || v === undefined ? '(empty)' : `“${String(v)}”`;
  return n.toLocaleString('en-US', { maximumFractionDigits: Math.abs(n) < 10 ? 4 : 0 });
};

/** "KC Balance Sheet · Cash and cash equivalents · As of Dec 31, 2023 RMB (B10): you entered 999; the model has
 *  2,255,287." The period comes from the tab's column headers; the model's value of a formula is its result. */
export function describeEdit(plan: SheetPlan, e: UserEdit): string {
  const tab = plan.tabs.find((t) => t.name === e.tab);
  if (!tab) return `${e.tab}!${e.address}: you entered ${number(e.current)}; the model has ${number(e.planned)}.`;
  const { row, col } = parseAddress(e.address);
  const label = typeof tab.values[row]?.[0] === 'string' ? (tab.values[row][0] as string).trim() : '';
  const head = Math.max(0, tab.freeze.rows - 3);
  const header: string[] = [];
  for (let r = head; r < tab.freeze.rows; r++) {
    // A group header ("Three months ended") spans the columns to its right until the next one.
    let c = col;
    while (r === head && c > 0 && tab.values[r][c] === null) c--;
    const v = tab.values[r]?.[c];
    if (c > 0 && v !== null && v !== undefined && v !== '') header.push(String(v));
  }
  const planned = tab.formulas[row]?.[col] ? tab.results?.[row]?.[col] : tab.values[row]?.[col];
  const where = [e.tab, label, header.join(' ')].filter(Boolean).join(' · ');
  return `${where} (${e.address}): you entered ${number(e.current)}; the model has ${number(planned ?? e.planned)}.`;
}
