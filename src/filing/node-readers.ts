import { htmlToReleaseText } from './html';
import { parseHtmlNode } from './html-node';
import { readLaidOutPdfText } from './pdf-layout';
import { pdfLaidOutText, type PdfJs } from './pdf';
import type { CopiedText } from './copied-text';
import type { FormReaders } from './read-input';

/**
 * pdf.js, loaded the first time a PDF is opened (the CLI bundle keeps it external: see webpack.config.js). At load
 * it warns on stdout that it cannot draw without the canvas package: reading text needs no drawing, and stdout is
 * the CLI's output (--json), so those load-time warnings are held back.
 */
let pdfjs: PdfJs | undefined;
function loadPdfJs(): PdfJs {
  if (pdfjs) return pdfjs;
  const log = console.log;
  console.log = () => undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    pdfjs = require('pdfjs-dist/legacy/build/pdf.js') as PdfJs;
  } finally {
    console.log = log;
    restoreBuiltins();
  }
  return pdfjs;
}

/**
 * Built-ins that pdf.js's legacy build replaces with its polyfills (core-js) when it loads, and its worker again when
 * the first document opens: under Node 20 Array.prototype.push and JSON.parse became functions giving the same
 * results many times slower, for the whole process — after one PDF was read, every later push (the parser, the
 * model, the library) went through the polyfill. They are kept as this module found them and put back after each
 * PDF is read; pdf.js reads its text as well with the native ones.
 */
const KEPT_BUILTINS = ([
  [Array.prototype, 'push'],
  [JSON, 'parse'],
] as [object, PropertyKey][]).map(([owner, key]) => [owner, key, Object.getOwnPropertyDescriptor(owner, key)] as const);

function restoreBuiltins(): void {
  for (const [owner, key, descriptor] of KEPT_BUILTINS) if (descriptor) Object.defineProperty(owner, key, descriptor);
}

async function readPdf(bytes: Uint8Array): Promise<CopiedText> {
  try {
    return readLaidOutPdfText(await pdfLaidOutText(bytes, loadPdfJs()));
  } finally {
    restoreBuiltins();
  }
}

/** The form readers of the Node build (CLI, tests, benches): htmlparser2 for HTML, pdf.js for PDF. */
export const nodeFormReaders: FormReaders = {
  html: (html) => htmlToReleaseText(html, parseHtmlNode),
  pdf: readPdf,
};
