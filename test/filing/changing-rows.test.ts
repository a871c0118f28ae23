/**
 * Rows that change over the releases, on SYNTHETIC releases (test/support/release-render/synthetic.ts): the lines
 * KC added (non-GAAP operating profit (loss) and its margin), its rewordings ("Non-GAAP net (loss) profit",
 * "Income tax (benefit) expense", "Net (loss) income"), the sign-neutral ids beside today's, and a row the reader
 * does not know: kept as printed with its provenance, reported as new, and checked within its block's subtotal.
 */
import { parseRelease } from '../../src/filing';
import { nodeFormReaders } from '../../src/filing/node-readers';
import { readReleaseInput } from '../../src/filing/read-input';
import { acceptRelease } from '../../src/model/gate';
import { gridLines } from '../support/release-render/grid-tsv';
import { renderEdgarHtml, renderSource } from '../support/release-render/html';
import { consistentRelease, type SyntheticSpec } from '../support/release-render/synthetic';

const accepted = (t: string) => acceptRelease(t).accepted;
const errors = (t: string) => parseRelease(t).issues.filter((i) => i.severity === 'error');

describe('lines added and reworded in later releases (synthetic Q4 2024)', () => {
  const spec: SyntheticSpec = {
    q: 4,
    year: 2024,
    rate: '7.2993',
    nonGaapOperating: true,
    labels: {
      'ebitda_reconciliation.adj_net_loss': 'Non-GAAP net (loss) profit',
      'income_statement.income_tax': 'Income tax (benefit) expense',
      'income_statement.net_loss': 'Net (loss) income',
      'income_statement.operating_loss': 'Operating (loss) profit',
    },
  };
  const { text } = consistentRelease(spec, accepted);
  const v = acceptRelease(text);

  test('the text prints the later wording and lines, and the gate accepts it', () => {
    for (const label of ['Non-GAAP net (loss) profit\t', 'Income tax (benefit) expense\t', 'Non-GAAP operating profit (loss)\t', 'Non-GAAP operating profit (loss) margin\t', 'Amortization of intangible assets\t']) {
      expect(text).toContain(label);
    }
    expect(v.accepted ? [] : v.failing).toEqual([]);
  });

  test('reworded rows map to the same concepts; new lines to new catalogue ids, checked by their identities', () => {
    const r = parseRelease(text);
    const one = (metric: string, table: string) => r.facts.find((f) => f.metric === metric && f.table === table && f.period === 'Q4-2024' && f.currency !== 'USD');
    expect(one('adj_net_loss', 'ebitda_reconciliation')?.provenance.rowLabel).toBe('Non-GAAP net (loss) profit');
    expect(one('income_tax', 'income_statement')?.provenance.rowLabel).toBe('Income tax (benefit) expense');
    expect(one('adj_operating_income', 'ebitda_reconciliation')).toBeDefined();
    expect(one('adj_operating_margin', 'net_margin_table')).toBeDefined();
    const ids = new Set(r.checks.map((c) => c.id));
    for (const id of ['ebitda_reconciliation.adj_operating_income', 'ebitda_reconciliation.operating_loss_start=income_statement.operating_loss', 'net_margin_table.adj_operating_margin', 'ebitda_reconciliation.adj_operating_income.usd']) {
      expect([id, ids.has(id)]).toEqual([id, true]);
    }
    expect(r.checks.filter((c) => !c.pass)).toEqual([]);
    // An altered non-GAAP operating figure is refused.
    const line = text.split('\n').find((l) => l.startsWith('Non-GAAP operating profit (loss)\t'))!;
    const cells = line.split('\t');
    cells[3] = cells[3].replace(/\d(?=\D*$)/, (d) => String((Number(d) + 3) % 10));
    expect(errors(text.replace(line, cells.join('\t'))).map((i) => i.code)).toContain('check.failed');
  });

  test('sign-neutral ids serve the same figures as today\'s ids', () => {
    if (!v.accepted) throw new Error(v.report);
    for (const [alias, id] of [['net_income', 'net_loss'], ['operating_income', 'operating_loss'], ['adj_net_income', 'adj_net_loss']]) {
      for (const p of ['Q4-2024', 'FY-2024', '9M-2024']) {
        for (const c of ['RMB', 'USD']) expect([alias, p, c, v.model.get(alias, p, c).value.toString()]).toEqual([alias, p, c, v.model.get(id, p, c).value.toString()]);
      }
    }
    const margin = v.model.get('adj_operating_margin', 'Q4-2024');
    expect(margin.value.toString()).toBe(v.model.get('adj_operating_income', 'Q4-2024').value.div(v.model.get('total_revenues', 'Q4-2024').value).toString());
  });

  test('the EDGAR HTML form of it gives the same grid', async () => {
    const html = renderEdgarHtml(renderSource(text));
    const read = await readReleaseInput(new TextEncoder().encode(html), nodeFormReaders);
    const r = parseRelease(read.source);
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(gridLines(r)).toEqual(gridLines(parseRelease(text)));
  });
});

describe('a row the reader does not know (synthetic Q3 2024)', () => {
  const spec: SyntheticSpec = {
    q: 3,
    year: 2024,
    rate: '7.0176',
    unknownRows: [
      { table: 'income_statement', before: 'total_operating_expenses', label: 'Credit loss expenses', share: -0.004 },
      { table: 'balance_sheet', before: 'total_current_assets', label: 'Short-term investments', share: 0.02 },
    ],
  };
  const { text } = consistentRelease(spec, accepted);
  const r = parseRelease(text);

  test('kept as printed, with provenance, reported as new (a warning), and the release accepted', () => {
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const fresh = r.issues.filter((i) => i.code === 'layout.row_new');
    expect(fresh.map((i) => [i.severity, i.table])).toEqual([
      ['warning', 'balance_sheet'],
      ['warning', 'income_statement'],
    ]);
    const credit = r.facts.filter((f) => f.row === 'new:credit_loss_expenses');
    expect(credit).toHaveLength(7);
    expect(credit.every((f) => f.metric === undefined && f.table === 'income_statement' && f.provenance.rowLabel === 'Credit loss expenses')).toBe(true);
    expect(r.facts.filter((f) => f.row === 'new:short_term_investments')).toHaveLength(3);
    expect(acceptRelease(text).accepted).toBe(true);
  });

  test('it takes part in its block\'s subtotal identity (and its US$ translation)', () => {
    const opex = r.checks.filter((c) => c.id === 'income_statement.total_operating_expenses');
    expect(opex).toHaveLength(7);
    expect(opex[0].name).toContain('"Credit loss expenses" (new row)');
    expect(r.checks.some((c) => c.id === 'balance_sheet.total_current_assets' && c.name.includes('"Short-term investments" (new row)'))).toBe(true);
    expect(r.checks.some((c) => c.id === 'income_statement.new:credit_loss_expenses.usd')).toBe(true);
    // Altered, or left out of the text, the row breaks the subtotal: never silently dropped or ignored.
    const line = text.split('\n').find((l) => l.startsWith('Credit loss expenses\t'))!;
    const cells = line.split('\t');
    cells[1] = cells[1].replace(/\d(?=\D*$)/, (d) => String((Number(d) + 1) % 10));
    expect(errors(text.replace(line, cells.join('\t'))).map((i) => i.code)).toContain('check.failed');
    expect(errors(text.replace(`${line}\n`, '')).map((i) => i.code)).toContain('check.failed');
  });
});
