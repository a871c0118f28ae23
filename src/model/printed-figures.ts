import { METRIC_ALIASES } from './catalogue';
import type { PrintedList } from './model';

/**
 * The figures a release model printed, as the library merges them: read once per model (a release model does not
 * change once built, and the library is built again from the same models each time a release is added), with each
 * figure's key metric|period|currency as a number the same for every release, so that the library groups the
 * prints of many releases by number rather than by string.
 */
export interface PrintedFigures {
  /**
   * Per figure of the model's printed list (printedList(): values[i], slots[i]), its key id, or −1 for a figure left
   * out. Only the ids are kept: the value and the key's currency (its slot's parity) are read from the list itself,
   * rather than copied into arrays the collector would scan for as long as the model lives.
   */
  ids: Int32Array;
}

const ALIAS_IDS = new Set(Object.keys(METRIC_ALIASES));
/**
 * The key ids by period id, then by slot offset (metric and currency: the same in every release), numbered in the
 * order first read: looked up without building a key string per figure.
 */
const keyIds = new Map<string, number[]>();
let keyCount = 0;
const byModel = new WeakMap<object, PrintedFigures>();

/** How many keys have ids (a bound for arrays indexed by key id). */
export function keyIdCount(): number {
  return keyCount;
}

/** Printed in a table or stated in the prose; the sign-neutral ids (copies of the metric they name) left out. */
export function printedFigures(model: { printedList(): PrintedList }): PrintedFigures {
  let p = byModel.get(model);
  if (p) return p;
  // The printed figures only: listing them all would make every value the model defers (translations, ratios).
  // An indexed loop: this runs once per release per library build, in the cold first pass.
  const { count, values, slots } = model.printedList();
  const keys = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const v = values[i];
    if ((v.origin !== 'reported' && v.origin !== 'prose') || ALIAS_IDS.has(v.metric.id)) {
      keys[i] = -1;
      continue;
    }
    let ids = keyIds.get(v.period.id);
    if (ids === undefined) keyIds.set(v.period.id, (ids = []));
    const slot = slots[i];
    let id = ids[slot];
    if (id === undefined) id = ids[slot] = keyCount++;
    keys[i] = id;
  }
  p = { ids: keys };
  byModel.set(model, p);
  return p;
}
