import type { Fact, ParsedRelease } from '../filing/types';

/**
 * The release each fact was read from, learnt once per parsed release: the library asks it for the facts of every
 * figure it derives, checks and traces, and is built again from the same releases each time one is added (mapping
 * every fact of every release anew was a large share of each build). A fact found in the facts of two releases is
 * marked SHARED, and looked up among the library's releases instead.
 */
export const SHARED = Symbol('shared');

const owners = new WeakMap<Fact, ParsedRelease | typeof SHARED>();
/** The facts list each release was learnt from, and its length then (a list read again if it changed). */
const learnt = new WeakMap<ParsedRelease, { facts: Fact[]; n: number }>();

export function learnFacts(release: ParsedRelease): void {
  const seen = learnt.get(release);
  if (seen && seen.facts === release.facts && seen.n === release.facts.length) return;
  // An indexed loop: it runs once per fact of every release.
  const facts = release.facts;
  for (let i = 0; i < facts.length; i++) {
    const f = facts[i];
    const o = owners.get(f);
    if (o === undefined) owners.set(f, release);
    else if (o !== release) owners.set(f, SHARED);
  }
  learnt.set(release, { facts: release.facts, n: release.facts.length });
}

/** The release a fact belongs to, SHARED when several do, undefined when none learnt holds it. */
export function ownerOf(f: Fact): ParsedRelease | typeof SHARED | undefined {
  return owners.get(f);
}
