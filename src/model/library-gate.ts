import type { CopyRepair } from '../filing/copied-text';
import type { RefusedInput } from '../filing/input';
import { acceptRelease, ReleaseRefusedError, type Verdict } from './gate';
import type { Model } from './model';
import { buildLibrary, isLibrary, releaseDate, type Library, type LibraryEntry } from './library';

/** One release input for the library: the text a form's reader gave, with that reader's repairs. */
export interface LibraryInput {
  text: string | RefusedInput;
  repairs?: CopyRepair[];
  /** The form it was read from (text, html, copied_text, pdf_text, pdf). */
  form?: string;
  /** File name. */
  name?: string;
}

export interface LibraryVerdict {
  /** The library of the accepted releases (undefined when none was accepted). */
  library?: ReturnType<typeof buildLibrary>;
  /** Each input's verdict from the one gate, in the order given. */
  verdicts: { input: LibraryInput; verdict: Verdict }[];
  /** True when every release is accepted and every chain across releases closes. */
  ok: boolean;
}

/** Every release through the one gate; the accepted ones make the library. A refused release serves nothing. */
export function acceptLibrary(inputs: LibraryInput[]): LibraryVerdict {
  const verdicts = inputs.map((input) => ({ input, verdict: acceptRelease(input.text, input.repairs ?? []) }));
  const entries: LibraryEntry[] = [];
  for (const { input, verdict } of verdicts) {
    if (!verdict.accepted) continue;
    entries.push({ release: verdict.release, model: verdict.model, checks: verdict.checks, form: input.form, name: input.name, date: typeof input.text === 'string' ? releaseDate(input.text) : undefined });
  }
  const library = entries.length ? buildLibrary(entries) : undefined;
  const ok = verdicts.every((v) => v.verdict.accepted) && !!library && library.chainChecks().every((c) => c.pass);
  return { library, verdicts, ok };
}

export type { Library };

/** The library of one release text through the gate (the add-in's shared model); throws ReleaseRefusedError. */
export function acceptedLibrary(text: string, name?: string): Library {
  const v = acceptRelease(text);
  if (!v.accepted) throw new ReleaseRefusedError(v);
  return libraryOfModel(v.model, { form: 'text', name, date: releaseDate(text) });
}

/** A library of one already-accepted release model. */
export function libraryOfModel(model: Model, info: { form?: string; name?: string; date?: string } = {}): Library {
  if (isLibrary(model)) return model;
  return buildLibrary([{ release: model.release, model, checks: model.checks(), ...info }]);
}
