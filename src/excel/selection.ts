import type { Runner } from './refresh-tabs';

/**
 * The selection, for tracing a figure. Workbook.onSelectionChanged (ExcelApi 1.2) tells that the selection changed
 * but not where (SelectionChangedEventArgs carries only the workbook), so each change is followed by one small read
 * of the selected range's address and formulas (Workbook.getSelectedRange, ExcelApi 1.1): one sync, a few hundred
 * bytes. The pane debounces the changes so that moving across cells reads only where the user stops.
 */
export interface SelectedCell {
  tab: string;
  /** Top-left cell of the selection, e.g. "D12". */
  address: string;
  /** What range.formulas returns for that cell. */
  formula: string | number | boolean;
}

/** Splits an address as Excel returns it ("'KC Income Statement'!D12:E14", "Sheet1!A1") into sheet and top-left cell. */
export function splitAddress(a: string): { tab: string; address: string } {
  const bang = a.lastIndexOf('!');
  const sheet = a.slice(0, bang);
  const tab = sheet.startsWith("'") && sheet.endsWith("'") ? sheet.slice(1, -1).replace(/''/g, "'") : sheet;
  return { tab, address: a.slice(bang + 1).split(':')[0].replace(/\$/g, '') };
}

export async function readSelection(run: Runner): Promise<SelectedCell | undefined> {
  return run(async (context) => {
    const range = context.workbook.getSelectedRange();
    range.load('address,formulas');
    await context.sync();
    if (!range.address.includes('!')) return undefined;
    return { ...splitAddress(range.address), formula: range.formulas[0]?.[0] ?? '' };
  });
}

/** Calls `changed` on every selection change in the workbook, from now on. */
export async function watchSelection(run: Runner, changed: () => void): Promise<void> {
  await run(async (context) => {
    context.workbook.onSelectionChanged.add(async () => changed());
    await context.sync();
  });
}
