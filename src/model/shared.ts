import type { Library } from './library';
import type { Model } from './model';

/**
 * The library code is a chunk of its own, fetched with the release (the functions answer once both are in): it is
 * needed exactly when the release is, and keeps the script Excel loads at start small.
 */
const libraryCode = () => import(/* webpackChunkName: "library" */ './library-gate');

/**
 * The one model the custom functions and the task pane share. In the add-in the release is data fetched from
 * the add-in's own origin (assets/filings/), not code in the bundle; the CLI and the tests load it from disk
 * (src/model/shipped.ts) through `setModelLoader`.
 */
export const SHIPPED_RELEASE_URL = 'assets/filings/kc-2024q2-earnings-release.txt';

export async function fetchReleaseModel(url = SHIPPED_RELEASE_URL): Promise<Library> {
  const [res, code] = await Promise.all([fetch(url), libraryCode()]);
  if (!res.ok) throw new Error(`the release could not be loaded from ${url} (HTTP ${res.status})`);
  // Through the gate: a release any check refutes is refused (ReleaseRefusedError), never served. The shared model
  // is the library of the accepted releases (the shipped one by default).
  return code.acceptedLibrary(await res.text(), url.split('/').pop());
}

let loader: () => Promise<Library> = () => fetchReleaseModel();
let pending: Promise<Library> | undefined;
let loaded: Library | undefined;

/** The shared model (a library of releases), loaded once (a failed load is retried on the next call). */
export function sharedModel(): Promise<Library> {
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
export function loadedModel(): Library | undefined {
  return loaded;
}

/** Sets what the shared model loads: a library, or one release's model (made a library of that release). */
export function setModelLoader(load: () => Promise<Model>): void {
  loader = async () => (await libraryCode()).libraryOfModel(await load());
  pending = undefined;
  loaded = undefined;
}

/** Sets what the shared model loads: a library (the add-in's: the releases the workbook carries). */
export function setLibraryLoader(load: () => Promise<Library>): void {
  loader = load;
  pending = undefined;
  loaded = undefined;
}

/**
 * Serves another library from now on (the set of releases changed): the functions answer from it at once; the
 * caller then has Excel recalculate so every KC.* cell asks again.
 */
export function replaceSharedModel(library: Library): void {
  loaded = library;
  pending = Promise.resolve(library);
}
