/**
 * The library model over many releases:
 *
 * 1. Cold: 24 release texts through the one gate (parse, model, checks) and the library built from them, in a fresh
 *    process (the first thing this file does). The parser reads second-quarter layouts, so the 24 texts are the
 *    shipped release read 24 times: the parsing and checking cost of 24 releases, in one library. Target ≤ 150 ms.
 * 2. The library of 24 distinct quarters (Q1 2019 … Q4 2024: the real Q2 2024 release and 23 SYNTHETIC parsed
 *    releases, test data from test/support/synthetic-library.ts): build time, values, restatements, chain checks,
 *    and the heap it holds.
 * 3. KC.METRIC on that library (the functions' source, called as Excel calls them once the model is loaded) vs a
 *    plain Map lookup of precomputed numbers, same arguments, same run. Target ≤ 1.5×.
 *
 * Prints figures only; asserts nothing timed.
 *
 *   node -r ./scripts/register-ts.js bench/library.bench.ts
 */
import v8 from 'v8';
import vm from 'vm';
import { SHIPPED_RELEASE_TEXT } from '../src/filing/shipped';
import { acceptLibrary } from '../src/model/library-gate';

const now = () => process.hrtime.bigint();
const msSince = (t: bigint) => Number(now() - t) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// ---- 1. cold: 24 texts through the gate into one library ----------------------------------------------------
const t0 = now();
const cold = acceptLibrary(Array.from({ length: 24 }, (_, i) => ({ text: SHIPPED_RELEASE_TEXT, name: `copy ${i + 1}` })));
const coldMs = msSince(t0);
console.log(`24 release texts through the gate + library, cold: ${coldMs.toFixed(0)} ms (target ≤ 150 ms); ${cold.library!.releases().length} accepted, chains ${cold.library!.chainChecks().length} (${cold.library!.chainChecks().filter((c) => !c.pass).length} failing)`);
const warm: number[] = [];
for (let i = 0; i < 5; i++) {
  const t = now();
  acceptLibrary(Array.from({ length: 24 }, () => ({ text: SHIPPED_RELEASE_TEXT })));
  warm.push(msSince(t));
}
console.log(`  the same, warm (median of 5): ${median(warm).toFixed(0)} ms`);

async function main() {
  // Loaded after the cold run, so that it does not warm the parser first.
  const { buildLibrary } = await import('../src/model/library');
  const { syntheticEntry, shippedEntry } = await import('../test/support/synthetic-library');
  const ids: string[] = [];
  for (let y = 2019; y <= 2024; y++) for (let q = 1; q <= 4; q++) ids.push(`Q${q}-${y}`);
  const entries = ids.map((id) => (id === 'Q2-2024' ? shippedEntry() : syntheticEntry(id)));

  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  gc();
  const before = process.memoryUsage().heapUsed;
  const tb = now();
  const lib = buildLibrary(entries);
  const buildMs = msSince(tb);
  gc();
  const heap = process.memoryUsage().heapUsed - before;
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = now();
    buildLibrary(entries);
    times.push(msSince(t));
  }
  console.log(`library of 24 quarters (${ids[0]} … ${ids[ids.length - 1]}; 23 synthetic): built in ${buildMs.toFixed(0)} ms first, ${median(times).toFixed(0)} ms warm (median of 5)`);
  console.log(`  ${lib.values().length} values, ${lib.periods().length} periods, ${lib.restatements().length} restatements, ${lib.chainChecks().length} chain checks (${lib.chainChecks().filter((c) => !c.pass).length} failing)`);
  console.log(`  heap held by the library (its own structures; the releases' models it shares are built before): ${(heap / 1024 / 1024).toFixed(1)} MB`);

  // ---- 3. KC.METRIC vs a Map ------------------------------------------------------------------------------
  const { installGlobalRuntime } = await import('../test/support/custom-functions-runtime');
  installGlobalRuntime();
  const { setModelLoader, sharedModel } = await import('../src/model/shared');
  const KC = await import('../src/functions/functions');
  setModelLoader(async () => lib);
  await sharedModel();
  const metrics = ['total_revenues', 'adj_ebitda', 'gross_margin', 'net_loss', 'cash', 'cfo', 'gross_profit', 'total_revenues'];
  const periods = ['Q2-2024', '2Q23', 'Q1-2021', 'H1 2022', 'FQ0', 'LTM', 'FY-2020', 'Q3-2019', '9M-2023', 'FQ-5'];
  const currencies = [undefined, 'USD', 'RMB'];
  const calls: [string, string, string | undefined][] = [];
  for (let i = 0; i < 10_000; i++) calls.push([metrics[i % metrics.length], periods[(i * 7) % periods.length], currencies[(i * 3) % currencies.length]]);
  const map = new Map<string, number>();
  const valid = calls.filter(([m, p, c]) => {
    try {
      map.set(`${m}|${p}|${c ?? ''}`, KC.metric(m, p, c) as number);
      return true;
    } catch {
      return false;
    }
  });
  let sink = 0;
  const fnTimes: number[] = [];
  const mapTimes: number[] = [];
  for (let round = 0; round < 21; round++) {
    let t = now();
    for (const [m, p, c] of valid) sink += KC.metric(m, p, c) as number;
    fnTimes.push(msSince(t));
    t = now();
    for (const [m, p, c] of valid) sink += map.get(`${m}|${p}|${c ?? ''}`)!;
    mapTimes.push(msSince(t));
  }
  const f = median(fnTimes.slice(5));
  const mp = median(mapTimes.slice(5));
  console.log(`KC.METRIC on the 24-quarter library, ${valid.length.toLocaleString('en-US')} mixed calls (relative periods and LTM included): ${((f * 1e6) / valid.length).toFixed(0)} ns/call; Map lookup ${((mp * 1e6) / valid.length).toFixed(0)} ns/call → ${(f / mp).toFixed(2)}× (target ≤ 1.5×) [${sink > 0 ? '' : ' '}]`);
}
void main();
