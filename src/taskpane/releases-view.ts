import type { Preview } from './preview';
import type { ReleaseItem, ReleasesController, ReleasesView } from './releases-controller';

const byId = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`task pane element #${id} is missing`);
  return el as T;
};

function items(id: string, texts: string[], empty?: string): void {
  byId(id).replaceChildren(
    ...(texts.length ? texts : empty ? [empty] : []).map((t) => {
      const li = document.createElement('li');
      li.textContent = t; // release text is set as text, never as HTML
      return li;
    }),
  );
}

/** The largest file read at all (a PDF); anything larger is refused before a byte of it is read. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** The pane's releases section (loaded with the add-release chunk). */
export class DomReleasesView implements ReleasesView {
  private controller?: ReleasesController;
  private canAdd = false;

  bind(controller: ReleasesController): void {
    this.controller = controller;
    const paste = byId<HTMLTextAreaElement>('release-paste');
    byId('release-read').addEventListener('click', () => {
      if (paste.value.trim() === '') return this.setReleasesBusy(false, 'Paste the text of a release first.');
      void controller.preview(paste.value, 'pasted text');
    });
    const file = byId<HTMLInputElement>('release-file');
    file.addEventListener('change', () => {
      const f = file.files?.[0];
      file.value = '';
      if (!f) return;
      if (f.size > MAX_FILE_BYTES) return this.setReleasesBusy(false, `${f.name} is ${(f.size / 1048576).toFixed(1)} MB: a release file is read up to ${MAX_FILE_BYTES / 1048576} MB. Nothing was read.`);
      void f.arrayBuffer().then((b) => controller.preview(new Uint8Array(b), f.name));
    });
    byId('preview-add').addEventListener('click', () => void controller.add().then((ok) => ok && (paste.value = '')));
    byId('preview-cancel').addEventListener('click', () => controller.cancel());
  }

  setReleases(list: ReleaseItem[], problems: string[]): void {
    byId('release-list').replaceChildren(
      ...list.map((r, i) => {
        const li = document.createElement('li');
        const name = document.createElement('strong');
        name.textContent = r.name;
        const detail = document.createElement('span');
        detail.className = 'hint';
        detail.textContent = ` ${r.detail}`;
        li.append(name, detail);
        if (r.removable) {
          const b = document.createElement('button');
          b.type = 'button';
          b.className = 'remove';
          b.textContent = 'Remove';
          b.setAttribute('aria-label', `Remove ${r.name}`);
          b.addEventListener('click', () => void this.controller?.remove(i));
          li.append(' ', b);
        }
        return li;
      }),
    );
    items('release-problems', problems);
  }

  showPreview(p: Preview | null): void {
    const panel = byId('release-preview');
    panel.hidden = p === null;
    this.canAdd = !!p?.ok;
    byId<HTMLButtonElement>('preview-add').disabled = !this.canAdd;
    if (!p) return;
    byId('preview-what').textContent = p.what;
    byId('preview-checks').textContent = p.ok ? p.checks : `Refused${p.checks ? ` (${p.checks})` : ''}: nothing will be added.`;
    byId('preview-checks').className = `summary ${p.ok ? 'ok' : 'bad'}`;
    items('preview-repairs', p.repairs, 'None.');
    items('preview-restates', p.restates, p.ok ? 'Nothing: every figure it shares with the workbook’s releases is the same.' : '—');
    items('preview-periods', p.periods, p.ok ? 'None: the workbook already has every period it reports.' : '—');
    const report = byId('preview-report');
    report.hidden = !p.report;
    report.textContent = p.report ?? '';
  }

  setReleasesBusy(busy: boolean, status: string): void {
    byId('release-status').textContent = status;
    byId<HTMLButtonElement>('release-read').disabled = busy;
    byId<HTMLButtonElement>('preview-add').disabled = busy || !this.canAdd;
    byId<HTMLInputElement>('release-file').disabled = busy;
  }

  confirmRemove(message: string): Promise<boolean> {
    const panel = byId('remove-confirm');
    byId('remove-message').textContent = message;
    panel.hidden = false;
    const yes = byId<HTMLButtonElement>('remove-yes');
    const no = byId<HTMLButtonElement>('remove-no');
    no.focus();
    return new Promise((resolve) => {
      const done = (answer: boolean) => {
        panel.hidden = true;
        yes.removeEventListener('click', onYes);
        no.removeEventListener('click', onNo);
        resolve(answer);
      };
      const onYes = () => done(true);
      const onNo = () => done(false);
      yes.addEventListener('click', onYes);
      no.addEventListener('click', onNo);
    });
  }
}
