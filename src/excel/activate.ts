import type { Runner } from './refresh-tabs';

/** Shows a tab of the workbook (the pane's tab list links to each model tab). A missing tab is ignored. */
export async function activateTab(run: Runner, name: string): Promise<boolean> {
  return run(async (context) => {
    const ws = context.workbook.worksheets.getItemOrNullObject(name);
    ws.load('isNullObject');
    await context.sync();
    if (ws.isNullObject) return false;
    ws.activate();
    await context.sync();
    return true;
  });
}
