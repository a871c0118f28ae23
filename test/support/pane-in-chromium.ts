import { existsSync, mkdirSync, readFileSync } from 'fs';
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import { extname, join, normalize } from 'path';
import ts from 'typescript';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * The built task pane (dist/) served from this machine and opened in headless Chromium, with a stub Office.js whose
 * Excel.run drives the in-memory fake workbook (test/support/fake-workbook.ts) as window.__book. One page per test
 * file, shared by its tests in order; nothing leaves the machine (every other request is aborted).
 */
export const ROOT = join(__dirname, '..', '..');
export const DIST = join(ROOT, 'dist');
/** Screenshots for a reader of the run. */
export const OUT = join(ROOT, 'test-output');
const CHROMIUM = '/usr/bin/chromium';
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const VIEWPORT = { width: 360, height: 900 };

/** Runs where Chromium is installed, and always under CI (where a missing browser or build must fail, not skip). */
const run = existsSync(CHROMIUM) || Boolean(process.env.CI);
export const describeChromium = run && existsSync(join(DIST, 'taskpane.html')) ? describe : run && process.env.CI ? describe : describe.skip;

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.txt': 'text/plain; charset=utf-8', '.png': 'image/png' };

/** The fake workbook compiled for the browser (it has no imports), exposed as window.FakeWorkbook. */
function fakeForBrowser(): string {
  const src = readFileSync(join(ROOT, 'test', 'support', 'fake-workbook.ts'), 'utf8');
  const js = ts.transpileModule(src, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
  return `(function(){var exports={};var module={exports:exports};${js};window.FakeWorkbook=exports.FakeWorkbook;})();`;
}

const OFFICE_STUB = `
window.CustomFunctions = {
  associate: function () {},
  Error: class extends Error { constructor(code, message) { super(message); this.code = code; } },
  ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A' },
};
window.__book = new window.FakeWorkbook();
window.__book.addUserSheet('My analysis', { A1: 'Adj. EBITDA Q2 2024', B1: "='KC Non-GAAP'!D26", A2: 'note', B2: 42 });
window.Office = {
  HostType: { Excel: 'Excel' },
  onReady: function (cb) { var info = { host: 'Excel', platform: 'OfficeOnline' }; if (cb) setTimeout(function () { cb(info); }, 0); return Promise.resolve(info); },
  // Every requirement set is supported unless a test lists it in window.__missingSets (an older Excel).
  context: { requirements: { isSetSupported: function (name) { return (window.__missingSets || []).indexOf(name) < 0; } } },
};
// Excel.run answers after __delay ms, like a real round trip (tests set it to catch overlapping refreshes).
window.__delay = 0;
window.Excel = { run: function (batch) { return new Promise(function (r) { setTimeout(r, window.__delay); }).then(function () { return batch(window.__book.context()); }); } };
`;

export interface PaneSession {
  browser: Browser;
  /** The pane, loaded. */
  page: Page;
  /** Console errors and page errors seen on the page so far. */
  problems: string[];
  /** Runs `fn` (a function body) in the page with the fake workbook as `book`; its result. */
  book<T>(fn: string): Promise<T>;
  /** Another page of the pane, its scripts `before` run first (e.g. to take requirement sets away). */
  openPage(before?: () => void): Promise<Page>;
  close(): Promise<void>;
}

/** Serves dist/, launches Chromium and loads the pane (CSP violations kept in window.__csp). */
export async function openPane(): Promise<PaneSession> {
  mkdirSync(OUT, { recursive: true });
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0])).replace(/^(\.\.[/\\])+/, '');
    const file = join(DIST, path);
    if (!file.startsWith(DIST) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  const stub = fakeForBrowser() + OFFICE_STUB;
  const openPage = async (before?: () => void, problems?: string[]): Promise<Page> => {
    const p = await browser.newPage({ viewport: VIEWPORT });
    if (problems) {
      p.on('console', (m) => (m.type() === 'error' ? problems.push(`console: ${m.text()}`) : undefined));
      p.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    }
    if (before) await p.addInitScript(before);
    await p.route('**/*', (route) => {
      const url = route.request().url();
      if (url === OFFICE_JS) return route.fulfill({ status: 200, contentType: 'text/javascript', body: stub });
      if (url.startsWith(base)) return route.continue();
      return route.abort(); // nothing leaves the machine
    });
    await p.goto(`${base}/taskpane.html`);
    return p;
  };
  const problems: string[] = [];
  const page = await openPage(() => {
    (window as unknown as { __csp: string[] }).__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  }, problems);
  return {
    browser,
    page,
    problems,
    book: <T>(fn: string) => page.evaluate(`(function (book) { ${fn} })(window.__book)`) as Promise<T>,
    openPage: (before) => openPage(before),
    close: async () => {
      await browser.close();
      await new Promise((r) => server.close(r));
    },
  };
}
