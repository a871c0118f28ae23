/**
 * Mutation testing of the release gate, as a figure: every mutant of the suite (test/support/mutation.ts: 1,500
 * seeded single edits of the shipped release) loaded through the gate and every figure asked; prints the tally
 * (refused / unchanged / undetectable, per kind, and the undetectable classes) and the time per mutant. The jest
 * suite (test/mutation/) asserts that no mutant is silent-wrong; this prints.
 *
 *   node -r ./scripts/register-ts.js bench/mutation.bench.ts
 */
import { SHIPPED_RELEASE_TEXT } from '../src/filing/shipped';
import { getShippedModel } from '../src/model/shipped';
import { formatTally, judge, MUTATION_KINDS, mutantsOf, tally, truthOf, type Mutant, type Verdict } from '../test/support/mutation';

const truth = truthOf(getShippedModel());
const results: { m: Mutant; v: Verdict }[] = [];
const t0 = process.hrtime.bigint();
for (const kind of MUTATION_KINDS) for (const m of mutantsOf(SHIPPED_RELEASE_TEXT, kind)) results.push({ m, v: judge(m, truth) });
const ms = Number(process.hrtime.bigint() - t0) / 1e6;

console.log(formatTally(tally(results)));
console.log(`  ${results.length} mutants, ${truth.keys.length} figures asked of each accepted one: ${(ms / 1000).toFixed(1)} s (${(ms / results.length).toFixed(1)} ms per mutant, generation included)`);
const silent = results.filter((r) => r.v.outcome === 'silent-wrong');
for (const r of silent) console.log(`  SILENT-WRONG ${r.m.kind} #${r.m.index}: ${r.m.what} — ${r.v.changed.slice(0, 3).join('; ')}`);
if (silent.length > 0) process.exitCode = 1;
