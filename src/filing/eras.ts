/**
 * What a release must print depends on when it was published: KC's releases change over time. One place declares,
 * era by era (by the release's quarter), the table rows and prose statements a release of that era must carry;
 * anything not required in an era is read when present (and checked by its identities) but not demanded.
 * A row or statement listed here is required only in the eras that list it; the others the layout decides.
 */
import { BoundedMemo } from './bounded-memo';
import { periodOfId } from './periods';
export interface ReleaseEra {
  /** First and last quarter of the era (inclusive), as `Qn-YYYY`; no `until` = still current. */
  from: string;
  until?: string;
  /** Table rows (`table.row`) the era requires. */
  rows: string[];
  /** Prose statements (by their fact row id) the era requires. */
  prose: string[];
}

/**
 * Evidence from KC's 2023–2025 releases: the normalized adjusted EBITDA rows (and the disposal loss (gain) they add
 * back) are printed from the Q2 2023 to the Q2 2024 release; "AI revenue" is stated in the prose until the Q3 2024
 * release (required where a release of ours shows it, Q2 2024 on); from 2025 the prose states the gross billing of the AI business and the ecosystem revenue instead.
 */
const NORMALIZED_ROWS = ['ebitda_reconciliation.disposal_loss_gain', 'ebitda_reconciliation.normalized_adj_ebitda', 'net_margin_table.normalized_adj_ebitda_margin'];
export const RELEASE_ERAS: ReleaseEra[] = [
  { from: 'Q1-2023', until: 'Q1-2023', rows: [], prose: [] },
  { from: 'Q2-2023', until: 'Q1-2024', rows: NORMALIZED_ROWS, prose: [] },
  { from: 'Q2-2024', until: 'Q2-2024', rows: NORMALIZED_ROWS, prose: ['ai_revenue'] },
  { from: 'Q3-2024', until: 'Q3-2024', rows: [], prose: ['ai_revenue'] },
  { from: 'Q4-2024', until: 'Q4-2024', rows: [], prose: [] },
  { from: 'Q1-2025', rows: [], prose: ['ai_gross_billing', 'ecosystem_revenue'] },
];

/** Every row whose requirement the eras decide (required in the eras listing it, optional elsewhere). */
export const ERA_ROWS: ReadonlySet<string> = new Set(RELEASE_ERAS.flatMap((e) => e.rows));
/** Every prose statement whose requirement the eras decide. */
export const ERA_PROSE: ReadonlySet<string> = new Set(RELEASE_ERAS.flatMap((e) => e.prose));

/** Quarters in order: a quarter id's count of quarters since year 0. */
const ordinal = (quarter: string): number | undefined => {
  const q = periodOfId(quarter);
  return q?.kind === 'quarter' ? q.year * 4 + q.index - 1 : undefined;
};

/** The era of a release by its quarter (`Q3-2024`); undefined before the first era or for an unreadable quarter. */
export function eraOf(quarter: string): ReleaseEra | undefined {
  // Asked for each era row and statement of a release: found once per quarter.
  return eraByQuarter.has(quarter) ? eraByQuarter.get(quarter) : eraByQuarter.keep(quarter, findEra(quarter));
}

const eraByQuarter = new BoundedMemo<string, ReleaseEra | undefined>(512);

function findEra(quarter: string): ReleaseEra | undefined {
  const n = ordinal(quarter);
  if (n === undefined) return undefined;
  return RELEASE_ERAS.find((e) => ordinal(e.from)! <= n && (e.until === undefined || n <= ordinal(e.until)!));
}

/** Whether a release of `quarter` must print the table row `table.row` (for a row the eras decide). */
export function eraRequiresRow(quarter: string, tableRow: string): boolean {
  return eraOf(quarter)?.rows.includes(tableRow) ?? false;
}

/** Whether a release of `quarter` must state the prose statement `row`. */
export function eraRequiresProse(quarter: string, row: string): boolean {
  return eraOf(quarter)?.prose.includes(row) ?? false;
}
