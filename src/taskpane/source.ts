import { ReleaseRefusedError, sharedModel, type Model } from '../model';
import { buildPlan } from '../sheets/build';
import type { Source } from './controller';

/**
 * What the pane shows and writes, from the shared model. A release the gate refuses is shown with its report (the
 * failing checks and the parser's problems), and the pane writes nothing: the controller disables the build, and the
 * plan cannot be had.
 */
export async function paneSource(load: () => Promise<Model> = sharedModel): Promise<Source> {
  try {
    const model = await load();
    return { release: model.release, checks: model.checks(), plan: () => buildPlan(model) };
  } catch (e) {
    if (!(e instanceof ReleaseRefusedError)) throw e;
    const { release, checks } = e.verdict;
    // Only when the refusal shows in the checks or the parser's problems; otherwise the pane shows the reason as is.
    const visible = checks.some((c) => !c.pass) || release.issues.some((i) => i.severity === 'error');
    if (!visible) throw e;
    return {
      release,
      checks,
      plan: () => {
        throw e;
      },
    };
  }
}
