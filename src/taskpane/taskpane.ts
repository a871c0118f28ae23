import { activateTab } from '../excel/activate';
import { unsupportedExcel } from '../excel/requirements';
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
});
