/**
 * Values made once per key, for values nobody changes once made (every caller shares them), in a table that starts
 * over past its limit rather than grow for the life of the process: the add-in's runtime parses releases for as long
 * as a workbook is open. The one memo of the parser's tables (cell readings, stated figures, headers, layouts, eras,
 * periods, labels).
 */
export class BoundedMemo<K, V> {
  private readonly table = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    return this.table.get(key);
  }

  /** For memos whose made value may be undefined (known: none). */
  has(key: K): boolean {
    return this.table.has(key);
  }

  /** Keeps `value` for `key` and returns it. */
  keep(key: K, value: V): V {
    if (this.table.size >= this.limit) this.table.clear();
    this.table.set(key, value);
    return value;
  }
}
