import Decimal from 'decimal.js';

/**
 * How a cell's text reads before any repair. Every kind has the same five properties (those it does not use
 * undefined), made by one constructor: the parser looks at the reading of every cell of every table, and sees one
 * shape.
 */
export type CellReading =
  | { readonly kind: 'number'; readonly value: Decimal; readonly dash: boolean; readonly defect: undefined; readonly second: undefined }
  | { readonly kind: 'empty' | 'garbage'; readonly value: undefined; readonly dash: false; readonly defect: undefined; readonly second: undefined }
  /** A defect with a known OCR signature, and (`value`) the figure it would be if the defect is what it looks like. */
  | { readonly kind: 'suspect'; readonly value: Decimal; readonly dash: false; readonly defect: 'thousands_dot' | 'dash_misread'; readonly second: undefined }
  /** Two figures in one cell (`value`, `second`): the first usually belongs to the row above (a shifted US$ figure). */
  | { readonly kind: 'two_numbers'; readonly value: Decimal; readonly dash: false; readonly defect: undefined; readonly second: Decimal };

class Reading {
  constructor(
    readonly kind: CellReading['kind'],
    readonly value: Decimal | undefined,
    readonly dash: boolean,
    readonly defect: 'thousands_dot' | 'dash_misread' | undefined,
    readonly second: Decimal | undefined,
  ) {}
}

/** The readings that carry nothing but their kind: one each, shared by every text that reads so. */
const EMPTY = new Reading('empty', undefined, false, undefined, undefined) as CellReading;
const GARBAGE = new Reading('garbage', undefined, false, undefined, undefined) as CellReading;

function figure(value: Decimal, dash: boolean): CellReading {
  return new Reading('number', value, dash, undefined, undefined) as CellReading;
}

function suspect(defect: 'thousands_dot' | 'dash_misread', candidate: Decimal): CellReading {
  return new Reading('suspect', candidate, false, defect, undefined) as CellReading;
}

export type CellFormat = 'thousands' | 'per_share' | 'shares' | 'percent';

const THOUSANDS = /^\(?\d{1,3}(?:,\d{3})*\)?$/;
const DOTTED_THOUSANDS = /^\(?\d{1,3}(?:\.\d{3})+\)?$/;
const PER_SHARE = /^\(?\d+\.\d{2}\)?$/;
const PERCENT = /^-?\d+(?:\.\d+)?%$/;
/** A leading zero before a thousands group, or a bare leading comma: how OCR renders a dash it smeared. */
const SMEARED_DASH = /^\(?(?:0\d{2}(?:,\d{3})+|,\d{3})\)?$/;
const DASHES = new Set(['-', '—', '–']);

/**
 * The figure of `digits` — ASCII digits with at most one point, as the pattern of `readCell` that let the text through
 * has it — negated when `negative`. (`Number` reads such a text as Decimal does; it reads some texts Decimal refuses
 * — '' as 0, a figure with white space around it — so a caller must check its text first.)
 */
function signed(digits: string, negative: boolean): Decimal {
  // A whole figure under ten million (most figures in thousands) is made from its number, signed: decimal.js's path
  // for small integers reads no text and makes no negated copy, and gives the same Decimal (−0 included).
  const n = Number(digits);
  if (n < 1e7 && n === Math.floor(n)) return new Decimal(negative ? -n : n);
  const v = new Decimal(digits);
  return negative ? v.neg() : v;
}

/**
 * `new Decimal(digits).div(100)` for a figure's text (digits, a point, a sign): read with its exponent two lower, the
 * same Decimal without a division, when the text has no more digits than the precision (the quotient is then exact).
 */
export function hundredthOf(digits: string): Decimal {
  return digits.length <= Decimal.precision ? new Decimal(`${digits}e-2`) : new Decimal(digits).div(100);
}

function parenthesised(text: string): boolean {
  return text.startsWith('(') && text.endsWith(')');
}

/**
 * The figure of a cell printed as whole thousands — 1,234 or (1,234) — under ten million and not a smeared dash,
 * unsigned; −1 for any other text, read by the rules of `readCell`. The reading those rules give such a text
 * (THOUSANDS, not SMEARED_DASH, then `signed`), made in one pass over its characters with no regular expression and
 * no copy without its commas: most cells of a release are such figures.
 */
function plainThousands(t: string, neg: boolean): number {
  const end = neg ? t.length - 1 : t.length;
  if (neg && t.charCodeAt(end) !== 41) return -1; // ")"
  let n = 0;
  let digits = 0; // in the current group
  let commas = 0;
  let first = 0; // digits in the first group
  for (let i = neg ? 1 : 0; i < end; i++) {
    const ch = t.charCodeAt(i);
    if (ch >= 48 && ch <= 57) {
      if (++digits > 3) return -1;
      n = n * 10 + (ch - 48);
    } else if (ch === 44 && (commas === 0 ? digits > 0 : digits === 3)) {
      if (commas++ === 0) first = digits;
      digits = 0;
    } else return -1;
  }
  if (commas === 0 ? digits === 0 : digits !== 3) return -1;
  // Three digits led by a zero before a thousands group: a smeared dash.
  if (commas > 0 && first === 3 && t.charCodeAt(neg ? 1 : 0) === 48) return -1;
  return n < 1e7 ? n : -1;
}

/** Reads one cell of a table in the given format. */
export function readCell(text: string, format: CellFormat): CellReading {
  const t = text.trim();
  if (format === 'thousands' || format === 'shares') {
    const neg = t.charCodeAt(0) === 40; // "("
    const n = plainThousands(t, neg);
    if (n >= 0) return figure(new Decimal(neg ? -n : n), false);
  }
  if (t === '') return EMPTY;
  if (DASHES.has(t)) return figure(new Decimal(0), true);
  // A parenthesis without its pair (a cell cut short) is no figure.
  if (t.startsWith('(') !== t.endsWith(')')) return GARBAGE;
  const neg = parenthesised(t);
  // An unbalanced parenthesis is not a figure (a truncated "(51,066").
  if (!neg && /[()]/.test(t)) return GARBAGE;
  const inner = neg ? t.slice(1, -1) : t;
  switch (format) {
    case 'percent':
      if (PERCENT.test(t)) return figure(hundredthOf(t.slice(0, -1)), false);
      return GARBAGE;
    case 'per_share':
      if (PER_SHARE.test(t)) return figure(signed(inner, neg), false);
      return GARBAGE;
    case 'shares':
    case 'thousands': {
      if (THOUSANDS.test(t)) {
        if (SMEARED_DASH.test(t)) return suspect('dash_misread', new Decimal(0));
        return figure(signed(inner.replace(/,/g, ''), neg), false);
      }
      if (SMEARED_DASH.test(t)) return suspect('dash_misread', new Decimal(0));
      if (DOTTED_THOUSANDS.test(t)) {
        return suspect('thousands_dot', signed(inner.replace(/\./g, ''), neg));
      }
      const parts = t.split(/\s+/);
      if (parts.length === 2 && parts.every((p) => THOUSANDS.test(p))) {
        const [a, b] = parts.map((p) => readCell(p, format));
        if (a.kind === 'number' && b.kind === 'number') return new Reading('two_numbers', a.value, false, undefined, b.value) as CellReading;
      }
      return GARBAGE;
    }
  }
}

/** Formats a Decimal in thousands the way the release prints it: 1,234 / (1,234) / -. */
export function formatThousands(v: Decimal): string {
  if (v.isZero()) return '-';
  const abs = v.abs().toFixed(0).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return v.isNeg() ? `(${abs})` : abs;
}

/** True when a cell or label reads as a figure (used to spot rows whose label was lost). */
export function looksNumeric(text: string): boolean {
  const t = text.trim();
  return t !== '' && (DASHES.has(t) || /^\(?-?[\d.,]+%?\)?$/.test(t));
}
