import { readFileSync } from 'fs';
import { join } from 'path';
import { FakeWorkbook, rootNamespace, wellFormedXml } from '../support/fake-workbook';
import { RELEASE_NAMESPACE, readReleaseXml, readStoredReleases, recalculateAll, releaseXml, removeStoredRelease, storeRelease, type StoredRelease } from '../../src/excel/release-store';
import { loadWorkbookLibrary } from '../../src/taskpane/workbook-releases';
import { nodeFormReaders } from '../../src/filing/node-readers';
import { replaceSharedModel, setLibraryLoader, sharedModel } from '../../src/model/shared';

const ROOT = join(__dirname, '..', '..');
const SHIPPED = readFileSync(join(ROOT, 'assets', 'filings', 'kc-2024q2-earnings-release.txt'), 'utf8');
const EDGAR = readFileSync(join(ROOT, 'test', 'releases', 'q2-2024-edgar-html', 'input.htm'), 'utf8');
const shippedText = async () => SHIPPED;

const runOn = (book: FakeWorkbook) => <T>(batch: (c: Excel.RequestContext) => Promise<T>) => batch(book.context() as unknown as Excel.RequestContext);
const release = (text: string, form = 'text', name = 'kc.txt'): StoredRelease => ({ text, form, name, added: '2026-11-25T12:00:00.000Z' });

describe('the fake custom XML parts behave as Excel documents them (ExcelApi 1.5)', () => {
  test('add: the id is known only after sync; the namespace is the root element’s; getByNamespace scopes; getXml is a ClientResult; delete', async () => {
    const book = new FakeWorkbook();
    const ctx = book.context() as unknown as Excel.RequestContext;
    const part = ctx.workbook.customXmlParts.add('<a xmlns="urn:x"><b>1 &amp; 2</b></a>');
    part.load('id');
    expect(() => part.id).toThrow(/PropertyNotLoaded/);
    expect(book.xmlParts).toHaveLength(0);
    await ctx.sync();
    expect(part.id).toMatch(/^\{[0-9A-F-]{36}\}$/i);
    ctx.workbook.customXmlParts.add('<c xmlns="urn:y"/>');
    await ctx.sync();
    const scoped = ctx.workbook.customXmlParts.getByNamespace('urn:x');
    scoped.load('items/id,items/namespaceUri');
    await ctx.sync();
    expect(scoped.items.map((p) => p.namespaceUri)).toEqual(['urn:x']);
    const xml = scoped.items[0].getXml();
    expect(() => xml.value).toThrow(/PropertyNotLoaded/);
    await ctx.sync();
    expect(xml.value).toBe('<a xmlns="urn:x"><b>1 &amp; 2</b></a>');
    ctx.workbook.customXmlParts.getItem(part.id).delete();
    expect(book.xmlParts).toHaveLength(2); // queued until sync
    await ctx.sync();
    expect(book.xmlParts.map((p) => p.namespaceUri)).toEqual(['urn:y']);
    ctx.workbook.customXmlParts.getItem(part.id).delete();
    await expect(ctx.sync()).rejects.toThrow(/ItemNotFound/);
  });

  test('add refuses XML that is not well formed', () => {
    const ctx = new FakeWorkbook().context() as unknown as Excel.RequestContext;
    for (const bad of ['<a>', '<a></b>', 'text', '<a/><b/>', '<a>x & y</a>', '<a>x < y</a>']) expect(() => ctx.workbook.customXmlParts.add(bad)).toThrow(/InvalidArgument/);
    expect(wellFormedXml('<?xml version="1.0"?><a x="1"><b/>t&#13;</a>')).toBe(true);
    expect(rootNamespace("<p:a xmlns:p='urn:p'/>")).toBe('urn:p');
  });

  test('application.calculate is recorded at sync, with its type', async () => {
    const book = new FakeWorkbook();
    const ctx = book.context() as unknown as Excel.RequestContext;
    ctx.application.calculate('Full');
    expect(book.calculations).toEqual([]);
    await ctx.sync();
    expect(book.calculations).toEqual(['Full']);
    expect(() => ctx.application.calculate('Sometimes' as Excel.CalculationType)).toThrow(/InvalidArgument/);
  });
});

describe('a release as a custom XML part', () => {
  test('round trip of text XML cannot hold as is: markup, CR, form feeds, astral characters', () => {
    for (const text of ['a < b & c > "d" \'e\'\r\nline', 'page 1\fpage 2\u0000', '<script>alert(1)</script> 𝔘 ']) {
      const xml = releaseXml(release(text, 'html', 'a "b" <c>.htm'));
      expect(wellFormedXml(xml)).toBe(true);
      expect(rootNamespace(xml)).toBe(RELEASE_NAMESPACE);
      expect(readReleaseXml(xml)).toEqual(release(text, 'html', 'a "b" <c>.htm'));
    }
  });

  test('a damaged or foreign part is named as such, never read', () => {
    const xml = releaseXml(release('Total revenues 100'));
    expect(readReleaseXml(xml.replace('100', '10'))).toEqual({ problem: expect.stringMatching(/damaged/) });
    expect(readReleaseXml(xml.replace(RELEASE_NAMESPACE, 'urn:other'))).toEqual({ problem: expect.stringMatching(/namespace/) });
    expect(readReleaseXml('<release xmlns="urn:kc-model:release:1"/>')).toEqual({ problem: expect.stringMatching(/not a KC Model release/) });
    expect(readReleaseXml(xml.replace('Total', '&bogus; Total'))).toEqual({ problem: expect.stringMatching(/damaged/) });
  });

  test('store, read (2 syncs), remove (1 sync), recalculate (1 sync); other add-ins’ parts untouched', async () => {
    const book = new FakeWorkbook();
    const run = runOn(book);
    book.putXmlPart('<settings xmlns="urn:another-addin"><x/></settings>');
    const id = await storeRelease(run, release(SHIPPED));
    expect(book.syncs).toBe(1);
    const before = book.syncs;
    const parts = await readStoredReleases(run);
    expect(book.syncs - before).toBe(2);
    expect(parts).toEqual([{ id, release: release(SHIPPED) }]);
    await removeStoredRelease(run, id);
    expect(book.xmlParts.map((p) => p.namespaceUri)).toEqual(['urn:another-addin']);
    await recalculateAll(run);
    expect(book.calculations).toEqual(['Full']);
  });
});

describe('the workbook carries its releases', () => {
  const value = (lib: { get(m: string, p: string): { value: { toString(): string } } }, m: string, p: string) => lib.get(m, p).value.toString();

  test('releases stored; a fresh runtime reopens the workbook and serves the same figures through the shared model', async () => {
    const book = new FakeWorkbook();
    await storeRelease(runOn(book), release(SHIPPED, 'text', 'kc-2024q2.txt'));
    await storeRelease(runOn(book), release(EDGAR, 'html', 'kc-2024q2.htm'));
    const first = await loadWorkbookLibrary(runOn(book), nodeFormReaders, shippedText);
    expect(first.problems).toEqual([]);
    expect(first.shipped).toBe(false);
    expect(first.releases.map((r) => [r.stored.name, r.quarter])).toEqual([['kc-2024q2.txt', 'Q2-2024'], ['kc-2024q2.htm', 'Q2-2024']]);
    expect(first.library.releases().map((r) => r.form)).toEqual(['text', 'html']);

    // The workbook saved and reopened: only its parts survive (a new FakeWorkbook holding the same parts).
    const reopened = new FakeWorkbook();
    for (const p of book.xmlParts) reopened.putXmlPart(p.xml);
    setLibraryLoader(async () => (await loadWorkbookLibrary(runOn(reopened), nodeFormReaders, shippedText)).library);
    const served = await sharedModel();
    for (const [m, p] of [['total_revenues', 'Q2-2024'], ['adj_ebitda', 'Q1-2024'], ['cash', '2024-06-30'], ['net_loss', '6M-2024']]) expect(value(served, m, p)).toBe(value(first.library, m, p));
    expect(served.releases().map((r) => r.name)).toEqual(['kc-2024q2.txt', 'kc-2024q2.htm']);
  });

  test('no stored release: the shipped release is served', async () => {
    const lib = await loadWorkbookLibrary(runOn(new FakeWorkbook()), nodeFormReaders, shippedText);
    expect(lib.shipped).toBe(true);
    expect(lib.releases).toEqual([]);
    expect(lib.library.releases().map((r) => r.quarter)).toEqual(['Q2-2024']);
  });

  test('a damaged part, a part of another version and a refused release are reported, ignored and kept', async () => {
    const book = new FakeWorkbook();
    const run = runOn(book);
    await storeRelease(run, release(SHIPPED));
    const good = releaseXml(release(SHIPPED, 'text', 'second.txt'));
    book.putXmlPart(good.replace(/chars="\d+"/, 'chars="12"'));
    book.putXmlPart('<release xmlns="urn:kc-model:release:2"><future/></release>');
    const refused = SHIPPED.replace('1,835,403\t1,775,684\t1,891,780', '1,835,403\t1,775,684\t1,991,780');
    expect(refused).not.toBe(SHIPPED);
    await storeRelease(run, release(refused, 'text', 'tampered.txt'));
    const before = JSON.stringify(book.xmlParts);
    const lib = await loadWorkbookLibrary(run, nodeFormReaders, shippedText);
    expect(lib.releases.map((r) => r.stored.name)).toEqual(['kc.txt']);
    expect(lib.problems).toHaveLength(3);
    expect(lib.problems[0]).toMatch(/cannot be read: its text is damaged.*kept in the workbook/);
    expect(lib.problems[1]).toMatch(/another version of KC Model/);
    expect(lib.problems[2]).toMatch(/“tampered.txt”.*refused by its checks/);
    expect(JSON.stringify(book.xmlParts)).toBe(before); // nothing deleted or rewritten
    replaceSharedModel(lib.library);
    expect((await sharedModel()).releases()).toHaveLength(1);
  });
});
