/**
 * Values made once per key, for values nobody changes once made (every caller shares them), in a table that starts
 * over past its limit rather than grow for the life of the process: the add-in's runtime parses releases for as long
 * as a workbook is open. The one memo of the parser's tables (cell readings, stated figures, headers, layouts, eras,
 * periods, labels).
 *
 * The table itself: `get` and `has` are the Map's own (no call of ours around each lookup, the parser's commonest
 * step); values are added only by `keep`, which bounds the table.
 */
export class BoundedMemo<K, V> extends Map<K, V> {
  constructor(private readonly limit: number) {
    super();
  }

  /** Keeps `value` for `key` and returns it. */
  keep(key: K, value: V): V {
    if (this.size >= this.limit) this.clear();
    this.set(key, value);
    return value;
  }
}
