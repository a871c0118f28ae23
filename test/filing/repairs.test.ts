import { parseRelease } from '../../src/filing';
import { SHIPPED_RELEASE_TEXT } from '../../src/filing/shipped';

const release = parseRelease(SHIPPED_RELEASE_TEXT);

/** Every OCR repair of the seed: [kind, line, row label, column, read, repaired]. */
const EXPECTED: [string, number, string, string, string, string][] = [
  ['garbage_row', 154, 'Non-current liabilities:', '(all)', '0,020,570 7,402,451 1,027,010', '(dropped)'],
  ['garbage_row', 162, "Shareholders' equity:", '(all)', '/,024,3/4 9,739,174 1,542,907', '(dropped)'],
  ['wrapped_label', 169, 'Accumulated other comprehensive income', '(all)', 'label on line 168, figures on line 169', 'one row "Accumulated other comprehensive income"'],
  ['garbage_row', 186, 'Operating expenses:', '(all)', '200,000 295,255 510,547 43,000 400,791 011,000 04,137', '(dropped)'],
  ['garbage_row', 205, 'Shares used in the net loss per share computation:', '(all)', '((() (112) (()', '(dropped)'],
  ['garbage_row', 210, 'Less: Comprehensive income (loss) attributable to non-controlling', '(all)', '/ / / / / /', '(dropped)'],
  ['wrapped_label', 211, 'Less: Comprehensive income (loss) attributable to non-controlling interests', '(all)', '"Less: Comprehensive income (loss) attributable to non-controlling" (line 210) + "interests" (line 211)', '"Less: Comprehensive income (loss) attributable to non-controlling interests"'],
  ['wrapped_label', 213, 'Comprehensive loss attributable to Kingsoft Cloud Holdings Limited shareholders', '(all)', '"Comprehensive loss attributable to Kingsoft Cloud Holdings" (line 212) + "Limited shareholders" (line 213)', '"Comprehensive loss attributable to Kingsoft Cloud Holdings Limited shareholders"'],
  ['garbage_row', 221, '(none)', '(all)', expect.stringContaining('2023 RMB 206,606') as unknown as string, '(dropped)'],
  ['shifted_usd', 166, 'Additional paid-in capital', 'Jun 30, 2024 US$', '"2,610,347 2,995" on line 166 ("Statutory reserves funds"); "" on line 165', '2,610,347 moved up to "Additional paid-in capital"; 2,995 stays'],
  ['thousands_dot', 180, 'Public cloud services', 'Three Months Ended Jun 30, 2024 US$', '169.879', '169,879'],
  ['thousands_dot', 180, 'Public cloud services', 'Six Months Ended Jun 30, 2023 RMB', '2.313.183', '2,313,183'],
  ['dash_misread', 182, 'Others', 'Three Months Ended Jun 30, 2024 RMB', '057,250', '-'],
  ['dash_misread', 182, 'Others', 'Three Months Ended Jun 30, 2024 US$', ',157', '-'],
  ['thousands_dot', 188, 'General and administrative expenses', 'Three Months Ended Jun 30, 2023 RMB', '(246.549)', '(246,549)'],
  ['misread_digits', 182, 'Others', 'Six Months Ended Jun 30, 2024 RMB', '1,245,400', '152'],
  ['lost_labels', 218, 'Gross profit', '(all)', '(no label)', 'Gross profit'],
  ['lost_labels', 219, 'Share-based compensation expenses allocated in cost of revenues', '(all)', '(no label)', 'Share-based compensation expenses allocated in cost of revenues'],
  ['lost_labels', 220, 'Adjusted gross profit (Non-GAAP Financial Measure)', '(all)', '(no label)', 'Adjusted gross profit (Non-GAAP Financial Measure)'],
];

describe('OCR repairs of the seed', () => {
  test('exactly the expected repairs, each with its proof', () => {
    expect(release.repairs.map((r) => [r.kind, r.line, r.rowLabel, r.column, r.read, r.repaired])).toEqual(EXPECTED);
    release.repairs.forEach((r, i) => expect(r.id).toBe(`R${i + 1}`));
  });

  test('each figure repair names the identity that proves it, with its figures', () => {
    const byRead = (read: string) => release.repairs.find((r) => r.read === read)!.identity;
    expect(byRead('169.879')).toContain('income_statement.public_cloud_revenue.usd [Q2-2024 USD]');
    expect(byRead('2.313.183')).toBe(
      'income_statement.total_revenues [H1-2023 RMB]: Total revenues = public cloud + enterprise cloud + others — reported 3699803, computed 3699803',
    );
    expect(byRead('(246.549)')).toContain('income_statement.total_operating_expenses [Q2-2023 RMB]');
    expect(byRead('057,250')).toContain('income_statement.total_revenues [Q2-2024 RMB]');
    expect(byRead(',157')).toContain('[Q2-2024 USD]');
    const repeated = byRead('1,245,400');
    expect(repeated).toContain('repeats "Enterprise cloud services" (line 181)');
    expect(repeated).toContain('income_statement.total_revenues [H1-2024 RMB]');
    expect(repeated).toContain('income_statement.other_revenue.halfyear [H1-2024 RMB]');
    const shifted = release.repairs.find((r) => r.kind === 'shifted_usd')!.identity;
    expect(shifted).toContain('balance_sheet.additional_paid_in_capital.usd [2024-06-30 USD]');
    expect(shifted).toContain('balance_sheet.statutory_reserves.usd [2024-06-30 USD]');
    expect(release.repairs.find((r) => r.line === 154)!.identity).toContain('OCR copy of "Total current liabilities" (line 153)');
    expect(release.repairs.find((r) => r.line === 186)!.identity).toContain('OCR copy of "Gross profit" (line 185)');
  });

  test('repaired cells point at their repair from the fact', () => {
    const f = release.facts.find((x) => x.row === 'other_revenue' && x.period === 'H1-2024' && x.currency === 'RMB')!;
    expect(f.value.toString()).toBe('152');
    expect(f.provenance.raw).toBe('1,245,400');
    const rep = release.repairs.find((r) => r.id === f.provenance.repairs[0])!;
    expect(rep.kind).toBe('misread_digits');
  });
});
