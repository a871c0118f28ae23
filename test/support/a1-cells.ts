import { parseAddress } from '../../src/sheets/a1';

/** Every (row, col) an A1 range address ("B5" or "B5:D9") covers, 0-based. */
export function cellsOf(a: string): [number, number][] {
  const [from, to] = a.split(':');
  const f = parseAddress(from);
  const t = parseAddress(to ?? from);
  const out: [number, number][] = [];
  for (let r = f.row; r <= t.row; r++) for (let c = f.col; c <= t.col; c++) out.push([r, c]);
  return out;
}
