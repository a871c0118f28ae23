import { parseAddress } from './a1';
import type { CellStyle, TabPlan } from './plan';

/**
 * The plan's style ranges resolved per cell. Ranges apply in order and each sets only the properties it names, as
 * Office.js range formatting does: a border range laid over a header row keeps the header's bold and fill. Both
 * renderers draw from this, so they format every cell alike.
 */

/** The merged style of every cell of the tab (undefined where no range touches it), rows × cols. */
export function resolveStyles(tab: TabPlan, rows: number, cols: number): (CellStyle | undefined)[][] {
  const grid: (CellStyle | undefined)[][] = Array.from({ length: rows }, () => Array<CellStyle | undefined>(cols).fill(undefined));
  for (const range of tab.styles) {
    const [from, to = from] = range.address.split(':');
    const a = parseAddress(from);
    const b = parseAddress(to);
    const defined = Object.fromEntries(Object.entries(range.style).filter(([, v]) => v !== undefined)) as CellStyle;
    for (let r = Math.min(a.row, b.row); r <= Math.max(a.row, b.row); r++) {
      for (let c = Math.min(a.col, b.col); c <= Math.max(a.col, b.col); c++) {
        grid[r][c] = { ...grid[r][c], ...defined };
      }
    }
  }
  return grid;
}

/** How far the tab's style ranges reach (they may style cells beyond the value grid). */
export function styledExtent(tab: TabPlan): { rows: number; cols: number } {
  let rows = 0;
  let cols = 0;
  for (const range of tab.styles) {
    for (const end of range.address.split(':')) {
      const { row, col } = parseAddress(end);
      rows = Math.max(rows, row + 1);
      cols = Math.max(cols, col + 1);
    }
  }
  return { rows, cols };
}

