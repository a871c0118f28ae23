import { activateTab } from '../excel/activate';
import { unsupportedExcel } from '../excel/requirements';
import { readSelection, watchSelection } from '../excel/selection';
import { PaneController, outcomeOf, type Writer } from './controller';
import { DomView } from './dom-view';
import { loadTabWriter, paneSource } from './source';

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

Office.onReady(() => {
  const view = new DomView((name) => void activateTab((batch) => Excel.run(batch), name));
  const controller = new PaneController(view, writer, () => paneSource(), () => unsupportedExcel(Office.context.requirements));
  void controller.init();
  const button = document.getElementById('build') as HTMLButtonElement;
  button.addEventListener('click', () => void controller.build());
  const run = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Excel.run(batch);
  // Trace the selected figure: every selection change, debounced by the controller (not on an Excel the add-in
  // cannot serve: it sends no request there).
  if (!unsupportedExcel(Office.context.requirements)) void watchSelection(run, () => controller.selectionChanged(() => readSelection(run))).catch((e: Error) =>
    view.setTrace({ message: `Figures cannot be traced in this Excel: ${e.message}` }),
  );
});
