/**
 * Cells of a table row as an HTML-derived form prints them (EDGAR exhibit, its browser copy, a PDF printed from
 * it), put back together: a negative split over two cells ("(1,628,797" and ")"), "%" in its own cell, and the
 * empty spacer cells between columns. What remains is the label and the figures in column order, the
 * tab-separated row the release parser reads.
 */
const CLOSERS = /^(\)|%|\)%|%\))$/;

/** The figures of a row (cells after the label), split cells joined, spacers dropped. */
export function joinSplitCells(cells: string[]): string[] {
  const out: string[] = [];
  for (const raw of cells) {
    const t = raw.replace(/\s+/g, ' ').trim();
    if (t === '') continue;
    if (CLOSERS.test(t) && out.length > 0) {
      out[out.length - 1] += t;
      continue;
    }
    // A currency sign alone in its cell belongs to the figure after it (US GAAP tables print "$" apart).
    out.push(t);
  }
  return out.map((c) => c.replace(/^\((\S+) \)$/, '($1)').replace(/^(-?[\d.,]+) %$/, '$1%'));
}

/** One release-text line: label, then the figures, tab-separated. */
export function rowLine(label: string, figures: string[]): string {
  return [label.replace(/\s+/g, ' ').trim(), ...figures].join('\t');
}

const NOTE_REF = /^\d{1,2}(\([a-z]\))?(, ?\d{1,2}(\([a-z]\))?)*$/;

/**
 * A "Notes" column printed before the figures (some tables refer each line to a note of the financial statements):
 * a row that refers to a note has one cell more than the others, a note reference ("3", "4(a)") first. The
 * references are dropped, and the "Notes" header cell with them, so the figures stand in their columns.
 */
export function dropNotesColumn(rows: string[]): string[] {
  const split = rows.map((r) => r.split('\t'));
  if (!split.some((c) => c[0] === '' && c.slice(1).some((x) => /^notes?$/i.test(x)))) return rows;
  const counts = new Map<number, number>();
  for (const c of split) if (c[0] !== '' && c.length > 1 && !NOTE_REF.test(c[1])) counts.set(c.length, (counts.get(c.length) ?? 0) + 1);
  const usual = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (usual === undefined) return rows;
  return split.map((c) => {
    if (c[0] === '') return c.filter((x, i) => i === 0 || !/^notes?$/i.test(x)).join('\t');
    return (c.length === usual + 1 && NOTE_REF.test(c[1]) ? [c[0], ...c.slice(2)] : c).join('\t');
  });
}

/**
 * The title of a table: the paragraphs right above it that are in capitals or in parentheses ("KINGSOFT CLOUD
 * HOLDINGS LIMITED", "UNAUDITED CONDENSED CONSOLIDATED BALANCE SHEETS", "(All amounts in thousands)"), printed
 * as separate paragraphs in HTML, one line in the release text.
 */
export function isTitleParagraph(p: string): boolean {
  const t = p.trim();
  if (t.length === 0 || t.length > 200) return false;
  if (/^\(.*\)$/.test(t)) return true;
  const letters = t.replace(/[^A-Za-z]/g, '');
  return letters.length >= 4 && letters === letters.toUpperCase();
}

/**
 * Assembles paragraphs and tables into release text: paragraphs separated by blank lines, each table preceded by
 * its title on one line and a blank line, its rows on consecutive lines.
 */
export type TextPart = { kind: 'paragraph'; text: string } | { kind: 'table'; rows: string[] };

export function assembleReleaseText(parts: TextPart[]): string {
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part.kind === 'table') {
      if (part.rows.length > 0) out.push(dropNotesColumn(part.rows).join('\n'));
      continue;
    }
    // Title paragraphs right above a table are joined into its title line.
    let j = i;
    while (j < parts.length && parts[j].kind === 'paragraph' && isTitleParagraph((parts[j] as { text: string }).text) && j - i < 4) j++;
    if (j > i + 1 && parts[j]?.kind === 'table') {
      out.push(
        parts
          .slice(i, j)
          .map((p) => (p as { text: string }).text.trim())
          .join(' '),
      );
      i = j - 1;
      continue;
    }
    if (part.text.trim() !== '') out.push(part.text.trim());
  }
  return out.join('\n\n') + '\n';
}
