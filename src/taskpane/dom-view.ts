import type { EditedCell, TabState, View } from './controller';
import type { TraceAnswer } from './trace';

const byId = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`task pane element #${id} is missing`);
  return el as T;
};

function item(text: string, className?: string): HTMLLIElement {
  const li = document.createElement('li');
  li.textContent = text; // release text is inserted as text, never as HTML
  if (className) li.className = className;
  return li;
}

const STATE_TEXT: Record<TabState, string> = { pending: 'waiting', writing: 'writing…', done: 'written', failed: 'failed' };

/** The task pane's DOM, behind the controller's View interface. */
export class DomView implements View {
  private tabItems = new Map<string, HTMLLIElement>();

  /** `openTab` shows a tab of the workbook (the tab list links to each tab). */
  constructor(private openTab: (name: string) => void = () => undefined) {}

  setRelease(text: string): void {
    byId('release').textContent = text;
  }

  setBusy(busy: boolean, label: string): void {
    const b = byId<HTMLButtonElement>('build');
    b.disabled = busy;
    b.textContent = label;
    b.setAttribute('aria-busy', String(busy));
  }

  setStatus(text: string): void {
    byId('status').textContent = text;
  }

  setError(text: string | null): void {
    const el = byId('error');
    el.hidden = text === null;
    el.textContent = text ?? '';
  }

  setTabs(names: string[]): void {
    const list = byId('tabs');
    list.replaceChildren();
    this.tabItems.clear();
    for (const name of names) {
      const li = document.createElement('li');
      const label = document.createElement('a');
      label.href = '#';
      label.textContent = name;
      label.title = `Go to ${name}`;
      label.addEventListener('click', (ev) => {
        ev.preventDefault();
        this.openTab(name);
      });
      const state = document.createElement('span');
      state.className = 'state';
      state.textContent = STATE_TEXT.pending;
      li.append(label, state);
      list.append(li);
      this.tabItems.set(name, li);
    }
  }

  setTabState(name: string, state: TabState): void {
    const li = this.tabItems.get(name);
    if (!li) return;
    li.className = state;
    li.querySelector('.state')!.textContent = STATE_TEXT[state];
  }

  setChecks(summary: string, ok: boolean, failing: string[]): void {
    const s = byId('checks-summary');
    s.textContent = summary;
    s.className = `summary ${ok ? 'ok' : 'bad'}`;
    byId('checks-failing').replaceChildren(...failing.map((f) => item(f)));
  }

  setRepairs(summary: string, items: { head: string; proof: string }[]): void {
    byId('repairs-summary').textContent = summary;
    byId('repairs').replaceChildren(
      ...items.map(({ head, proof }) => {
        const li = item(head);
        const p = document.createElement('span');
        p.className = 'proof';
        p.textContent = proof;
        li.append(p);
        return li;
      }),
    );
  }

  askToOverwrite(edits: EditedCell[]): Promise<boolean> {
    const panel = byId('confirm');
    const shown = edits.slice(0, 200);
    byId('edits').replaceChildren(
      ...shown.map((e) => item(e.description ?? `${e.tab}!${e.address}: “${e.current}” (model: “${e.planned}”)`)),
      ...(edits.length > shown.length ? [item(`… and ${edits.length - shown.length} more`)] : []),
    );
    panel.hidden = false;
    const overwrite = byId<HTMLButtonElement>('confirm-overwrite');
    const cancel = byId<HTMLButtonElement>('confirm-cancel');
    overwrite.focus();
    return new Promise((resolve) => {
      const done = (answer: boolean) => {
        panel.hidden = true;
        overwrite.removeEventListener('click', yes);
        cancel.removeEventListener('click', no);
        panel.removeEventListener('keydown', esc);
        byId<HTMLButtonElement>('build').focus();
        resolve(answer);
      };
      const yes = () => done(true);
      const no = () => done(false);
      const esc = (ev: KeyboardEvent) => {
        if (ev.key === 'Escape') done(false);
      };
      overwrite.addEventListener('click', yes);
      cancel.addEventListener('click', no);
      panel.addEventListener('keydown', esc);
    });
  }

  /** The trace of the selected figure. Release text goes in as text nodes only (the figure in a <mark>). */
  setTrace(answer: TraceAnswer): void {
    const body = byId('trace-body');
    const message = byId('trace-message');
    if (!('trace' in answer)) {
      message.textContent = answer.message;
      message.hidden = false;
      body.hidden = true;
      return;
    }
    const t = answer.trace;
    message.hidden = true;
    body.hidden = false;
    byId('trace-figure').textContent = `${t.figure} (${t.cell})`;
    byId('trace-value').textContent = t.value;
    byId('trace-origin').textContent = t.summary;
    const formula = byId('trace-formula');
    formula.hidden = !t.formula && !t.derivation;
    formula.textContent = [t.formula ? `Cell formula: ${t.formula}` : '', t.derivation ? `The model: ${t.derivation}` : ''].filter(Boolean).join(' · ');
    byId('trace-sources').replaceChildren(
      ...t.sources.flatMap((s) => {
        const head = document.createElement('p');
        head.className = 'hint';
        head.textContent = `${s.release}, line ${s.line} · ${s.rowLabel} · ${s.column}`;
        const ol = document.createElement('ol');
        ol.className = 'release-lines';
        ol.start = s.lines[0]?.number ?? s.line;
        for (const l of s.lines) {
          const li = document.createElement('li');
          if (l.mark) {
            li.className = 'at';
            const mark = document.createElement('mark');
            mark.textContent = l.text.slice(l.mark[0], l.mark[1]);
            li.append(l.text.slice(0, l.mark[0]), mark, l.text.slice(l.mark[1]));
          } else {
            li.textContent = l.text || ' ';
          }
          ol.append(li);
        }
        return s.lines.length ? [head, ol] : [head];
      }),
    );
    byId('trace-repairs').replaceChildren(
      ...(t.repairs.length ? t.repairs.map((r) => item(`${r.id} (${r.kind}), line ${r.line}: read “${r.read}”, repaired to ${r.repaired}. Proof: ${r.proof}`)) : [item('None: the figure was read as printed.')]),
    );
    byId('trace-checks').replaceChildren(
      ...(t.checks.length
        ? t.checks.map((c) => item(`${c.name} [${c.period}${c.currency ? ' ' + c.currency : ''}] ${c.detail}`, c.pass ? undefined : 'bad'))
        : [item('No identity checks this figure directly.')]),
    );
    byId('trace-releases').replaceChildren(...t.releases.map((r) => item(`${r.release}: ${r.value}${r.restated ? ' (restated)' : ''}`)));
  }
}
