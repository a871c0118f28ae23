/**
 * The releases a workbook carries, as Office custom XML parts (ExcelApi 1.5, below the 1.9 the manifest requires):
 * one part per release, in a namespace of our own, holding the text as it was read (the HTML itself, a copy's
 * text, a PDF's laid-out text), its form, its name and when it was added. The workbook reopened, or opened by a
 * colleague with the add-in, reads the same releases through the one gate and serves the same figures.
 *
 * Parts are never deleted unless the user removes that release: a part this version cannot read (damaged, or
 * written by another version) is reported and kept.
 */

/** The namespace of a stored release (version 1 of the format). */
export const RELEASE_NAMESPACE = 'urn:kc-model:release:1';
/** Every version of the format shares this prefix: a part of another version is reported, kept and not read. */
const NAMESPACE_PREFIX = 'urn:kc-model:release:';

export interface StoredRelease {
  /** The release as read: what the form's reader is given again at start. */
  text: string;
  /** The form it was given in (text, html, copied_text, pdf_text, pdf). */
  form: string;
  /** File name, or "pasted text". */
  name: string;
  /** When it was added (ISO 8601, UTC). */
  added: string;
}

/** A part of ours in the workbook: its release, or why it cannot be read (then it is kept untouched). */
export interface StoredPart {
  id: string;
  release?: StoredRelease;
  problem?: string;
}

type Run = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;' };
const escape = (s: string) => s.replace(/[&<>"'\r]/g, (c) => ESC[c]);
/** Characters XML 1.0 cannot hold even as references (C0 controls but tab, LF, CR; lone surrogates; U+FFFE/F). */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const toBase64 = (s: string) => {
  const bytes = new TextEncoder().encode(s);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
};
const fromBase64 = (b: string) => new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(atob(b), (c) => c.charCodeAt(0)));

/** The part's XML. Text XML cannot hold (a PDF's form feeds) is stored as base64 of its UTF-8. */
export function releaseXml(r: StoredRelease): string {
  const base64 = NOT_XML.test(r.text);
  const body = base64 ? toBase64(r.text) : escape(r.text);
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<release xmlns="${RELEASE_NAMESPACE}" form="${escape(r.form)}" name="${escape(r.name)}" added="${escape(r.added)}" chars="${r.text.length}"${base64 ? ' encoding="base64"' : ''}>` +
    `<text>${body}</text></release>`
  );
}

const unescape = (s: string): string | undefined => {
  if (/<|&(?!(amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});)/.test(s)) return undefined;
  return s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e],
  );
};

/** A part's XML back to its release, or what is wrong with it (nothing is guessed: a damaged part is not read). */
export function readReleaseXml(xml: string): StoredRelease | { problem: string } {
  const m = /^\uFEFF?\s*(?:<\?xml[^?]*\?>\s*)?<release((?:\s+[\w:]+="[^"]*")*)\s*>\s*<text>([\s\S]*)<\/text>\s*<\/release>\s*$/.exec(xml);
  if (!m) return { problem: 'it is not a KC Model release (no <release> with its <text>)' };
  const attrs = new Map<string, string>();
  for (const a of m[1].matchAll(/([\w:]+)="([^"]*)"/g)) attrs.set(a[1], unescape(a[2]) ?? '');
  if (attrs.get('xmlns') !== RELEASE_NAMESPACE) return { problem: `its namespace is ${attrs.get('xmlns') ?? '(none)'}, not ${RELEASE_NAMESPACE}` };
  let text: string | undefined;
  if (attrs.get('encoding') === 'base64') {
    try {
      text = fromBase64(m[2].trim());
    } catch {
      text = undefined;
    }
  } else text = unescape(m[2]);
  if (text === undefined) return { problem: 'its text is damaged (it cannot be decoded)' };
  const chars = Number(attrs.get('chars'));
  if (!Number.isInteger(chars) || chars !== text.length) return { problem: `its text is damaged (${text.length} characters where ${attrs.get('chars') ?? '?'} were stored)` };
  const form = attrs.get('form');
  const added = attrs.get('added');
  if (!form || !added) return { problem: 'it lacks its form or the date it was added' };
  return { text, form, name: attrs.get('name') || 'release', added };
}

/**
 * Every part of ours, in the order added, read in two syncs (the parts, then their XML). Parts of other add-ins
 * (other namespaces) are not ours and are left alone; a part of another version of our format is reported.
 */
export async function readStoredReleases(run: Run): Promise<StoredPart[]> {
  return run(async (context) => {
    const all = context.workbook.customXmlParts;
    all.load('items/id,items/namespaceUri');
    await context.sync();
    const ours = all.items.filter((p) => p.namespaceUri.startsWith(NAMESPACE_PREFIX));
    const xml = ours.map((p) => (p.namespaceUri === RELEASE_NAMESPACE ? p.getXml() : undefined));
    if (xml.some(Boolean)) await context.sync();
    return ours.map((p, i): StoredPart => {
      if (!xml[i]) return { id: p.id, problem: `it was written by another version of KC Model (${p.namespaceUri}); it is kept as it is` };
      const r = readReleaseXml(xml[i]!.value);
      return 'problem' in r ? { id: p.id, problem: r.problem } : { id: p.id, release: r };
    });
  });
}

/** Stores one release; its part's id (known after the one sync). */
export async function storeRelease(run: Run, release: StoredRelease): Promise<string> {
  return run(async (context) => {
    const part = context.workbook.customXmlParts.add(releaseXml(release));
    part.load('id');
    await context.sync();
    return part.id;
  });
}

/** Removes the part of one release (only ever a part the user chose to remove), in one sync. */
export async function removeStoredRelease(run: Run, id: string): Promise<void> {
  await run(async (context) => {
    context.workbook.customXmlParts.getItem(id).delete();
    await context.sync();
  });
}

/**
 * Every formula recalculated, so each KC.* cell asks the functions again and shows the figures of the new set of
 * releases (Application.calculate, ExcelApi 1.1). `Full` marks every cell dirty and recalculates it: a custom
 * function that is not volatile is recalculated only when its inputs change or on a full recalculation, and its
 * inputs (the metric, the period) have not changed. One sync.
 */
export async function recalculateAll(run: Run): Promise<void> {
  await run(async (context) => {
    context.application.calculate('Full');
    await context.sync();
  });
}
