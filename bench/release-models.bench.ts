/**
 * One release's model and its checks, over the 24 releases of the library bench (test/library-releases: the real
 * Q2 2024 release and 23 SYNTHETIC ones): each text is read and parsed once, then buildModel + checks() alone are
 * timed — the first pass in this fresh process (cold), then, after 10 passes more to warm up, the median of 10 warm
 * passes, and the memory allocated per warm pass (sampled).
 *
 * Prints figures only; asserts nothing timed.
 *
 *   node -r ./scripts/register-ts.js bench/release-models.bench.ts
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { Session } from 'inspector';
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
  // Allocation per warm pass: V8's sampling heap profiler over 5 passes, counting the objects the young and old
  // generation collections reclaimed too (heap growth alone misses whatever a collection during the pass freed).
  const session = new Session();
  session.connect();
  const post = <T = unknown>(method: string, params?: object) =>
    new Promise<T>((resolve, reject) => session.post(method, params, (e: Error | null, r?: object) => (e ? reject(e) : resolve(r as T))));
  await post('HeapProfiler.enable');
  await post('HeapProfiler.startSampling', { samplingInterval: 256, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  for (let i = 0; i < 5; i++) pass(releases);
  type Node = { selfSize: number; children: Node[] };
  const { profile } = await post<{ profile: { head: Node } }>('HeapProfiler.stopSampling');
  session.disconnect();
  const total = (n: Node): number => n.children.reduce((a, c) => a + total(c), n.selfSize);
  const allocated = total(profile.head) / 5;
  console.log(`buildModel + checks() of ${releases.length} parsed releases (${checks} checks): cold ${cold.toFixed(1)} ms (first pass, fresh process); warm ${median(warm).toFixed(1)} ms (median of 10), ≈ ${(allocated / 1024 / 1024).toFixed(1)} MB allocated per warm pass`);
}
void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
