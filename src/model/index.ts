import { readRelease } from '../filing';
import { SHIPPED_RELEASE_TEXT } from '../filing/shipped';
import { buildModel, type Model } from './model';

export { buildModel, type Model, type ModelValue } from './model';
export { ModelError, type ModelErrorKind } from './errors';
export { CATALOGUE, findMetric, type MetricDef } from './catalogue';
export { parsePeriod, ACCEPTED_FORMS, type Period } from './periods';

let shipped: Model | undefined;

/** The model of the release the add-in ships with, built once and shared by the functions and the task pane. */
export function getShippedModel(): Model {
  shipped ??= buildModel(readRelease(SHIPPED_RELEASE_TEXT));
  return shipped;
}
