import type { Model } from '../model/model';
import { ReleaseRefusedError } from '../model/refusal';
import { SHIPPED_RELEASE_URL, sharedModel } from '../model/shared';
import type { Source } from './controller';
import type { ReleaseTexts } from './trace';

/** The plan builder and renderer, fetched on the first build (see tab-writer.ts). */
export const loadTabWriter = () => import(/* webpackChunkName: "model-tabs" */ './tab-writer');

/**
 * What the pane shows and writes, from the shared model. A release the gate refuses is shown with its report (each
 * failing check with its line, or the parser's problems), and the pane writes nothing: the controller disables the
 * build, and the plan cannot be had.
 */
export async function paneSource(load: () => Promise<Model> = sharedModel, releaseText: () => Promise<ReleaseTexts> = fetchReleaseText): Promise<Source> {
  try {
    const model = await load();
    return { release: model.release, checks: model.checks(), plan: async () => (await loadTabWriter()).buildPlan(model), model, releaseText };
  } catch (e) {
    if (!(e instanceof ReleaseRefusedError)) throw e;
    const { release, checks, failing } = e.verdict;
    // The parser's problems already name what failed; a refusal by the model's checks is listed as problems too.
    const issues = release.issues.some((i) => i.severity === 'error')
      ? release.issues
      : [...release.issues, ...failing.map((f) => ({ severity: 'error' as const, code: 'check.failed', line: f.line, message: `${f.id}: ${f.message}` }))];
    return {
      release: { ...release, issues },
      checks,
      plan: async () => {
        throw e;
      },
    };
  }
}

/** The shipped release's text (the model was read from it; the browser has it cached), for tracing figures to lines. */
async function fetchReleaseText(): Promise<string> {
  const res = await fetch(SHIPPED_RELEASE_URL);
  if (!res.ok) throw new Error(`the release text could not be loaded (HTTP ${res.status})`);
  return res.text();
}
