import { closeSync, existsSync, openSync, readSync, renameSync, statSync, unlinkSync, writeFileSync, fstatSync } from 'fs';
import { basename, dirname, join, resolve } from 'path';
import { inflateRawSync } from 'zlib';
import { WORKBOOK_CREATOR } from '../xlsx/render';

/**
 * The export's file handling: a command never destroys its input. The output may not be an input, may not
 * replace a file kc-model did not write (unless --force), and is written to a temporary file in the target folder
 * then renamed over the target, so a failure never leaves a half-written file.
 */

/** A file problem (not a usage error): exit status 3. */
export class FileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileError';
  }
}

/** Why an existing file may not be replaced, or undefined when it may. */
export function refuseOutput(output: string, inputs: string[], force: boolean): string | undefined {
  const target = resolve(output);
  const folder = dirname(target);
  if (!existsSync(folder)) return `output folder does not exist: ${folder}`;
  if (!statSync(folder).isDirectory()) return `output folder is not a folder: ${folder}`;
  for (const input of inputs) if (sameFile(resolve(input), target)) return `the output ${output} is the input release; choose another output name`;
  if (!existsSync(target)) return undefined;
  if (statSync(target).isDirectory()) return `the output ${output} is a folder; give a file name such as ${join(output, 'KC-model.xlsx')}`;
  if (force) return undefined;
  if (!writtenByKcModel(target)) return `${output} exists and is not a workbook written by kc-model; not overwritten (use --force to replace it)`;
  return undefined;
}

function sameFile(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    const x = statSync(a);
    const y = statSync(b);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

/** An .xlsx whose document properties name kc-model's workbook creator (docProps/core.xml dc:creator). */
export function writtenByKcModel(path: string): boolean {
  const core = zipEntry(path, 'docProps/core.xml');
  if (core === undefined) return false;
  const creator = /<dc:creator>([^<]*)<\/dc:creator>/.exec(core)?.[1];
  return creator === WORKBOOK_CREATOR;
}

/** One member of a zip archive as text, or undefined when the file is not a zip or lacks it. Reads only the
 *  archive's directory and that member. */
function zipEntry(path: string, name: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    if (size < 22 || size > 200 * 1024 * 1024) return undefined;
    const tailLen = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLen);
    readSync(fd, tail, 0, tailLen, size - tailLen);
    const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0) return undefined;
    const count = tail.readUInt16LE(eocd + 10);
    const dirSize = tail.readUInt32LE(eocd + 12);
    const dirStart = tail.readUInt32LE(eocd + 16);
    const dir = Buffer.alloc(dirSize);
    readSync(fd, dir, 0, dirSize, dirStart);
    let p = 0;
    for (let i = 0; i < count && p + 46 <= dir.length; i++) {
      if (dir.readUInt32LE(p) !== 0x02014b50) return undefined;
      const method = dir.readUInt16LE(p + 10);
      const compressed = dir.readUInt32LE(p + 20);
      const nameLen = dir.readUInt16LE(p + 28);
      const extraLen = dir.readUInt16LE(p + 30);
      const commentLen = dir.readUInt16LE(p + 32);
      const local = dir.readUInt32LE(p + 42);
      if (dir.toString('utf8', p + 46, p + 46 + nameLen) === name) {
        const header = Buffer.alloc(30);
        readSync(fd, header, 0, 30, local);
        const start = local + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
        const data = Buffer.alloc(Math.min(compressed, 1024 * 1024));
        readSync(fd, data, 0, data.length, start);
        return (method === 0 ? data : inflateRawSync(data)).toString('utf8');
      }
      p += 46 + nameLen + extraLen + commentLen;
    }
    return undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Writes to a temporary file beside the target, then renames it over the target. */
export function writeAtomically(output: string, data: Buffer): void {
  const target = resolve(output);
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(temp, data, { flag: 'wx' });
    renameSync(temp, target);
  } catch (e) {
    try {
      unlinkSync(temp);
    } catch {
      // nothing was left behind
    }
    throw new FileError(`could not write ${output}: ${describeIoError(e)}`);
  }
}

/** A file-system error in words (no raw "EISDIR: illegal operation on a directory, read"). */
export function describeIoError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return `file not found: ${err.path ?? ''}`.trim();
    case 'EISDIR':
      return `${err.path ? `${err.path} ` : ''}is a folder, not a file`;
    case 'EACCES':
    case 'EPERM':
      return `permission denied${err.path ? `: ${err.path}` : ''}`;
    case 'ENOSPC':
      return 'no space left on the disk';
    case 'EROFS':
      return 'the disk is read-only';
    default:
      return err.message ?? String(e);
  }
}
