import { parseRelease, readRelease, ReleaseRejectedError } from '../../src/filing';
import { SHIPPED_RELEASE_TEXT } from '../../src/filing/shipped';

const LINES = SHIPPED_RELEASE_TEXT.split('\n');

/** Replaces one cell (1-based line, 0-based value column) of a tab-separated table line. */
function withCell(line: number, col: number, value: string): string {
  const lines = [...LINES];
  const parts = lines[line - 1].split('\t');
  parts[col + 1] = value;
  lines[line - 1] = parts.join('\t');
  return lines.join('\n');
}

function errors(text: string): string[] {
  return parseRelease(text)
    .issues.filter((i) => i.severity === 'error')
    .map((i) => `${i.line ?? '-'}: ${i.message}`);
}

describe('a release that fails its checks is rejected with a report', () => {
  test('the seed itself is accepted', () => {
    expect(() => readRelease(SHIPPED_RELEASE_TEXT)).not.toThrow();
  });

  test('a total altered: names the failing identity and the line, and does not "repair" it', () => {
    const text = withCell(183, 0, '1,835,503'); // Total revenues, Q2 2023
    const report = parseRelease(text);
    const errs = errors(text);
    expect(errs).toContainEqual(expect.stringMatching(/^183: check failed: Total revenues = public cloud \+ enterprise cloud \+ others \[Q2-2023 RMB\] — reported 1835503, computed 1835403, difference 100 .*income_statement\.total_revenues\)/));
    expect(errs).toContainEqual(expect.stringContaining('check failed: Gross profit = total revenues + cost of revenues [Q2-2023 RMB]'));
    expect(report.repairs.some((r) => r.line === 183)).toBe(false);
    expect(() => readRelease(text)).toThrow(ReleaseRejectedError);
    try {
      readRelease(text);
    } catch (e) {
      expect((e as ReleaseRejectedError).message).toContain('line 183: check failed: Total revenues');
      expect((e as ReleaseRejectedError).report.issues.length).toBeGreaterThan(0);
    }
  });

  test('a balance-sheet line altered breaks its subtotal and the balance', () => {
    const errs = errors(withCell(147, 1, '1,980,188')); // Accounts payable, Jun 30 2024
    expect(errs).toContainEqual(expect.stringContaining('153: check failed: Total current liabilities = sum of current liabilities [2024-06-30 RMB]'));
    expect(errs).toContainEqual(expect.stringContaining('balance_sheet.accounts_payable.usd'));
  });

  test('a row missing: names the row and where it was expected', () => {
    const text = LINES.filter((_, i) => i !== 192).join('\n'); // drop "Interest income" (line 193)
    const errs = errors(text);
    expect(errs).toContainEqual('193: row missing: "Interest income" (expected before line 193)');
  });

  test('columns swapped in the income statement: the US$ translation and the reconciliations no longer tie', () => {
    const lines = LINES.map((l, i) => {
      if (i + 1 < 180 || i + 1 > 213) return l;
      const p = l.split('\t');
      if (p.length < 4) return l;
      [p[2], p[3]] = [p[3], p[2]]; // Mar 31, 2024 <-> Jun 30, 2024
      return p.join('\t');
    });
    const errs = errors(lines.join('\n'));
    expect(errs.some((e) => /check failed: Total revenues: US\$ = RMB \/ 7\.2672 \[Q2-2024 USD\]/.test(e))).toBe(true);
    expect(errs.some((e) => e.includes('gross_profit_reconciliation.gross_profit=income_statement.gross_profit'))).toBe(true);
    expect(errs.some((e) => e.includes('ebitda_reconciliation.net_loss=income_statement.net_loss'))).toBe(true);
  });

  test('balance-sheet columns swapped: the tie to the cash-flow statement fails', () => {
    const lines = LINES.map((l, i) => {
      if (i + 1 < 130 || i + 1 > 173) return l;
      const p = l.split('\t');
      if (p.length < 3 || p[1].trim() === '') return l;
      [p[1], p[2]] = [p[2], p[1]];
      return p.join('\t');
    });
    const errs = errors(lines.join('\n'));
    expect(errs.some((e) => e.includes('cash_flow.cash_begin.balance_sheet') && e.includes('[Q1-2024 RMB]'))).toBe(true);
    expect(errs.some((e) => e.includes('cash_flow.cash_end.balance_sheet') && e.includes('[Q2-2024 RMB]'))).toBe(true);
  });

  test('column headers swapped are read as printed: the figures under them then fail their checks', () => {
    const text = SHIPPED_RELEASE_TEXT.replace('\tDec 31, 2023\tJun 30, 2024\tJun 30, 2024', '\tJun 30, 2024\tDec 31, 2023\tJun 30, 2024');
    expect(text).not.toBe(SHIPPED_RELEASE_TEXT);
    const errs = errors(text);
    expect(errs.some((e) => e.includes('cash_flow.cash_end.balance_sheet') && e.includes('[Q2-2024 RMB]'))).toBe(true);
    expect(errs.some((e) => e.includes('balance_sheet.cash.usd'))).toBe(true);
  });

  test('column headers naming periods of another release are reported', () => {
    const text = SHIPPED_RELEASE_TEXT.replace('\tDec 31, 2023\tJun 30, 2024\tJun 30, 2024', '\tDec 31, 2022\tJun 30, 2024\tJun 30, 2024');
    expect(errors(text)).toContainEqual(
      '126: column headers of the unaudited condensed consolidated balance sheets read [Dec 31, 2022 RMB; Jun 30, 2024 RMB; Jun 30, 2024 US$], expected the columns [Dec 31, 2023 RMB; Jun 30, 2024 RMB; Jun 30, 2024 US$] in any order',
    );
  });

  test('truncated text: the missing tables are named', () => {
    const text = LINES.slice(0, 200).join('\n');
    const errs = errors(text);
    expect(errs).toContainEqual(expect.stringContaining('table not found: Unaudited condensed consolidated statement of cash flows'));
    expect(errs).toContainEqual(expect.stringContaining('table not found: Reconciliation of net loss to adjusted net loss'));
    expect(errs).toContainEqual(expect.stringContaining('row missing: "Net loss attributable to Kingsoft Cloud Holdings Limited"'));
  });

  test('an unrelated document is refused outright', () => {
    const report = parseRelease('ACME Corp. Annual Report 2023\n\nRevenue grew 12%.\n');
    expect(report.facts).toEqual([]);
    expect(report.issues).toEqual([
      expect.objectContaining({ severity: 'error', message: expect.stringContaining('not a Kingsoft Cloud quarterly earnings release') }),
    ]);
  });

  test('a headline naming another quarter than the tables is refused: the headers do not print its periods', () => {
    const text = SHIPPED_RELEASE_TEXT.replace('Unaudited Second Quarter 2024', 'Unaudited Third Quarter 2024');
    expect(errors(text)).toContainEqual(expect.stringMatching(/^\d+: column headers of the unaudited condensed consolidated statements of comprehensive loss read \[Three Months Ended Jun 30, 2023 RMB;.*expected the columns \[Three Months Ended Sep 30, 2023 RMB;/));
  });

  test('a defect the identities do not confirm is reported, not guessed', () => {
    const errs = errors(withCell(130, 0, '2.255.288')); // dots, and a digit off: no identity holds
    expect(errs).toContainEqual('130: unreadable figure "2.255.288" in "Cash and cash equivalents", column "Dec 31, 2023 RMB" (line 130): no identity proves a value');
  });

  test('a dotted figure that the identities confirm is repaired, with the proof logged', () => {
    const report = parseRelease(withCell(130, 0, '2.255.287'));
    expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const rep = report.repairs.find((r) => r.line === 130)!;
    expect(rep).toMatchObject({ kind: 'thousands_dot', read: '2.255.287', repaired: '2,255,287' });
    expect(rep.identity).toContain('balance_sheet.total_current_assets [2023-12-31 RMB]');
  });

  test('a figure repeated from the row above is not repaired when only one identity speaks for it', () => {
    // Treasury stock (Dec 31 2023) replaced by the ordinary-shares figure above it: sum and US$ identities disagree.
    const errs = errors(withCell(164, 0, '25,443'));
    expect(errs.some((e) => e.includes("Total Kingsoft Cloud shareholders' equity = sum of equity lines [2023-12-31 RMB]"))).toBe(true);
  });
});
