import type { CellConstant, TabPlan } from '../sheets/plan';

/**
 * The 2-D array written to `range.formulas`: formulas as they are, numbers and booleans as they are, empty cells
 * as "". Text that Excel would read as a formula or a number sign (= + - @) gets the apostrophe text prefix, so
 * text from the release always stays text.
 */
export function formulaGrid(tab: TabPlan): (string | number | boolean)[][] {
  return tab.values.map((row, r) => row.map((v, c) => tab.formulas[r][c] ?? constant(v)));
}

function constant(v: CellConstant): string | number | boolean {
  if (v === null) return '';
  if (typeof v === 'string' && /^[=+\-@]/.test(v)) return `'${v}`;
  return v;
}

/** What Excel reads back from a cell that was written with `formulaGrid`: the text prefix is not content. */
export function readBack(v: string | number | boolean): string | number | boolean {
  return typeof v === 'string' && v.startsWith("'") ? v.slice(1) : v;
}

/** Same content? Numbers compare as numbers (Excel stores doubles), formulas ignoring case and spaces. */
export function sameContent(current: string | number | boolean, planned: string | number | boolean): boolean {
  const a = readBack(current);
  const b = readBack(planned);
  if (typeof a === 'number' || typeof b === 'number') return Number(a) === Number(b) && a !== '' && b !== '';
  if (typeof a === 'string' && typeof b === 'string' && a.startsWith('=') && b.startsWith('=')) {
    return a.replace(/\s+/g, '').toUpperCase() === b.replace(/\s+/g, '').toUpperCase();
  }
  return a === b;
}
