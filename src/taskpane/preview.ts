import type { StoredRelease } from '../excel/release-store';
import type { LibraryEntry } from '../model/library';

/** What adding a release would do, as the pane previews it before the analyst adds it (add-release.ts makes it). */
export interface Preview {
  ok: boolean;
  /** What it is: company, quarter, release date, form. */
  what: string;
  checks: string;
  repairs: string[];
  restates: string[];
  periods: string[];
  /** Why it is refused (each failing check or problem, with its line). */
  report?: string;
  /** What is stored when the user adds it. */
  stored?: StoredRelease;
  entry?: LibraryEntry;
}
