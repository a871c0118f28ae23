import { existsSync, readFileSync, statSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';

/**
 * ExcelJS is for the CLI and the tests only: nothing the add-in's entry points reach may import exceljs or
 * src/xlsx (webpack would pull ExcelJS into the add-in bundle). Follows the value imports (type-only imports are
 * erased) from the add-in's entries through the source tree.
 */

const ROOT = resolve(__dirname, '..', '..');
const ENTRIES = ['src/functions/functions.ts', 'src/taskpane/taskpane.ts'].map((p) => join(ROOT, p));
const IMPORT = /(?:^|[\s;])(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|\brequire\(\s*['"]([^'"]+)['"]\s*\)|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function resolveTs(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  for (const p of [base, `${base}.ts`, join(base, 'index.ts')]) if (existsSync(p) && statSync(p).isFile() && p.endsWith('.ts')) return p;
  return undefined;
}

function reachable(entries: string[]): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = entries.filter((e) => existsSync(e));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const source = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    for (const m of source.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (spec.startsWith('.')) {
        const target = resolveTs(file, spec);
        if (target) queue.push(target);
      } else {
        packages.add(spec);
      }
    }
  }
  return { files, packages };
}

test('the add-in never imports exceljs or src/xlsx', () => {
  const { files, packages } = reachable(ENTRIES);
  expect(files.size).toBeGreaterThan(0);
  expect([...packages].filter((p) => p === 'exceljs' || p.startsWith('exceljs/'))).toEqual([]);
  expect([...files].map((f) => relative(ROOT, f)).filter((f) => f.startsWith(join('src', 'xlsx')))).toEqual([]);
});

test('the import walker sees what it is looking for', () => {
  // Guards the check above against a walker that finds nothing: from the renderer it must find its lazy
  // require('exceljs') and follow its relative imports.
  const { files, packages } = reachable([join(ROOT, 'src/xlsx/render.ts')]);
  expect(packages.has('exceljs')).toBe(true);
  expect([...files].map((f) => relative(ROOT, f)).sort()).toEqual(
    ['src/sheets/a1.ts', 'src/sheets/page.ts', 'src/sheets/resolve-styles.ts', 'src/xlsx/cell-style.ts', 'src/xlsx/column-width.ts', 'src/xlsx/render.ts'].map((f) => join(...f.split('/'))),
  );
});
