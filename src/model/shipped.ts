import { SHIPPED_RELEASE_TEXT } from '../filing/shipped';
import { acceptedModel } from './gate';
import type { Model } from './model';
import { setModelLoader } from './shared';

/** Node only (CLI, tests, benches): the shipped release read from the file bundled with the code. */
let shipped: Model | undefined;
export function getShippedModel(): Model {
  shipped ??= acceptedModel(SHIPPED_RELEASE_TEXT);
  return shipped;
}

/** Makes the shared model (custom functions, task pane) the shipped release, without fetching. */
export function useShippedModel(): void {
  setModelLoader(async () => getShippedModel());
}
