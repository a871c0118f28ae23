import type { CheckReport } from '../../../src/cli/check';

/** What a refused release's verdict lists: its error codes and failing check ids, each sorted and once. */
export function refusalLines(report: CheckReport): string[] {
  const codes = [...new Set(report.release.issues.filter((i) => i.severity === 'error').map((i) => i.code))].sort();
  const failing = [...new Set(report.checks.filter((c) => !c.pass).map((c) => c.id))].sort();
  return [...codes, ...failing];
}

/** The release text with the last digit of the quarter's total revenues (RMB) changed. */
export function alteredTotal(text: string): string {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.startsWith('Total revenues\t'));
  const cells = lines[at].split('\t');
  cells[3] = cells[3].replace(/\d(?=\D*$)/, (d) => String((Number(d) + 1) % 10));
  return [...lines.slice(0, at), cells.join('\t'), ...lines.slice(at + 1)].join('\n');
}

/** The prior quarter's and the quarter's figures swapped in the statements of loss, under unchanged headers. */
export function swappedColumns(text: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith('Public cloud services\t'));
  const end = lines.findIndex((l, i) => i > start && l.startsWith('Comprehensive loss attributable'));
  return lines
    .map((l, i) => {
      if (i < start || i > end) return l;
      const p = l.split('\t');
      if (p.length < 4 || p[2] === '') return l;
      [p[2], p[3]] = [p[3], p[2]];
      return p.join('\t');
    })
    .join('\n');
}

/** The text cut before the EBITDA reconciliation. */
export function truncated(text: string): string {
  const lines = text.split('\n');
  return lines.slice(0, lines.findIndex((l) => l.startsWith('Net Loss\t'))).join('\n') + '\n';
}
