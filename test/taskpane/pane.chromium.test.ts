import { readFileSync } from 'fs';
import { join } from 'path';
import type { Page } from 'playwright-core';

import { describeChromium, DIST, openPane, OUT, ROOT, type PaneSession } from '../support/pane-in-chromium';

/**
 * The built task pane (dist/) in headless Chromium, with a stub Office.js whose Excel.run drives the in-memory
 * fake workbook: click, watch the status and the tabs, inspect what was written, take screenshots.
 */
describeChromium('the task pane in headless Chromium', () => {
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

  test('shows the release, its checks and every OCR repair with its proof, as text', async () => {
    await page.waitForSelector('#checks-summary.ok', { timeout: 20_000 });
    expect(await page.textContent('#release')).toMatch(/Kingsoft Cloud Holdings Limited — unaudited Q2 2024 earnings release: 592 figures read \(474 from its tables, 118 from its text\), each traced to its line/);
    expect(await page.textContent('#checks-summary')).toMatch(/^(\d+) release checks: \1 passed, 0 failed\. The KC Checks tab adds live checks/);
    const repairs = await page.$$eval('#repairs > li', (lis) => lis.map((li) => ({ text: li.textContent, children: Array.from(li.children).map((c) => c.tagName) })));
    expect(repairs).toHaveLength(19);
    expect(repairs[14].text).toContain('“(246.549)” → (246,549)');
    expect(repairs.every((r) => r.children.every((t) => t === 'SPAN'))).toBe(true); // text, never markup from the release
    expect(await page.isEnabled('#build')).toBe(true);
  });

  test('Build writes the seven tabs in one request and leaves the user sheet alone', async () => {
    const userBefore = await book<string>('return book.snapshot("My analysis");');
    await page.click('#build');
    await page.waitForFunction(() => /^The 7 KC tabs now hold/.test(document.getElementById('status')!.textContent ?? ''), null, { timeout: 20_000 });
    const states = await page.$$eval('#tabs li .state', (els) => els.map((e) => e.textContent));
    expect(states).toEqual(Array(7).fill('written'));
    const written = await book<{ sheets: string[]; hidden: string[]; syncs: number; names: number; revenue: unknown; ebitda: unknown }>(`
      var is = book.sheet('KC Income Statement'), ng = book.sheet('KC Non-GAAP');
      var row = 0; while (ng.peek(row, 0) && ng.peek(row, 0).formula !== 'Adjusted EBITDA (Non-GAAP)') row++;
      return { sheets: book.sheets.filter(function (s) { return s.visibility === 'Visible'; }).map(function (s) { return s.name; }),
               hidden: book.sheets.filter(function (s) { return s.visibility !== 'Visible'; }).map(function (s) { return s.name + ':' + s.visibility; }),
               syncs: book.syncs, names: book.names.size,
               revenue: is.peek(11, 3).formula, ebitda: ng.peek(row, 3).formula };`);
    expect(written.sheets).toEqual(['My analysis', 'KC Income Statement', 'KC Balance Sheet', 'KC Cash Flow', 'KC Non-GAAP', 'KC Revenue & Costs', 'KC Checks', 'KC Sources']);
    expect(written.hidden).toEqual(['KC Model Data:VeryHidden']); // the record of what was written
    expect(written.syncs).toBe(4); // the stored releases (none), the selection watch, then the read and the write
    expect(written.names).toBeGreaterThan(150);
    expect(written.revenue).toBe('=SUM(D9:D11)');
    expect(String(written.ebitda)).toMatch(/^=D\d+\+SUM\(D\d+:D\d+\)$/);
    expect(await book<string>('return book.snapshot("My analysis");')).toBe(userBefore);
    expect(await page.textContent('#build')).toBe('Refresh model tabs');
    await page.screenshot({ path: join(OUT, 'taskpane-built.png'), fullPage: true });
  });

  test('an edit in a model tab is listed before refreshing; Cancel changes nothing; Overwrite restores', async () => {
    const clean = await book<string>('return book.snapshot();');
    await book('book.sheet("KC Balance Sheet").cell(9, 1).formula = 999;');
    const edited = await book<string>('return book.snapshot();');
    await page.click('#build');
    await page.waitForSelector('#confirm:not([hidden])');
    expect(await page.textContent('#edits')).toBe('KC Balance Sheet · Cash and cash equivalents · As of Dec 31, 2023 RMB (B10): you entered 999; the model has 2,255,287.');
    expect(await page.textContent('#build')).toBe('Waiting for your decision…');
    await page.screenshot({ path: join(OUT, 'taskpane-confirm.png'), fullPage: true });
    await page.click('#confirm-cancel');
    await page.waitForFunction(() => document.getElementById('status')!.textContent === 'Refresh cancelled: nothing was changed.');
    expect(await book<string>('return book.snapshot();')).toBe(edited);
    await page.click('#build');
    await page.waitForSelector('#confirm:not([hidden])');
    await page.click('#confirm-overwrite');
    await page.waitForFunction(() => /^The 7 KC tabs now hold/.test(document.getElementById('status')!.textContent ?? ''));
    expect(await page.textContent('#status')).toMatch(/The 1 cell you had changed is kept on the KC Change Log tab\.$/);
    // The model tabs are as built; the user's value is on the KC Change Log, which the add-in only appends to.
    expect(await book<string>('return book.snapshot().replace(/,\\{"name":"KC Change Log".*\\]$/, "]");')).toBe(clean);
    const log = await book<unknown[]>(`var l = book.sheet('KC Change Log'); return [1, 2, 3, 4, 5, 6].map(function (c) { return l.peek(1, c).formula; });`);
    expect(log).toEqual(['KC Balance Sheet', 'B10', 'Cash and cash equivalents', 'As of Dec 31, 2023 RMB', 999, '2,255,287']);
    await page.screenshot({ path: join(OUT, 'taskpane-change-log.png'), fullPage: true });
  });

  test('selecting a figure in a KC tab traces it to its release line, marked, with its checks; release text stays text', async () => {
    await book(`var is = book.sheet('KC Income Statement'); var r = 0; while (is.peek(r, 0).formula !== 'Total revenues') r++; window.__rev = r + 1;`);
    await page.evaluate('window.__book.select("KC Income Statement", "D" + window.__rev)');
    await page.waitForSelector('#trace-body:not([hidden])', { timeout: 10_000 });
    expect(await page.textContent('#trace-figure')).toMatch(/^Total revenues · Q2-2024 · RMB \('KC Income Statement'!D\d+\)$/);
    expect(await page.textContent('#trace-value')).toBe('RMB 1,891,780 thousand');
    expect(await page.textContent('#trace-sources mark')).toBe('1,891,780');
    expect(await page.$$eval('#trace-sources ol li', (lis) => lis.length)).toBe(5);
    expect(await page.getAttribute('#trace-sources ol', 'start')).toBe('181');
    expect(await page.textContent('#trace-sources li.at')).toMatch(/^Total revenues\s+1,835,403\s+1,775,684\s+1,891,780/);
    expect(await page.textContent('#trace-checks')).toMatch(/Total revenues = public cloud \+ enterprise cloud \+ others \[Q2-2024 RMB\] passes/);
    expect(await page.textContent('#trace-formula')).toMatch(/^Cell formula: =SUM\(D9:D11\)/);
    expect(await page.textContent('#trace-releases')).toBe('kc-2024q2-earnings-release.txt (Q2-2024, text, line 183): RMB 1,891,780 thousand');
    // Only text nodes and the one <mark> inside the release lines: nothing from the release is parsed as HTML.
    expect(await page.$$eval('#trace-sources ol li *', (els) => els.map((e) => e.tagName))).toEqual(['MARK']);
    await page.evaluate('document.getElementById("trace").scrollIntoView()');
    await page.screenshot({ path: join(OUT, 'taskpane-trace.png'), fullPage: true });
    await page.locator('#trace').screenshot({ path: join(OUT, 'taskpane-trace-section.png') });
  });

  test("a repaired figure shows its repair; a user's KC.* cell traces too; a plain cell says what to select", async () => {
    await book(`var is = book.sheet('KC Income Statement'); var r = 0; while (is.peek(r, 0).formula !== 'Public cloud services') r++; window.__pub = r + 1;`);
    await page.evaluate('window.__book.select("KC Income Statement", "E" + window.__pub)');
    await page.waitForFunction(() => /R11/.test(document.getElementById('trace-repairs')!.textContent ?? ''));
    expect(await page.textContent('#trace-repairs')).toMatch(/^R11 \(misread digits|^R11 \(thousands dot/);
    await book(`book.sheet('My analysis').cell(3, 1).formula = '=KC.ADJ_EBITDA("Q2-2024")';`);
    await page.evaluate('window.__book.select("My analysis", "B4")');
    await page.waitForFunction(() => /line 241/.test(document.getElementById('trace-sources')!.textContent ?? ''));
    await page.evaluate('window.__book.select("My analysis", "B2")');
    await page.waitForSelector('#trace-body[hidden]', { state: 'attached' });
    expect(await page.textContent('#trace-message')).toMatch(/^Select a figure in a KC tab/);
  });

  test('the tab list links to each tab: a click shows that tab', async () => {
    await page.click('#tabs li a:text("KC Checks")');
    // A function, not a string: a string predicate is eval, which the pane's CSP forbids.
    await page.waitForFunction(() => (window as unknown as { __book: { sheets: { active: boolean }[] } }).__book.sheets.some((s) => s.active));
    const active = await book<string[]>('return book.sheets.filter(function (s) { return s.active; }).map(function (s) { return s.name; });');
    expect(active).toEqual(['KC Checks']);
  });

  test('at 300 px the code samples do not break inside a token', async () => {
    await page.setViewportSize({ width: 300, height: 900 });
    const lines = await page.$$eval('code', (els) => els.map((e) => [e.textContent, e.getClientRects().length] as const));
    expect(lines.length).toBeGreaterThan(3);
    for (const [text, rects] of lines) expect([text, rects]).toEqual([text, 1]);
    await page.screenshot({ path: join(OUT, 'taskpane-300px.png'), fullPage: true });
    await page.setViewportSize({ width: 360, height: 900 });
  });

  test('two quick clicks run one refresh; the keyboard works too', async () => {
    await page.evaluate('window.__delay = 300');
    const before = await book<number>('return book.syncs;');
    await page.dblclick('#build');
    await page.waitForFunction(() => !(document.getElementById('build') as HTMLButtonElement).disabled);
    expect((await book<number>('return book.syncs;')) - before).toBe(2);
    await page.focus('#build');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => !(document.getElementById('build') as HTMLButtonElement).disabled);
    expect((await book<number>('return book.syncs;')) - before).toBe(4);
    await page.evaluate('window.__delay = 0');
  });

  test('releases: the shipped one is listed; paste a release (the EDGAR HTML), preview, add: stored, listed, recalculated', async () => {
    await page.waitForFunction(() => /shipped with the add-in/.test(document.getElementById('release-list')!.textContent ?? ''), null, { timeout: 20_000 });
    await page.click('#add-release summary');
    await page.fill('#release-paste', readFileSync(join(ROOT, 'test', 'releases', 'q2-2024-edgar-html', 'input.htm'), 'utf8'));
    await page.click('#release-read');
    await page.waitForSelector('#release-preview:not([hidden])', { timeout: 20_000 });
    expect(await page.textContent('#preview-what')).toMatch(/^Kingsoft Cloud Holdings Limited — Q2 2024 earnings release of 2024-08-20, read as EDGAR HTML \(pasted text\)$/);
    expect(await page.textContent('#preview-checks')).toMatch(/^\d+ checks: all pass$/);
    expect(await page.textContent('#preview-restates')).toMatch(/^Nothing/);
    expect(await book<number>('return book.xmlParts.length;')).toBe(0);
    await page.screenshot({ path: join(OUT, 'taskpane-add-release-preview.png'), fullPage: true });
    await page.locator('#releases').screenshot({ path: join(OUT, 'add-release.png') }); // the README's picture
    await page.click('#preview-add');
    await page.waitForFunction(() => /was added/.test(document.getElementById('release-status')!.textContent ?? ''), null, { timeout: 20_000 });
    expect(await page.$$eval('#release-list > li > strong', (els) => els.map((e) => e.textContent))).toEqual(['kc-2024q2-earnings-release.txt', 'pasted text']);
    const stored = await book<{ parts: string[]; calculations: string[] }>('return { parts: book.xmlParts.map(function (p) { return p.namespaceUri; }), calculations: book.calculations };');
    expect(stored).toEqual({ parts: ['urn:kc-model:release:1', 'urn:kc-model:release:1'], calculations: ['Full'] });
    expect(await page.isHidden('#release-preview')).toBe(true);
  });

  test('a refused release shows its report and changes nothing; a script in pasted HTML is never run', async () => {
    const before = await book<string>('return JSON.stringify(book.xmlParts) + book.calculations.length;');
    const tampered = readFileSync(join(ROOT, 'assets', 'filings', 'kc-2024q2-earnings-release.txt'), 'utf8').replace('1,835,403\t1,775,684\t1,891,780', '1,835,403\t1,775,684\t1,991,780');
    await page.fill('#release-paste', tampered);
    await page.click('#release-read');
    await page.waitForFunction(() => /^Refused/.test(document.getElementById('preview-checks')!.textContent ?? ''), null, { timeout: 20_000 });
    expect(await page.textContent('#preview-report')).toMatch(/line \d+/);
    expect(await page.isEnabled('#preview-add')).toBe(false);
    await page.screenshot({ path: join(OUT, 'taskpane-add-release-refused.png'), fullPage: true });
    await page.fill('#release-paste', '<html><body><script>window.__ran = 1</script><img src=x onerror="window.__ran = 2"><p>Not a release</p></body></html>');
    await page.click('#release-read');
    await page.waitForFunction(() => /^Refused/.test(document.getElementById('preview-checks')!.textContent ?? '') && /Not a release|pasted text/.test(document.getElementById('preview-what')!.textContent ?? ''));
    expect(await page.evaluate('window.__ran')).toBeUndefined();
    // Its inline handler is never even offered to the page's CSP (no violation reported: see the CSP test below).
    await page.click('#preview-cancel');
    expect(await book<string>('return JSON.stringify(book.xmlParts) + book.calculations.length;')).toBe(before);
  });

  test('a PDF chosen as a file is read by pdf.js, loaded then as chunks of its own, with no worker and no CSP violation', async () => {
    const before = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    expect(before.some((n) => /pdfjs/.test(n))).toBe(false);
    // pdf.js's legacy build replaces Array.prototype.push and more as it loads: the shared runtime gets its own back.
    await page.evaluate(() => Object.assign(window, { __builtins: [Array.prototype.push, globalThis.structuredClone] }));
    await page.setInputFiles('#release-file', join(ROOT, 'test', 'releases', 'q2-2024-pdf', 'input.pdf'));
    await page.waitForSelector('#release-preview:not([hidden])', { timeout: 40_000 });
    await page.waitForFunction(() => /input\.pdf/.test(document.getElementById('preview-what')!.textContent ?? ''), null, { timeout: 40_000 });
    expect(await page.textContent('#preview-what')).toMatch(/Q2 2024 earnings release of 2024-08-20, read as PDF \(input\.pdf\)/);
    expect(await page.textContent('#preview-checks')).toMatch(/all pass/);
    const after = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    expect(after.filter((n) => /pdfjs/.test(n)).length).toBeGreaterThan(0);
    expect(await page.evaluate(() => { const [push, clone] = (window as unknown as { __builtins: unknown[] }).__builtins; return [Array.prototype.push === push, globalThis.structuredClone === clone]; })).toEqual([true, true]);
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    await page.click('#preview-cancel');
  });

  test('remove a release: the confirmation names the figures; Keep it changes nothing; Remove deletes its part and recalculates', async () => {
    await page.click('#release-list li:nth-child(2) button.remove');
    await page.waitForSelector('#remove-confirm:not([hidden])');
    expect(await page.textContent('#remove-message')).toMatch(/^Remove pasted text \(Q2-2024\) from this workbook\? Every figure it gives is also given by another release\.$/);
    await page.click('#remove-no');
    expect(await book<number>('return book.xmlParts.length;')).toBe(2);
    await page.click('#release-list li:nth-child(2) button.remove');
    await page.waitForSelector('#remove-confirm:not([hidden])');
    await page.click('#remove-yes');
    await page.waitForFunction(() => /was removed/.test(document.getElementById('release-status')!.textContent ?? ''));
    expect(await page.$$eval('#release-list > li > strong', (els) => els.map((e) => e.textContent))).toEqual(['kc-2024q2-earnings-release.txt']);
    expect(await book<{ parts: number; calculations: string[] }>('return { parts: book.xmlParts.length, calculations: book.calculations };')).toEqual({ parts: 1, calculations: ['Full', 'Full'] });
  });

  test('on an Excel without ExcelApi 1.9 the pane says which version is needed and writes nothing', async () => {
    const old = await pane.openPage(() => ((window as unknown as { __missingSets: string[] }).__missingSets = ['ExcelApi']));
    await old.waitForSelector('#error:not([hidden])', { timeout: 20_000 });
    expect(await old.textContent('#error')).toMatch(/ExcelApi 1\.9: KC Model needs Excel 2021 or later/);
    expect(await old.isEnabled('#build')).toBe(false);
    expect(await old.evaluate('window.__book.sheets.length + window.__book.syncs')).toBe(1); // the user's sheet only, no request
    expect(await old.textContent('#release-list')).toMatch(/lacks ExcelApi 1\.5\): the shipped Q2 2024 release is used/);
    await old.close();
  });

  test('a strict CSP with no inline script, and no errors or violations during the run', async () => {
    const html = readFileSync(join(DIST, 'taskpane.html'), 'utf8');
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' https:\/\/appsforoffice\.microsoft\.com;/);
    expect([...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].every((m) => m[1].trim() === '' && /src=/.test(m[0]))).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    expect(problems).toEqual([]);
  });

  // Last: the refused attribute is logged as a console error, which the test above counts as a problem.
  test("the CSP lets office.js style its elements as it does (CSSOM), and refuses inline style attributes", async () => {
    // office.js (host files for Excel 2021+, Microsoft 365 and the web) sets styles only through the CSSOM; the
    // style attribute of office-js issue 1687 is what style-src 'self' refuses, so the policy needs no 'unsafe-inline'.
    await page.evaluate('window.__csp = []');
    await page.evaluate(`(function () {
      var d = document.createElement('div'); d.style.cssText = 'position:absolute;top:0;left:0;width:1px;height:1px'; document.body.appendChild(d);
      var f = document.createElement('iframe'); f.style.visibility = 'hidden'; f.style.height = '0'; f.style.width = '0'; document.body.appendChild(f);
      d.remove(); f.remove();
    })()`);
    await page.waitForTimeout(100);
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    await page.evaluate(`(function () { var f = document.createElement('iframe'); f.setAttribute('style', 'display:none'); document.body.appendChild(f); f.remove(); })()`);
    await page.waitForFunction(() => (window as unknown as { __csp: string[] }).__csp.length > 0);
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([expect.stringMatching(/^style-src/)]);
    await page.evaluate('window.__csp = []');
  });

});
