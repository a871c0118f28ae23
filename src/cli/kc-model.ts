import { readFileSync, statSync } from 'fs';
import { basename, extname } from 'path';
import { gateReport, reportJson, reportText } from './check';
import { SHIPPED_RELEASE_NAME, SHIPPED_RELEASE_TEXT } from '../filing/shipped';
import { readReleaseInput, withReaderRepairs } from '../filing/read-input';
import { joinExhibits } from '../filing/exhibits';
import type { CopyRepair } from '../filing/copied-text';
import type { RefusedInput } from '../filing/input';
import { nodeFormReaders } from '../filing/node-readers';
import { buildPlan } from '../sheets/build';
import { toBuffer } from '../xlsx/render';
import { describeIoError, FileError, refuseOutput, writeAtomically } from './output';
import { expandPaths, libraryReport, libraryText, valuesText, type Source } from './library';
// The version users see (`kc-model --version`) is the package's.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const VERSION: string = require('../../package.json').version;

const USAGE = `kc-model — Kingsoft Cloud earnings release to a checked financial model

Usage:
  kc-model check [release.txt …] [--json] [--all]   parse and check a release (default: the shipped Q2 2024 release)
        --json   print the facts with provenance, the repairs and the checks as JSON
        --all    list every check, not only the failing ones
        several files or folders: each release's report, then the library's restatements and
        the chains across releases
  kc-model export [release.txt …] [-o KC-model.xlsx] [--force]
        write the model workbook (the add-in's tabs, live formulas, names) as an .xlsx file;
        a release that fails its checks writes nothing. The output may not be the input, and an
        existing file is replaced only if kc-model wrote it (--force replaces any file).
        Several files or folders: the library's model, as of its latest release
  kc-model values [release.txt …] [--csv]
        every value of the model, one per line: metric, period, currency, value, origin,
        release, first_reported (tab-separated under a header row; --csv for CSV)
  kc-model help
  kc-model --version

Exit status: 0 when every check passes, 1 when the release fails its checks, 2 on a usage error,
3 when a file cannot be read or written (not found, a folder, no permission, or an output refused).`;

/** Reads a release file by its content (text, HTML exhibit, PDF); what cannot be read is reported by the parser. */
async function readSource(path: string | undefined): Promise<Source & { text: string | RefusedInput; name: string; repairs: CopyRepair[] }> {
  if (!path) return { text: SHIPPED_RELEASE_TEXT, name: `${SHIPPED_RELEASE_NAME} (shipped)`, repairs: [], form: 'text' };
  let bytes: Buffer;
  try {
    if (statSync(path).isDirectory()) throw new FileError(`${path} is a folder; give the release file`);
    bytes = readFileSync(path);
  } catch (e) {
    if (e instanceof FileError) throw e;
    throw new FileError(`cannot read ${path}: ${describeIoError(e)}`);
  }
  const input = await readReleaseInput(bytes, nodeFormReaders);
  return { text: input.source, name: basename(path), repairs: input.repairs, form: input.form };
}

/**
 * Several releases (files, or folders of release files), each read by its content; a release given as two exhibits
 * (its press release, and its statements as a separate exhibit) is one release.
 */
export async function readSources(paths: string[]): Promise<Source[]> {
  const out: Source[] = [];
  for (const p of expandPaths(paths)) out.push(await readSource(p));
  return joinExhibits(out);
}

/** One file (or none: the shipped release) keeps the single-release behaviour and outputs; a folder or more is a library. */
const isLibraryCall = (paths: string[]) => paths.length > 1 || (paths.length === 1 && isFolder(paths[0]));
function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

const writeStdout = (s: string) => {
  process.stdout.write(s + '\n');
};
let pipeGuarded = false;
/** `kc-model check --all | head` closes the pipe early: end quietly, with no EPIPE stack trace. */
function quietOnClosedPipe(): void {
  if (pipeGuarded) return;
  pipeGuarded = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

// The add-in's gate: `check` and `export` accept exactly the releases the add-in accepts; what the form's reader
// changed is listed with the release's repairs.
const withModelChecks = (src: { text: string | RefusedInput; repairs: CopyRepair[] }) => gateReport(src.text, src.repairs);

export async function main(argv: string[], out: (s: string) => void = writeStdout, err: (s: string) => void = (s) => process.stderr.write(s + '\n')): Promise<number> {
  if (out === writeStdout) quietOnClosedPipe();
  const [verb, ...rest] = argv;
  const flags = new Set(rest.filter((a) => a.startsWith('-')));
  const args = rest.filter((a) => !a.startsWith('-'));
  try {
    switch (verb) {
      case 'check': {
        const unknown = [...flags].filter((f) => f !== '--json' && f !== '--all');
        if (unknown.length > 0) {
          err(`kc-model check: unexpected option ${unknown[0]}\n\n${USAGE}`);
          return 2;
        }
        if (isLibraryCall(args)) {
          const r = libraryReport(await readSources(args));
          out(flags.has('--json') ? libraryJson(r) : libraryText(r, flags.has('--all')));
          return r.ok ? 0 : 1;
        }
        const src = await readSource(args[0]);
        const report = withModelChecks(src);
        out(flags.has('--json') ? reportJson(report, { form: src.form }) : reportText(report, src.name, flags.has('--all')));
        return report.ok ? 0 : 1;
      }
      case 'export': {
        const o = rest.indexOf('-o') >= 0 ? rest.indexOf('-o') : rest.indexOf('--output');
        const output = o >= 0 ? rest[o + 1] : 'KC-model.xlsx';
        const positional = rest.filter((a, i) => !a.startsWith('-') && !(o >= 0 && i === o + 1));
        const unknown = rest.filter((a) => a.startsWith('-') && a !== '-o' && a !== '--output' && a !== '--force');
        if (!output || output.startsWith('-') || unknown.length > 0) {
          err(`kc-model export: ${unknown.length ? `unexpected option ${unknown[0]}` : '-o needs a file name'}\n\n${USAGE}`);
          return 2;
        }
        // Refuse before any work: the output must not be the input or a file kc-model did not write.
        const refused = await refuseOutput(output, isLibraryCall(positional) ? expandPaths(positional) : positional, flags.has('--force'));
        if (refused) throw new FileError(refused);
        if (extname(output).toLowerCase() !== '.xlsx') err(`kc-model export: warning: ${output} does not end in .xlsx; Excel opens the workbook only under an .xlsx name.`);
        if (isLibraryCall(positional)) {
          const r = libraryReport(await readSources(positional));
          if (!r.ok || !r.library) {
            out(libraryText(r));
            err(`kc-model export: the releases fail their checks or a chain across them does not close; ${output} was not written.`);
            return 1;
          }
          const plan = buildPlan(r.library);
          writeAtomically(output, await toBuffer(plan));
          out(`Wrote ${output}: ${plan.tabs.length} tabs (${plan.tabs.map((t) => t.name).join(', ')}) from a library of ${r.library.releases().length} releases, as of the ${r.library.release.quarter} release; ${r.library.restatements().length} restatements.`);
          return 0;
        }
        const src = await readSource(positional[0]);
        const report = withModelChecks(src);
        if (!report.ok || !report.model) {
          out(reportText(report, src.name));
          err(`kc-model export: ${src.name} fails its checks; ${output} was not written.`);
          return 1;
        }
        const plan = buildPlan(report.model);
        writeAtomically(output, await toBuffer(plan));
        const formulas = plan.tabs.reduce((n, t) => n + t.formulas.flat().filter(Boolean).length, 0);
        const live = plan.tabs.find((t) => t.key === 'checks')?.formulas.filter((r) => r[7]?.startsWith('=IF(ABS(')).length ?? 0;
        out(`Wrote ${output}: ${plan.tabs.length} tabs (${plan.tabs.map((t) => t.name).join(', ')}), ${formulas} formulas, ${plan.names.length} names.`);
        out(`${report.checks.length} release checks passed; the KC Checks tab lists them as recorded results beside ${live} live checks (formulas that recalculate). ${report.release.repairs.length} OCR repairs are listed on the KC Sources tab.`);
        return 0;
      }
      case 'values': {
        const unknown = [...flags].filter((f) => f !== '--csv');
        if (unknown.length > 0) {
          err(`kc-model values: unexpected option ${unknown[0]}\n\n${USAGE}`);
          return 2;
        }
        const r = libraryReport(args.length ? await readSources(args) : [await readSource(undefined)]);
        if (!r.ok || !r.library) {
          err(libraryText(r));
          err('kc-model values: the releases fail their checks or a chain across them does not close; no values are given.');
          return 1;
        }
        out(valuesText(r.library, flags.has('--csv')));
        return 0;
      }
      case '--version':
      case '-V':
      case 'version':
        out(`kc-model ${VERSION}`);
        return 0;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        out(USAGE);
        return verb === undefined ? 2 : 0;
      default:
        err(`kc-model: unknown command "${verb}"\n\n${USAGE}`);
        return 2;
    }
  } catch (e) {
    if (e instanceof FileError) {
      err(`kc-model: ${e.message}`);
      return 3;
    }
    if ((e as NodeJS.ErrnoException).code) {
      err(`kc-model: ${describeIoError(e)}`);
      return 3;
    }
    err(`kc-model: ${(e as Error).message}`);
    return 2;
  }
}


/** `check --json` of several releases: each release's report, then the library's. */
function libraryJson(r: ReturnType<typeof libraryReport>): string {
  const lib = r.library;
  return JSON.stringify(
    {
      ok: r.ok,
      releases: r.reports.map(({ source, report }) => ({ name: source.name, form: source.form, ...JSON.parse(reportJson(report)) })),
      restatements: (lib?.restatements() ?? []).map((x) => ({ ...x, first: { ...x.first, value: x.first.value.toString(), release: x.first.release.quarter }, latest: { ...x.latest, value: x.latest.value.toString(), release: x.latest.release.quarter } })),
      superseded: (lib?.superseded() ?? []).map((x) => ({ ...x, value: x.value.toString(), served: x.served.toString(), release: x.release.quarter })),
      chains: (lib?.chainChecks() ?? []).map((c) => ({ id: c.id, name: c.name, period: c.period, pass: c.pass, expected: c.expected.toString(), actual: c.actual.toString() })),
    },
    null,
    2,
  );
}
