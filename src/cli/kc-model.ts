import { readFileSync } from 'fs';
import { basename } from 'path';
import { checkRelease, reportJson, reportText } from './check';
import { SHIPPED_RELEASE_NAME, SHIPPED_RELEASE_TEXT } from '../filing/shipped';
import { readReleaseInput, withReaderRepairs } from '../filing/read-input';
import type { CopyRepair } from '../filing/copied-text';
import type { RefusedInput } from '../filing/input';
import { nodeFormReaders } from '../filing/node-readers';
import { buildModel } from '../model';
import { buildPlan } from '../sheets/build';
import { writeXlsx } from '../xlsx/render';

const USAGE = `kc-model — Kingsoft Cloud earnings release to a checked financial model

Usage:
  kc-model check [release.txt] [--json] [--all]   parse and check a release (default: the shipped Q2 2024 release)
        --json   print the facts with provenance, the repairs and the checks as JSON
        --all    list every check, not only the failing ones
  kc-model export [release.txt] [-o KC-model.xlsx]
        write the model workbook (the add-in's tabs, live formulas, names) as an .xlsx file;
        a release that fails its checks writes nothing
  kc-model help

Exit status: 0 when every check passes, 1 when the release fails its checks, 2 on a usage error.`;

/** Reads a release file by its content (text, HTML exhibit, PDF); what cannot be read is reported by the parser. */
async function readSource(path: string | undefined): Promise<{ text: string | RefusedInput; name: string; repairs: CopyRepair[] }> {
  if (!path) return { text: SHIPPED_RELEASE_TEXT, name: `${SHIPPED_RELEASE_NAME} (shipped)`, repairs: [] };
  const input = await readReleaseInput(readFileSync(path), nodeFormReaders);
  return { text: input.source, name: basename(path), repairs: input.repairs };
}

/** Parses and checks; what the form's reader changed is listed with the release's repairs. */
function withModelChecks(src: { text: string | RefusedInput; repairs: CopyRepair[] }) {
  const report = checkRelease(src.text, (r) => buildModel(r).checks());
  withReaderRepairs(report.release, src.repairs);
  return report;
}

export async function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s + '\n'), err: (s: string) => void = (s) => process.stderr.write(s + '\n')): Promise<number> {
  const [verb, ...rest] = argv;
  const flags = new Set(rest.filter((a) => a.startsWith('-')));
  const args = rest.filter((a) => !a.startsWith('-'));
  try {
    switch (verb) {
      case 'check': {
        const unknown = [...flags].filter((f) => f !== '--json' && f !== '--all');
        if (unknown.length > 0 || args.length > 1) {
          err(`kc-model check: unexpected ${unknown.length ? `option ${unknown[0]}` : `argument ${args[1]}`}\n\n${USAGE}`);
          return 2;
        }
        const src = await readSource(args[0]);
        const report = withModelChecks(src);
        out(flags.has('--json') ? reportJson(report) : reportText(report, src.name, flags.has('--all')));
        return report.ok ? 0 : 1;
      }
      case 'export': {
        const o = rest.indexOf('-o') >= 0 ? rest.indexOf('-o') : rest.indexOf('--output');
        const output = o >= 0 ? rest[o + 1] : 'KC-model.xlsx';
        const positional = rest.filter((a, i) => !a.startsWith('-') && !(o >= 0 && i === o + 1));
        const unknown = rest.filter((a) => a.startsWith('-') && a !== '-o' && a !== '--output');
        if (!output || output.startsWith('-') || unknown.length > 0 || positional.length > 1) {
          err(`kc-model export: ${unknown.length ? `unexpected option ${unknown[0]}` : !output || output.startsWith('-') ? '-o needs a file name' : `unexpected argument ${positional[1]}`}\n\n${USAGE}`);
          return 2;
        }
        const src = await readSource(positional[0]);
        const report = withModelChecks(src);
        if (!report.ok) {
          out(reportText(report, src.name));
          err(`kc-model export: ${src.name} fails its checks; ${output} was not written.`);
          return 1;
        }
        const plan = buildPlan(buildModel(report.release));
        await writeXlsx(plan, output);
        const formulas = plan.tabs.reduce((n, t) => n + t.formulas.flat().filter(Boolean).length, 0);
        out(`Wrote ${output}: ${plan.tabs.length} tabs (${plan.tabs.map((t) => t.name).join(', ')}), ${formulas} formulas, ${plan.names.length} names.`);
        out(`${report.checks.length} checks passed; ${report.release.repairs.length} OCR repairs are listed on the KC Sources tab.`);
        return 0;
      }
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
    const code = (e as NodeJS.ErrnoException).code;
    err(`kc-model: ${code === 'ENOENT' ? `file not found: ${(e as NodeJS.ErrnoException).path}` : (e as Error).message}`);
    return 2;
  }
}

