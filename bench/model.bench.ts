/**
 * The calculation module, timed:
 *
 * 1. Parse and check the seed: parseRelease + buildModel + checks() on the shipped release, warm (the median of
 *    RUNS runs after WARM_UP runs). Target: under 10 ms warm.
 * 2. One Model.get query (mixed metrics, periods in several spellings, currencies), QUERIES iterations after a
 *    warm-up, side by side with a plain Map lookup of a precomputed number in the same run. Two baselines take the
 *    same three arguments: a Map keyed by them joined into one string, and nested Maps (metric -> period ->
 *    currency) that need no string building at all. Target: Model.get within 3x of either. For reference, a third
 *    line times one Map.get with the key joined in advance (not the same inputs: the floor of any lookup).
 *
 * Prints figures only; asserts nothing timed.
 *
 *   node -r ./scripts/register-ts.js bench/model.bench.ts
 */
import { parseRelease } from '../src/filing';
import { SHIPPED_RELEASE_TEXT } from '../src/filing/shipped';
import { buildModel } from '../src/model';

const WARM_UP = 20;
const RUNS = 101;
const QUERIES = 200_000;
const ROUNDS = 11;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const now = () => process.hrtime.bigint();
const msSince = (t: bigint) => Number(now() - t) / 1e6;

// ---- 1. parse, build and check the seed ----------------------------------------------------------------------

const cold = now();
buildModel(parseRelease(SHIPPED_RELEASE_TEXT)).checks();
const coldMs = msSince(cold);
for (let i = 0; i < WARM_UP; i++) buildModel(parseRelease(SHIPPED_RELEASE_TEXT)).checks();

const total: number[] = [];
const parse: number[] = [];
const build: number[] = [];
const check: number[] = [];
let checkCount = 0;
let failed = 0;
for (let i = 0; i < RUNS; i++) {
  const t0 = now();
  const release = parseRelease(SHIPPED_RELEASE_TEXT);
  const t1 = now();
  const model = buildModel(release);
  const t2 = now();
  const checks = model.checks();
  const t3 = now();
  parse.push(Number(t1 - t0) / 1e6);
  build.push(Number(t2 - t1) / 1e6);
  check.push(Number(t3 - t2) / 1e6);
  total.push(Number(t3 - t0) / 1e6);
  checkCount = checks.length;
  failed = checks.filter((c) => !c.pass).length;
}
console.log(`parse + build + check the seed (${checkCount} checks, ${failed} failing), median of ${RUNS} warm runs:`);
console.log(`  parseRelease  ${median(parse).toFixed(2).padStart(7)} ms`);
console.log(`  buildModel    ${median(build).toFixed(2).padStart(7)} ms`);
console.log(`  checks()      ${median(check).toFixed(2).padStart(7)} ms`);
console.log(`  total         ${median(total).toFixed(2).padStart(7)} ms   (target: under 10 ms warm; first run ${coldMs.toFixed(1)} ms)`);

// ---- 2. one Model.get query against a plain Map lookup --------------------------------------------------------

const model = buildModel(parseRelease(SHIPPED_RELEASE_TEXT));
const metrics = [
  'total_revenues', 'adj_ebitda', 'gross_margin', 'net_loss', 'cash', 'cfo', 'sbc', 'eps_basic_diluted', 'total_assets',
  'adj_gross_profit', 'public_cloud_mix', 'net_debt', 'weighted_shares', 'idc_costs', 'fx_rate',
];
const periods = ['Q2-2024', '2Q24', 'q2 2024', "Q2'24", 'Q1-2024', '1Q24', 'H1-2024', '1H24', '6M-2024', 'Q2-2023', 'H1 2023', '2024-06-30', 'FY-2023', 'Q4-2023'];
const currencies = [undefined, 'RMB', 'USD', 'usd'];

// Every combination that has an answer, in a scrambled but fixed order.
const combos: [string, string, string | undefined][] = [];
for (const m of metrics) {
  for (const p of periods) {
    for (const c of currencies) {
      try {
        model.get(m, p, c);
        combos.push([m, p, c]);
      } catch {
        // not every metric exists for every period
      }
    }
  }
}
const queries: [string, string, string | undefined][] = [];
// Park-Miller: exact in doubles, so the same sequence on every run.
for (let i = 0, k = 1; i < QUERIES; i++, k = (k * 48271) % 2147483647) queries.push(combos[k % combos.length]);

// The plain baselines hold the same numbers, computed once.
const joinKey = (m: string, p: string, c: string | undefined) => `${m}|${p}|${c ?? ''}`;
const flat = new Map<string, number>();
const nested = new Map<string, Map<string, Map<string | undefined, number>>>();
for (const [m, p, c] of combos) {
  const n = model.get(m, p, c).value.toNumber();
  flat.set(joinKey(m, p, c), n);
  let byPeriod = nested.get(m);
  if (!byPeriod) nested.set(m, (byPeriod = new Map()));
  let byCurrency = byPeriod.get(p);
  if (!byCurrency) byPeriod.set(p, (byCurrency = new Map()));
  byCurrency.set(c, n);
}

// For reference only (not the same inputs: the three arguments arrive already joined): the floor of any lookup.
const keys = queries.map(([m, p, c]) => joinKey(m, p, c));

let sink = 0;
const loops: Record<string, () => void> = {
  'Model.get': () => {
    for (let i = 0; i < queries.length; i++) {
      const q = queries[i];
      sink += model.get(q[0], q[1], q[2]).period.year;
    }
  },
  'Map, key joined from the arguments': () => {
    for (let i = 0; i < queries.length; i++) {
      const q = queries[i];
      sink += flat.get(joinKey(q[0], q[1], q[2]))!;
    }
  },
  'one Map.get, key built in advance': () => {
    for (let i = 0; i < keys.length; i++) sink += flat.get(keys[i])!;
  },
  'nested Maps, no key building': () => {
    for (let i = 0; i < queries.length; i++) {
      const q = queries[i];
      sink += nested.get(q[0])!.get(q[1])!.get(q[2])!;
    }
  },
};
// Warm-up: every loop a few times, so all are optimised before any is timed.
for (let r = 0; r < 3; r++) for (const run of Object.values(loops)) run();
// Rounds alternate between the loops, so drift (GC, frequency) affects each alike.
const samples: Record<string, number[]> = Object.fromEntries(Object.keys(loops).map((k) => [k, []]));
for (let r = 0; r < ROUNDS; r++) {
  for (const [name, run] of Object.entries(loops)) {
    const t = now();
    run();
    samples[name].push(Number(now() - t) / queries.length);
  }
}
const ns = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
const get = ns['Model.get'];
const joined = ns['Map, key joined from the arguments'];
const bare = ns['nested Maps, no key building'];
console.log(`\none query, ${queries.length.toLocaleString('en-US')} iterations (${combos.length} distinct metric/period/currency combinations), median of ${ROUNDS} rounds:`);
console.log(`  Model.get                               ${get.toFixed(1).padStart(7)} ns/op`);
console.log(`  plain Map, key joined from arguments    ${joined.toFixed(1).padStart(7)} ns/op   ratio ${(get / joined).toFixed(2)}x (target: <= 3x)`);
console.log(`  plain nested Maps, no key building      ${bare.toFixed(1).padStart(7)} ns/op   ratio ${(get / bare).toFixed(2)}x (target: <= 3x)`);
console.log(`  (floor: one Map.get, key built ahead   ${ns['one Map.get, key built in advance'].toFixed(1).padStart(7)} ns/op   ratio ${(get / ns['one Map.get, key built in advance']).toFixed(2)}x; not the same inputs, no target)`);
if (Number.isNaN(sink)) console.log('');
