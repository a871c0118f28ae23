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

/** One read of the workbook: which model tabs and names exist, and the edits in the model tabs. One sync. */
async function readWorkbook(context: Excel.RequestContext, plan: SheetPlan): Promise<{ state: WorkbookState; edits: UserEdit[] }> {
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
  await context.sync();
  return {
    state: {
      existingTabs: new Set(reads.filter((r) => !r.ws.isNullObject).map((r) => r.tab)),
      names: new Map(names.items.map((n) => [n.name, n.formula])),
    },
    edits: reads.flatMap((r) => (r.ws.isNullObject || r.used.isNullObject ? [] : findEdits(plan, r.tab, r.used))),
  };
}

const editKey = (e: UserEdit) => `${e.tab}!${e.address}=${e.current}`;

/**
 * Refreshes the model tabs. Each attempt is one Excel.run: read (which tabs and names exist, what the model tabs
 * hold), then, if every edit found was already confirmed by the user, one write of the whole plan. The user is asked
 * between two runs, never inside one, so no batch stays open while they decide; the write run reads again, and
 * if the model tabs changed meanwhile the new edits are shown and confirmed before anything is written. Without
 * edits: one run, two syncs. Other sheets are never read for edits, written, renamed or deleted. A call while a
 * refresh runs returns `busy`.
 */
export async function refreshModelTabs(run: Runner, plan: SheetPlan, options: RefreshOptions = {}): Promise<RefreshResult> {
  if (inFlight) return { kind: 'busy' };
  inFlight = true;
  const progress = options.onProgress ?? (() => undefined);
  let syncs = 0;
  let edits: UserEdit[] = [];
  let confirmed = new Set<string>();
  try {
    // Until written or cancelled: each new question waits for the user, who may cancel.
    for (;;) {
      const found = await run(async (context) => {
        const read = await readWorkbook(context, plan);
        syncs++;
        if (read.edits.some((e) => !confirmed.has(editKey(e)))) return read.edits;
        for (const t of plan.tabs) progress(t.name, 'pending');
        queuePlan(context, plan, read.state, (name) => progress(name, 'writing'));
        try {
          await context.sync();
        } catch (e) {
          for (const t of plan.tabs) progress(t.name, 'failed');
          throw e;
        }
        syncs++;
        for (const t of plan.tabs) progress(t.name, 'done');
        return undefined;
      });
      if (!found) return { kind: 'written', syncs, edits };
      edits = found;
      if (!(await options.confirm?.(found))) return { kind: 'cancelled', syncs, edits };
      confirmed = new Set(found.map(editKey));
    }
  } finally {
    inFlight = false;
  }
}
