import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { chromium } from 'playwright-core';
import webpack from 'webpack';
import type { LibraryInput } from '../../src/model/library-gate';

/**
 * The cold library build where the add-in runs it: in a browser's V8 (headless Chromium), from the model code as the
 * production build bundles it (webpack, production mode, the add-in's TypeScript rule), in a fresh browser each
 * time. The page loads the bundle and settles (a browser just launched is busy starting its own processes, which on
 * a machine of few cores would be timed too), then the first call of the gate is timed inside the page.
 */
const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const SETTLE_MS = 1500;

export const chromiumAvailable = () => existsSync(CHROMIUM);

/** The page script (bench/support/library-page.ts) bundled as the add-in's production build bundles the model. */
async function bundle(): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'kc-bench-page-'));
  try {
    const stats = await new Promise<webpack.Stats>((resolve, reject) =>
      webpack(
        {
          mode: 'production',
          target: ['web', 'es2020'],
          entry: join(__dirname, 'library-page.ts'),
          output: { path: out, filename: 'page.js' },
          resolve: { extensions: ['.ts', '.js'] },
          module: {
            rules: [
              { test: /\.ts$/, exclude: /node_modules/, use: { loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { module: 'es2020', noEmit: false } } } },
              { test: /\.txt$/, type: 'asset/source' },
            ],
          },
          performance: { hints: false },
        },
        (err, s) => (err || !s ? reject(err ?? new Error('no stats')) : resolve(s)),
      ),
    );
    if (stats.hasErrors()) throw new Error(stats.toString('errors-only'));
    return readFileSync(join(out, 'page.js'), 'utf8');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** `runs` cold builds of the library from `inputs`, each in a fresh browser: times in ms (inside the page). */
export async function coldLibraryInChromium(inputs: LibraryInput[], runs: number): Promise<{ ms: number[]; version: string }> {
  const code = await bundle();
  const ms: number[] = [];
  let version = '';
  for (let i = 0; i < runs; i++) {
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
    try {
      version = browser.version();
      const page = await browser.newPage();
      await page.evaluate((x) => void ((window as unknown as { kcInputs: unknown }).kcInputs = x), inputs);
      await page.addScriptTag({ content: code });
      await page.waitForTimeout(SETTLE_MS);
      const r = await page.evaluate(() => window.kcColdLibrary((window as unknown as { kcInputs: LibraryInput[] }).kcInputs));
      if (!r.ok || r.accepted !== inputs.length) throw new Error(`the page refused ${inputs.length - r.accepted} of the releases`);
      ms.push(r.ms);
    } finally {
      await browser.close();
    }
  }
  return { ms, version };
}
