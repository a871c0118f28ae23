import { dropFootnoteMarkers, joinSplitPercents, resolveFlattenedUsd, type CopiedText, type CopyRepair } from './copied-text';
import { normaliseText } from './input';
import { assembleReleaseText, isTitleParagraph, joinSplitCells, rowLine, type TextPart } from './table-cells';

/**
 * The text of a PDF laid out by position (what `pdftotext -layout` prints, and what pdf.ts rebuilds from pdf.js's
 * text items): a table row is a line whose figures stand in columns apart (two spaces or more), centred lines are
 * titles, prose lines are hard-wrapped and a paragraph ends with a short line. Turned into the release text the
 * parser reads: tab-separated rows, one line per paragraph.
 */

const FIGURE = /^(?:[(\-]?[\d][\d,.]*\)?%?|\)|%|\)%|[—–-])$/;
const GAP = /\s{2,}/;
/** Column headers a table prints on a line of their own. */
const HEADER_WORDS = /^(RMB|US\$|As of|(Three|Six|Nine|Twelve) Months Ended|Year Ended)$/i;

/** Cells of a laid-out line: the label (text at the left margin), then the columns. */
function cellsOf(line: string): { label: string; cells: string[] } {
  const indented = /^\s{2,}/.test(line);
  const parts = line.trim().split(GAP);
  const label = indented ? '' : parts.shift() ?? '';
  const cells: string[] = [];
  for (const p of parts) {
    const tokens = p.split(/\s+/);
    // Figures a narrow column set one space apart ("206,606 293,253") are separate cells.
    if (tokens.length > 1 && tokens.every((t) => FIGURE.test(t))) cells.push(...tokens);
    else cells.push(p);
  }
  return { label, cells };
}

/** A laid-out line that is a table row: columns apart, or indented figures/header cells. */
function isRow(line: string): boolean {
  const t = line.trim();
  if (t === '') return false;
  if (/^\s{2,}/.test(line)) return (GAP.test(t) || !isTitleParagraph(t)) && (GAP.test(t) || /\d/.test(t) || HEADER_WORDS.test(t));
  return GAP.test(t) && t.split(GAP).slice(1).some((p) => /\d|—|%/.test(p));
}

/** Joins the lines of a paragraph: a word hyphenated at a line end ("Non-" + "GAAP") is one word. */
function joinLines(lines: string[]): string {
  return lines.reduce((acc, l) => (acc === '' ? l : /\p{L}-$/u.test(acc) ? acc + l : `${acc} ${l}`), '');
}

export function readLaidOutPdfText(raw: string): CopiedText {
  const repairs: CopyRepair[] = [];
  const lines = normaliseText(raw).replace(/\f/g, '\n').split('\n');
  const proseWidth = Math.max(60, ...lines.filter((l) => !/^\s/.test(l) && !GAP.test(l.trim())).map((l) => l.length));
  const parts: TextPart[] = [];
  let paragraph: string[] = [];
  let table: string[] | null = null;
  const endParagraph = () => {
    if (paragraph.length > 0) parts.push({ kind: 'paragraph', text: dropFootnoteMarkers(joinLines(paragraph)) });
    paragraph = [];
  };
  const endTable = () => {
    if (table) parts.push({ kind: 'table', rows: table });
    table = null;
  };
  for (const line of lines) {
    const t = line.trim();
    if (t === '') {
      endParagraph();
      continue; // a table goes on across a page break
    }
    if (/^\s{2,}/.test(line) && !GAP.test(t) && isTitleParagraph(t)) {
      endParagraph();
      endTable();
      parts.push({ kind: 'paragraph', text: t });
      continue;
    }
    if (isRow(line)) {
      endParagraph();
      const { label, cells } = cellsOf(line);
      const figures = joinSplitCells(cells);
      // A header row (no label) after rows with figures starts the next table.
      if (table && label === '' && !figures.some((f) => /^[(\-]?\d[\d,]*\)?$/.test(f) && f.includes(',')) && table.some((r) => /^[^\t]+\t/.test(r))) endTable();
      table ??= [];
      // A label wrapped over lines, its figures on the last line (cells are aligned to the bottom).
      const prev = table[table.length - 1];
      if (label !== '' && figures.length > 0 && prev !== undefined && !prev.includes('\t') && !/:$/.test(prev) && prev !== prev.toUpperCase()) {
        table[table.length - 1] = rowLine(`${prev} ${label}`, figures);
        continue;
      }
      table.push(rowLine(label, figures));
      continue;
    }
    if (table && t.length <= 120) {
      table.push(rowLine(t, [])); // a section header, or a label wrapped over lines
      continue;
    }
    endTable();
    paragraph.push(t);
    // A line well short of the measure ends its paragraph.
    if (line.length < proseWidth * 0.75) endParagraph();
  }
  endParagraph();
  endTable();
  const text = resolveFlattenedUsd(joinSplitPercents(assembleReleaseText(parts), repairs), repairs);
  return { text, repairs: repairs.sort((a, b) => a.line - b.line) };
}

/** A PDF's laid-out text: form feeds between pages and columns of figures set apart by runs of spaces. */
export function looksLaidOutPdfText(text: string): boolean {
  const rows = text.split('\n').filter((l) => /\S {2,}\(?[\d,]{5,}/.test(l)).length;
  return !text.includes('\t') && rows >= 20;
}

/**
 * A PDF's text without its layout (`pdftotext` without `-layout`): pages apart, and the figures of its tables one per
 * line, column after column and table after table, with nothing left to put them back into rows.
 */
export function looksUnlaidPdfText(text: string): boolean {
  if (!text.includes('\f') || text.includes('\t')) return false;
  return text.split('\n').filter((l) => /^\s*(\(?[\d,]+(\.\d+)?\s?\)?\s?%?|—)\s*$/.test(l)).length >= 50;
}
