import { readFileSync } from 'fs';
import { join } from 'path';
import { FakeWorkbook } from '../support/fake-workbook';
import { nodeFormReaders } from '../../src/filing/node-readers';
import { ReleasesController, type ReleaseItem, type ReleasesView } from '../../src/taskpane/releases-controller';
import { workbookStore } from '../../src/taskpane/workbook-store';
import type { Preview } from '../../src/taskpane/preview';
import { replaceSharedModel, sharedModel, setLibraryLoader } from '../../src/model/shared';
import type { Library } from '../../src/model/library';

const ROOT = join(__dirname, '..', '..');
const SHIPPED = readFileSync(join(ROOT, 'assets', 'filings', 'kc-2024q2-earnings-release.txt'), 'utf8');
const EDGAR = readFileSync(join(ROOT, 'test', 'releases', 'q2-2024-edgar-html', 'input.htm'), 'utf8');

class RecordingView implements ReleasesView {
  items: ReleaseItem[] = [];
  problems: string[] = [];
  preview: Preview | null = null;
  status = '';
  asked: string[] = [];
  answer = true;
  setReleases(items: ReleaseItem[], problems: string[]) {
    this.items = items;
    this.problems = problems;
  }
  showPreview(p: Preview | null) {
    this.preview = p;
  }
  setReleasesBusy(_busy: boolean, status: string) {
    this.status = status;
  }
  async confirmRemove(message: string) {
    this.asked.push(message);
    return this.answer;
  }
}

function setup(book = new FakeWorkbook()) {
  const run = <T>(batch: (c: Excel.RequestContext) => Promise<T>) => batch(book.context() as unknown as Excel.RequestContext);
  let served: Library | undefined;
  const store = workbookStore(run, async () => SHIPPED, (l) => {
    served = l;
    replaceSharedModel(l);
  }, nodeFormReaders);
  const view = new RecordingView();
  const controller = new ReleasesController(view, store);
  return { book, view, controller, served: () => served };
}

describe('adding, listing and removing releases', () => {
  test('a fresh workbook lists the shipped release; paste a release, preview, add: stored with the shipped one, served, recalculated', async () => {
    const { book, view, controller, served } = setup();
    await controller.init();
    expect(view.items).toEqual([expect.objectContaining({ name: 'kc-2024q2-earnings-release.txt', removable: false })]);
    const p = await controller.preview(EDGAR, 'kc-q2-2024.htm');
    expect(p?.ok).toBe(true);
    expect(view.preview?.what).toMatch(/Kingsoft Cloud.*Q2 2024 earnings release of 2024-08-20, read as EDGAR HTML \(kc-q2-2024.htm\)/);
    expect(view.preview?.checks).toMatch(/all pass/);
    expect(view.preview?.restates).toEqual([]); // the same release in another form restates nothing
    expect(view.preview?.periods).toEqual([]);
    expect(book.xmlParts).toHaveLength(0); // a preview changes nothing
    expect(await controller.add()).toBe(true);
    expect(book.xmlParts).toHaveLength(2);
    expect(view.items.map((i) => i.name)).toEqual(['kc-2024q2-earnings-release.txt', 'kc-q2-2024.htm']);
    expect(book.calculations).toEqual(['Full']);
    expect(served()?.releases().map((r) => r.form)).toEqual(['text', 'html']);
    expect((await sharedModel()).releases()).toHaveLength(2);
  });

  test('a refused release shows its report and changes nothing', async () => {
    const { book, view, controller } = setup();
    await controller.init();
    const tampered = SHIPPED.replace('1,835,403\t1,775,684\t1,891,780', '1,835,403\t1,775,684\t1,991,780');
    const p = await controller.preview(tampered, 'tampered.txt');
    expect(p?.ok).toBe(false);
    expect(view.preview?.report).toMatch(/line \d+/);
    expect(view.status).toMatch(/Refused: nothing was changed/);
    expect(await controller.add()).toBe(false);
    expect(book.xmlParts).toEqual([]);
    expect(book.calculations).toEqual([]);
  });

  test('hostile input: a binary, HTML with scripts, megabytes of text — refused or read as text, nothing executed', async () => {
    const { book, view, controller } = setup();
    await controller.init();
    const binary = new Uint8Array(4096).map((_, i) => (i * 37) % 256);
    expect((await controller.preview(binary, 'image.bin'))?.ok).toBe(false);
    (globalThis as { pwned?: boolean }).pwned = false;
    const evil = `<html><body><script>globalThis.pwned = true</script><img src=x onerror="globalThis.pwned=true"><p>hello</p></body></html>`;
    expect((await controller.preview(evil, 'evil.htm'))?.ok).toBe(false);
    expect((globalThis as { pwned?: boolean }).pwned).toBe(false);
    const huge = 'x'.repeat(5 * 1024 * 1024);
    const t0 = Date.now();
    const p = await controller.preview(huge, 'huge.txt');
    expect(p?.ok).toBe(false);
    expect(view.preview?.report).toMatch(/5\.0 MB: a release is read up to 4 MB/);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(book.xmlParts).toEqual([]);
  });

  test('remove: the confirmation names the figures that go with it; cancelled changes nothing; the last one brings back the shipped release', async () => {
    const { book, view, controller } = setup();
    await controller.init();
    await controller.preview(EDGAR, 'kc-q2-2024.htm');
    await controller.add();
    view.answer = false;
    expect(await controller.remove(1)).toBe(false);
    expect(view.asked[0]).toMatch(/^Remove kc-q2-2024.htm \(Q2-2024\) from this workbook\?/);
    expect(book.xmlParts).toHaveLength(2);
    view.answer = true;
    // The HTML copy serves the figures (the later-added copy of a quarter wins); the text copy gives the same values.
    expect(await controller.remove(1)).toBe(true);
    expect(view.asked[1]).toMatch(/Every figure it gives is also given by another release/);
    expect(view.items.map((i) => i.name)).toEqual(['kc-2024q2-earnings-release.txt']);
    expect(book.calculations).toEqual(['Full', 'Full']);
    expect(await controller.remove(0)).toBe(true);
    expect(view.asked[2]).toMatch(/\d+ figures no other release gives go with it: .*total_revenues \(Q1-2023, .*Q2-2024.*The workbook then uses the shipped Q2 2024 release/);
    expect(book.xmlParts).toEqual([]);
    expect(view.items).toEqual([expect.objectContaining({ removable: false })]);
  });

  test('the workbook reopened by a fresh runtime lists and serves the same releases', async () => {
    const first = setup();
    await first.controller.init();
    await first.controller.preview(EDGAR, 'kc-q2-2024.htm');
    await first.controller.add();
    const reopened = new FakeWorkbook();
    for (const p of first.book.xmlParts) reopened.putXmlPart(p.xml);
    const again = setup(reopened);
    setLibraryLoader(async () => (await again.controller.init(), again.controller.current!.library));
    const lib = await sharedModel();
    expect(again.view.items.map((i) => i.name)).toEqual(['kc-2024q2-earnings-release.txt', 'kc-q2-2024.htm']);
    expect(lib.get('adj_ebitda', 'Q2-2024').value.toString()).toBe(first.served()!.get('adj_ebitda', 'Q2-2024').value.toString());
  });
});

describe('the add-in reads HTML as the CLI does', () => {
  test('the same release text from the EDGAR exhibit, and a page with scripts and handlers is read as text, never run', async () => {
    const { browserReaders } = await import('../../src/taskpane/add-release');
    expect(await browserReaders.html!(EDGAR)).toBe(await nodeFormReaders.html!(EDGAR));
    const g = globalThis as { ran?: boolean };
    const text = await browserReaders.html!('<p style="a" onclick="globalThis.ran=true">Kingsoft Cloud</p><script>globalThis.ran = true</script><img src=x onerror="globalThis.ran=true">');
    expect(text).toContain('Kingsoft Cloud');
    expect(g.ran).toBeUndefined();
  });
});

describe('tracing a figure of the workbook’s releases', () => {
  test('the line shown is from the text of the release that printed it (the HTML copy, read by its reader)', async () => {
    const { loadWorkbookLibrary, releaseTextOf } = await import('../../src/taskpane/workbook-releases');
    const { storeRelease } = await import('../../src/excel/release-store');
    const { traceSelection } = await import('../../src/taskpane/trace');
    const book = new FakeWorkbook();
    const run = <T>(batch: (c: Excel.RequestContext) => Promise<T>) => batch(book.context() as unknown as Excel.RequestContext);
    await storeRelease(run, { text: SHIPPED, form: 'text', name: 'kc.txt', added: '2026-11-25T00:00:00Z' });
    await storeRelease(run, { text: EDGAR, form: 'html', name: 'kc.htm', added: '2026-11-25T00:00:00Z' });
    const { library } = await loadWorkbookLibrary(run, nodeFormReaders, async () => SHIPPED);
    const r = traceSelection(undefined, library, (rel) => releaseTextOf(rel), { tab: 'S', address: 'A1', formula: '=KC.METRIC("total_revenues","Q2-2024")' });
    if (!('trace' in r)) throw new Error(r.message);
    const [src] = r.trace.sources;
    const at = src.lines.find((l) => l.mark)!;
    expect(at.number).toBe(src.line);
    expect(at.text.slice(at.mark![0], at.mark![1])).toBe('1,891,780');
    // Not the shipped text's line 183: the HTML reader's text numbers its lines differently.
    expect(SHIPPED.split('\n')[src.line - 1]).not.toBe(at.text);
    expect(r.trace.releases.map((x) => x.release)).toEqual([expect.stringMatching(/^kc\.txt \(Q2-2024, text, line 183\)$/), expect.stringMatching(/^kc\.htm \(Q2-2024, html, line \d+\)$/)]);
  });
});

describe('the preview says what a release restates and which periods it adds', () => {
  test('the shipped Q2 2024 text added to a workbook holding a SYNTHETIC Q1 2024 release that printed Q1 revenues 500 higher', async () => {
    const { previewRelease } = await import('../../src/taskpane/add-release');
    const { buildLibrary } = await import('../../src/model/library');
    const { syntheticEntry } = await import('../support/synthetic-library');
    const q1 = syntheticEntry('Q1-2024', { edits: { 'total_revenues|Q1-2024': 500 } });
    const current = { library: buildLibrary([q1]), entries: [q1], releases: [], problems: [], shipped: false };
    const p = await previewRelease(SHIPPED, 'kc-q2.txt', current, nodeFormReaders);
    expect(p.ok).toBe(true);
    expect(p.restates).toContain(`total_revenues Q1-2024: 1,776,184 in ${q1.name ?? 'Q1-2024 release'} → 1,775,684`);
    expect(p.periods).toEqual(expect.arrayContaining(['Q2-2024', 'H1-2024', '2024-06-30']));
    expect(p.periods).not.toContain('Q1-2024');
    expect(p.repairs).toHaveLength(19);
  });
});
