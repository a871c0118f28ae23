/**
 * A PDF with a text layer to release text, with pdf.js: its text items (a string at a position) are put back into
 * lines by their baseline and into columns by the gaps between them, as `pdftotext -layout` would print them, then
 * read by the laid-out text reader (pdf-layout.ts). pdf.js is injected and loaded only when a PDF is opened (see
 * node-readers.ts): it is never part of the add-in's bundle.
 */

/** The part of pdf.js's API this reader uses. */
export interface PdfJs {
  getDocument(src: { data: Uint8Array; isEvalSupported?: boolean; disableFontFace?: boolean; useSystemFonts?: boolean; verbosity?: number }): {
    promise: Promise<PdfDocument>;
  };
}
interface PdfDocument {
  numPages: number;
  getPage(n: number): Promise<{ getTextContent(): Promise<{ items: unknown[] }> }>;
  destroy(): Promise<void>;
}
interface TextItem {
  str: string;
  transform: number[];
  width: number;
}

const isTextItem = (i: unknown): i is TextItem => typeof (i as TextItem).str === 'string' && Array.isArray((i as TextItem).transform);

interface Placed {
  x: number;
  y: number;
  end: number;
  size: number;
  str: string;
}

/** One page's items as laid-out lines: top to bottom, left to right; gaps of a column become runs of spaces. */
function layOut(items: Placed[], left: number): string[] {
  const lines: Placed[][] = [];
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  for (const it of sorted) {
    const line = lines[lines.length - 1];
    // Same baseline, within a fraction of the text size (a superscript sits a little higher: same line).
    if (line && Math.abs(line[0].y - it.y) <= Math.max(line[0].size, it.size) * 0.45) line.push(it);
    else lines.push([it]);
  }
  return lines.map((line) => {
    line.sort((a, b) => a.x - b.x);
    const charWidth = Math.max(1, Math.min(...line.map((i) => i.size)) * 0.5);
    let out = ' '.repeat(Math.max(0, Math.round((line[0].x - left) / charWidth)));
    let end = line[0].x;
    for (const it of line) {
      const gap = it.x - end;
      if (out.trim() !== '') {
        if (gap > it.size * 0.9) out += '   ';
        else if (gap > it.size * 0.12 && !out.endsWith(' ') && !it.str.startsWith(' ')) out += ' ';
      }
      out += it.str;
      end = Math.max(end, it.end);
    }
    return out.trimEnd();
  });
}

/** The PDF's text laid out by position, pages separated by form feeds. */
export async function pdfLaidOutText(bytes: Uint8Array, pdfjs: PdfJs): Promise<string> {
  // pdf.js takes ownership of the buffer it is given: give it a copy.
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    const pages: Placed[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      pages.push(
        content.items.filter(isTextItem).filter((i) => i.str.trim() !== '').map((i) => {
          const size = Math.hypot(i.transform[2], i.transform[3]) || Math.abs(i.transform[0]) || 10;
          return { x: i.transform[4], y: i.transform[5], end: i.transform[4] + i.width, size, str: i.str };
        }),
      );
    }
    const left = Math.min(...pages.flat().map((i) => i.x));
    return pages.map((p) => layOut(p, left).join('\n')).join('\n\f');
  } finally {
    await doc.destroy();
  }
}
