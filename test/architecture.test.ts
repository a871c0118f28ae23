import { readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, relative } from 'path';
import ts from 'typescript';

/**
 * The architecture the folders show, held by the sources themselves: data flows one way (a release → filing → model →
 * functions and sheets → excel and xlsx → taskpane and cli), so a module imports only its own folder and the folders
 * below it; no module imports itself back through others (type-only imports included: a cycle of types is still a
 * cycle of meaning); period ids are read and written only by the periods modules; and the layers that read and
 * calculate figures keep them as Decimals.
 */
const SRC = join(__dirname, '..', 'src');

/** Each folder of src and the folders it may import. */
const MAY_IMPORT: Record<string, string[]> = {
  filing: [],
  model: ['filing'],
  functions: ['model', 'filing'],
  sheets: ['model', 'filing'],
  excel: ['sheets', 'model', 'filing'],
  xlsx: ['sheets', 'model', 'filing'],
  taskpane: ['excel', 'functions', 'sheets', 'model', 'filing'],
  cli: ['xlsx', 'sheets', 'model', 'filing'],
};

/** The modules periods live in: the period module itself, the model's view of it, and the library's LTM and relative periods. */
const PERIOD_MODULES = new Set(['filing/periods.ts', 'model/periods.ts', 'model/relative-periods.ts']);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return f.endsWith('.ts') && !f.endsWith('.d.ts') ? [p] : [];
  });
}

const files = sources(SRC);
const rel = (file: string) => relative(SRC, file).split('\\').join('/');
const folderOf = (file: string) => rel(file).split('/')[0];

/** A module's imports of other modules of src (static, type-only, re-exports and dynamic), as files. */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map((f) => f.fileName)
    .filter((name) => name.startsWith('.'))
    // Files that are no code (the package's version, a release text, a stylesheet) and anything outside src.
    .filter((name) => !/\.(json|txt|css|html)$/.test(name) && !relative(SRC, join(dirname(file), name)).startsWith('..'))
    .map((name) => {
      const base = join(dirname(file), name);
      const found = [`${base}.ts`, join(base, 'index.ts')].find((c) => files.includes(c));
      if (!found) throw new Error(`${rel(file)} imports ${name}, which is no module of src`);
      return found;
    });
}

/** The modules of src by path relative to it (`model/model.ts`), each with the modules it imports. */
type Graph = Map<string, string[]>;
const graph: Graph = new Map(files.map((f) => [rel(f), importsOf(f).map(rel)]));
const folder = (path: string) => path.split('/')[0];

/** Imports of a folder that MAY_IMPORT does not allow (upward, or a sibling's). */
function wrongImports(g: Graph): string[] {
  const wrong: string[] = [];
  for (const [file, imports] of g) {
    for (const target of imports) {
      const from = folder(file);
      const to = folder(target);
      if (from !== to && !(MAY_IMPORT[from] ?? []).includes(to)) wrong.push(`${file} → ${target}`);
    }
  }
  return wrong;
}

/** Every cycle a depth-first walk meets, as a path back to its start. */
function cyclesOf(g: Graph): string[] {
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    path.push(file);
    for (const next of g.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), next].join(' → '));
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const f of g.keys()) if (!state.has(f)) visit(f);
  return cycles;
}

/**
 * Ways a module spells a period id by hand: a pattern that reads one, or a template that writes one. Periods are
 * read with readPeriod/periodOfId and made with quarter(), half(), toDate() and the rest, so a period's rules (its
 * spellings, its years, its dates) are written once.
 */
const HAND_MADE_PERIOD = [/Q\[1-4\]/, /Q\(\\d\)/, /Q\(\[1-4\]\)/, /\[QH\]\\d/, /9M\|FY/, /H1-\(/, /`(?:Q|H|FY-|9M-|LTM-Q)\$\{/, /`(?:Q[1-4]|H[12])-\$\{/];

/** The lines of a module that spell a period id by hand. */
function handMadePeriods(path: string, text: string): string[] {
  if (PERIOD_MODULES.has(path)) return [];
  return text.split('\n').flatMap((line, i) => (HAND_MADE_PERIOD.some((re) => re.test(line)) ? [`${path}:${i + 1}: ${line.trim()}`] : []));
}

test('the source folders are the layers the guide names, and every module is in one', () => {
  expect([...new Set([...graph.keys()].map(folder))].filter((f) => !f.endsWith('.ts')).sort()).toEqual(Object.keys(MAY_IMPORT).sort());
});

test('a module imports only its own folder and the folders below it', () => {
  expect(wrongImports(graph)).toEqual([]);
});

test('no import cycles, type-only imports included', () => {
  expect(cyclesOf(graph)).toEqual([]);
});

test('period ids are read and written only by the periods modules', () => {
  expect(files.flatMap((f) => handMadePeriods(rel(f), readFileSync(f, 'utf8')))).toEqual([]);
});

/** The layers that read and calculate figures: a figure is a Decimal there, turned into a number only by the layers that show it. */
const DECIMAL_ONLY = new Set(['filing', 'model']);
/** The lines of a module of those layers that turn a figure into a JS number. */
function numberConversions(path: string, text: string): string[] {
  if (!DECIMAL_ONLY.has(folder(path))) return [];
  return text.split('\n').flatMap((line, i) => (/\.toNumber\(\)|\bparseFloat\(/.test(line) ? [`${path}:${i + 1}: ${line.trim()}`] : []));
}

test('money math is decimal.js in filing and model: no Decimal turned into a number there (toNumber, parseFloat)', () => {
  expect(files.flatMap((f) => numberConversions(rel(f), readFileSync(f, 'utf8')))).toEqual([]);
  expect(numberConversions('model/x.ts', 'const n = v.toNumber();')).toEqual(['model/x.ts:1: const n = v.toNumber();']);
  expect(numberConversions('sheets/x.ts', 'const n = v.toNumber();')).toEqual([]);
});

test('each rule finds what breaks it: an import upward or sideways, a cycle, a period id spelled by hand', () => {
  const planted: Graph = new Map([
    ['filing/a.ts', ['model/b.ts']],
    ['model/b.ts', ['filing/c.ts']],
    ['filing/c.ts', ['filing/a.ts']],
    ['functions/d.ts', ['sheets/e.ts', 'model/b.ts']],
    ['sheets/e.ts', []],
  ]);
  expect(wrongImports(planted)).toEqual(['filing/a.ts → model/b.ts', 'functions/d.ts → sheets/e.ts']);
  expect(cyclesOf(planted)).toEqual(['filing/a.ts → model/b.ts → filing/c.ts → filing/a.ts']);
  expect(handMadePeriods('model/x.ts', 'const m = /^Q([1-4])-(\\d{4})$/.exec(id);\nconst id = `Q${q}-${y}`;\nconst ok = quarter(q, y).id;')).toEqual([
    'model/x.ts:1: const m = /^Q([1-4])-(\\d{4})$/.exec(id);',
    'model/x.ts:2: const id = `Q${q}-${y}`;',
  ]);
  expect(handMadePeriods('filing/periods.ts', 'const id = `Q${q}-${y}`;')).toEqual([]);
  // Type-only imports, re-exports and chunks loaded on demand are imports too.
  const { importedFiles } = ts.preProcessFile("import type { A } from './a';\nexport { b } from './b';\nconst c = () => import('./c');", true, true);
  expect(importedFiles.map((f) => f.fileName)).toEqual(['./a', './b', './c']);
});
