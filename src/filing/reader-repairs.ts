import type { CopyRepair } from './copied-text';
import type { ParsedRelease } from './types';

/**
 * Adds what a form's reader changed to a parsed release's repairs (after its own), so the report, the JSON and the
 * Sources tab list them with their proofs. A module of its own: the release gate needs it, not the readers.
 */
export function withReaderRepairs(release: ParsedRelease, repairs: CopyRepair[]): ParsedRelease {
  for (const r of repairs) {
    release.repairs.push({ id: `R${release.repairs.length + 1}`, kind: r.kind, line: r.line, table: 'prose', rowLabel: '(text)', column: '(text)', read: r.read, repaired: r.repaired, identity: r.identity });
  }
  return release;
}
