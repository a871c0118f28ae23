/** A1-style address helpers (0-based row/column in, Excel letters and 1-based rows out). */

export function columnLetter(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function address(row: number, col: number): string {
  return `${columnLetter(col)}${row + 1}`;
}

export function absolute(row: number, col: number): string {
  return `$${columnLetter(col)}$${row + 1}`;
}

export function rangeAddress(row: number, col: number, rows: number, cols: number): string {
  const a = address(row, col);
  return rows === 1 && cols === 1 ? a : `${a}:${address(row + rows - 1, col + cols - 1)}`;
}

/** Parses "B5" or "$B$5" into 0-based coordinates. */
export function parseAddress(a: string): { row: number; col: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(a);
  if (!m) throw new Error(`not an A1 address: ${a}`);
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

/** Quotes a sheet name for use in a formula: 'KC Income Statement'!B5. */
export function sheetRef(name: string, a1: string): string {
  return `'${name.replace(/'/g, "''")}'!${a1}`;
}
