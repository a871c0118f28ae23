/**
 * Writes the release cases of test/releases/ from the shipped Q2 2024 release: its OCR text as received, and its
 * renderings (SYNTHETIC test data: made here by the test renderer and headless Chromium, not files we received).
 * Each case folder holds one input file and expected.tsv, the whole grid the shipped text gives. Run it again
 * when the renderer changes:
 *
 *   node -r ./scripts/register-ts.js test/support/release-render/write-cases.ts
 */
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { parseRelease } from '../../../src/filing';
import { SHIPPED_RELEASE_TEXT } from '../../../src/filing/shipped';
import { browserForms, pdftotext } from './browser';
import { gridTsv } from './grid-tsv';
import { renderEdgarHtml, renderSource } from './html';
import { wireCopy, wireHtml } from './wire';

const ROOT = join(__dirname, '..', '..', 'releases');
const NOTE = 'SYNTHETIC TEST DATA: a rendering of the shipped Q2 2024 release made by test/support/release-render; not a file we received.';

function writeCase(name: string, file: string, content: string | Uint8Array, expected: string): void {
  const dir = join(ROOT, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, file), content);
  writeFileSync(join(dir, 'expected.tsv'), expected);
}

async function main(): Promise<void> {
  const expected = gridTsv(parseRelease(SHIPPED_RELEASE_TEXT));
  const html = renderEdgarHtml(renderSource(SHIPPED_RELEASE_TEXT));
  const page = await browserForms(html);
  const wire = await browserForms(wireHtml(html));
  writeCase('q2-2024-ocr-text', 'input.txt', SHIPPED_RELEASE_TEXT, expected);
  writeCase('q2-2024-edgar-html', 'input.htm', html, expected);
  // Text forms open with a line that says what they are (a paragraph the parser passes over).
  writeCase('q2-2024-browser-copy', 'input.txt', `${NOTE}\n\n${page.innerText}`, expected);
  writeCase('q2-2024-newswire-copy', 'input.txt', `${NOTE}\n\n${wireCopy(wire.innerText)}`, expected);
  writeCase('q2-2024-pdf', 'input.pdf', page.pdf, expected);
  writeCase('q2-2024-pdftotext-layout', 'input.txt', `${NOTE}\n\n${pdftotext(page.pdf, true)}`, expected);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
