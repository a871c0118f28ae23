import type { HtmlNode, HtmlParser } from './html';

/**
 * The HTML parser of the add-in: the browser's own DOMParser (no library in the bundle). `text/html` parsing never
 * runs scripts or loads resources; the tree is only walked for its text.
 */
function wrap(node: Node): HtmlNode {
  if (node.nodeType === 3) return { type: 'text', name: '', data: (node as Text).data, children: [] };
  const children = Array.from(node.childNodes, wrap);
  if (node.nodeType === 1) return { type: 'element', name: (node as Element).localName.toLowerCase(), data: '', children };
  return { type: 'other', name: '', data: '', children: node.nodeType === 9 || node.nodeType === 11 ? children : [] };
}

export const parseHtmlDom: HtmlParser = (html) => wrap(new DOMParser().parseFromString(html, 'text/html'));
