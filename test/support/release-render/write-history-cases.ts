/**
 * Writes the SYNTHETIC library of releases in test/library-releases/: one consistent history of invented quarters
 * (test/support/synthetic-history.ts, real wherever the shipped Q2 2024 release prints a period), each release
 * rendered by synthetic.ts in a form that rotates (OCR-style text, EDGAR-style HTML, a newswire copy, a PDF's
 * `pdftotext -layout` text, one PDF). `history/` holds Q1 2023 … Q3 2025 with the shipped release itself for
 * Q2 2024; `earlier/` Q4 2019 … Q4 2022 (the bench's 24 releases are both). Synthetic test data: never in assets/
 * or the add-in. Run again when the generator changes:
 *
 *   node -r ./scripts/register-ts.js test/support/release-render/write-history-cases.ts
 */
import Decimal from 'decimal.js';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { nodeFormReaders } from '../../../src/filing/node-readers';
import { readReleaseInput } from '../../../src/filing/read-input';
import { join } from 'path';
import { acceptRelease } from '../../../src/model/gate';
import { SHIPPED_RELEASE_TEXT } from '../../../src/filing/shipped';
import { browserForms, pdftotext } from './browser';
import { renderEdgarHtml, renderSource } from './html';
import { SYNTHETIC_NOTE } from './synthetic';
import { wireCopy, wireHtml } from './wire';
import { EARLIER_RELEASES, HISTORY_RELEASES, historyForm, historyReleaseText } from '../synthetic-history';

export const LIBRARY_ROOT = join(__dirname, '..', '..', 'library-releases');
const EXT = { 'ocr-text': 'txt', 'edgar-html': 'htm', 'newswire-copy': 'txt', 'pdftotext-layout': 'txt', pdf: 'pdf' } as const;

const failing = (text: string) => {
  const v = acceptRelease(text);
  if (v.accepted) return [];
  const checks = v.checks.filter((c) => !c.pass);
  return checks.length ? checks : v.failing.map((f) => ({ id: f.id, period: '', expected: new Decimal(0), actual: new Decimal(0) }));
};

async function write(folder: string, quarters: string[]): Promise<void> {
  const dir = join(LIBRARY_ROOT, folder);
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(dir)) if (/\.(txt|htm|pdf)$/.test(f)) rmSync(join(dir, f));
  for (const q of quarters) {
    const name = `${q.slice(3)}-q${q[1]}`;
    if (q === 'Q2-2024') {
      // The real release, as received.
      writeFileSync(join(dir, `${name}-shipped-ocr-text.txt`), SHIPPED_RELEASE_TEXT);
      continue;
    }
    const { text } = historyReleaseText(q, failing);
    const form = historyForm(q);
    const file = join(dir, `${name}-synthetic-${form}.${EXT[form]}`);
    if (form === 'ocr-text') writeFileSync(file, text);
    else {
      const html = renderEdgarHtml(renderSource(text));
      if (form === 'edgar-html') writeFileSync(file, html);
      else if (form === 'newswire-copy') writeFileSync(file, `${SYNTHETIC_NOTE}\n\n${wireCopy((await browserForms(wireHtml(html))).innerText)}`);
      else {
        const { pdf } = await browserForms(html);
        writeFileSync(file, form === 'pdf' ? pdf : `${SYNTHETIC_NOTE}\n\n${pdftotext(pdf, true)}`);
      }
    }
    // Read back as kc-model reads it: the rendered form must pass the gate too.
    const read = await readReleaseInput(new Uint8Array(readFileSync(file)), nodeFormReaders);
    const v = acceptRelease(read.source, read.repairs);
    if (!v.accepted) throw new Error(`${file} is refused: ${v.failing.map((f) => f.id).join(', ')}`);
    console.log(file);
  }
}

async function main(): Promise<void> {
  await write('history', HISTORY_RELEASES);
  await write('earlier', EARLIER_RELEASES);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
