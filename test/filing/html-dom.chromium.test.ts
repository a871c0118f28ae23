/**
 * The HTML reader behind its two parsers: the add-in's (the browser's DOMParser, src/filing/html-dom.ts) run in
 * headless Chromium, and the Node build's (htmlparser2). On the rendered (synthetic) EDGAR exhibit and on hostile
 * HTML, both must give the same release text. The three reader modules are transpiled as they are and joined into
 * one page script (they import only each other).
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { chromium, type Browser } from 'playwright-core';
import ts from 'typescript';
import { htmlToReleaseText } from '../../src/filing/html';
import { parseHtmlNode } from '../../src/filing/html-node';
import { SHIPPED_RELEASE_TEXT } from '../../src/filing/shipped';
import { renderEdgarHtml, renderSource } from '../support/release-render/html';

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** table-cells.ts, html.ts and html-dom.ts as one classic script defining their functions globally. */
function pageScript(): string {
  return ['table-cells.ts', 'html.ts', 'html-dom.ts']
    .map((f) => {
      const src = readFileSync(join(__dirname, '..', '..', 'src', 'filing', f), 'utf8');
      const js = ts.transpileModule(src, { compilerOptions: { module: ts.ModuleKind.ES2020, target: ts.ScriptTarget.ES2020 } }).outputText;
      return js.replace(/^import .*$/gm, '').replace(/^export \{\};?$/gm, '').replace(/^export /gm, '');
    })
    .join('\n');
}

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
}, 60000);
afterAll(async () => {
  await browser?.close();
});

async function inBrowser(html: string): Promise<string> {
  const page = await browser.newPage();
  try {
    await page.route('**/*', (route) => route.abort());
    await page.setContent('<!DOCTYPE html><html><body></body></html>');
    await page.addScriptTag({ content: pageScript() });
    // The script's top-level consts are global bindings, not properties of window: evaluate by name.
    return (await page.evaluate(`htmlToReleaseText(${JSON.stringify(html)}, parseHtmlDom)`)) as string;
  } finally {
    await page.close();
  }
}

describe('the HTML reader with the browser\'s DOMParser', () => {
  test('the EDGAR exhibit gives the same release text as with htmlparser2', async () => {
    const html = renderEdgarHtml(renderSource(SHIPPED_RELEASE_TEXT));
    const node = htmlToReleaseText(html, parseHtmlNode);
    expect(node).toContain('Total revenues\t1,835,403\t1,775,684\t1,891,780\t260,318\t3,699,803\t3,667,464\t504,660');
    expect(await inBrowser(html)).toBe(node);
  });

  test.each(['synthetic-q1-2025-edgar-html', 'synthetic-q3-2024-edgar-html', 'synthetic-q4-2024-edgar-html'])('%s (synthetic): the same release text as with htmlparser2', async (name) => {
    const html = readFileSync(join(__dirname, '..', 'releases', name, 'input.htm'), 'utf8');
    const node = htmlToReleaseText(html, parseHtmlNode);
    expect(node).toMatch(/Total revenues\t[\d,]+\t/);
    expect(await inBrowser(html)).toBe(node);
  });

  test('hostile HTML: scripts are neither run nor read, unclosed tags and entities are read alike', async () => {
    const html =
      '<html><body onload="document.title=\'ran\'"><p>Kingsoft&#160;Cloud &amp; <b>partners<p>second paragraph' +
      '<script>document.body.innerHTML="<p>injected</p>"</script><img src=x onerror="document.title=\'ran\'">' +
      '<table><tr><td>Cost of revenues<td>(1,628,797<td>)<td>&nbsp;<td>11.3<td>%</table><style>p{}</style>';
    const node = htmlToReleaseText(html, parseHtmlNode);
    expect(node).not.toContain('injected');
    expect(node).toContain('Cost of revenues\t(1,628,797)\t11.3%');
    expect(await inBrowser(html)).toBe(node);
  });
});
