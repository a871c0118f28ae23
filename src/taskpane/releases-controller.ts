import type { StoredPart, StoredRelease } from '../excel/release-store';
import type { Library } from '../model/library';
import type { Preview } from './preview';
import type { WorkbookLibrary } from './workbook-releases';

/** The workbook's releases and the add-release flow, behind functions (Office.js and the chunk in the add-in; the fake in tests). */
export interface ReleaseStore {
  /** The stored releases at start (or the shipped release when none is stored). */
  load(): Promise<WorkbookLibrary & { parts: StoredPart[] }>;
  /** The library of a new set of parts (no Excel call). */
  rebuild(parts: StoredPart[]): Promise<WorkbookLibrary>;
  preview(input: string | Uint8Array, name: string, current: WorkbookLibrary): Promise<Preview>;
  removal(current: WorkbookLibrary, index: number): Promise<{ gone: string[]; changed: string[]; count: number }>;
  add(release: StoredRelease): Promise<string>;
  remove(id: string): Promise<void>;
  /** Every formula recalculated (Application.calculate Full), so KC.* cells show the new set's figures. */
  recalculate(): Promise<void>;
  /** The shipped release's text: stored with the first release the user adds, so the workbook keeps its figures. */
  shippedText(): Promise<string>;
  shippedName: string;
  /** Serves a library to the functions and the pane from now on. */
  serve(library: Library): void;
}

export interface ReleaseItem {
  name: string;
  detail: string;
  removable: boolean;
}

/** What the pane shows of the workbook's releases; every string is set as text, never as HTML. */
export interface ReleasesView {
  setReleases(items: ReleaseItem[], problems: string[]): void;
  /** The preview of a release (null hides it); Add is enabled only when `ok`. */
  showPreview(preview: Preview | null): void;
  setReleasesBusy(busy: boolean, status: string): void;
  confirmRemove(message: string): Promise<boolean>;
}

const list = (xs: string[], max = 12) => xs.slice(0, max).join('; ') + (xs.length > max ? `; … and ${xs.length - max} more` : '');

/**
 * Add a release, list them, remove one. A refused release shows its report and changes nothing; every change
 * stores or deletes one part, serves the new library and has Excel recalculate every formula.
 */
export class ReleasesController {
  private state?: WorkbookLibrary & { parts: StoredPart[] };
  private pending?: Preview;
  private busy = false;

  constructor(
    private view: ReleasesView,
    private store: ReleaseStore,
    /** Called after the set of releases changed (the pane shows the new release and checks). */
    private changed: () => void = () => undefined,
  ) {}

  get current(): (WorkbookLibrary & { parts: StoredPart[] }) | undefined {
    return this.state;
  }

  async init(): Promise<void> {
    try {
      this.state = await this.store.load();
      this.show();
    } catch (e) {
      this.view.setReleases([], [`The workbook's releases could not be read: ${(e as Error).message}`]);
    }
  }

  private show(): void {
    const s = this.state!;
    const infos = s.library.releases();
    const items: ReleaseItem[] = s.shipped
      ? [{ name: infos[0].name, detail: `${infos[0].quarter}, shipped with the add-in (no release is stored in this workbook yet)`, removable: false }]
      : s.releases.map((r, i) => ({ name: r.stored.name, detail: `${r.quarter} · ${infos[i]?.date ?? 'date not stated'} · ${r.stored.form} · added ${r.stored.added.slice(0, 10)}`, removable: true }));
    this.view.setReleases(items, s.problems);
  }

  /** Reads a pasted text or a chosen file and shows what it is; changes nothing. */
  async preview(input: string | Uint8Array, name: string): Promise<Preview | undefined> {
    if (!this.state || this.busy) return undefined;
    this.busy = true;
    this.view.setReleasesBusy(true, `Reading ${name}…`);
    try {
      const p = await this.store.preview(input, name, this.state);
      this.pending = p.ok ? p : undefined;
      this.view.showPreview(p);
      this.view.setReleasesBusy(false, p.ok ? 'Every check passes: Add it to the workbook, or Cancel.' : 'Refused: nothing was changed.');
      return p;
    } catch (e) {
      this.pending = undefined;
      this.view.setReleasesBusy(false, `The release could not be read: ${(e as Error).message}. Nothing was changed.`);
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  cancel(): void {
    this.pending = undefined;
    this.view.showPreview(null);
    this.view.setReleasesBusy(false, 'Cancelled: nothing was changed.');
  }

  /** Stores the previewed release (and, the first time, the shipped one), serves the new library, recalculates. */
  async add(): Promise<boolean> {
    const p = this.pending;
    if (!p?.stored || !this.state || this.busy) return false;
    this.busy = true;
    this.view.setReleasesBusy(true, 'Adding the release to the workbook…');
    try {
      const parts = [...this.state.parts];
      if (this.state.shipped) {
        const shipped: StoredRelease = { text: await this.store.shippedText(), form: 'text', name: this.store.shippedName, added: new Date().toISOString() };
        parts.push({ id: await this.store.add(shipped), release: shipped });
      }
      parts.push({ id: await this.store.add(p.stored), release: p.stored });
      await this.apply(parts);
      this.pending = undefined;
      this.view.showPreview(null);
      this.view.setReleasesBusy(false, `${p.stored.name} was added; every KC function recalculates with it.`);
      return true;
    } catch (e) {
      this.view.setReleasesBusy(false, `The release could not be added: ${(e as Error).message}`);
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** Removes the index-th release after a confirmation that names the figures that go with it. */
  async remove(index: number): Promise<boolean> {
    const s = this.state;
    if (!s || s.shipped || this.busy || !s.releases[index]) return false;
    const r = s.releases[index];
    const { gone, changed, count } = await this.store.removal(s, index);
    const last = s.releases.length === 1;
    const message =
      `Remove ${r.stored.name} (${r.quarter}) from this workbook?` +
      (gone.length ? ` ${count} figures no other release gives go with it: ${list(gone, 8)}.` : ' Every figure it gives is also given by another release.') +
      (changed.length ? ` Figures that change to another release's value (${changed.length}): ${list(changed)}.` : '') +
      (last ? ' The workbook then uses the shipped Q2 2024 release.' : '');
    if (!(await this.view.confirmRemove(message))) {
      this.view.setReleasesBusy(false, 'Nothing was removed.');
      return false;
    }
    this.busy = true;
    this.view.setReleasesBusy(true, `Removing ${r.stored.name}…`);
    try {
      await this.store.remove(r.id);
      await this.apply(s.parts.filter((x) => x.id !== r.id));
      this.view.setReleasesBusy(false, `${r.stored.name} was removed; every KC function recalculates without it.`);
      return true;
    } catch (e) {
      this.view.setReleasesBusy(false, `The release could not be removed: ${(e as Error).message}`);
      return false;
    } finally {
      this.busy = false;
    }
  }

  private async apply(parts: StoredPart[]): Promise<void> {
    this.state = { ...(await this.store.rebuild(parts)), parts };
    this.store.serve(this.state.library);
    this.show();
    this.changed();
    await this.store.recalculate();
  }
}
