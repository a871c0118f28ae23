import { parseDocument } from 'htmlparser2';
import type { AnyNode } from 'domhandler';
import type { HtmlNode, HtmlParser } from './html';

/**
 * The HTML parser: htmlparser2, a maintained parser that decodes entities (&#160;, &amp;) and tolerates the
 * unclosed tags EDGAR exhibits have. The CLI bundles it; the add-in fetches it as a chunk of its own the first time
 * an HTML file is opened (taskpane/add-release.ts), so both read an exhibit with the same parser.
 */
function wrap(node: AnyNode): HtmlNode {
  switch (node.type) {
    case 'text':
      return { type: 'text', name: '', data: node.data, children: [] };
    case 'tag':
    case 'script':
    case 'style':
      return { type: 'element', name: node.name.toLowerCase(), data: '', children: node.children.map(wrap) };
    case 'root':
      return { type: 'other', name: '', data: '', children: node.children.map(wrap) };
    default:
      return { type: 'other', name: '', data: '', children: [] };
  }
}

export const parseHtmlNode: HtmlParser = (html) => wrap(parseDocument(html, { decodeEntities: true, lowerCaseTags: true }));
