import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../src/cli/kc-model';
import { SHIPPED_RELEASE_TEXT } from '../../src/filing/shipped';

/** A command never destroys its input: the export's handling of files, and the CLI's exit statuses. */
async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, (s) => (out += s + '\n'), (s) => (err += s + '\n'));
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'kc-cli-files-'));
const release = join(dir, 'rel.txt');
writeFileSync(release, SHIPPED_RELEASE_TEXT);

describe('kc-model export keeps the user’s files', () => {
  test('an output that is the input is refused, and the input is unchanged (exit 3)', async () => {
    const r = await run('export', release, '-o', release);
    expect(r).toMatchObject({ code: 3, err: expect.stringContaining('is the input release') });
    expect(readFileSync(release, 'utf8')).toBe(SHIPPED_RELEASE_TEXT);
    // The same file under another spelling of its path.
    const r2 = await run('export', release, '-o', join(dir, '.', 'sub', '..', 'rel.txt'));
    expect(r2.code).toBe(3);
    expect(readFileSync(release, 'utf8')).toBe(SHIPPED_RELEASE_TEXT);
  });

  test('an existing file kc-model did not write is not overwritten without --force', async () => {
    const notes = join(dir, 'notes.xlsx');
    writeFileSync(notes, 'my notes');
    const r = await run('export', '-o', notes);
    expect(r).toMatchObject({ code: 3, err: expect.stringContaining('not a workbook written by kc-model; not overwritten (use --force') });
    expect(readFileSync(notes, 'utf8')).toBe('my notes');
    expect((await run('export', '-o', notes, '--force')).code).toBe(0);
    expect(readFileSync(notes).subarray(0, 2).toString()).toBe('PK');
  });

  test('a workbook kc-model wrote is replaced; nothing temporary is left in the folder', async () => {
    const out = join(dir, 'again', 'KC-model.xlsx');
    mkdirSync(join(dir, 'again'));
    expect((await run('export', '-o', out)).code).toBe(0);
    expect((await run('export', '-o', out)).code).toBe(0);
    expect(readdirSync(join(dir, 'again'))).toEqual(['KC-model.xlsx']);
  });

  test('an output in a missing folder says so (exit 3)', async () => {
    const r = await run('export', '-o', join(dir, 'no-such-folder', 'm.xlsx'));
    expect(r).toMatchObject({ code: 3, err: expect.stringContaining('output folder does not exist') });
    expect(r.err).not.toMatch(/file not found/);
  });

  test('a folder as input or output gets a clear message, not EISDIR (exit 3)', async () => {
    // A folder of releases is a library (see test/cli/library.test.ts); one with no release file is a file error.
    const empty = join(dir, 'empty-folder');
    mkdirSync(empty);
    const asInput = await run('export', empty, '-o', join(dir, 'x.xlsx'));
    expect(asInput).toMatchObject({ code: 3, err: expect.stringContaining('is a folder') });
    expect(asInput.err).not.toMatch(/EISDIR/);
    const checkFolder = await run('check', empty);
    expect(checkFolder).toMatchObject({ code: 3, err: expect.stringContaining('is a folder') });
    const asOutput = await run('export', '-o', dir);
    expect(asOutput).toMatchObject({ code: 3, err: expect.stringContaining('is a folder') });
    expect(asOutput.err).not.toMatch(/EISDIR/);
  });

  test('a missing input is a file error, not a usage error (exit 3)', async () => {
    expect(await run('check', join(dir, 'missing.txt'))).toMatchObject({ code: 3, err: expect.stringContaining('file not found') });
    expect(await run('export', join(dir, 'missing.txt'), '-o', join(dir, 'm.xlsx'))).toMatchObject({ code: 3, err: expect.stringContaining('file not found') });
  });

  test('an output name not ending in .xlsx is written with a warning', async () => {
    const r = await run('export', '-o', join(dir, 'model.xls'));
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/warning: .*model\.xls does not end in \.xlsx/);
  });

  test('--version prints the version', async () => {
    const version = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).version;
    expect(await run('--version')).toMatchObject({ code: 0, out: `kc-model ${version}\n` });
  });
});

describe('the built command', () => {
  const bin = join(__dirname, '..', '..', 'bin', 'kc-model.js');
  const built = join(__dirname, '..', '..', 'dist', 'cli', 'kc-model.js');
  test('piped into head, it ends quietly (no EPIPE stack trace)', () => {
    if (!existsSync(built)) throw new Error('dist/cli/kc-model.js is missing: run `npm run build` first');
    const r = spawnSync('bash', ['-c', `set -o pipefail; node "${bin}" check --all --json | head -c 100 >/dev/null`], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
