import { readReleaseInput, type FormReaders } from '../filing/read-input';
import { htmlToReleaseText } from '../filing/html';
import { pdfLaidOutText, type PdfJs } from '../filing/pdf';
import { loadKeepingBuiltins } from '../filing/keep-builtins';
import { acceptRelease } from '../model/gate';
import { buildLibrary, releaseDate, type LibraryEntry } from '../model/library';
import type { StoredRelease } from '../excel/release-store';
import type { WorkbookLibrary } from './workbook-releases';
import type { Preview } from './preview';

export type { Preview };

/*
 * The add-release flow, a chunk of its own (the readers, the gate's preview, the library comparison): loaded when
 * the workbook's releases are read at start or when the user adds one, never part of the script Excel loads first.
 */
export { loadWorkbookLibrary, libraryOfParts, releaseTextOf, SHIPPED_NAME } from './workbook-releases';
export { storeRelease, removeStoredRelease, recalculateAll } from '../excel/release-store';

/** Limits on what is read: beyond them the input is refused before any reader runs (the pane stays responsive). */
export const LIMITS = { textBytes: 4 * 1024 * 1024, pdfBytes: 20 * 1024 * 1024 };

/**
 * pdf.js and its worker code, chunks of their own fetched the first time a PDF is opened. The worker code runs on
 * the page (pdf.js's "fake worker", used when `globalThis.pdfjsWorker` is set), so no Worker is created: the page's
 * CSP allows scripts from 'self' only and no worker-src, and a release is a few pages.
 */
async function loadPdfJs(): Promise<PdfJs> {
  const [pdfjs, worker] = await Promise.all([
    import(/* webpackChunkName: "pdfjs" */ 'pdfjs-dist/legacy/build/pdf.js'),
    import(/* webpackChunkName: "pdfjs-worker" */ 'pdfjs-dist/legacy/build/pdf.worker.js'),
  ]);
  (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
  return pdfjs as unknown as PdfJs;
}

/**
 * The readers of the add-in: htmlparser2 for HTML, the same parser as the CLI's, so both read an exhibit alike; it
 * builds no DOM, so nothing of the file is rendered, run, or offered to the page's CSP (a document made by the
 * browser's DOMParser inherits the page's policy: Chromium reports a violation for each of an EDGAR exhibit's
 * ~1,400 style attributes). Fetched as a chunk of its own the first time an HTML file is opened. pdf.js for PDF.
 */
const htmlParser = () => import(/* webpackChunkName: "html-parser" */ '../filing/html-node');
export const browserReaders: FormReaders = { html: async (html) => htmlToReleaseText(html, (await htmlParser()).parseHtmlNode) };

/** A release's position in its library (the library's own records carry it; its copies of ReleaseInfo do not). */
const indexOf = (r: unknown): number | undefined => (r as { index?: number } | undefined)?.index;

const FORMS: Record<string, string> = { text: 'text', html: 'EDGAR HTML', copied_text: 'copied text (browser or newswire)', pdf_text: "a PDF's laid-out text", pdf: 'PDF' };
const fmt = (n: { toString(): string }) => Number(n.toString()).toLocaleString('en-US', { maximumFractionDigits: 4 });

/**
 * Reads a pasted text or a chosen file, puts it through the gate, and says what adding it would do to the
 * workbook's library: what it restates, which periods it adds. Changes nothing.
 */
export async function previewRelease(input: string | Uint8Array, name: string, current: WorkbookLibrary, readers: FormReaders = browserReaders, pdf: () => Promise<PdfJs> = loadPdfJs): Promise<Preview> {
  const size = typeof input === 'string' ? input.length : input.byteLength;
  const isPdf = typeof input !== 'string' && input.length > 4 && String.fromCharCode(...input.subarray(0, 5)) === '%PDF-';
  const limit = isPdf ? LIMITS.pdfBytes : LIMITS.textBytes;
  const refused = (what: string, report: string): Preview => ({ ok: false, what, checks: '', repairs: [], restates: [], periods: [], report });
  if (size > limit) return refused(name, `${name} is ${(size / 1048576).toFixed(1)} MB: a release is read up to ${limit / 1048576} MB (${isPdf ? 'PDF' : 'text or HTML'}). Nothing was read.`);
  let text: string | Uint8Array = input;
  let form: string | undefined;
  if (isPdf) {
    try {
      // pdf.js's legacy build replaces built-ins as it loads (its worker code too, when a document opens), which
      // would slow every array of the shared runtime, functions included: they are put back (keep-builtins.ts).
      text = (await loadKeepingBuiltins(async () => pdfLaidOutText(input as Uint8Array, await pdf()))).value;
      form = 'pdf';
    } catch (e) {
      return refused(name, `The PDF could not be read: ${(e as Error).message}`);
    }
  }
  const read = await readReleaseInput(text, readers);
  form ??= read.form;
  const verdict = acceptRelease(read.source, read.repairs);
  const r = verdict.release;
  const source = typeof read.source === 'string' ? read.source : '';
  const date = releaseDate(source);
  const what = r.quarter
    ? `${r.company || 'Unknown company'} — ${r.quarter.replace('-', ' ')} earnings release${date ? ` of ${date}` : ''}, read as ${FORMS[form] ?? form} (${name})`
    : `${name}, read as ${FORMS[form] ?? form}`;
  const repairs = r.repairs.map((x) => `${x.id} · line ${x.line} · ${x.rowLabel}: “${x.read}” → ${x.repaired}`);
  if (!verdict.accepted) return { ...refused(what, verdict.report), checks: `${verdict.checks.filter((c) => c.pass).length} of ${verdict.checks.length} checks pass`, repairs };
  // The text stored is what the reader is given again at start: the file's own text (HTML as HTML), a PDF's layout.
  const storedText = typeof text === 'string' ? text : new TextDecoder('utf-8').decode(text);
  const entry: LibraryEntry = { release: r, model: verdict.model, checks: verdict.checks, form, name, date };
  const after = buildLibrary([...current.entries, entry]);
  const newIndex = after.releases().length - 1;
  const restates = after
    .restatements()
    .filter((x) => indexOf(x.latest.release) === newIndex)
    .map((x) => `${x.metric} ${x.period}: ${fmt(x.first.value)} in ${x.first.release.name} → ${fmt(x.latest.value)}`);
  const had = new Set(current.library.periods().map((p) => p.id));
  const periods = after.periods().filter((p) => !had.has(p.id)).map((p) => p.id);
  return {
    ok: true,
    what,
    checks: `${verdict.checks.length} checks: all pass`,
    repairs,
    restates,
    periods,
    stored: { text: storedText, form, name, added: new Date().toISOString() },
    entry,
  };
}

/** What goes with a release if it is removed: the figures only it gives, and the figures it serves that change. */
export function removalEffect(current: WorkbookLibrary, index: number): { gone: string[]; changed: string[]; count: number } {
  const rest = current.entries.filter((_, i) => i !== index);
  const served = (lib: ReturnType<typeof buildLibrary>) => new Map(lib.entries().filter((e) => e.key[2] === 'RMB').map((e) => [`${e.key[0]} ${e.key[1]}`, e]));
  const now = served(current.library as ReturnType<typeof buildLibrary>);
  const after = rest.length ? served(buildLibrary(rest)) : new Map();
  const gone = new Map<string, string[]>();
  const changed: string[] = [];
  let count = 0;
  for (const [k, e] of now) {
    if (indexOf(e.from) !== index) continue;
    const a = after.get(k);
    if (!a) {
      count++;
      gone.set(e.key[0], [...(gone.get(e.key[0]) ?? []), e.key[1]]);
    } else if (!a.value.value.eq(e.value.value)) changed.push(`${k}: ${fmt(e.value.value)} → ${fmt(a.value.value)}`);
  }
  // By metric, with its periods: "total_revenues (Q2-2023, Q1-2024, Q2-2024, H1-2024)".
  return { gone: [...gone].map(([m, ps]) => `${m} (${ps.join(', ')})`), changed, count };
}

export { ReleasesController } from './releases-controller';
export { DomReleasesView } from './releases-view';
