import { parseRelease } from './parse';
import type { ParsedRelease } from './types';

export { parseRelease } from './parse';
export { formatThousands } from './cells';
export type * from './types';

/** A release text that fails its checks: `report` says which identity failed, at which line. */
export class ReleaseRejectedError extends Error {
  constructor(public readonly report: ParsedRelease) {
    const errors = report.issues.filter((i) => i.severity === 'error');
    super(
      `release rejected (${errors.length} problem${errors.length === 1 ? '' : 's'}):\n` +
        errors
          .slice(0, 20)
          .map((e) => `  ${e.line ? `line ${e.line}: ` : ''}${e.message}`)
          .join('\n') +
        (errors.length > 20 ? `\n  … and ${errors.length - 20} more` : ''),
    );
    this.name = 'ReleaseRejectedError';
  }
}

/** Parses a release and throws `ReleaseRejectedError` unless every check passes. */
export function readRelease(text: string): ParsedRelease {
  const report = parseRelease(text);
  if (report.issues.some((i) => i.severity === 'error')) throw new ReleaseRejectedError(report);
  return report;
}
