/**
 * Custom functions: 10,000 mixed KC.METRIC calls through the BUILT bundle (as Excel calls them, by id from
 * functions.json), side by side with a plain Map lookup of precomputed numbers in the same run; and the time
 * from loading the bundle to every function being associated. Prints figures; asserts nothing.
 */
import { existsSync } from 'fs';
import { join } from 'path';
import { DIST, loadBundle } from '../test/support/load-bundle';

if (!existsSync(join(DIST, 'functions.json'))) {
  console.log('dist/ is missing: run `npm run build` first');
  process.exit(1);
}

const loads: number[] = [];
let bundle = loadBundle();
for (let i = 0; i < 9; i++) {
  bundle = loadBundle();
  loads.push(bundle.loadMs);
}
loads.sort((a, b) => a - b);
const metric = bundle.associated.get('METRIC')!;
async function main() {
await metric('total_revenues', 'Q2-2024'); // first call fetches the release and builds the shared model
const t0 = process.hrtime.bigint();
const freshLoad = loadBundle();
await freshLoad.associated.get('METRIC')!('total_revenues', 'Q2-2024');
const firstCallMs = Number(process.hrtime.bigint() - t0) / 1e6;

const metrics = ['total_revenues', 'adj_ebitda', 'gross_margin', 'net_loss', 'cash', 'cfo', 'adj_gross_profit', 'eps_basic_diluted', 'sbc', 'total_assets'];
const periods = ['Q2-2024', '2Q24', 'Q1-2024', 'H1 2024', 'q2-2023', '2024-06-30', 'Q2 2024', '1H24'];
const currencies = [undefined, 'USD', 'RMB'];
const calls: [string, string, string | undefined][] = [];
for (let i = 0; i < 10_000; i++) calls.push([metrics[i % metrics.length], periods[(i * 7) % periods.length], currencies[(i * 3) % currencies.length]]);

// Precompute the answers into a plain Map, keyed the same way a cache would be.
const map = new Map<string, number>();
const valid: typeof calls = [];
for (const [m, p, c] of calls) {
  try {
    map.set(`${m}|${p}|${c ?? ''}`, (await metric(m, p, c)) as number);
    valid.push([m, p, c]);
  } catch {
    // an unavailable combination (e.g. cash flow for H1-2023): not part of the timing
  }
}

async function time(fn: () => Promise<number> | number, rounds = 15): Promise<number> {
  const runs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const s = process.hrtime.bigint();
    await fn();
    runs.push(Number(process.hrtime.bigint() - s));
  }
  runs.sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)] / valid.length;
}

let sink = 0;
// Excel calls the functions of a recalculation together and awaits their promises: so does this loop.
const kc = await time(async () => {
  const results = await Promise.all(valid.map(([m, p, c]) => metric(m, p, c) as Promise<number>));
  for (const v of results) sink += v;
  return sink;
});
const plain = await time(() => {
  for (const [m, p, c] of valid) sink += map.get(`${m}|${p}|${c ?? ''}`)!;
  return sink;
});

console.log(`KC.METRIC, ${valid.length} mixed calls through the built bundle (async, awaited together): ${kc.toFixed(0)} ns/call`);
console.log(`plain Map lookup of precomputed numbers, same keys:      ${plain.toFixed(0)} ns/call`);
console.log(`ratio: ${(kc / plain).toFixed(2)}x (target: <= 3x)`);
console.log(`bundle load to all ${bundle.associated.size} functions associated: median ${loads[4].toFixed(1)} ms (min ${loads[0].toFixed(1)}, max ${loads[8].toFixed(1)})`);
console.log(`load + first call (parses and checks the release, builds the model): ${firstCallMs.toFixed(1)} ms`);
if (Number.isNaN(sink)) console.log('');
}
void main();
