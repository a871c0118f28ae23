import type { TableLayout } from '../filing/layout';
import type { TableId } from '../filing/types';

/**
 * Row labels as the release prints them, from the parser's table layouts, for each statement a model tab draws on
 * (IS, BS, CF, and the non-GAAP reconciliations NG). Shared by the one-release and the time-series plans.
 */
export function printedLabels(tables: TableLayout[]): Record<string, (key: string) => string | undefined> {
  const printedIn = (...ids: TableId[]) => (key: string) => {
    for (const id of ids) {
      const row = tables.find((l) => l.id === id)?.rows.find((r) => r.key === key);
      if (row) return row.label;
    }
    return undefined;
  };
  return {
    IS: printedIn('income_statement'),
    BS: printedIn('balance_sheet'),
    CF: printedIn('cash_flow'),
    NG: printedIn('gross_profit_reconciliation', 'ebitda_reconciliation'),
  };
}
