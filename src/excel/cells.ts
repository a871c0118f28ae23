import type { CellConstant, TabPlan } from '../sheets/plan';

/**
 * The 2-D array written to `range.formulas`: formulas as they are, numbers and booleans as they are, empty cells
 * as "". Every text constant gets the apostrophe text prefix: Excel parses unprefixed strings with the user's
 * locale ("Jun 30, 2024" becomes a date serial, "16.8%" 0.168, "(246.549)" a negative number, "=x" a formula),
 * and the prefix is the one form every platform keeps as the text given, whatever the cell's format.
 */
export function formulaGrid(tab: TabPlan): (string | number | boolean)[][] {
  return tab.values.map((row, r) => row.map((v, c) => tab.formulas[r][c] ?? constant(v)));
}

function constant(v: CellConstant): string | number | boolean {
  if (v === null) return '';
  if (typeof v === 'string' && v !== '') return `'${v}`;
  return v;
}

/** What Excel reads back from a cell that was written with `formulaGrid`: the text prefix is not content. */
export function readBack(v: string | number | boolean): string | number | boolean {
  return typeof v === 'string' && v.startsWith("'") ? v.slice(1) : v;
}

/**
 * Same content? `current` is what `range.formulas` returns, `type` its `valueTypes` entry, `planned` a
 * `formulaGrid` cell. Like is compared with like: a planned text matches only a text cell holding the same
 * characters (a number or a formula that shows them is an edit); a planned number or boolean only the same value
 * (Excel returns numbers as numbers); a planned formula the same formula, ignoring case and spaces.
 */
export function sameContent(current: string | number | boolean, planned: string | number | boolean, type?: string): boolean {
  // Excel keeps 15 significant digits of a number written to a cell.
  if (typeof planned === 'number') return current === Number(planned.toPrecision(15));
  if (typeof planned !== 'string') return current === planned;
  if (planned[0] === "'") return current === planned.slice(1) && (type === undefined || type === 'String');
  const norm = (f: string) => f.replace(/\s+/g, '').toUpperCase();
  return planned[0] === '=' ? typeof current === 'string' && norm(current) === norm(planned) : current === planned;
}
