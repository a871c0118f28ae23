import type { ParseIssue } from './types';

/**
 * What a file handed to the reader is, by its content (never by its name): empty, a binary file (recognised by its
 * magic number), a PDF, an HTML document, or text. And the normalisation of what is harmless in copies of a
 * release (a BOM, CRLF line ends, non-breaking spaces, curly quotes, an en dash in "Non–GAAP"), so a copy reads as
 * the release it is. Light and dependency-free: it runs in the add-in as well as in the CLI.
 */
export type InputKind = 'empty' | 'binary' | 'pdf' | 'html' | 'text';

export interface InputDiagnosis {
  kind: InputKind;
  /** For binaries: the format recognised ("PNG", "ZIP archive (.xlsx, .docx)", …), or "unknown". */
  format?: string;
  /** The text, decoded (UTF-8 or UTF-16 by BOM) and normalised; undefined for binaries and PDFs. */
  text?: string;
  /** Errors that stop reading (input.empty, input.binary, …). */
  issues: ParseIssue[];
}

/** Magic numbers of the binaries an analyst might pick by mistake. */
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

const issue = (code: string, message: string): ParseIssue => ({ severity: 'error', code, message });

/** Decodes bytes as text: UTF-16 by its BOM, else UTF-8 (invalid sequences become U+FFFD, counted by the caller). */
function decode(bytes: Uint8Array): string {
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes);
}

/** Control characters other than tab, line feed, carriage return and form feed: text never holds many. */
function binaryShare(text: string): number {
  const sample = text.slice(0, 8192);
  if (sample.length === 0) return 0;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0xfffd) odd++;
  }
  return odd / sample.length;
}

/** An HTML document (an EDGAR exhibit, a saved web page), told from a text that merely mentions a tag. */
export function looksLikeHtml(text: string): boolean {
  const head = text.replace(/^\uFEFF/, '').trimStart().slice(0, 4096);
  if (!head.startsWith('<')) return false;
  return /^<(!doctype\s+html|html|head|body|\?xml[^>]*>\s*(<!doctype\s+html|<html))/i.test(head) || /<(html|body|table|div|p)[\s>]/i.test(head);
}

/** Says what the input is, by content. Text (and HTML) comes back decoded and normalised. */
export function diagnoseInput(input: Uint8Array | string): InputDiagnosis {
  if (typeof input !== 'string') {
    if (input.length === 0) return { kind: 'empty', issues: [issue('input.empty', 'the file is empty')] };
    if (startsWith(input, PDF) || startsWith(input, [0xef, 0xbb, 0xbf, ...PDF])) return { kind: 'pdf', issues: [] };
    const known = MAGIC.find(([m]) => startsWith(input, m));
    if (known) return binary(known[1]);
    if (input.subarray(0, 8192).includes(0) && !startsWith(input, [0xff, 0xfe]) && !startsWith(input, [0xfe, 0xff])) return binary('unknown');
    return diagnoseText(decode(input));
  }
  return diagnoseText(input);
}

function binary(format: string): InputDiagnosis {
  const what = format === 'unknown' ? 'this is a binary file' : `this is a binary file (${format})`;
  return { kind: 'binary', format, issues: [issue('input.binary', `${what}, not a release text`)] };
}

function diagnoseText(raw: string): InputDiagnosis {
  if (raw.replace(/^\uFEFF/, '').trim() === '') {
    return { kind: 'empty', issues: [issue('input.empty', raw.length === 0 ? 'the file is empty' : 'the file is empty (it holds only blank space)')] };
  }
  if (raw.replace(/^\uFEFF/, '').startsWith('%PDF-')) return { kind: 'pdf', issues: [] };
  if (binaryShare(raw) > 0.05) return binary('unknown');
  const text = normaliseText(raw);
  return { kind: looksLikeHtml(text) ? 'html' : 'text', text, issues: [] };
}

/**
 * Normalises what copies of a release change without changing its meaning. Keeps every line where it was (line
 * numbers are provenance): CRLF and lone CR become LF, nothing is joined or split.
 * - BOM dropped; NBSP, narrow and figure spaces become spaces (browsers and EDGAR put NBSP in tables);
 * - curly quotes become straight ones; an en or em dash between letters ("Non–GAAP") becomes a hyphen;
 * - zero-width characters dropped.
 */
export function normaliseText(text: string): string {
  // A fast path: the common case (plain ASCII/UTF-8 with LF) changes nothing.
  if (!/[\r\uFEFF\u00A0\u2007\u202F\u2018\u2019\u201C\u201D\u200B\u200C\u200D\u2060\u2013\u2014]/.test(text)) return text;
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00A0\u2007\u202F]/g, ' ')
    .replace(/[\u200B\u200C\u200D\u2060\uFEFF]/g, '')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/(?<=\p{L})[\u2013\u2014](?=\p{L})/gu, '-');
}
