import { activateTab } from '../excel/activate';
import { unsupportedExcel } from '../excel/requirements';
import { readSelection, watchSelection } from '../excel/selection';
import { PaneController, outcomeOf, type Writer } from './controller';
import { DomView } from './dom-view';
import { loadTabWriter, paneSource } from './source';
import { loadReleaseCode, workbookStore } from './workbook-store';
import { fetchReleaseModel, replaceSharedModel, setLibraryLoader, SHIPPED_RELEASE_URL } from '../model/shared';

/*
 * Task pane entry. It shares the page (and so the model instance) with the custom functions: one bundle, one
 * runtime. Nothing here runs until Office is ready.
 */

const writer: Writer = {
  async refresh(plan, confirm, onProgress) {
    const { refreshModelTabs } = await loadTabWriter();
    return outcomeOf(await refreshModelTabs((batch) => Excel.run(batch), plan, { confirm, onProgress }));
  },
};

const run = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Excel.run(batch);
async function shippedText(): Promise<string> {
  const res = await fetch(SHIPPED_RELEASE_URL);
  if (!res.ok) throw new Error(`the shipped release could not be loaded (HTTP ${res.status})`);
  return res.text();
}
const store = workbookStore(run, shippedText, replaceSharedModel);
/** An Excel that can hold the releases (custom XML parts, ExcelApi 1.5); elsewhere the shipped release is served. */
const canStore = () => typeof Excel !== 'undefined' && !!Office.context?.requirements?.isSetSupported('ExcelApi', '1.5');

// The model the functions and the pane share is the library of the releases this workbook carries.
setLibraryLoader(async () => {
  await Office.onReady();
  if (!canStore()) return fetchReleaseModel();
  // Parts that cannot be read at all (the call fails): the shipped release is served; the pane says why.
  return store.load().then((s) => s.library, () => fetchReleaseModel());
});

Office.onReady(() => {
  const view = new DomView((name) => void activateTab((batch) => Excel.run(batch), name));
  // A figure's line is shown from the text of the release it was read from (the workbook's releases), else the shipped text.
  const texts = async () => {
    const shipped = await shippedText();
    if (!canStore()) return shipped;
    const code = await loadReleaseCode();
    return (r: Parameters<typeof code.releaseTextOf>[0]) => code.releaseTextOf(r) ?? shipped;
  };
  const controller = new PaneController(view, writer, () => paneSource(undefined, texts), () => unsupportedExcel(Office.context.requirements));
  void controller.init();
  const releaseList = document.getElementById('release-list');
  const say = (text: string) => releaseList && (releaseList.textContent = text);
  if (canStore())
    void loadReleaseCode()
      .then((code) => {
        const releasesView = new code.DomReleasesView();
        const releases = new code.ReleasesController(releasesView, store, () => void controller.releasesChanged());
        releasesView.bind(releases);
        return releases.init();
      })
      .catch((e: Error) => say(`Releases cannot be added here: ${e.message}. The shipped Q2 2024 release is used.`));
  else say('This Excel cannot keep releases in the workbook (it lacks ExcelApi 1.5): the shipped Q2 2024 release is used.');
  const button = document.getElementById('build') as HTMLButtonElement;
  button.addEventListener('click', () => void controller.build());
  const run = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Excel.run(batch);
  // Trace the selected figure: every selection change, debounced by the controller (not on an Excel the add-in
  // cannot serve: it sends no request there).
  if (!unsupportedExcel(Office.context.requirements)) void watchSelection(run, () => controller.selectionChanged(() => readSelection(run))).catch((e: Error) =>
    view.setTrace({ message: `Figures cannot be traced in this Excel: ${e.message}` }),
  );
});
