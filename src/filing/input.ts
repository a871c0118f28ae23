import type { ParseIssue } from './types';

/**
 * The release parser's view of its input: a text, normalised (what is harmless in copies of a release: a BOM, CRLF
 * line ends, non-breaking spaces, curly quotes, an en dash in "Non–GAAP"), or an input refused before parsing with
 * its reason. Small on purpose: the add-in's parser runs it. What a file is (empty, a binary by its magic number,
 * a PDF, HTML, text) is told by input-diagnosis.ts, where files are read.
 */
export type InputKind = 'empty' | 'binary' | 'pdf' | 'html' | 'text';

export interface InputDiagnosis {
  kind: InputKind;
  /** For binaries: the format recognised ("PNG", …), or "unknown". */
  format?: string;
  /** The text, normalised; undefined for binaries and PDFs. */
  text?: string;
  /** Errors that stop reading (input.empty, input.binary). */
  issues: ParseIssue[];
}

/** An input refused before parsing (a binary file, an empty one, a form without its reader), with the reason. */
export interface RefusedInput {
  refused: ParseIssue[];
}

/**
 * Normalises what copies of a release change without changing its meaning. Keeps every line where it was (line
 * numbers are provenance): CRLF and lone CR become LF, nothing is joined or split.
 * - BOM dropped; NBSP, narrow and figure spaces become spaces (browsers and EDGAR put NBSP in tables);
 * - curly quotes become straight ones; an en or em dash between letters ("Non–GAAP") becomes a hyphen;
 * - zero-width characters dropped.
 */
export function normaliseText(text: string): string {
  // One scan finds which of these characters the text has (most texts: a dash or none); the replacements for the
  // others would change nothing (none puts back a character another one looks for), so they are not run.
  const found = text.match(SPECIAL);
  if (!found) return text;
  const has = new Set(found);
  const any = (chars: string) => {
    for (const c of chars) if (has.has(c)) return true;
    return false;
  };
  let out = text;
  if (has.has('\uFEFF')) out = out.replace(/^\uFEFF/, '');
  if (has.has('\r')) out = out.replace(/\r\n?/g, '\n');
  if (any('\u00A0\u2007\u202F')) out = out.replace(/[\u00A0\u2007\u202F]/g, ' ');
  if (any('\u200B\u200C\u200D\u2060\uFEFF')) out = out.replace(/[\u200B-\u200D\u2060\uFEFF]/g, '');
  if (any('\u2018\u2019')) out = out.replace(/[\u2018\u2019]/g, "'");
  if (any('\u201C\u201D')) out = out.replace(/[\u201C\u201D]/g, '"');
  if (any('\u2013\u2014')) out = out.replace(/[\u2013\u2014](?<=\p{L}.)(?=\p{L})/gu, '-'); // the dash first: a fast scan
  return out;
}

/** Every character normaliseText replaces or drops. */
const SPECIAL = /[\uFEFF\r\u00A0\u2007\u202F\u200B-\u200D\u2060\u2018\u2019\u201C\u201D\u2013\u2014]/g;
