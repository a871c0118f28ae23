import { assembleReleaseText, joinSplitCells, rowLine, type TextPart } from './table-cells';

/**
 * The EDGAR HTML exhibit (Toppan Merrill style) to release text. The document is parsed by a real HTML parser
 * behind `HtmlNode`: htmlparser2 (html-node.ts), in the CLI and in the add-in alike. This
 * module only walks the tree: paragraphs become lines, tables become tab-separated rows with split cells joined
 * (see table-cells.ts), footnote markers (`<sup>`) are dropped, `<br>` in a header cell is a space.
 */
export interface HtmlNode {
  readonly type: 'element' | 'text' | 'other';
  /** Lower-case tag name of an element; '' otherwise. */
  readonly name: string;
  /** Text of a text node (entities decoded); '' otherwise. */
  readonly data: string;
  readonly children: readonly HtmlNode[];
}

/** Parses an HTML document into its tree (the document node). */
export type HtmlParser = (html: string) => HtmlNode;

const SKIP = new Set(['script', 'style', 'head', 'title', 'noscript', 'template', 'svg', 'math', 'object', 'iframe']);
const BLOCK = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'center', 'blockquote', 'section', 'article',
  'header', 'footer', 'body', 'html', 'hr', 'dl', 'dt', 'dd', 'pre', 'address', 'main', 'nav', 'caption',
]);
/** A `<sup>` holding a footnote marker: "1", "(2)", "*". */
const FOOTNOTE = /^\s*(\(?\d{1,2}\)?|\*{1,3}|[†‡])\s*$/;

function textOf(node: HtmlNode, inCell: boolean): string {
  if (node.type === 'text') return node.data;
  if (node.type !== 'element' || SKIP.has(node.name)) return '';
  if (node.name === 'br') return inCell ? ' ' : '\n';
  const inner = node.children.map((c) => textOf(c, inCell)).join('');
  if (node.name === 'sup' && FOOTNOTE.test(inner)) return '';
  return inner;
}

function rowsOf(table: HtmlNode): HtmlNode[] {
  const rows: HtmlNode[] = [];
  const walk = (n: HtmlNode) => {
    for (const c of n.children) {
      if (c.type !== 'element') continue;
      if (c.name === 'tr') rows.push(c);
      else if (c.name !== 'table') walk(c); // thead, tbody, tfoot; a nested table is its own table
    }
  };
  walk(table);
  return rows;
}

function tableRows(table: HtmlNode): string[] {
  const lines: string[] = [];
  for (const tr of rowsOf(table)) {
    const cells = tr.children.filter((c) => c.type === 'element' && (c.name === 'td' || c.name === 'th')).map((c) => textOf(c, true).replace(/\s+/g, ' ').trim());
    if (cells.every((c) => c === '')) continue;
    lines.push(rowLine(cells[0] ?? '', joinSplitCells(cells.slice(1))));
  }
  return lines;
}

/** Release text from a parsed HTML document. */
export function htmlTreeToReleaseText(root: HtmlNode): string {
  const parts: TextPart[] = [];
  let buffer = '';
  const flush = () => {
    for (const line of buffer.split('\n')) {
      const t = line.replace(/[ \t\f\v\u00A0]+/g, ' ').trim();
      if (t !== '') parts.push({ kind: 'paragraph', text: t });
    }
    buffer = '';
  };
  const walk = (node: HtmlNode) => {
    if (node.type === 'text') {
      buffer += node.data.replace(/[\r\n]+/g, ' ');
      return;
    }
    if (node.type !== 'element' && node.children.length === 0) return;
    if (node.type === 'element' && SKIP.has(node.name)) return;
    if (node.name === 'table') {
      flush();
      const rows = tableRows(node);
      // A layout table holding one cell of prose (cover pages do this) reads as its paragraphs.
      if (rows.length > 0 && rows.every((r) => !r.includes('\t'))) rows.forEach((r) => parts.push({ kind: 'paragraph', text: r }));
      else parts.push({ kind: 'table', rows });
      return;
    }
    if (node.name === 'br') {
      buffer += '\n';
      return;
    }
    if (node.name === 'sup') {
      buffer += textOf(node, false);
      return;
    }
    const block = BLOCK.has(node.name);
    if (block) flush();
    node.children.forEach(walk);
    if (block) flush();
  };
  walk(root);
  flush();
  return assembleReleaseText(parts);
}

/** Release text from an HTML document, with the given parser. */
export function htmlToReleaseText(html: string, parse: HtmlParser): string {
  return htmlTreeToReleaseText(parse(html));
}
