/**
 * One release's model and its checks, over the 24 releases of the library bench (test/library-releases: the real
 * Q2 2024 release and 23 SYNTHETIC ones): each text is read and parsed once, then buildModel + checks() alone are
 * timed — the first pass in this fresh process (cold), then, after 10 passes more to warm up, the median of 10 warm
 * passes, with the heap allocated per warm pass.
 *
 * Prints figures only; asserts nothing timed.
 *
 *   node -r ./scripts/register-ts.js bench/release-models.bench.ts
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import v8 from 'v8';
import vm from 'vm';
import { parseRelease, type ParsedRelease } from '../src/filing';
import { nodeFormReaders } from '../src/filing/node-readers';
import { readReleaseInput } from '../src/filing/read-input';
import { withReaderRepairs } from '../src/filing/reader-repairs';
import { buildModel } from '../src/model/model';

const now = () => process.hrtime.bigint();
const msSince = (t: bigint) => Number(now() - t) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const ROOT = join(__dirname, '..', 'test', 'library-releases');
const files = ['earlier', 'history'].flatMap((d) => readdirSync(join(ROOT, d)).filter((f) => /\.(txt|htm|pdf)$/.test(f)).sort().map((f) => join(ROOT, d, f)));

function pass(releases: ParsedRelease[]): number {
  let n = 0;
  for (const r of releases) n += buildModel(r).checks().length;
  return n;
}

async function main() {
  const releases: ParsedRelease[] = [];
  for (const f of files) {
    const r = await readReleaseInput(new Uint8Array(readFileSync(f)), nodeFormReaders);
    releases.push(withReaderRepairs(parseRelease(r.source), r.repairs));
  }
  let t = now();
  const checks = pass(releases);
  const cold = msSince(t);
  for (let i = 0; i < 10; i++) pass(releases);
  const warm: number[] = [];
  for (let i = 0; i < 10; i++) {
    t = now();
    pass(releases);
    warm.push(msSince(t));
  }
  // Allocation: the heap's growth over one pass started on an emptied heap (the young generation holds a pass).
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const heap: number[] = [];
  for (let i = 0; i < 5; i++) {
    gc();
    const h = process.memoryUsage().heapUsed;
    pass(releases);
    heap.push(process.memoryUsage().heapUsed - h);
  }
  console.log(`buildModel + checks() of ${releases.length} parsed releases (${checks} checks): cold ${cold.toFixed(1)} ms (first pass, fresh process); warm ${median(warm).toFixed(1)} ms (median of 10), ≈ ${(median(heap) / 1024 / 1024).toFixed(1)} MB allocated per warm pass`);
}
void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
