import { parseRelease, type CheckResult, type ParsedRelease } from '../filing';
import type { CopyRepair } from '../filing/copied-text';
import type { RefusedInput } from '../filing/input';
import { withReaderRepairs } from '../filing/reader-repairs';
import { buildModel, type Model } from './model';
import { ReleaseRefusedError, where, type Refusal, type Verdict } from './refusal';

export { ReleaseRefusedError, type Refusal, type Verdict } from './refusal';

/**
 * The one gate every path goes through (the add-in's functions and pane, `kc-model check` and `export`): a release
 * is accepted only when the parser finds no problem and every check passes — the parser's table identities and the
 * model's checks (definitions, prose, shares, cost breakdown, required rows). A refused release serves nothing.
 */

const describe = (c: CheckResult) =>
  `${c.name} [${c.period}${c.currency ? ' ' + c.currency : ''}]: stated ${c.expected}, the figures give ${c.actual.toDecimalPlaces(4)} (tolerance ${c.tolerance}: ${c.toleranceRule})`;


/** The parser never should throw; if it does, the text is refused with the reason rather than crashing a path. */
function read(text: string | RefusedInput): ParsedRelease {
  try {
    return parseRelease(text);
  } catch (e) {
    return { company: '', quarter: '', facts: [], repairs: [], checks: [], issues: [{ severity: 'error', code: 'parse.exception', message: `the text could not be read: ${(e as Error).message}` }] };
  }
}

/**
 * `input` is the release text a form's reader gave (or the reason it gave none); `readerRepairs` are the changes that
 * reader made (a footnote marker flattened into a figure), listed with the release's own repairs.
 */
export function acceptRelease(input: string | RefusedInput, readerRepairs: CopyRepair[] = []): Verdict {
  const release = withReaderRepairs(read(input), readerRepairs);
  const errors = release.issues.filter((i) => i.severity === 'error');
  let checks = release.checks;
  let model: Model | undefined;
  const failing: Refusal[] = [];
  if (errors.length === 0) {
    try {
      model = buildModel(release);
      checks = model.checks();
    } catch (e) {
      failing.push({ id: 'model', message: `the model could not be built: ${(e as Error).message}` });
    }
  }
  // An indexed loop: a release has hundreds of checks, and for…of makes an iterator result per check in the first pass.
  for (let i = 0; i < checks.length; i++) {
    const c = checks[i];
    if (!c.pass) failing.push({ id: c.id, message: describe(c), line: c.line });
  }
  // A failing table identity is also a parser issue ("check failed: …"): listed once, by its check.
  for (const i of errors) if (!i.message.startsWith('check failed: ')) failing.push({ id: 'parse', message: i.message, line: i.line });
  if (model && failing.length === 0) return { accepted: true, release, model, checks };
  const report = failing.map((r) => `${r.id}${where(r)}: ${r.message}`).join('\n');
  return { accepted: false, release, checks, failing, report };
}

/** The model of an accepted release; throws ReleaseRefusedError otherwise. */
export function acceptedModel(text: string): Model {
  const v = acceptRelease(text);
  if (!v.accepted) throw new ReleaseRefusedError(v);
  return v.model;
}
