import type { FormReaders } from '../filing/read-input';
import type { Library } from '../model/library';
import type { ReleaseStore } from './releases-controller';

/** The add-release chunk (readers, gate preview, custom XML parts): fetched at start to read the stored releases. */
export const loadReleaseCode = () => import(/* webpackChunkName: "add-release" */ './add-release');

type Run = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/**
 * The workbook's releases through Excel.run (or a fake's). Every method loads the chunk on first use; `load` is
 * the start-up read, shared with the model loader so the parts are read once.
 */
export function workbookStore(run: Run, shippedText: () => Promise<string>, serve: (library: Library) => void, readers?: FormReaders): ReleaseStore & { loaded?: ReturnType<ReleaseStore['load']> } {
  const store: ReleaseStore & { loaded?: ReturnType<ReleaseStore['load']> } = {
    shippedName: 'kc-2024q2-earnings-release.txt',
    load: () => (store.loaded ??= loadReleaseCode().then((c) => c.loadWorkbookLibrary(run, readers ?? c.browserReaders, shippedText))),
    rebuild: async (parts) => {
      const c = await loadReleaseCode();
      return c.libraryOfParts(parts, readers ?? c.browserReaders, shippedText);
    },
    preview: async (input, name, current) => {
      const c = await loadReleaseCode();
      return c.previewRelease(input, name, current, readers ?? c.browserReaders);
    },
    removal: async (current, index) => (await loadReleaseCode()).removalEffect(current, index),
    add: async (r) => (await loadReleaseCode()).storeRelease(run, r),
    remove: async (id) => (await loadReleaseCode()).removeStoredRelease(run, id),
    recalculate: async () => (await loadReleaseCode()).recalculateAll(run),
    shippedText,
    serve,
  };
  return store;
}
