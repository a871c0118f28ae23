/** The two currencies a figure is served in. */
export type Cur = 'RMB' | 'USD';

/**
 * One metric and period: its RMB and US$ values. A value, `null` when it is known that there is none, or `undefined`
 * while the library has not worked it out yet (the figures it computes on first request).
 */
export interface Slot<V> {
  RMB: V | null | undefined;
  USD: V | null | undefined;
}

/**
 * A Slot as the store makes it: by one constructor rather than an object literal, since nearly every slot lives as long
 * as its library (V8 moves a literal whose objects survive to old-space allocation, throwing away the optimised code
 * that made them).
 */
class StoredSlot<V> implements Slot<V> {
  RMB: V | null | undefined = undefined;
  USD: V | null | undefined = undefined;
}

/**
 * The values of the library by metric, then period, then currency: looked up with two Map reads of the ids the
 * caller holds, without building a key string per lookup.
 */
export class ValueStore<V> {
  readonly byMetric = new Map<string, Map<string, Slot<V>>>();

  slot(m: string, p: string): Slot<V> | undefined {
    return this.byMetric.get(m)?.get(p);
  }

  /** The value stored, if any (none, whether known or not yet worked out, is undefined). */
  get(m: string, p: string, c: Cur): V | undefined {
    const s = this.byMetric.get(m)?.get(p);
    return s === undefined ? undefined : (s[c] ?? undefined);
  }

  set(m: string, p: string, c: Cur, v: V | null): void {
    let byPeriod = this.byMetric.get(m);
    if (byPeriod === undefined) this.byMetric.set(m, (byPeriod = new Map()));
    let s = byPeriod.get(p);
    if (s === undefined) byPeriod.set(p, (s = new StoredSlot<V>()));
    s[c] = v;
  }

  /** Back to not worked out yet: a figure computed on request is worked out again from what it rests on. */
  forget(m: string, p: string, c: Cur): void {
    const s = this.byMetric.get(m)?.get(p);
    if (s !== undefined) s[c] = undefined;
  }

  /** Every value stored, RMB before US$ for each metric and period. */
  *values(): IterableIterator<[string, string, Cur, V]> {
    for (const [m, byPeriod] of this.byMetric) {
      for (const [p, s] of byPeriod) {
        if (s.RMB) yield [m, p, 'RMB', s.RMB];
        if (s.USD) yield [m, p, 'USD', s.USD];
      }
    }
  }
}
