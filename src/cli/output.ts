import { existsSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'fs';
import JSZip from 'jszip';
import { basename, dirname, join, resolve } from 'path';
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
export async function refuseOutput(output: string, inputs: string[], force: boolean): Promise<string | undefined> {
  const target = resolve(output);
  const folder = dirname(target);
  if (!existsSync(folder)) return `output folder does not exist: ${folder}`;
  if (!statSync(folder).isDirectory()) return `output folder is not a folder: ${folder}`;
  for (const input of inputs) if (sameFile(resolve(input), target)) return `the output ${output} is the input release; choose another output name`;
  if (!existsSync(target)) return undefined;
  if (statSync(target).isDirectory()) return `the output ${output} is a folder; give a file name such as ${join(output, 'KC-model.xlsx')}`;
  if (force) return undefined;
  if (!(await writtenByKcModel(target))) return `${output} exists and is not a workbook written by kc-model; not overwritten (use --force to replace it)`;
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
export async function writtenByKcModel(path: string): Promise<boolean> {
  // An .xlsx kc-model writes is a few hundred KB; anything much larger is not one, and is not read whole.
  if (statSync(path).size > 50 * 1024 * 1024) return false;
  try {
    const zip = await JSZip.loadAsync(readFileSync(path));
    const core = await zip.file('docProps/core.xml')?.async('string');
    return /<dc:creator>([^<]*)<\/dc:creator>/.exec(core ?? '')?.[1] === WORKBOOK_CREATOR;
  } catch {
    return false; // not a zip archive
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
