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
const keyIds = new Map<string, number>();
const byModel = new WeakMap<object, PrintedFigures>();

/** How many keys have ids (a bound for arrays indexed by key id). */
export function keyIdCount(): number {
  return keyIds.size;
}

/** Printed in a table or stated in the prose; the sign-neutral ids (copies of the metric they name) left out. */
export function printedFigures(model: { printedEntries(): IterableIterator<[string, ModelValue]> }): PrintedFigures {
  let p = byModel.get(model);
  if (p) return p;
  p = { ids: [], values: [], currencies: [] };
  // The printed entries only: listing them all would make every value the model defers (translations, ratios).
  for (const [k, v] of model.printedEntries()) {
    if ((v.origin !== 'reported' && v.origin !== 'prose') || ALIAS_IDS.has(v.metric.id)) continue;
    let id = keyIds.get(k);
    if (id === undefined) keyIds.set(k, (id = keyIds.size));
    p.ids.push(id);
    p.values.push(v);
    p.currencies.push(k.endsWith('|USD') ? 'USD' : 'RMB');
  }
  byModel.set(model, p);
  return p;
}
