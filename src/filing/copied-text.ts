import Decimal from 'decimal.js';
import { normaliseText } from './input';
import { assembleReleaseText, joinSplitCells, rowLine, type TextPart } from './table-cells';

/**
 * Copies of the release as text: what a browser gives when the EDGAR page is selected and copied (innerText:
 * tab-separated cells with spacers and split negatives, a <br> in a header cell a line break inside the row,
 * footnote markers flattened into the words), and newswire copies (hard-wrapped paragraphs, "[1]" footnote
 * markers, "16. 1%", curly quotes, "Non–GAAP"). Both are put back into the release text the parser reads.
 * Changes of a figure are never silent: each is returned as a repair with its proof.
 */
export interface CopyRepair {
  kind: 'footnote_flattened' | 'split_percent';
  /** 1-based line of the release text the reader produced. */
  line: number;
  /** What the copy reads and what it became. */
  read: string;
  repaired: string;
  /** Why: the identity that proves the reading. */
  identity: string;
}

export interface CopiedText {
  text: string;
  repairs: CopyRepair[];
}

const DATELINE = /\((?:GLOBE NEWSWIRE|PR NEWSWIRE|BUSINESS WIRE|ACCESSWIRE)\)/i;

/** A copy of an HTML-rendered release: cells a browser split ("(1,628,797" and ")"), or a newswire dateline. */
export function looksCopied(text: string): boolean {
  if (DATELINE.test(text)) return true;
  const closers = text.match(/\t[ \u00A0]*(?:\)|%)[ \u00A0]*(?=\t|\r?\n|$)/g);
  return (closers?.length ?? 0) >= 3;
}

/** A header cell whose date a <br> split: "Jun 30," then, on the next line, "2024\t…". */
function rejoinSplitDates(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const prev = out[out.length - 1];
    if (prev !== undefined && /\b[A-Z][a-z]{2}\.? \d{1,2},\s*$/.test(prev) && /^\s*\d{4}\b/.test(line)) {
      out[out.length - 1] = `${prev.trimEnd()} ${line.trimStart()}`;
      continue;
    }
    out.push(line);
  }
  return out;
}

/** Footnote markers a copy flattened into the text: "profit2 was", "EBITDA4 was", "[1]". */
export function dropFootnoteMarkers(p: string): string {
  return p.replace(/\s?\[\d{1,2}\]/g, '').replace(/[1-9](?<=\p{L}{2}.)(?=\s)/gu, '');
}

const HALF_TENTH = new Decimal('0.05');
const HALF_HUNDREDTH = new Decimal('0.005');
/** "1,891,780" from "1891780". */
const withThousands = (digits: string) => digits.replace(/\B(?=(\d{3})+$)/g, ',');

/**
 * A US$ figure with a footnote marker flattened into it ("US$260.31 million" for US$260.3 million plus note 1):
 * the prose prints US$ millions to one decimal, so a second decimal is suspect. It is resolved only when the
 * release's own rate proves the one-decimal reading and refutes the other: the RMB figure of the sentence, taken
 * exact from the tables (the table figure in thousands that the prose's millions round), translated at the rate.
 */
export function resolveFlattenedUsd(text: string, repairs: CopyRepair[]): string {
  const rate = /RMB(\d+\.\d+) to US\$1\.00/.exec(text);
  if (!rate) return text;
  const r = new Decimal(rate[1]);
  // Every figure printed in a table, in thousands (absolute values), by its digits.
  const tableFigures = new Map<string, Decimal>();
  for (const line of text.split('\n')) {
    if (!line.includes('\t')) continue;
    for (const cell of line.split('\t').slice(1)) {
      const m = /^\(?([\d,]+)\)?$/.exec(cell.trim());
      if (!m) continue;
      const digits = m[1].replace(/,/g, '').replace(/^0+(?=\d)/, '');
      if (!tableFigures.has(digits)) tableFigures.set(digits, new Decimal(digits));
    }
  }
  return text.replace(/RMB([\d,]+\.\d) million \(US\$([\d,]+\.\d)(\d) million\)/g, (all: string, rmb: string, usd: string, digit: string, offset: number) => {
    // The digit must be a footnote the release has (its note, "1 This announcement…", starts a paragraph).
    if (!new RegExp(`(^|\\n)\\[?${digit}\\]? [A-Z]`).test(text)) return all;
    // The table figures (thousands) that the prose's millions round to its one decimal.
    const millions = new Decimal(rmb.replace(/,/g, ''));
    const exact = [...tableFigures.values()].filter((t) => t.div(1000).sub(millions).abs().lte(HALF_TENTH));
    if (exact.length === 0) return all;
    const one = new Decimal(usd.replace(/,/g, ''));
    const two = new Decimal(`${usd.replace(/,/g, '')}${digit}`);
    // Each, at the rate, rounds to the one-decimal reading and not to the two-decimal one.
    const proves = exact.every((t) => {
      const translated = t.div(1000).div(r);
      return translated.sub(one).abs().lte(HALF_TENTH) && translated.sub(two).abs().gt(HALF_HUNDREDTH);
    });
    if (!proves) return all;
    const t = exact[0];
    repairs.push({
      kind: 'footnote_flattened',
      line: text.slice(0, offset).split('\n').length,
      read: `US$${usd}${digit} million`,
      repaired: `US$${usd} million (footnote ${digit})`,
      identity: `RMB${rmb} million is RMB${withThousands(t.toFixed(0))} thousand in the tables; at RMB${rate[1]} per US$1.00 that is US$${t.div(1000).div(r).toFixed(4)} million, which rounds to US$${usd} million and not to US$${usd}${digit} million`,
    });
    return `RMB${rmb} million (US$${usd} million)`;
  });
}

/** "16. 1%" (a newswire's space after a decimal point) is "16.1%", in the prose lines of the release text. */
export function joinSplitPercents(text: string, repairs: CopyRepair[]): string {
  return text
    .split('\n')
    .map((line, i) =>
      line.includes('\t')
        ? line
        : line.replace(/(\d+)\. (\d+%)/g, (all, a: string, b: string) => {
            repairs.push({ kind: 'split_percent', line: i + 1, read: all, repaired: `${a}.${b}`, identity: 'a decimal point followed by a space inside a percentage' });
            return `${a}.${b}`;
          }),
    )
    .join('\n');
}

/** Reader repairs in text order. */
function byLine(repairs: CopyRepair[]): CopyRepair[] {
  return repairs.sort((a, b) => a.line - b.line);
}

/** Release text from a browser or newswire copy. */
export function readCopiedText(raw: string): CopiedText {
  const repairs: CopyRepair[] = [];
  const lines = rejoinSplitDates(normaliseText(raw).split('\n'));
  const parts: TextPart[] = [];
  let paragraph: string[] = [];
  let table: string[] | null = null;
  const endParagraph = () => {
    if (paragraph.length > 0) parts.push({ kind: 'paragraph', text: dropFootnoteMarkers(paragraph.join(' ')) });
    paragraph = [];
  };
  const endTable = () => {
    if (table) parts.push({ kind: 'table', rows: table });
    table = null;
  };
  for (const line of lines) {
    if (line.includes('\t')) {
      endParagraph();
      const cells = line.split('\t');
      const figures = joinSplitCells(cells.slice(1));
      if (cells[0].trim() === '' && figures.length === 0) continue; // a spacer row
      // A header row (no label) after rows with figures starts the next table: a copy puts no blank line
      // between two tables.
      if (table && cells[0].trim() === '' && table.some((r) => /^[^\t]+\t/.test(r))) endTable();
      table ??= [];
      table.push(rowLine(cells[0], figures));
      continue;
    }
    if (line.trim() === '') {
      endParagraph();
      endTable();
      continue;
    }
    if (table) {
      // A line without cells inside a table: a section header ("ASSETS") as a browser copies an empty row.
      if (line.trim().length <= 120) {
        table.push(rowLine(line, []));
        continue;
      }
      endTable();
    }
    // Hard-wrapped lines of one paragraph (newswire copies) are joined.
    paragraph.push(line.trim());
  }
  endParagraph();
  endTable();
  const text = resolveFlattenedUsd(joinSplitPercents(assembleReleaseText(parts), repairs), repairs);
  return { text, repairs: byLine(repairs) };
}
