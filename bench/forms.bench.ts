/**
 * Reading a release, per form: the input read by content (readReleaseInput: diagnosis, normalisation, the form's
 * reader) then parsed and checked (parseRelease + buildModel + checks), warm (median of RUNS runs after WARM_UP),
 * on the cases of test/releases/. Targets: text ≤ 10 ms warm, HTML ≤ 30 ms warm; PDF text extraction (pdf.js) is
 * measured. Prints figures only; asserts nothing timed.
 *
 *   node -r ./scripts/register-ts.js bench/forms.bench.ts
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { parseRelease } from '../src/filing';
import { nodeFormReaders } from '../src/filing/node-readers';
import { readReleaseInput } from '../src/filing/read-input';
import { buildModel } from '../src/model';

const CASES = join(__dirname, '..', 'test', 'releases');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const now = () => process.hrtime.bigint();
const msSince = (t: bigint) => Number(now() - t) / 1e6;

const TARGETS: Record<string, number> = { text: 10, copied_text: 10, pdf_text: 10, html: 30 };

async function bench(name: string, bytes: Uint8Array): Promise<void> {
  const slow = name.endsWith('pdf');
  const WARM_UP = slow ? 2 : 10;
  const RUNS = slow ? 7 : 51;
  const cold = now();
  let input = await readReleaseInput(bytes, nodeFormReaders);
  const coldMs = msSince(cold);
  for (let i = 0; i < WARM_UP; i++) buildModel(parseRelease((await readReleaseInput(bytes, nodeFormReaders)).source)).checks();
  const read: number[] = [];
  const total: number[] = [];
  let facts = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = now();
    input = await readReleaseInput(bytes, nodeFormReaders);
    const t1 = now();
    const release = parseRelease(input.source);
    buildModel(release).checks();
    read.push(Number(t1 - t0) / 1e6);
    total.push(msSince(t0));
    facts = release.facts.length;
  }
  const target = TARGETS[input.form];
  const verdict = target === undefined ? 'measured' : median(total) <= target ? `target ≤ ${target} ms met` : `target ≤ ${target} ms NOT met`;
  console.log(
    `  ${name.padEnd(40)} ${input.form.padEnd(12)} read ${median(read).toFixed(2).padStart(7)} ms   read+parse+check ${median(total).toFixed(2).padStart(7)} ms warm (first ${coldMs.toFixed(1)} ms read)   ${facts} facts   ${verdict}`,
  );
}

async function main(): Promise<void> {
  console.log('Reading a release, per form (median, warm):');
  // One input file per case: a release given as its two exhibits (input-ex99-1.*, input-ex99-2.*) is not a form.
  const withGrid = (c: string) => readdirSync(join(CASES, c)).includes('expected.tsv') && readdirSync(join(CASES, c)).some((f) => f.startsWith('input.'));
  for (const c of readdirSync(CASES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).filter(withGrid).sort()) {
    const input = readdirSync(join(CASES, c)).find((f) => f.startsWith('input.'))!;
    await bench(c, readFileSync(join(CASES, c, input)));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
