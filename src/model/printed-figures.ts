import { METRIC_ALIASES } from './catalogue';
import type { Cur } from './library-store';
import type { ModelValue } from './model';

/**
 * The figures a release model printed, as the library merges them: read once per model (a release model does not
 * change once built, and the library is built again from the same models each time a release is added), with each
 * figure's key metric|period|currency as a number the same for every release, so that the library groups the
 * prints of many releases by number rather than by string.
 */
export interface PrintedFigures {
  /** Key ids, values and the key's currency (a share count's or a rate's value has none), in the model's order. */
  ids: number[];
  values: ModelValue[];
  currencies: Cur[];
}

const ALIAS_IDS = new Set(Object.keys(METRIC_ALIASES));
/** Key ids by metric id, then period id: RMB's, then US$'s (no key string to hash per figure). */
const keyIds = new Map<string, Map<string, [number, number]>>();
let keyCount = 0;
const byModel = new WeakMap<object, PrintedFigures>();

/** How many keys have ids (a bound for arrays indexed by key id). */
export function keyIdCount(): number {
  return keyCount;
}

/** The id of the key metric|period|currency, made on first sight. */
function keyId(metric: string, period: string, currency: Cur): number {
  let byPeriod = keyIds.get(metric);
  if (byPeriod === undefined) keyIds.set(metric, (byPeriod = new Map()));
  let ids = byPeriod.get(period);
  if (ids === undefined) byPeriod.set(period, (ids = [-1, -1]));
  const at = currency === 'USD' ? 1 : 0;
  if (ids[at] < 0) ids[at] = keyCount++;
  return ids[at];
}

/** Printed in a table or stated in the prose; the sign-neutral ids (copies of the metric they name) left out. */
export function printedFigures(model: { printedEntries(): IterableIterator<[string, ModelValue]> }): PrintedFigures {
  let p = byModel.get(model);
  if (p) return p;
  p = { ids: [], values: [], currencies: [] };
  // The printed entries only: listing them all would make every value the model defers (translations, ratios). Read
  // by hand rather than by for…of with destructuring, which steps an iterator over each [key, value] pair.
  const entries = model.printedEntries();
  for (let step = entries.next(); !step.done; step = entries.next()) {
    const v = step.value[1];
    if ((v.origin !== 'reported' && v.origin !== 'prose') || ALIAS_IDS.has(v.metric.id)) continue;
    // The key is metric|period|currency: a value with a currency is stored under its own; one without (a share
    // count, a rate) under both, and the key says which.
    const currency: Cur = v.currency ?? (step.value[0].endsWith('|USD') ? 'USD' : 'RMB');
    p.ids.push(keyId(v.metric.id, v.period.id, currency));
    p.values.push(v);
    p.currencies.push(currency);
  }
  byModel.set(model, p);
  return p;
}
