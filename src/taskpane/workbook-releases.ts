import { readReleaseInput, type FormReaders } from '../filing/read-input';
import type { ParsedRelease } from '../filing/types';
import { acceptLibrary, type Library } from '../model/library-gate';
import { acceptRelease, ReleaseRefusedError } from '../model/gate';
import { buildLibrary, releaseDate, type LibraryEntry } from '../model/library';
import { readStoredReleases, type StoredPart, type StoredRelease } from '../excel/release-store';

/**
 * The library the workbook carries: its stored releases, each read again by its form's reader and put through the
 * one gate. A workbook with no stored release serves the shipped Q2 2024 release. A part that cannot be read, or
 * a release the gate refuses, is reported and ignored, never deleted.
 */
export interface WorkbookRelease {
  /** The custom XML part holding it. */
  id: string;
  stored: StoredRelease;
  /** The quarter it reports (for the list and the confirmation of a removal). */
  quarter: string;
}

export interface WorkbookLibrary {
  library: Library;
  /** The workbook's accepted releases, in the order added (empty when the shipped release is served). */
  releases: WorkbookRelease[];
  /** Parts reported and ignored, each with why (damaged, another version, refused by the gate). */
  problems: string[];
  /** True when the workbook stores no release that the gate accepted: the shipped release is served. */
  shipped: boolean;
  /** The accepted releases as library entries (parallel to `releases`; the shipped one when `shipped`). */
  entries: LibraryEntry[];
}


/** The text each accepted release was parsed from (its line numbers are this text's), for tracing figures. */
const texts = new WeakMap<ParsedRelease, string>();
export const releaseTextOf = (release: ParsedRelease): string | undefined => texts.get(release);

export const SHIPPED_NAME = 'kc-2024q2-earnings-release.txt';

type Run = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** One stored release through its reader and the gate's inputs. */
async function inputOf(s: StoredRelease, readers: FormReaders) {
  const read = await readReleaseInput(s.text, readers);
  return { text: read.source, repairs: read.repairs, form: s.form, name: s.name };
}

/** The library of the given stored releases (no Excel call): what the pane shows after an add or a removal. */
export async function libraryOfParts(parts: StoredPart[], readers: FormReaders, shippedText: () => Promise<string>): Promise<WorkbookLibrary> {
  const problems: string[] = [];
  const readable = parts.filter((p): p is StoredPart & { release: StoredRelease } => {
    if (!p.release) problems.push(`A stored release (part ${p.id}) cannot be read: ${p.problem}. It is kept in the workbook and ignored.`);
    return !!p.release;
  });
  const inputs = await Promise.all(readable.map((p) => inputOf(p.release, readers)));
  const verdict = acceptLibrary(inputs);
  const releases: WorkbookRelease[] = [];
  const entries: LibraryEntry[] = [];
  verdict.verdicts.forEach(({ input, verdict: v }, i) => {
    const p = readable[i];
    if (v.accepted) {
      if (typeof input.text === 'string') texts.set(v.release, input.text);
      releases.push({ id: p.id, stored: p.release, quarter: v.release.quarter });
      entries.push({ release: v.release, model: v.model, checks: v.checks, form: input.form, name: input.name, date: typeof input.text === 'string' ? releaseDate(input.text) : undefined });
    }
    else problems.push(`The stored release “${p.release.name}” (part ${p.id}) is refused by its checks and ignored: ${v.report.split('\n')[0]}`);
  });
  for (const c of verdict.library?.chainChecks() ?? []) if (!c.pass) problems.push(`A check across the stored releases fails: ${c.name} [${c.period}]: expected ${c.expected.toString()}, the figures give ${c.actual.toString()}.`);
  if (verdict.library) return { library: verdict.library, releases, problems, shipped: false, entries };
  const text = await shippedText();
  const v = acceptRelease(text);
  if (!v.accepted) throw new ReleaseRefusedError(v);
  texts.set(v.release, text);
  const entry: LibraryEntry = { release: v.release, model: v.model, checks: v.checks, form: 'text', name: SHIPPED_NAME, date: releaseDate(text) };
  return { library: buildLibrary([entry]), releases: [], problems, shipped: true, entries: [entry] };
}

/** At start: the workbook's stored releases (two syncs), or the shipped release when none is stored. */
export async function loadWorkbookLibrary(run: Run, readers: FormReaders, shippedText: () => Promise<string>): Promise<WorkbookLibrary & { parts: StoredPart[] }> {
  const parts = await readStoredReleases(run);
  return { ...(await libraryOfParts(parts, readers, shippedText)), parts };
}
