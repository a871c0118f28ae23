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
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00A0\u2007\u202F]/g, ' ')
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/[\u2013\u2014](?<=\p{L}.)(?=\p{L})/gu, '-'); // the dash first: a fast scan
}
