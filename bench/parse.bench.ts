/**
 * Parsing and checking the shipped release (OCR repairs and the 390 table identities), warm: the median of 100
 * runs after 20 warm-up runs; then the model built on it with its own checks. Target: parse and check under 10 ms
 * warm. Prints figures; asserts nothing.
 */
import { parseRelease } from '../src/filing';
import { SHIPPED_RELEASE_TEXT } from '../src/filing/shipped';
import { buildModel } from '../src/model';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (fn: () => void) => {
  const s = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - s) / 1e6;
};

const cold = ms(() => parseRelease(SHIPPED_RELEASE_TEXT));
for (let i = 0; i < 20; i++) buildModel(parseRelease(SHIPPED_RELEASE_TEXT)).checks();
const parse: number[] = [];
const model: number[] = [];
for (let i = 0; i < 100; i++) {
  let r!: ReturnType<typeof parseRelease>;
  parse.push(ms(() => (r = parseRelease(SHIPPED_RELEASE_TEXT))));
  model.push(ms(() => buildModel(r).checks()));
}
const r = parseRelease(SHIPPED_RELEASE_TEXT);
console.log(`parse and check the seed (${r.facts.length} facts, ${r.repairs.length} repairs, ${r.checks.length} checks): median ${median(parse).toFixed(2)} ms warm (target: under 10 ms); first run ${cold.toFixed(1)} ms`);
console.log(`build the model and run its checks (${buildModel(r).checks().length} in all): median ${median(model).toFixed(2)} ms warm`);
