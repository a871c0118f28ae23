import { readFileSync, existsSync } from 'fs';
import { join } from 'path';
import vm from 'vm';
import { makeRuntime } from './custom-functions-runtime';

export const DIST = join(__dirname, '..', '..', 'dist');

export interface FunctionMeta {
  id: string;
  name: string;
  description?: string;
  helpUrl?: string;
  parameters: { name: string; description?: string; type: string; optional?: boolean; dimensionality?: string }[];
  result: { type?: string; dimensionality?: string };
  options?: Record<string, unknown>;
}

/**
 * Loads the production build the way Excel does: functions.json for the metadata, then the scripts that
 * taskpane.html references, evaluated in a fresh vm context whose only host objects are a CustomFunctions runtime
 * stub (its Error class defined out here, so `instanceof` works on what the bundle throws) and minimal
 * Office/window/document stubs.
 */
export function loadBundle() {
  if (!existsSync(join(DIST, 'functions.json'))) throw new Error('dist/functions.json is missing: run `npm run build` first');
  const metadata = JSON.parse(readFileSync(join(DIST, 'functions.json'), 'utf8')) as { functions: FunctionMeta[] };
  const html = readFileSync(join(DIST, 'taskpane.html'), 'utf8');
  const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]).filter((s) => !/^https?:/.test(s));
  const rt = makeRuntime();
  const element = () => ({
    addEventListener() {},
    removeEventListener() {},
    setAttribute() {},
    appendChild() {},
    classList: { add() {}, remove() {}, toggle() {} },
    style: {},
    textContent: '',
    disabled: false,
    hidden: false,
  });
  const document = {
    readyState: 'complete',
    getElementById: element,
    querySelector: element,
    querySelectorAll: () => [],
    getElementsByTagName: () => [],
    currentScript: null,
    createElement: element,
    addEventListener() {},
    body: element(),
    // A chunk loaded on demand (webpack's script-tag loader): read from dist/ and run in this context, as a browser
    // fetches and runs it.
    head: {
      appendChild(el: { src?: string; onload?: (e: { type: string }) => void; onerror?: (e: { type: string }) => void }) {
        if (!el.src) return;
        setTimeout(() => {
          const file = join(DIST, String(el.src).replace(/^\.?\//, '').split('?')[0]);
          if (!existsSync(file)) return el.onerror?.({ type: 'error' });
          vm.runInContext(readFileSync(file, 'utf8'), context, { filename: file });
          el.onload?.({ type: 'load' });
        }, 0);
      },
    },
  };
  let context: vm.Context;
  const sandbox: Record<string, unknown> = {
    CustomFunctions: rt.CustomFunctions,
    Office: { onReady: () => Promise.resolve({ host: 'Excel', platform: 'PC' }), HostType: { Excel: 'Excel' } },
    document,
    console,
    // The add-in fetches the release (data) from its own origin: served here from dist/.
    fetch: async (url: string) => {
      const file = join(DIST, String(url).replace(/^\.?\//, ''));
      if (!existsSync(file)) return { ok: false, status: 404, text: async () => '' };
      return { ok: true, status: 200, text: async () => readFileSync(file, 'utf8') };
    },
    Promise,
    setTimeout,
    clearTimeout,
    queueMicrotask,
  };
  sandbox.window = sandbox;
  sandbox.self = sandbox;
  sandbox.globalThis = sandbox;
  context = vm.createContext(sandbox);
  const started = process.hrtime.bigint();
  for (const src of scripts) {
    const file = join(DIST, src.replace(/^\.?\//, '').split('?')[0]);
    vm.runInContext(readFileSync(file, 'utf8'), context, { filename: file });
  }
  const loadMs = Number(process.hrtime.bigint() - started) / 1e6;
  return { metadata, associated: rt.associated, scripts, loadMs, CustomFunctionsError: rt.CustomFunctions.Error };
}
