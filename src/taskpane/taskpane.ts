import { sharedModel } from '../model';
import { buildPlan } from '../sheets/build';
import { refreshModelTabs } from '../excel/refresh-tabs';
import { unsupportedExcel } from '../excel/requirements';
import { PaneController, type Writer } from './controller';
import { DomView } from './dom-view';

/*
 * Task pane entry. It shares the page (and so the model instance) with the custom functions: one bundle, one
 * runtime. Nothing here runs until Office is ready.
 */

const writer: Writer = {
  async refresh(plan, confirm, onProgress) {
    const r = await refreshModelTabs((batch) => Excel.run(batch), plan, { confirm, onProgress });
    if (r.kind === 'busy') return r;
    return r.kind === 'written' ? { kind: 'written', syncs: r.syncs } : { kind: 'cancelled', edits: r.edits };
  },
};

Office.onReady(() => {
  const view = new DomView();
  const controller = new PaneController(view, writer, async () => {
    const model = await sharedModel();
    return { release: model.release, checks: model.checks(), plan: () => buildPlan(model) };
  }, () => unsupportedExcel(Office.context.requirements));
  void controller.init();
  const button = document.getElementById('build') as HTMLButtonElement;
  button.addEventListener('click', () => void controller.build());
});
