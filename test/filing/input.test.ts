/**
 * Input diagnosis and normalisation: what a file is, by its content, and the harmless differences of a copy of the
 * release (BOM, CRLF, non-breaking spaces, curly quotes, "Non–GAAP") that must not change a single fact.
 * Asserts issue codes, not prose.
 */
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseRelease } from '../../src/filing';
import { normaliseText } from '../../src/filing/input';
import { diagnoseInput } from '../../src/filing/input-diagnosis';
import { readReleaseInput } from '../../src/filing/read-input';
import { SHIPPED_RELEASE_TEXT } from '../../src/filing/shipped';
import { main } from '../../src/cli/kc-model';

/** A file's bytes or a text, read as the CLI reads a file (here without the HTML and PDF readers), then parsed. */
const parseInput = async (input: string | Uint8Array) => parseRelease((await readReleaseInput(input)).source);
const codes = async (input: string | Uint8Array) => (await parseInput(input)).issues.map((i) => i.code);
const shipped = parseRelease(SHIPPED_RELEASE_TEXT);
const factKey = (r: ReturnType<typeof parseRelease>) =>
  r.facts.map((f) => `${f.table}|${f.row}|${f.period}|${f.currency}|${f.value.toString()}|${f.provenance.line}`).sort();

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('diagnosis by content', () => {
  test.each([
    ['', 'input.empty'],
    ['   \n\t\n  ', 'input.empty'],
    ['\uFEFF', 'input.empty'],
  ])('empty input %j gives input.empty and claims no company', async (text, code) => {
    const r = await parseInput(text);
    expect(r.issues.map((i) => i.code)).toEqual([code]);
    expect(r.company).toBe('');
    expect(r.facts).toEqual([]);
  });

  test('an empty file (zero bytes) says so', () => {
    expect(diagnoseInput(new Uint8Array())).toMatchObject({ kind: 'empty', issues: [{ code: 'input.empty', message: 'the file is empty' }] });
  });

  const MAGIC: [string, number[]][] = [
    ['PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
    ['JPEG', [0xff, 0xd8, 0xff, 0xe0]],
    ['GIF', [0x47, 0x49, 0x46, 0x38, 0x39, 0x61]],
    ['ZIP archive (.zip, .xlsx, .docx)', [0x50, 0x4b, 0x03, 0x04]],
    ['Microsoft Office 97-2003 file (.xls, .doc)', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
    ['gzip archive', [0x1f, 0x8b, 0x08]],
  ];
  test.each(MAGIC)('a %s file is named as a binary, not a release text', async (format, magic) => {
    const next = rng(magic[0]);
    for (let k = 0; k < 20; k++) {
      const bytes = new Uint8Array(magic.length + Math.floor(next() * 2000));
      bytes.set(magic);
      for (let i = magic.length; i < bytes.length; i++) bytes[i] = Math.floor(next() * 256);
      const r = await parseInput(bytes);
      expect(r.issues).toEqual([expect.objectContaining({ code: 'input.binary', message: `this is a binary file (${format}), not a release text` })]);
      expect(r.company).toBe('');
    }
  });

  test('generated binaries without a known magic number are binaries (NUL bytes or control characters)', async () => {
    const next = rng(7);
    for (let k = 0; k < 50; k++) {
      const bytes = new Uint8Array(200 + Math.floor(next() * 3000)).map(() => Math.floor(next() * 256));
      bytes[0] = 0x20; // no magic number
      expect(await codes(bytes)).toEqual(['input.binary']);
    }
  });

  test('a PDF is recognised as a PDF (and without a PDF reader it is refused as one)', async () => {
    const pdf = new TextEncoder().encode('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n');
    expect(diagnoseInput(pdf).kind).toBe('pdf');
    expect(await codes(pdf)).toEqual(['input.pdf']);
  });

  test('HTML is recognised as HTML, by content whatever the name', async () => {
    for (const html of ['<!DOCTYPE html><html><body><p>x</p></body></html>', '<html>\n<head></head>', '\uFEFF  <?xml version="1.0"?>\n<html>', '<div><table><tr><td>1</td></tr></table></div>']) {
      expect(diagnoseInput(html).kind).toBe('html');
    }
    expect(diagnoseInput('Revenues rose; see <table> below.').kind).toBe('text');
    expect(await codes('<html><body><p>Kingsoft Cloud</p></body></html>')).toEqual(['input.html']);
  });

  test('UTF-16 text (by its BOM) is decoded, not taken for a binary', async () => {
    const text = 'not a release';
    const le = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) le[2 + 2 * i] = text.charCodeAt(i);
    expect(diagnoseInput(le)).toMatchObject({ kind: 'text', text });
    expect(await codes(le)).toEqual(['release.not_kc']);
  });

  test('an unrelated text: release.not_kc, no company claimed', () => {
    const r = parseRelease('ACME Corp. Annual Report 2023\n\nRevenue grew 12%.\n');
    expect(r.issues.map((i) => i.code)).toEqual(['release.not_kc']);
    expect(r.company).toBe('');
  });
});

describe('normalisation: a copy of the release reads as the release', () => {
  test('normaliseText keeps lines where they were', () => {
    expect(normaliseText('\uFEFFa\r\nb\rc\n')).toBe('a\nb\nc\n');
    expect(normaliseText('Non\u2013GAAP and Non\u2014GAAP, 2023 \u2013 2024')).toBe('Non-GAAP and Non-GAAP, 2023 \u2013 2024');
    expect(normaliseText('\u201CKingsoft Cloud\u201D or the \u2018Company\u2019')).toBe('"Kingsoft Cloud" or the \'Company\'');
    expect(normaliseText('Jun\u00A030,\u00A02024\u202F1,234')).toBe('Jun 30, 2024 1,234');
    expect(normaliseText(SHIPPED_RELEASE_TEXT).split('\n')).toHaveLength(SHIPPED_RELEASE_TEXT.split('\n').length);
  });

  const variants: [string, (t: string) => string][] = [
    ['non-breaking spaces in every table and sentence', (t) => t.replace(/ /g, '\u00A0')],
    ['CRLF line ends', (t) => t.replace(/\n/g, '\r\n')],
    ['a UTF-8 BOM', (t) => '\uFEFF' + t],
    ['curly quotes', (t) => t.replace(/"([^"\n]*)"/g, '\u201C$1\u201D').replace(/'/g, '\u2019')],
    ['"Non–GAAP" with an en dash', (t) => t.replace(/Non-GAAP/g, 'Non\u2013GAAP')],
    ['all of them at once', (t) => '\uFEFF' + t.replace(/ /g, '\u00A0').replace(/\n/g, '\r\n').replace(/Non-GAAP/g, 'Non\u2013GAAP').replace(/'/g, '\u2019')],
  ];
  test.each(variants)('%s: the same 592 facts, the same 19 repairs, no issue', (_, change) => {
    const r = parseRelease(change(SHIPPED_RELEASE_TEXT));
    expect(r.issues).toEqual([]);
    expect(r.facts).toHaveLength(592);
    expect(factKey(r)).toEqual(factKey(shipped));
    expect(r.repairs.map((p) => `${p.kind}@${p.line}`)).toEqual(shipped.repairs.map((p) => `${p.kind}@${p.line}`));
  });

  test('the same as bytes read from a file (UTF-8 with BOM and CRLF)', async () => {
    const bytes = new TextEncoder().encode('\uFEFF' + SHIPPED_RELEASE_TEXT.replace(/\n/g, '\r\n').replace(/ /g, '\u00A0'));
    const input = await readReleaseInput(bytes);
    expect(input.form).toBe('text');
    expect(factKey(parseRelease(input.source))).toEqual(factKey(shipped));
  });
});

describe('issue codes of the parser', () => {
  const LINES = SHIPPED_RELEASE_TEXT.split('\n');
  const parsed = (text: string) => parseRelease(text).issues.map((i) => i.code);
  test('title missing', () => {
    const text = SHIPPED_RELEASE_TEXT.replace('UNAUDITED CONDENSED CONSOLIDATED BALANCE SHEETS', 'SOMETHING ELSE');
    expect(parsed(text)).toContain('layout.title_missing');
  });
  test('truncated text: tables missing', () => {
    expect(parsed(LINES.slice(0, 170).join('\n'))).toContain('layout.table_missing');
  });
  test('a row missing, a check failing', () => {
    expect(parsed(LINES.filter((_, i) => i !== 192).join('\n'))).toContain('layout.row_missing');
    expect(parsed(SHIPPED_RELEASE_TEXT.replace('Total revenues\t1,835,403', 'Total revenues\t1,835,503'))).toContain('check.failed');
  });
  test('another quarter in the headline than in the tables', () => {
    expect(parsed(SHIPPED_RELEASE_TEXT.replace('Unaudited Second Quarter 2024', 'Unaudited Third Quarter 2024'))).toContain('layout.header_mismatch');
  });
  test('the parser itself refuses an empty text, and passes a refused input\'s reason through', () => {
    expect(parsed(' \r\n\u00A0\n')).toEqual(['input.empty']);
    expect(parseRelease({ refused: [{ severity: 'error', code: 'input.binary', message: 'this is a binary file (PNG), not a release text' }] })).toMatchObject({
      company: '',
      facts: [],
      issues: [{ code: 'input.binary' }],
    });
  });
  test('every issue carries a code', () => {
    const text = SHIPPED_RELEASE_TEXT.replace('Cash and cash equivalents\t2,255,287', 'Cash and cash equivalents\t2.255.288');
    const issues = parseRelease(text).issues;
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => /^[a-z]+\.[a-z_]+$/.test(i.code))).toBe(true);
    expect(issues.map((i) => i.code)).toContain('cell.unreadable');
  });
});

describe('kc-model check on what is not a release text', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kc-input-'));
  async function run(...argv: string[]) {
    let out = '';
    let err = '';
    const code = await main(argv, (s) => (out += s + '\n'), (s) => (err += s + '\n'));
    return { code, out, err };
  }

  test('a PNG named .txt: exit 1, --json claims no company and gives the code', async () => {
    const png = join(dir, 'release.txt');
    writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]));
    const r = await run('check', png, '--json');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.company).toBeNull();
    expect(j.ok).toBe(false);
    expect(j.issues).toEqual([expect.objectContaining({ code: 'input.binary', message: 'this is a binary file (PNG), not a release text' })]);
    const text = await run('check', png);
    expect(text.out).toContain('this is a binary file (PNG), not a release text');
    expect(text.out).not.toContain('Kingsoft Cloud Holdings Limited');
  });

  test('an empty file: exit 1, "the file is empty"', async () => {
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const j = JSON.parse((await run('check', empty, '--json')).out);
    expect(j.company).toBeNull();
    expect(j.issues).toEqual([expect.objectContaining({ code: 'input.empty', message: 'the file is empty' })]);
  });

  test('an unrelated text: --json claims no company', async () => {
    const other = join(dir, 'other.txt');
    writeFileSync(other, 'ACME Corp. Annual Report 2023\n');
    const j = JSON.parse((await run('check', other, '--json')).out);
    expect(j.company).toBeNull();
    expect(j.issues.map((i: { code: string }) => i.code)).toEqual(['release.not_kc']);
  });

  test('the release with NBSP and CRLF is accepted by the CLI', async () => {
    const copy = join(dir, 'copy.txt');
    writeFileSync(copy, SHIPPED_RELEASE_TEXT.replace(/ /g, '\u00A0').replace(/\n/g, '\r\n'));
    const r = await run('check', copy);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Facts: 592 /m);
  });
});
