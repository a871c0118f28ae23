import { htmlToReleaseText } from './html';
import { parseHtmlNode } from './html-node';
import type { FormReaders } from './read-input';

/** The form readers of the Node build (CLI, tests, benches): htmlparser2 for HTML. */
export const nodeFormReaders: FormReaders = {
  html: (html) => htmlToReleaseText(html, parseHtmlNode),
};
