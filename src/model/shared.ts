import { acceptedModel } from './gate';
import type { Model } from './model';

/**
 * The one model the custom functions and the task pane share. In the add-in the release is data fetched from
 * the add-in's own origin (assets/filings/), not code in the bundle; the CLI and the tests load it from disk
 * (src/model/shipped.ts) through `setModelLoader`.
 */
export const SHIPPED_RELEASE_URL = 'assets/filings/kc-2024q2-earnings-release.txt';

export async function fetchReleaseModel(url = SHIPPED_RELEASE_URL): Promise<Model> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`the release could not be loaded from ${url} (HTTP ${res.status})`);
  // Through the gate: a release any check refutes is refused (ReleaseRefusedError), never served.
  return acceptedModel(await res.text());
}

let loader: () => Promise<Model> = () => fetchReleaseModel();
let pending: Promise<Model> | undefined;
let loaded: Model | undefined;

/** The shared model, loaded once (a failed load is retried on the next call). */
export function sharedModel(): Promise<Model> {
  pending ??= loader().then(
    (m) => (loaded = m),
    (e) => {
      pending = undefined;
      throw e;
    },
  );
  return pending;
}

/** The shared model if it has loaded (the functions' fast path), else undefined. */
export function loadedModel(): Model | undefined {
  return loaded;
}

export function setModelLoader(load: () => Promise<Model>): void {
  loader = load;
  pending = undefined;
  loaded = undefined;
}
