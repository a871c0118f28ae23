/**
 * Writes the SYNTHETIC release cases of test/releases/ for the other quarter layouts: a first-, third- and
 * fourth-quarter release made by synthetic.ts (invented figures, consistent by construction), in every form: the
 * OCR-style text with the shipped text's kinds of defects, EDGAR-style HTML, Chromium's copy of it and its printed
 * PDF, a newswire copy, and the PDF's `pdftotext -layout` text. Each case's expected.tsv is the grid of the clean
 * synthetic text. Synthetic test data: never in assets/ or the add-in. Run again when the generator changes:
 *
 *   node -r ./scripts/register-ts.js test/support/release-render/write-synthetic-cases.ts
 *   SYNTHETIC_ONLY=q1-2025 node -r ./scripts/register-ts.js test/support/release-render/write-synthetic-cases.ts
 */
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { parseRelease } from '../../../src/filing';
import { acceptRelease } from '../../../src/model/gate';
import { browserForms, pdftotext } from './browser';
import { gridTsv } from './grid-tsv';
import { renderEdgarHtml, renderSource } from './html';
import { consistentRelease, SYNTHETIC_NOTE, syntheticRelease, type SyntheticSpec } from './synthetic';
import { wireCopy, wireHtml } from './wire';
import { gateReport } from '../../../src/cli/check';
import { nodeFormReaders } from '../../../src/filing/node-readers';
import { readReleaseInput } from '../../../src/filing/read-input';
import { alteredTotal, refusalLines, swappedColumns, truncated } from './refusal';

const ROOT = join(__dirname, '..', '..', 'releases');

/** The releases: quarter, year and that quarter-end's noon buying rate. */
export const SYNTHETIC_RELEASES: SyntheticSpec[] = [
  { q: 1, year: 2025, rate: '7.2567' },
  { q: 3, year: 2024, rate: '7.0176' },
  { q: 4, year: 2024, rate: '7.2993' },
];

function writeCase(name: string, file: string, content: string | Uint8Array, expected: string): void {
  const dir = join(ROOT, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, file), content);
  writeFileSync(join(dir, 'expected.tsv'), expected);
}

async function main(): Promise<void> {
  if (!process.env.SYNTHETIC_ONLY || process.env.SYNTHETIC_ONLY === 'two-exhibits') writeTwoExhibits();
  // SYNTHETIC_ONLY=q1-2025 rewrites one release's cases (the others' PDFs would differ by their print date only).
  const only = process.env.SYNTHETIC_ONLY;
  for (const spec of SYNTHETIC_RELEASES.filter((s) => !only || only === `q${s.q}-${s.year}`)) {
    const accepted = (t: string) => acceptRelease(t).accepted;
    const clean = consistentRelease(spec, accepted);
    const seed = spec.seed ?? spec.q * 7919 + spec.year;
    const name = `synthetic-q${spec.q}-${spec.year}`;
    const expected = gridTsv(parseRelease(clean.text));
    const withDefects = syntheticRelease({ ...spec, seed: findSeed(clean.text, spec, seed), defects: ['thousands_dot', 'garbage_row', 'wrapped_label', 'dash_misread', 'lost_labels'] }).text;
    writeCase(`${name}-ocr-text`, 'input.txt', withDefects, expected);
    const html = renderEdgarHtml(renderSource(clean.text));
    const page = await browserForms(html);
    const wire = await browserForms(wireHtml(html));
    writeCase(`${name}-edgar-html`, 'input.htm', html, expected);
    writeCase(`${name}-browser-copy`, 'input.txt', `${SYNTHETIC_NOTE}\n\n${page.innerText}`, expected);
    writeCase(`${name}-newswire-copy`, 'input.txt', `${SYNTHETIC_NOTE}\n\n${wireCopy(wire.innerText)}`, expected);
    writeCase(`${name}-pdf`, 'input.pdf', page.pdf, expected);
    writeCase(`${name}-pdftotext-layout`, 'input.txt', `${SYNTHETIC_NOTE}\n\n${pdftotext(page.pdf, true)}`, expected);
    // Rejections in this layout: read, and refused by the gate with exactly these failing checks.
    const refused = async (kind: string, file: string, content: string) => {
      const dir = join(ROOT, `${name}-${kind}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, file), content);
      const read = await readReleaseInput(new TextEncoder().encode(content), nodeFormReaders);
      writeFileSync(join(dir, 'expected-refused.txt'), refusalLines(gateReport(read.source, read.repairs)).join('\n') + '\n');
    };
    await refused('altered-total-text', 'input.txt', alteredTotal(clean.text));
    await refused('swapped-columns-text', 'input.txt', swappedColumns(clean.text));
    await refused('truncated-text', 'input.txt', truncated(clean.text));
    const total = clean.figures.get('income_statement.total_revenues')!.get(`${clean.periods.quarter}|RMB`)!;
    const printed = Number(total).toLocaleString('en-US');
    if (!html.includes(`>${printed}<`)) throw new Error('total not found in the HTML');
    const alteredHtml = html.replace(`>${printed}<`, `>${Number(total.add(100)).toLocaleString('en-US')}<`);
    await refused('altered-total-html', 'input.htm', alteredHtml);
    if (spec.q === 3) {
      // The year-to-date columns printed first: the reader takes each table's columns from its headers.
      writeCase(`${name}-ytd-first-text`, 'input.txt', syntheticRelease({ ...spec, seed: findSeed(clean.text, spec, seed), ytdFirst: true }).text, expected);
    }
  }
}

/**
 * A first-quarter release filed as two exhibits (as KC filed Q1 2023): the press release (Exhibit 99.1) and its
 * statements (Exhibit 99.2), as EDGAR-style HTML, split at the first statement's title; the case's grid is the whole
 * release's.
 */
function writeTwoExhibits(): void {
  const spec: SyntheticSpec = { q: 1, year: 2023, rate: '6.8676' };
  const whole = consistentRelease(spec, (t) => acceptRelease(t).accepted).text;
  const source = renderSource(whole);
  const first = source.parts.findIndex((p) => p.kind === 'prose' && p.block.lines.some((l) => /CONDENSED CONSOLIDATED BALANCE SHEETS/.test(l)));
  if (first < 0) throw new Error('no statement title');
  const dir = join(ROOT, 'synthetic-q1-2023-two-exhibits-html');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'input-ex99-1.htm'), renderEdgarHtml({ ...source, parts: source.parts.slice(0, first) }));
  writeFileSync(join(dir, 'input-ex99-2.htm'), renderEdgarHtml({ ...source, parts: source.parts.slice(first) }));
  writeFileSync(join(dir, 'expected.tsv'), gridTsv(parseRelease(whole)));
}

/** The seed consistentRelease settled on (the one whose text is `text`). */
function findSeed(text: string, spec: SyntheticSpec, first: number): number {
  for (let seed = first; seed < first + 200; seed++) if (syntheticRelease({ ...spec, seed }).text === text) return seed;
  throw new Error('seed not found');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
