import { acceptLibrary, type LibraryInput } from '../../src/model/library-gate';

/**
 * The page script of the library benchmark in a browser: the same gate and library the add-in's runtime builds from
 * a workbook's stored releases (src/taskpane/workbook-releases.ts), timed inside the page.
 */
declare global {
  interface Window {
    kcColdLibrary(inputs: LibraryInput[]): { ms: number; ok: boolean; accepted: number };
  }
}

window.kcColdLibrary = (inputs) => {
  const t0 = performance.now();
  const verdict = acceptLibrary(inputs);
  const ms = performance.now() - t0;
  return { ms, ok: verdict.ok, accepted: verdict.verdicts.filter((v) => v.verdict.accepted).length };
};
