import type { SheetPlan, TabPlan } from '../sheets/plan';
import { address, parseAddress } from '../sheets/a1';
import { nameFormula, queuePlan, type WorkbookState } from './batch';
import { formulaGrid, readBack, sameContent } from './cells';
import { CHANGE_LOG, queueChangeLog, type LogEntry } from './change-log';
import {
  DATA_SHEET,
  cellContext,
  changedSince,
  decodeWritten,
  encodeWritten,
  layoutAddress,
  layoutAdvice,
  layoutChanges,
  layoutName,
  recordOf,
  type Content,
  type LayoutChange,
  type Written,
  type WrittenTab,
} from './written';

/** A cell of a model tab whose content is not what the add-in wrote there. */
export interface UserEdit {
  tab: string;
  address: string;
  current: string;
  planned: string;
  /** "KC Balance Sheet · Cash and cash equivalents · As of Dec 31, 2023 RMB (B10): you entered 999; the model has
   *  2,255,287.", with the row label and period of the cell as the add-in wrote it. */
  description?: string;
}

export type TabProgress = 'pending' | 'writing' | 'done' | 'failed';

export type RefreshResult =
  | { kind: 'written'; syncs: number; edits: UserEdit[]; /** cells copied to the KC Change Log */ logged?: number; /** why edits were found against the new plan */ baseline?: string }
  | { kind: 'cancelled'; syncs: number; edits: UserEdit[] }
  /** Rows or columns were inserted or deleted inside a model tab: nothing was written. */
  | { kind: 'layout'; syncs: number; changes: LayoutChange[]; message: string }
  | { kind: 'busy' };

export interface RefreshOptions {
  /** Asked only when the model tabs hold edits; resolve true to overwrite them. */
  confirm?: (edits: UserEdit[]) => Promise<boolean>;
  onProgress?: (tab: string, state: TabProgress) => void;
  /** The time written in the record and the change log (tests fix it). */
  now?: () => Date;
}

/** Runs a batch against Excel (Excel.run in the add-in; a fake context in tests). */
export type Runner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

const show = (v: string | number | boolean | null | undefined) => (v === null || v === undefined ? '' : String(readBack(v)));

type UsedCells = { formulas: (string | number | boolean)[][]; valueTypes?: string[][]; rowIndex: number; columnIndex: number };

/** Compares what a model tab holds with what the plan writes; every difference is a user edit. */
export function findEdits(plan: SheetPlan, tabName: string, used: UsedCells | undefined): UserEdit[] {
  const tab = plan.tabs.find((t) => t.name === tabName)!;
  const planned = formulaGrid(tab);
  const edits: UserEdit[] = [];
  if (!used) return edits;
  used.formulas.forEach((row, r) =>
    row.forEach((current, c) => {
      const rr = used.rowIndex + r;
      const cc = used.columnIndex + c;
      const want = planned[rr]?.[cc] ?? '';
      if (current === '' && want === '') return;
      if (!sameContent(current, want, used.valueTypes?.[r]?.[c])) edits.push({ tab: tabName, address: address(rr, cc), current: show(current), planned: show(want) });
    }),
  );
  return edits;
}

let inFlight = false;

type Read = {
  state: WorkbookState;
  edits: UserEdit[];
  log: Omit<LogEntry, 'when'>[];
  layout: LayoutChange[];
  data: { exists: boolean; written?: Written };
  changeLog: { exists: boolean; nextRow: number };
  baseline?: string;
};

const formatted = (v: unknown): string => {
  if (typeof v === 'number') return v.toLocaleString('en-US', { maximumFractionDigits: Math.abs(v) < 10 ? 4 : 0 });
  if (v === '' || v === null || v === undefined) return '(empty)';
  return String(typeof v === 'string' ? readBack(v) : v);
};

/** The model's value of a plan cell: a formula's result, or the constant. */
function modelValue(tab: TabPlan | undefined, a: string): unknown {
  if (!tab) return '';
  const { row, col } = parseAddress(a);
  if (row >= tab.rows || col >= tab.cols) return '';
  return tab.formulas[row][col] ? (tab.results?.[row]?.[col] ?? tab.formulas[row][col]) : tab.values[row][col];
}

/**
 * One read of the workbook, one sync: which model tabs and names exist, what the model tabs hold, the record of
 * what the add-in last wrote (the very hidden data sheet) and where the change log ends. Edits are the cells that
 * differ from that record; without a record (a workbook written before the record existed, or a damaged one) they
 * are the cells that differ from the new plan, as before.
 */
async function readWorkbook(context: Excel.RequestContext, plan: SheetPlan): Promise<Read> {
  const sheets = context.workbook.worksheets;
  const names = context.workbook.names;
  names.load('items/name,items/formula');
  const reads = plan.tabs.map((t) => {
    const ws = sheets.getItemOrNullObject(t.name);
    ws.load('isNullObject');
    const used = ws.getUsedRangeOrNullObject(true);
    used.load('isNullObject,formulas,valueTypes,rowIndex,columnIndex');
    return { tab: t.name, ws, used };
  });
  const dataWs = sheets.getItemOrNullObject(DATA_SHEET);
  dataWs.load('isNullObject');
  const dataUsed = dataWs.getUsedRangeOrNullObject(true);
  dataUsed.load('isNullObject,formulas');
  const logWs = sheets.getItemOrNullObject(CHANGE_LOG);
  logWs.load('isNullObject');
  const logUsed = logWs.getUsedRangeOrNullObject(true);
  logUsed.load('isNullObject,rowIndex,rowCount');
  await context.sync();

  const state: WorkbookState = {
    existingTabs: new Set(reads.filter((r) => !r.ws.isNullObject).map((r) => r.tab)),
    names: new Map(names.items.map((n) => [n.name, n.formula])),
  };
  let written: Written | undefined;
  let baseline: string | undefined;
  if (!dataWs.isNullObject) {
    const r = decodeWritten(dataUsed.isNullObject ? [] : dataUsed.formulas.map((row) => row[0]));
    written = r.written;
    if (r.problem) baseline = `${r.problem}: edits were found by comparing the model tabs with the new model.`;
  }
  const usedByTab = new Map(reads.filter((r) => !r.ws.isNullObject).map((r) => [r.tab, r.used.isNullObject ? undefined : r.used]));
  const layout = written ? layoutChanges(written, state.names, usedByTab) : [];
  const edits: UserEdit[] = [];
  const log: Omit<LogEntry, 'when'>[] = [];
  if (layout.length === 0) {
    const fromPlan = recordOf(plan, '');
    for (const [name, used] of usedByTab) {
      const tab = plan.tabs.find((t) => t.name === name)!;
      const base: WrittenTab = written?.tabs.find((t) => t.name === name) ?? fromPlan.tabs.find((t) => t.name === name)!;
      const planned = formulaGrid(tab);
      for (const ch of changedSince(base, used)) {
        const { row, col } = parseAddress(ch.address);
        const want: Content = planned[row]?.[col] ?? '';
        // The user already has what the model writes there: nothing is lost.
        if (sameContent(ch.current, want, ch.type) || (ch.current === '' && want === '')) continue;
        const { label, period } = cellContext(base, ch.address);
        const model = formatted(modelValue(tab, ch.address));
        const had = ch.current;
        const where = [name, label, period].filter(Boolean).join(' · ');
        edits.push({
          tab: name,
          address: ch.address,
          current: show(had),
          planned: show(want),
          description: `${where} (${ch.address}): you entered ${typeof had === 'string' && had.startsWith('=') ? had : formatted(had)}; the model has ${model}.`,
        });
        log.push({ tab: name, address: ch.address, label, period, had, model, release: plan.release });
      }
    }
  }
  return {
    state,
    edits,
    log,
    layout,
    baseline,
    data: { exists: !dataWs.isNullObject, written },
    changeLog: { exists: !logWs.isNullObject, nextRow: logUsed.isNullObject ? 0 : logUsed.rowIndex + logUsed.rowCount },
  };
}

/** Above this estimate of a write's size (the tabs' cells, formats and styles, and the record), the write is split in
 *  two requests: each request then stays under 1.5 MB, well inside Excel on the web's 5 MB. */
const SPLIT_ABOVE = 1.4 * 1024 * 1024;

const sizeOf = (t: TabPlan) => JSON.stringify(t.values).length + JSON.stringify(t.formulas).length + JSON.stringify(t.numberFormats).length + JSON.stringify(t.styles).length;

/** The two parts of a large plan's tabs (in order, about half the size each), or undefined for one request. */
export function splitPlan(plan: SheetPlan): [Set<string>, Set<string>] | undefined {
  const sizes = plan.tabs.map(sizeOf);
  // The last request also carries the record and the names (each name's reference and comment).
  const record = encodeWritten(recordOf(plan, '')).join('').length + 2 * JSON.stringify(plan.names).length;
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total + record <= SPLIT_ABOVE || plan.tabs.length < 2) return undefined;
  // The second request also carries the record and the names: the split point that makes the larger part smallest.
  let best = 1;
  let bestMax = Infinity;
  for (let i = 1, before = sizes[0]; i < plan.tabs.length; before += sizes[i], i++) {
    const larger = Math.max(before, total - before + record);
    if (larger < bestMax) [best, bestMax] = [i, larger];
  }
  const first = new Set(plan.tabs.slice(0, best).map((t) => t.name));
  return [first, new Set(plan.tabs.map((t) => t.name).filter((n) => !first.has(n)))];
}

/** Queues the record of what this write puts in the model tabs, and each tab's layout name. Nothing here syncs. */
function queueRecord(context: Excel.RequestContext, plan: SheetPlan, read: Read, at: string): void {
  const sheets = context.workbook.worksheets;
  const record = recordOf(plan, at);
  // The same content as recorded: the record stands (a refresh that changes nothing writes nothing new).
  const same = read.data.written && JSON.stringify({ ...read.data.written, at: '' }) === JSON.stringify({ ...record, at: '' });
  if (!same) {
    const chunks = encodeWritten(record);
    let ws: Excel.Worksheet;
    if (read.data.exists) {
      ws = sheets.getItem(DATA_SHEET);
      ws.getRange().clear('All');
    } else {
      ws = sheets.add(DATA_SHEET);
    }
    ws.getRangeByIndexes(0, 0, chunks.length, 1).formulas = chunks.map((c) => [c]);
    // Very hidden: not listed by Unhide, so the record cannot be edited by hand.
    ws.visibility = 'VeryHidden' as Excel.SheetVisibility;
  }
  for (const t of plan.tabs) {
    const name = layoutName(t.key);
    const want = nameFormula(t.name, layoutAddress(t));
    const now = read.state.names.get(name);
    if (now !== undefined && now.replace(/\$/g, '') === want.replace(/\$/g, '')) continue;
    if (now !== undefined) context.workbook.names.getItem(name).delete();
    context.workbook.names.add(name, sheets.getItem(t.name).getRange(layoutAddress(t)), 'KC Model: the area it wrote in this tab (moves if rows or columns are inserted).').visible = false;
  }
}

const editKey = (e: UserEdit) => `${e.tab}!${e.address}=${e.current}`;

/**
 * Refreshes the model tabs. Each attempt is one Excel.run: read (which tabs and names exist, what the model tabs
 * hold, the record of the last write), then, if every edit found was already confirmed by the user, one write: the
 * edited cells appended to the KC Change Log, the whole plan, and the new record. The user is asked between two
 * runs, never inside one, so no batch stays open while they decide; the write run reads again, and if the model
 * tabs changed meanwhile the new edits are shown and confirmed before anything is written. If rows or columns
 * were inserted or deleted inside a model tab, nothing is written and the result says what to do. Without edits:
 * one run, two syncs. Other sheets are never read for edits, written, renamed or deleted. A call while a refresh
 * runs returns `busy`.
 */
export async function refreshModelTabs(run: Runner, plan: SheetPlan, options: RefreshOptions = {}): Promise<RefreshResult> {
  if (inFlight) return { kind: 'busy' };
  inFlight = true;
  const progress = options.onProgress ?? (() => undefined);
  const now = options.now ?? (() => new Date());
  let syncs = 0;
  let edits: UserEdit[] = [];
  let confirmed = new Set<string>();
  try {
    // Until written or cancelled: each new question waits for the user, who may cancel.
    for (;;) {
      const found = await run(async (context): Promise<Read | RefreshResult> => {
        const read = await readWorkbook(context, plan);
        syncs++;
        if (read.layout.length > 0) return { kind: 'layout', syncs, changes: read.layout, message: layoutAdvice(read.layout) };
        if (read.edits.some((e) => !confirmed.has(editKey(e)))) return read;
        const at = now().toISOString();
        for (const t of plan.tabs) progress(t.name, 'pending');
        // The user's cells are copied to the log first, in the same request as the write that overwrites them.
        queueChangeLog(context, read.changeLog.exists, read.changeLog.nextRow, read.log.map((l) => ({ ...l, when: at.replace('T', ' ').slice(0, 19) })));
        try {
          // A plan too large for one request (a library of many releases) goes in two: the first part of the tabs,
          // then the rest with the names and the record (if the second failed, the next refresh would ask about
          // the first part's cells: nothing is lost).
          const parts = splitPlan(plan);
          if (parts) {
            queuePlan(context, plan, read.state, (name) => progress(name, 'writing'), { tabs: parts[0], names: false });
            await context.sync();
            syncs++;
          }
          queuePlan(context, plan, read.state, (name) => progress(name, 'writing'), parts ? { tabs: parts[1], names: true } : undefined);
          queueRecord(context, plan, read, at);
          await context.sync();
        } catch (e) {
          for (const t of plan.tabs) progress(t.name, 'failed');
          throw e;
        }
        syncs++;
        for (const t of plan.tabs) progress(t.name, 'done');
        return { kind: 'written', syncs, edits, logged: read.log.length, ...(read.baseline ? { baseline: read.baseline } : {}) };
      });
      if ('kind' in found) return found;
      edits = found.edits;
      if (!(await options.confirm?.(found.edits))) return { kind: 'cancelled', syncs, edits };
      confirmed = new Set(found.edits.map(editKey));
    }
  } finally {
    inFlight = false;
  }
}
