import { htmlToReleaseText } from './html';
import { parseHtmlNode } from './html-node';
import { readLaidOutPdfText } from './pdf-layout';
import { loadKeepingBuiltins } from './keep-builtins';
import { pdfLaidOutText, type PdfJs } from './pdf';
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
  }
  return pdfjs;
}

/**
 * pdf.js ships ≈ 6 MB of source maps with its ≈ 2 MB of code. With source maps on (the CLI and the dev loader turn
 * them on for readable stack traces of our own code), Node reads and parses pdf.js's as its code loads: ≈ 70 MB held
 * for the life of the process and ≈ 0.25 s added to the first PDF. They are off while pdf.js and its worker code
 * (loaded when the first document opens) load; reads that overlap turn them back on when the last one ends.
 */
let readsWithoutMaps = 0;
let mapsWereOn = false;
async function withoutSourceMaps<T>(read: () => Promise<T>): Promise<T> {
  if (readsWithoutMaps++ === 0) {
    mapsWereOn = process.sourceMapsEnabled === true; // undefined before Node 20.7: left as it is
    if (mapsWereOn) process.setSourceMapsEnabled(false);
  }
  try {
    return await read();
  } finally {
    if (--readsWithoutMaps === 0 && mapsWereOn) process.setSourceMapsEnabled(true);
  }
}

/** The form readers of the Node build (CLI, tests, benches): htmlparser2 for HTML, pdf.js for PDF. */
export const nodeFormReaders: FormReaders = {
  html: (html) => htmlToReleaseText(html, parseHtmlNode),
  // The built-ins pdf.js's legacy build replaces as it loads (and its worker code, loaded when a document opens) are
  // put back: left, they slow every array of the process (keep-builtins.ts).
  pdf: async (bytes) => readLaidOutPdfText((await withoutSourceMaps(() => loadKeepingBuiltins(() => pdfLaidOutText(bytes, loadPdfJs())))).value),
};
