/**
 * One shard of the mutation suite (split by kind so jest runs shards in parallel). For every mutant of the kinds:
 * - the add-in's load path (the shared loader fetching the release text, through the gate) and every figure asked;
 * - `kc-model check` (the CLI's main, in-process) on the same text: the same verdict (exit 0 = accepted, 1 = refused).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../src/cli/kc-model';
import { SHIPPED_RELEASE_TEXT } from '../../src/filing/shipped';
import { ReleaseRefusedError } from '../../src/model/gate';
import type { Model } from '../../src/model/model';
import { fetchReleaseModel } from '../../src/model/shared';
import { getShippedModel } from '../../src/model/shipped';
import { formatTally, judge, MUTANTS_PER_KIND, mutantsOf, tally, truthOf, UNDETECTABLE, type MutationKind, type Mutant, type Verdict } from './mutation';

/** Loads a text as the add-in does: fetched from the add-in's origin by the shared loader, through the gate. */
async function loadAsAddin(text: string): Promise<{ model: Model } | { refusedBy: string }> {
  const saved = globalThis.fetch;
  globalThis.fetch = (async () => new Response(text, { status: 200 })) as typeof fetch;
  try {
    return { model: await fetchReleaseModel('assets/filings/mutant.txt') };
  } catch (e) {
    if (e instanceof ReleaseRefusedError) return { refusedBy: e.verdict.failing[0].id };
    throw e;
  } finally {
    globalThis.fetch = saved;
  }
}

export function runShard(kinds: MutationKind[]): void {
  const results: { m: Mutant; v: Verdict; cli: number }[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'kc-mutants-'));

  beforeAll(async () => {
    const truth = truthOf(getShippedModel());
    const file = join(dir, 'release.txt');
    for (const kind of kinds) {
      for (const m of mutantsOf(SHIPPED_RELEASE_TEXT, kind)) {
        const v = judge(m, truth, await loadAsAddin(m.text));
        writeFileSync(file, m.text);
        const cli = await main(['check', file], () => {}, () => {});
        results.push({ m, v, cli });
      }
    }
  }, 300_000);

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    // The tally, in the test output.
    console.log(formatTally(tally(results), `Mutation tally: ${kinds.join(', ')}`));
  });

  test(`${kinds.map((k) => `${MUTANTS_PER_KIND[k]} ${k}`).join(', ')} mutants, distinct and deterministic`, () => {
    for (const k of kinds) expect(results.filter((r) => r.m.kind === k)).toHaveLength(MUTANTS_PER_KIND[k]);
    expect(new Set(results.map((r) => r.m.text)).size).toBe(results.length);
    // The same seed gives the same mutants.
    const again = mutantsOf(SHIPPED_RELEASE_TEXT, kinds[0], 5);
    expect(again.map((m) => m.what)).toEqual(results.filter((r) => r.m.kind === kinds[0]).slice(0, 5).map((r) => r.m.what));
  });

  test('no mutant serves a wrong figure silently: each is refused, unchanged, or in a class the README lists', () => {
    const silent = results.filter((r) => r.v.outcome === 'silent-wrong').map((r) => `${r.m.kind} #${r.m.index}: ${r.m.what} — ${r.v.changed.slice(0, 5).join('; ')}`);
    expect(silent).toEqual([]);
  });

  test('every undetectable class is listed in the README\'s "Checks" section', () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Checks'));
    for (const u of UNDETECTABLE) expect(section).toContain(u.name);
  });

  test("kc-model check gives the add-in's verdict on every mutant", () => {
    const disagree = results.filter((r) => (r.v.outcome === 'refused' ? 1 : 0) !== r.cli).map((r) => `${r.m.kind} #${r.m.index}: ${r.m.what}: add-in ${r.v.outcome}, kc-model check exit ${r.cli}`);
    expect(disagree).toEqual([]);
  });
}
