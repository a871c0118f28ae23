import type { SheetPlan } from '../sheets/plan';
import { address } from '../sheets/a1';
import { queuePlan, type WorkbookState } from './batch';
import { formulaGrid, readBack, sameContent } from './cells';

/** A cell of a model tab whose content is not what the add-in wrote there. */
export interface UserEdit {
  tab: string;
  address: string;
  current: string;
  planned: string;
}

export type TabProgress = 'pending' | 'writing' | 'done' | 'failed';

export type RefreshResult =
  | { kind: 'written'; syncs: number; edits: UserEdit[] }
  | { kind: 'cancelled'; syncs: number; edits: UserEdit[] }
  | { kind: 'busy' };

export interface RefreshOptions {
  /** Asked only when the model tabs hold edits; resolve true to overwrite them. */
  confirm?: (edits: UserEdit[]) => Promise<boolean>;
  onProgress?: (tab: string, state: TabProgress) => void;
}

/** Runs a batch against Excel (Excel.run in the add-in; a fake context in tests). */
export type Runner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

const show = (v: string | number | boolean | null | undefined) => (v === null || v === undefined ? '' : String(readBack(v)));

/** Compares what a model tab holds with what the plan writes; every difference is a user edit. */
export function findEdits(plan: SheetPlan, tabName: string, used: { formulas: (string | number | boolean)[][]; rowIndex: number; columnIndex: number } | undefined): UserEdit[] {
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
      if (!sameContent(current, want)) edits.push({ tab: tabName, address: address(rr, cc), current: show(current), planned: show(want) });
    }),
  );
  return edits;
}

let inFlight = false;

/**
 * Refreshes the model tabs: one read (which tabs and names exist, what the model tabs hold), then, if the user
 * changed cells in a model tab, a confirmation, then one write of the whole plan. Two syncs in all. Other sheets
 * are never read for edits, written, renamed or deleted. A call while a refresh runs returns `busy`.
 */
export async function refreshModelTabs(run: Runner, plan: SheetPlan, options: RefreshOptions = {}): Promise<RefreshResult> {
  if (inFlight) return { kind: 'busy' };
  inFlight = true;
  const progress = options.onProgress ?? (() => undefined);
  try {
    return await run(async (context) => {
      let syncs = 0;
      const sheets = context.workbook.worksheets;
      const names = context.workbook.names;
      names.load('items/name,items/formula');
      const reads = plan.tabs.map((t) => {
        const ws = sheets.getItemOrNullObject(t.name);
        ws.load('isNullObject');
        const used = ws.getUsedRangeOrNullObject(true);
        used.load('isNullObject,formulas,rowIndex,columnIndex');
        return { tab: t.name, ws, used };
      });
      await context.sync();
      syncs++;
      const state: WorkbookState = {
        existingTabs: new Set(reads.filter((r) => !r.ws.isNullObject).map((r) => r.tab)),
        names: new Map(names.items.map((n) => [n.name, n.formula])),
      };
      const edits = reads.flatMap((r) => (r.ws.isNullObject || r.used.isNullObject ? [] : findEdits(plan, r.tab, r.used)));
      if (edits.length > 0) {
        const ok = options.confirm ? await options.confirm(edits) : false;
        if (!ok) return { kind: 'cancelled', syncs, edits } as const;
      }
      for (const t of plan.tabs) progress(t.name, 'pending');
      queuePlan(context, plan, state, (name) => progress(name, 'writing'));
      try {
        await context.sync();
      } catch (e) {
        for (const t of plan.tabs) progress(t.name, 'failed');
        throw e;
      }
      syncs++;
      for (const t of plan.tabs) progress(t.name, 'done');
      return { kind: 'written', syncs, edits } as const;
    });
  } finally {
    inFlight = false;
  }
}
