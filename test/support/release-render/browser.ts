/**
 * TEST-ONLY: the forms a browser makes of the rendered (synthetic) HTML exhibit. Headless Chromium gives
 * - the text a user copies from the page (`document.body.innerText`: tab-separated cells, NBSP kept, a <br> in a
 *   header cell a line break inside the row, footnote markers flattened into the text), and
 * - the PDF the page prints to (`page.pdf()`), from which `pdftotext` (poppler) gives the PDF's text.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { chromium, type Browser } from 'playwright-core';

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface BrowserForms {
  /** What selecting the page and copying gives. */
  innerText: string;
  /** The page printed to PDF. */
  pdf: Uint8Array;
}

export async function browserForms(html: string): Promise<BrowserForms> {
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
    const page = await browser.newPage();
    // No outside request: the page is self-contained.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    const innerText = await page.evaluate(() => document.body.innerText);
    const pdf = await page.pdf({ format: 'Letter', landscape: true, margin: { top: '0.5in', bottom: '0.5in', left: '0.5in', right: '0.5in' }, printBackground: false });
    return { innerText, pdf: new Uint8Array(pdf) };
  } finally {
    await browser?.close();
  }
}

/** The text poppler's pdftotext gives from a PDF, with or without -layout. */
export function pdftotext(pdf: Uint8Array, layout: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'kc-pdf-'));
  const file = join(dir, 'release.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}
