/*
 * The code that builds and writes the model tabs, loaded on demand as a chunk of its own: the custom functions and
 * the pane's first view (the release, its checks and repairs) need neither the sheet plan builder nor the Office.js
 * renderer, so Excel starts the add-in without them and fetches them on the first build.
 */
export { buildPlan } from '../sheets/build';
export { refreshModelTabs } from '../excel/refresh-tabs';
