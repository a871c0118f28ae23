import { readFileSync } from 'fs';
import { join } from 'path';

import type { Page } from 'playwright-core';

import { libraryReport } from '../../src/cli/library';
import { readSources } from '../../src/cli/kc-model';
import { describeChromium, openPane, ROOT, type PaneSession } from '../support/pane-in-chromium';

/**
 * A release of another quarter, end to end in the built pane (dist/) in headless Chromium over the fake workbook:
 * build the tabs from the shipped Q2 2024 release; paste the SYNTHETIC Q3 2024 test release (newswire copy);
 * preview; Add; Refresh: the statement tabs gain its quarter; Remove; Refresh: the columns are gone. The analyst's
 * own sheet is never touched and nothing is taken for an edit of theirs.
 */
describeChromium('a release of another quarter in the built task pane', () => {
  let pane: PaneSession;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    pane = await openPane();
    ({ page, problems } = pane);
  }, 60_000);

  afterAll(async () => {
    await pane?.close();
  });

  const book = <T>(fn: string) => pane.book<T>(fn);

  const SHIPPED = join(ROOT, 'assets', 'filings', 'kc-2024q2-earnings-release.txt');
  const Q3 = join(ROOT, 'test', 'library-releases', 'history', '2024-q3-synthetic-newswire-copy.txt');
  /** The header texts of a KC tab (rows 4-8), the column whose header is `header`, and the row whose label is `label` (both 0-based). */
  const locate = (sheet: string, header: string, label: string) =>
    book<{ row: number; col: number; headers: string[] }>(`
      var s = book.sheet(${JSON.stringify(sheet)}), headers = [], col = -1, row = -1;
      for (var r = 3; r < 8; r++) for (var c = 1; c < 80; c++) { var v = s.peek(r, c); if (v && typeof v.formula === 'string' && v.formula !== '') { headers.push(v.formula); if (v.formula === ${JSON.stringify(header)}) col = c; } }
      for (var r2 = 0; r2 < 200; r2++) { var l = s.peek(r2, 0); if (l && l.formula === ${JSON.stringify(label)}) { row = r2; break; } }
      return { row: row, col: col, headers: headers };`);
  const figure = (sheet: string, row: number, col: number) => book<unknown>(`return book.sheet(${JSON.stringify(sheet)}).peek(${row}, ${col}).formula;`);
  const waitStatus = (re: RegExp) => page.waitForFunction((src) => new RegExp(src).test(document.getElementById('status')!.textContent ?? ''), re.source, { timeout: 30_000 });
  const waitReleaseStatus = (re: RegExp) => page.waitForFunction((src) => new RegExp(src).test(document.getElementById('release-status')!.textContent ?? ''), re.source, { timeout: 30_000 });

  test('add the Q3 2024 release: preview lists its new periods, no restatement; Refresh grows the tabs; Remove and Refresh take them away', async () => {
    const both = libraryReport(await readSources([SHIPPED, Q3])).library!;
    const shipped = libraryReport(await readSources([SHIPPED])).library!;
    const had = new Set(shipped.periods().map((p) => p.id));
    const adds = both.periods().filter((p) => !had.has(p.id)).map((p) => p.id);
    expect(adds).toContain('Q3-2024');

    await page.waitForSelector('#checks-summary.ok', { timeout: 20_000 });
    await page.waitForFunction(() => /shipped with the add-in/.test(document.getElementById('release-list')!.textContent ?? ''), null, { timeout: 20_000 });
    const userBefore = await book<string>('return book.snapshot("My analysis");');
    await page.click('#build');
    await waitStatus(/^The 7 KC tabs now hold/);
    const before = await locate('KC Income Statement', 'Q3 2024', 'Public cloud services');
    expect(before.col).toBe(-1);
    expect(before.headers).toContain('Jun 30, 2024'); // one release: its own columns
    expect(before.headers.filter((h) => /Q3 2024|Sep 30, 2024/.test(h))).toEqual([]);

    // Paste the other quarter's release: the preview names it, says it restates nothing and lists the periods it adds.
    await page.click('#add-release summary');
    await page.fill('#release-paste', readFileSync(Q3, 'utf8'));
    await page.click('#release-read');
    await page.waitForSelector('#release-preview:not([hidden])', { timeout: 30_000 });
    expect(await page.textContent('#preview-what')).toMatch(/Q3 2024 earnings release/);
    expect(await page.textContent('#preview-checks')).toMatch(/^\d+ checks: all pass$/);
    expect(await page.textContent('#preview-restates')).toMatch(/^Nothing/);
    expect(await page.$$eval('#preview-periods li', (lis) => lis.map((li) => li.textContent))).toEqual(adds);
    await page.locator('#releases').screenshot({ path: join(ROOT, 'docs', 'images', 'add-release-other-quarter.png') });
    await page.click('#preview-add');
    await waitReleaseStatus(/was added/);
    // The tabs were built: the pane says they show the new release only after a refresh.
    await waitStatus(/the KC tabs show the change after you press Refresh model tabs/);
    expect(await page.textContent('#build')).toBe('Refresh model tabs');
    expect(await book<number>('return book.xmlParts.length;')).toBe(2); // the shipped release and the added one

    // Refresh: no edit of the analyst's is listed (nothing was edited), the statement tabs gain the quarter.
    await page.click('#build');
    await waitStatus(/^The 7 KC tabs now hold|Nothing was changed|changed since the last refresh/);
    expect(await page.isHidden('#confirm')).toBe(true);
    expect(await page.textContent('#status')).toMatch(/^The 7 KC tabs now hold/);
    expect(await page.textContent('#status')).not.toMatch(/Change Log/);
    expect(await page.textContent('#error')).toBe('');
    const after = await locate('KC Income Statement', 'Q3 2024', 'Public cloud services');
    // Its quarter and year-to-date columns, and the same quarter of the year before (which it prints too).
    expect(after.headers).toEqual(expect.arrayContaining(['Q2 2024', 'Q3 2023', '9M 2023', 'Q3 2024', '9M 2024']));
    expect(after.col).toBeGreaterThan(0);
    expect(await figure('KC Income Statement', after.row, after.col)).toBe(both.get('public_cloud_revenue', 'Q3-2024', 'RMB').value.toNumber());
    const bs = await locate('KC Balance Sheet', 'Sep 30, 2024', 'Cash and cash equivalents');
    expect(bs.col).toBeGreaterThan(0);
    expect(await figure('KC Balance Sheet', bs.row, bs.col)).toBe(both.get('cash', '2024-09-30', 'RMB').value.toNumber());
    const ng = await locate('KC Non-GAAP', 'Q3 2024', 'Adjusted EBITDA (Non-GAAP)');
    expect(ng.col).toBeGreaterThan(0);
    expect(await book<boolean>('return !book.sheet("KC Change Log");')).toBe(true);
    expect(await book<string>('return book.snapshot("My analysis");')).toBe(userBefore);

    // Remove it, with its confirmation, and refresh: the quarter's columns are gone.
    await page.click('#release-list li:nth-child(2) button.remove');
    await page.waitForSelector('#remove-confirm:not([hidden])');
    expect(await page.textContent('#remove-message')).toMatch(/^Remove pasted text \(Q3-2024\) from this workbook\? \d+ figures no other release gives go with it: /);
    await page.click('#remove-yes');
    await waitReleaseStatus(/was removed/);
    await waitStatus(/the KC tabs show the change after you press Refresh model tabs/);
    await page.click('#build');
    await waitStatus(/^The 7 KC tabs now hold|Nothing was changed|changed since the last refresh/);
    expect(await page.isHidden('#confirm')).toBe(true);
    expect(await page.textContent('#status')).toMatch(/^The 7 KC tabs now hold/);
    const gone = await locate('KC Income Statement', 'Q3 2024', 'Public cloud services');
    expect(gone.col).toBe(-1);
    expect(gone.headers.filter((h) => /Q3 2024|Sep 30, 2024/.test(h))).toEqual([]);
    expect(gone.headers).toEqual(before.headers);
    expect(await book<boolean>('return !book.sheet("KC Change Log");')).toBe(true);
    expect(await book<string>('return book.snapshot("My analysis");')).toBe(userBefore);
    expect(problems).toEqual([]);
  }, 180_000);
});
