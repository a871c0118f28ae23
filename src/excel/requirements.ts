/**
 * The Office requirement sets the add-in uses, declared in manifest.xml <Requirements> and checked again at run
 * time (Office.context.requirements.isSetSupported) before anything is written: ExcelApi 1.9 for RangeAreas formats,
 * indentLevel, pageLayout and print titles (1.8 showGridlines, 1.7 freezePanes/tabColor/getRangeByIndexes/name
 * formulas, 1.6 suspendApiCalculationUntilNextSync, 1.4 names and *OrNullObject, 1.2 workbook.onSelectionChanged for
 * tracing and worksheet.visibility for the very hidden record of what was written, 1.1 getSelectedRange and
 * NamedItem.visible); CustomFunctionsRuntime 1.2 for
 * errors with messages. (SharedRuntime 1.1, for the one page that hosts both, is required by the manifest alone:
 * without it Excel does not load this page as the add-in's runtime.)
 */
export const REQUIRED_SETS: readonly [name: string, version: string][] = [
  ['ExcelApi', '1.9'],
  ['CustomFunctionsRuntime', '1.2'],
];

/** The Excel versions that support every set above (Microsoft's requirement-set tables). */
export const SUPPORTED_EXCEL = 'Excel 2021 or later, Microsoft 365 or Excel on the web';

/** null when this Excel supports every set (Office.context.requirements); otherwise what the pane says instead of building. */
export function unsupportedExcel(requirements: { isSetSupported(name: string, minVersion?: string): boolean }): string | null {
  const missing = REQUIRED_SETS.filter(([n, v]) => !requirements.isSetSupported(n, v)).map((s) => s.join(' '));
  return missing.length ? `This Excel lacks ${missing.join(', ')}: KC Model needs ${SUPPORTED_EXCEL}. Nothing was written.` : null;
}
