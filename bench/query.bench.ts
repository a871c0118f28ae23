/**
 * One calculation-module query (Model.get: metric id, period spelling and currency as a cell would pass them),
 * side by side with a plain Map lookup of a precomputed number, in the same run. Target: within 3×.
 */
import { getShippedModel } from '../src/model/shipped';

const model = getShippedModel();
const metrics = ['total_revenues', 'adj_ebitda', 'gross_margin', 'net_loss', 'cash', 'cfo', 'sbc', 'eps_basic_diluted', 'total_assets', 'adj_gross_profit'];
const periods = ['Q2-2024', '2Q24', 'Q1-2024', 'H1 2024', 'q2-2023', '2024-06-30', 'Q2 2024', '1H24'];
const currencies = [undefined, 'USD', 'RMB'];
const queries: [string, string, string | undefined][] = [];
for (let i = 0; i < 100_000; i++) queries.push([metrics[i % 10], periods[(i * 7) % 8], currencies[(i * 3) % 3]]);
const ok = queries.filter(([m, p, c]) => {
  try {
    model.get(m, p, c);
    return true;
  } catch {
    return false;
  }
});
const map = new Map(ok.map(([m, p, c]) => [`${m}|${p}|${c ?? ''}`, model.get(m, p, c).value.toNumber()]));

function median(fn: () => number): number {
  const runs: number[] = [];
  for (let r = 0; r < 11; r++) {
    const s = process.hrtime.bigint();
    fn();
    runs.push(Number(process.hrtime.bigint() - s) / ok.length);
  }
  return runs.sort((a, b) => a - b)[5];
}
let sink = 0;
const q = median(() => {
  for (const [m, p, c] of ok) sink += model.get(m, p, c).period.year;
  return sink;
});
const plain = median(() => {
  for (const [m, p, c] of ok) sink += map.get(`${m}|${p}|${c ?? ''}`)!;
  return sink;
});
console.log(`Model.get, ${ok.length.toLocaleString('en-US')} mixed queries: ${q.toFixed(0)} ns/query`);
console.log(`plain Map lookup of a precomputed number:   ${plain.toFixed(0)} ns/query`);
console.log(`ratio: ${(q / plain).toFixed(2)}x (target: <= 3x)${Number.isNaN(sink) ? ' ' : ''}`);
