/**
 * The real Q2 2024 release in every form an analyst gets it. The shipped OCR text's figures and prose are rendered
 * (test/support/release-render: synthetic renderings, not files we received) as the EDGAR HTML exhibit; headless
 * Chromium gives its browser copy and its PDF; a newswire copy is made from the browser copy; poppler's pdftotext
 * gives the PDF's text. Every form must give the same 592 facts with the same values as the OCR text, without the
 * OCR repairs; what a form's reader changes in a figure is logged with its proof.
 */
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../src/cli/kc-model';
import { parseRelease, type ParsedRelease } from '../../src/filing';
import { nodeFormReaders } from '../../src/filing/node-readers';
import { readReleaseInput, type ReleaseInput } from '../../src/filing/read-input';
import { SHIPPED_RELEASE_TEXT } from '../../src/filing/shipped';
import { buildModel } from '../../src/model';
import { browserForms, pdftotext } from '../support/release-render/browser';
import { renderEdgarHtml, renderSource } from '../support/release-render/html';
import { wireCopy, wireHtml } from '../support/release-render/wire';

const shipped = parseRelease(SHIPPED_RELEASE_TEXT);
const key = (f: ParsedRelease['facts'][number]) => `${f.table}|${f.row}|${f.period}|${f.currency}|${f.unit}`;
const grid = (r: ParsedRelease) => new Map(r.facts.map((f) => [`${key(f)}|${f.provenance.line}`, f.value.toString()]));
/** Facts as (key -> values), line numbers aside: a form has its own lines. */
const values = (r: ParsedRelease) => {
  const m = new Map<string, string[]>();
  for (const f of r.facts) m.set(key(f), [...(m.get(key(f)) ?? []), f.value.toString()].sort());
  return m;
};

const html = renderEdgarHtml(renderSource(SHIPPED_RELEASE_TEXT));
const encode = (s: string) => new TextEncoder().encode(s);
let forms: Record<string, Uint8Array> = {};

beforeAll(async () => {
  const page = await browserForms(html);
  const wire = await browserForms(wireHtml(html));
  forms = {
    'EDGAR HTML exhibit': encode(html),
    'browser copy (innerText)': encode(page.innerText),
    'newswire copy': encode(wireCopy(wire.innerText)),
    'pdftotext -layout of the printed PDF': encode(pdftotext(page.pdf, true)),
    'PDF printed by Chromium (pdf.js)': page.pdf,
    'pdftotext without -layout': encode(pdftotext(page.pdf, false)),
  };
}, 60000);

async function read(bytes: Uint8Array): Promise<{ input: ReleaseInput; release: ParsedRelease }> {
  const input = await readReleaseInput(bytes, nodeFormReaders);
  return { input, release: parseRelease(input.source) };
}

const FORMS: [string, string][] = [
  ['EDGAR HTML exhibit', 'html'],
  ['browser copy (innerText)', 'copied_text'],
  ['newswire copy', 'copied_text'],
  ['pdftotext -layout of the printed PDF', 'pdf_text'],
  ['PDF printed by Chromium (pdf.js)', 'pdf'],
];

describe('the shipped release in every form', () => {
  test('the shipped OCR text: 592 facts, 19 repairs', () => {
    expect(shipped.facts).toHaveLength(592);
    expect(shipped.repairs).toHaveLength(19);
  });

  test.each(FORMS)('%s: recognised by content, the same 592 facts with the same values, no OCR repair, no issue', async (name, form) => {
    const { input, release } = await read(forms[name]);
    expect(input.form).toBe(form);
    expect(release.issues).toEqual([]);
    expect(release.quarter).toBe('Q2-2024');
    expect(release.facts).toHaveLength(592);
    expect(values(release)).toEqual(values(shipped));
    expect(release.repairs).toEqual([]);
    expect(release.checks.length).toBe(shipped.checks.length);
    expect(release.checks.every((c) => c.pass)).toBe(true);
    const modelChecks = buildModel(release).checks();
    expect(modelChecks.filter((c) => !c.pass)).toEqual([]);
    expect(modelChecks.length).toBe(buildModel(shipped).checks().length);
  });

  test('the HTML reader drops footnote markers and reads "—" as nil; the flattened marker is only in copies', async () => {
    const { input } = await read(forms['EDGAR HTML exhibit']);
    expect(input.repairs).toEqual([]);
    expect(input.source as string).toContain('RMB1,891.8 million (US$260.3 million)');
    expect(input.source as string).toMatch(/^Cost of revenues\t\(1,628,797\)\t/m);
    expect(input.source as string).toMatch(/^Gross margin\t11\.3%\t16\.5%/m);
  });

  test('browser copy: "US$260.31 million" (footnote 1 flattened into the figure) is resolved by the rate, and logged', async () => {
    const { input, release } = await read(forms['browser copy (innerText)']);
    expect(new TextDecoder().decode(forms['browser copy (innerText)'])).toContain('US$260.31\u00A0million');
    expect(input.repairs).toEqual([
      expect.objectContaining({
        kind: 'footnote_flattened',
        read: 'US$260.31 million',
        repaired: 'US$260.3 million (footnote 1)',
        identity: expect.stringContaining('RMB1,891,780 thousand in the tables; at RMB7.2672 per US$1.00 that is US$260.3176 million'),
      }),
    ]);
    const usd = release.facts.find((f) => f.table === 'prose' && f.row === 'total_revenues' && f.currency === 'USD')!;
    expect(usd.value.toString()).toBe('260300');
  });

  test('browser copy: a US$ figure the rate does not prove is left as read, and the checks refuse it', async () => {
    const text = new TextDecoder().decode(forms['browser copy (innerText)']).replace('US$260.31\u00A0million', 'US$261.31\u00A0million');
    const { input, release } = await read(encode(text));
    expect(input.repairs).toEqual([]);
    // The prose is checked against the tables by the model's checks (what kc-model check and the gate run).
    const failed = buildModel(release).checks().filter((c) => !c.pass);
    expect(failed.map((c) => `${c.id} ${c.currency}`)).toContain('prose.total_revenues USD');
  });

  test('PDF text (pdftotext -layout): columns by position, wrapped labels joined, the flattened footnote resolved', async () => {
    const { input } = await read(forms['pdftotext -layout of the printed PDF']);
    expect(input.repairs).toEqual([expect.objectContaining({ kind: 'footnote_flattened', read: 'US$260.31 million', repaired: 'US$260.3 million (footnote 1)' })]);
    expect(input.source as string).toMatch(/^Cost of revenues\t\(1,628,797\)\t/m);
  });

  test('PDF (pdf.js): lines and columns rebuilt from the text items\' positions', async () => {
    const { input } = await read(forms['PDF printed by Chromium (pdf.js)']);
    expect(input.repairs.map((r) => r.kind)).toEqual(['footnote_flattened']);
    expect(input.source as string).toMatch(/^Total revenues\t1,835,403\t1,775,684\t1,891,780\t260,318\t3,699,803\t3,667,464\t504,660$/m);
  });

  test('kc-model check reads each form by content, whatever the file is called; --json stays clean JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kc-forms-'));
    for (const [i, name] of Object.keys(forms).filter((f) => f !== 'pdftotext without -layout').entries()) {
      const file = join(dir, `release-${i}.txt`); // the name says nothing: the content decides
      writeFileSync(file, forms[name]);
      let out = '';
      const code = await main(['check', file, '--json'], (s) => (out += s + '\n'), () => undefined);
      const j = JSON.parse(out);
      expect([name, code, j.ok, j.company, j.quarter, j.facts.length]).toEqual([name, 0, true, 'Kingsoft Cloud Holdings Limited', 'Q2-2024', 592]);
      // What a copy's reader changed is listed with the repairs, with its proof and line.
      const kinds = j.repairs.map((r: { kind: string }) => r.kind);
      expect([name, kinds]).toEqual([name, name.startsWith('EDGAR') ? [] : name.startsWith('newswire') ? ['split_percent'] : ['footnote_flattened']]);
    }
  });

  test('pdftotext without -layout: recognised and refused with the reason, never misread', async () => {
    const { input, release } = await read(forms['pdftotext without -layout']);
    expect(input.form).toBe('pdf_text');
    expect(release.issues.map((i) => i.code)).toEqual(['input.pdf_text_without_layout']);
    expect(release.facts).toEqual([]);
    expect(release.company).toBe('');
  });

  test('a "Notes" column before the figures (HTML and its browser copy): note references dropped, the same facts', async () => {
    const withNotes = renderEdgarHtml(renderSource(SHIPPED_RELEASE_TEXT), { notes: true });
    expect(withNotes).toContain('>Notes<');
    const copy = (await browserForms(withNotes)).innerText;
    for (const bytes of [encode(withNotes), encode(copy)]) {
      const { input, release } = await read(bytes);
      expect(input.source as string).toMatch(/^Accounts receivable, net\t1,529,915\t1,680,965\t231,308$/m);
      expect(release.issues).toEqual([]);
      expect(values(release)).toEqual(values(shipped));
    }
  });

  test('newswire copy: dateline, curly quotes, "Non–GAAP", "[1]" and hard wraps read; "3. 1%" logged', async () => {
    const wire = new TextDecoder().decode(forms['newswire copy']);
    expect(wire).toContain('BEIJING, Aug. 20, 2024 (GLOBE NEWSWIRE) --');
    expect(wire).toContain('Non\u2013GAAP');
    expect(wire).toContain('US$260.3[1]');
    expect(wire).toContain('3. 1%');
    expect(Math.max(...wire.split('\n').filter((l) => !l.includes('\t')).map((l) => l.length))).toBeLessThanOrEqual(76);
    const { input } = await read(forms['newswire copy']);
    expect(input.repairs).toEqual([expect.objectContaining({ kind: 'split_percent', read: '3. 1%', repaired: '3.1%' })]);
  });

  test('rejections hold in the HTML form: an altered total, a truncated file, swapped columns', async () => {
    const altered = html.replace('>1,835,403<', '>1,835,503<');
    expect((await read(encode(altered))).release.issues.map((i) => i.code)).toContain('check.failed');
    const truncated = html.slice(0, Math.floor(html.length * 0.6));
    expect((await read(encode(truncated))).release.issues.map((i) => i.code)).toContain('layout.table_missing');
    // Headers swapped are read as printed; the figures under them then fail their checks.
    const swapped = html.replace(/Dec 31,<br>2023(.*?)Jun 30,<br>2024/, 'Jun 30,<br>2024$1Dec 31,<br>2023');
    expect((await read(encode(swapped))).release.issues.map((i) => i.code)).toContain('check.failed');
    const other = html.replace(/Dec 31,<br>2023/, 'Dec 31,<br>2022');
    expect((await read(encode(other))).release.issues.map((i) => i.code)).toContain('layout.header_mismatch');
  });

  test('rejections hold in the browser copy: an altered total, an unrelated page', async () => {
    const text = new TextDecoder().decode(forms['browser copy (innerText)']);
    const altered = text.replace('1,835,403', '1,835,503');
    expect((await read(encode(altered))).release.issues.map((i) => i.code)).toContain('check.failed');
    const other = await read(encode('ACME Corp. Annual Report\n\nRevenue\t\u00A0\t1,000\t)\t\u00A0\t2,000\t)\t\u00A0\t3,000\t)\n'));
    expect(other.release.issues.map((i) => i.code)).toEqual(['release.not_kc']);
    expect(other.release.company).toBe('');
  });

  test.each(['newswire copy', 'pdftotext -layout of the printed PDF'])('rejections hold in the %s: an altered total, a truncated text', async (name) => {
    const text = new TextDecoder().decode(forms[name]);
    expect((await read(encode(text.replace('1,835,403', '1,835,503')))).release.issues.map((i) => i.code)).toContain('check.failed');
    const truncated = (await read(encode(text.slice(0, Math.floor(text.length * 0.6))))).release.issues.map((i) => i.code);
    expect(truncated).toContain('layout.table_missing');
  });

  test('rejections hold in the PDF: the altered exhibit, printed, is refused', async () => {
    const pdf = (await browserForms(html.replace('>1,835,403<', '>1,835,503<'))).pdf;
    const { input, release } = await read(pdf);
    expect(input.form).toBe('pdf');
    expect(release.issues.map((i) => i.code)).toContain('check.failed');
  });

  test('an HTML page that is not a release is refused, claiming no company', async () => {
    const { input, release } = await read(encode('<!DOCTYPE html><html><body><p>ACME Corp. results</p><table><tr><td>Revenue</td><td>1</td></tr></table></body></html>'));
    expect(input.form).toBe('html');
    expect(release.issues.map((i) => i.code)).toEqual(['release.not_kc']);
    expect(release.company).toBe('');
  });

  test('scripts in an HTML file are never run and never read as text', async () => {
    const hostile = html.replace('<body', '<body onload="alert(1)"').replace('</body>', '<script>document.write("Total revenues\\t9,999,999")</script><style>p{}</style></body>');
    const { input, release } = await read(encode(hostile));
    expect(input.source as string).not.toContain('9,999,999');
    expect(release.facts).toHaveLength(592);
  });

  test('grid helper sanity: the OCR text and its HTML form differ in lines, not values', async () => {
    const { release } = await read(forms['EDGAR HTML exhibit']);
    expect(grid(release)).not.toEqual(grid(shipped));
    expect(values(release)).toEqual(values(shipped));
  });
});
