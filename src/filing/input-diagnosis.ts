import type { ParseIssue } from './types';
import { normaliseText, type InputDiagnosis } from './input';

/**
 * What an input is, by its content (never by a file name): empty, a binary (by the magic numbers of the files an
 * analyst might pick by mistake, or by its control characters), a PDF, an HTML document, or text, decoded by its
 * BOM (UTF-16) or as UTF-8 and normalised. Used where files are read (the CLI, the form readers); the add-in's
 * parser only ever receives text.
 */
const MAGIC: [number[], string][] = [
  [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG'],
  [[0xff, 0xd8, 0xff], 'JPEG'],
  [[0x47, 0x49, 0x46, 0x38], 'GIF'],
  [[0x50, 0x4b, 0x03, 0x04], 'ZIP archive (.zip, .xlsx, .docx)'],
  [[0x50, 0x4b, 0x05, 0x06], 'ZIP archive (.zip, .xlsx, .docx)'],
  [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 'Microsoft Office 97-2003 file (.xls, .doc)'],
  [[0x1f, 0x8b], 'gzip archive'],
  [[0x52, 0x61, 0x72, 0x21], 'RAR archive'],
  [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], '7-Zip archive'],
  [[0x7f, 0x45, 0x4c, 0x46], 'ELF executable'],
  [[0x4d, 0x5a], 'Windows executable'],
  [[0x49, 0x49, 0x2a, 0x00], 'TIFF'],
  [[0x4d, 0x4d, 0x00, 0x2a], 'TIFF'],
];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

function startsWith(bytes: Uint8Array, magic: number[], at = 0): boolean {
  return bytes.length >= at + magic.length && magic.every((b, i) => bytes[at + i] === b);
}

/** Decodes bytes as text: UTF-16 by its BOM, else UTF-8 (invalid sequences become U+FFFD, counted as binary). */
function decode(bytes: Uint8Array): string {
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes);
}

export const binaryIssue = (format: string): ParseIssue => ({
  severity: 'error',
  code: 'input.binary',
  message: `this is a binary file${format === 'unknown' ? '' : ` (${format})`}, not a release text`,
});

/** Control characters other than tab, line feed, carriage return and form feed: text never holds many. */
function binaryShare(text: string): number {
  const n = Math.min(text.length, 8192);
  let odd = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) odd++;
  }
  return n === 0 ? 0 : odd / n;
}

/** An HTML document (an EDGAR exhibit, a saved web page), told from a text that merely mentions a tag. */
export function looksLikeHtml(text: string): boolean {
  const head = text.replace(/^\uFEFF/, '').trimStart().slice(0, 4096);
  return head.startsWith('<') && /^<(!doctype\s+html|html|head|body|\?xml)|<(html|body|table|div|p)[\s>]/i.test(head);
}

export function diagnoseText(raw: string): InputDiagnosis {
  if (raw.replace(/^\uFEFF/, '').trim() === '') {
    return { kind: 'empty', issues: [{ severity: 'error', code: 'input.empty', message: `the file is empty${raw.length ? ' (it holds only blank space)' : ''}` }] };
  }
  if (raw.replace(/^\uFEFF/, '').startsWith('%PDF-')) return { kind: 'pdf', issues: [] };
  if (binaryShare(raw) > 0.05) return { kind: 'binary', format: 'unknown', issues: [binaryIssue('unknown')] };
  const text = normaliseText(raw);
  return { kind: looksLikeHtml(text) ? 'html' : 'text', text, issues: [] };
}

/** Says what the input is, by content. Text (and HTML) comes back decoded and normalised. */
export function diagnoseInput(input: Uint8Array | string): InputDiagnosis {
  if (typeof input === 'string') return diagnoseText(input);
  if (input.length === 0) return { kind: 'empty', issues: [{ severity: 'error', code: 'input.empty', message: 'the file is empty' }] };
  if (startsWith(input, PDF) || startsWith(input, [0xef, 0xbb, 0xbf, ...PDF])) return { kind: 'pdf', issues: [] };
  const known = MAGIC.find(([m]) => startsWith(input, m));
  if (known) return { kind: 'binary', format: known[1], issues: [binaryIssue(known[1])] };
  const utf16 = startsWith(input, [0xff, 0xfe]) || startsWith(input, [0xfe, 0xff]);
  if (!utf16 && input.subarray(0, 8192).includes(0)) return { kind: 'binary', format: 'unknown', issues: [binaryIssue('unknown')] };
  return diagnoseText(decode(input));
}
