import { readFileSync } from 'fs';
import { basename } from 'path';
import { checkRelease, reportJson, reportText } from './check';
import { SHIPPED_RELEASE_NAME, SHIPPED_RELEASE_TEXT } from '../filing/shipped';

const USAGE = `kc-model — Kingsoft Cloud earnings release to a checked financial model

Usage:
  kc-model check [release.txt] [--json] [--all]   parse and check a release (default: the shipped Q2 2024 release)
        --json   print the facts with provenance, the repairs and the checks as JSON
        --all    list every check, not only the failing ones
  kc-model help

Exit status: 0 when every check passes, 1 when the release fails its checks, 2 on a usage error.`;

function readSource(path: string | undefined): { text: string; name: string } {
  if (!path) return { text: SHIPPED_RELEASE_TEXT, name: `${SHIPPED_RELEASE_NAME} (shipped)` };
  return { text: readFileSync(path, 'utf8'), name: basename(path) };
}

export function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s + '\n'), err: (s: string) => void = (s) => process.stderr.write(s + '\n')): number {
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
        const src = readSource(args[0]);
        const report = checkRelease(src.text);
        out(flags.has('--json') ? reportJson(report) : reportText(report, src.name, flags.has('--all')));
        return report.ok ? 0 : 1;
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

