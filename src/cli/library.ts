import { readdirSync, statSync } from 'fs';
import { extname, join } from 'path';
import type { CopyRepair } from '../filing/copied-text';
import type { RefusedInput } from '../filing/input';
import { buildLibrary, type ReleaseInfo } from '../model/library';
import { releaseDate } from '../model/library';
import { gateReport, reportText, type CheckReport } from './check';
import { describeIoError, FileError } from './output';

/** One release read from a file: its text (or why there is none), its name, its form and its reader's repairs. */
export interface Source {
  text: string | RefusedInput;
  name: string;
  form: string;
  repairs: CopyRepair[];
}

/** Release files a folder holds: text, HTML and PDF files, by name. */
const RELEASE_FILE = /^\.(txt|text|htm|html|pdf)$/i;

/** The files named on the command line, each folder replaced by the release files in it (sorted by name). */
export function expandPaths(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let dir = false;
    try {
      dir = statSync(p).isDirectory();
    } catch (e) {
      throw new FileError(`cannot read ${p}: ${describeIoError(e)}`);
    }
    if (!dir) {
      out.push(p);
      continue;
    }
    const files = readdirSync(p)
      .filter((f) => RELEASE_FILE.test(extname(f)) && statSync(join(p, f)).isFile())
      .sort()
      .map((f) => join(p, f));
    if (files.length === 0) throw new FileError(`${p} is a folder with no release file (.txt, .htm, .html or .pdf) in it`);
    out.push(...files);
  }
  return out;
}

export interface LibraryReport {
  reports: { source: Source; report: CheckReport }[];
  library?: ReturnType<typeof buildLibrary>;
  /** Every release accepted by the gate, and every chain across releases closes. */
  ok: boolean;
}

/** Every release through the one gate; the accepted ones make the library. */
export function libraryReport(sources: Source[]): LibraryReport {
  const reports = sources.map((source) => ({ source, report: gateReport(source.text, source.repairs) }));
  const accepted = reports.filter((r) => r.report.ok && r.report.model);
  const library = accepted.length
    ? buildLibrary(
        accepted.map(({ source, report }) => ({
          release: report.release,
          model: report.model!,
          checks: report.checks,
          form: source.form,
          name: source.name,
          date: typeof source.text === 'string' ? releaseDate(source.text) : undefined,
        })),
      )
    : undefined;
  const ok = reports.every((r) => r.report.ok) && !!library && library.chainChecks().every((c) => c.pass);
  return { reports, library, ok };
}

const rel = (r: ReleaseInfo) => `${r.quarter} ${r.form}`;

/** The report of several releases: each release's own, then the library's releases, restatements and chains. */
export function libraryText(r: LibraryReport, all = false): string {
  const out: string[] = [];
  for (const { source, report } of r.reports) out.push(reportText(report, source.name, all), '');
  const lib = r.library;
  out.push(`Library: ${lib ? lib.releases().length : 0} of ${r.reports.length} releases accepted${lib ? ` (${lib.releases().map(rel).join(', ')})` : ''}`);
  if (lib) {
    const restated = lib.restatements();
    out.push(`Restatements: ${restated.length}`);
    for (const x of restated) out.push(`  ${x.metric} ${x.period} ${x.currency}: ${x.first.value} (${rel(x.first.release)}, line ${x.first.line}) -> ${x.latest.value} (${rel(x.latest.release)}, line ${x.latest.line})`);
    const sup = lib.superseded();
    out.push(`Superseded: ${sup.length}`);
    for (const s of sup) out.push(`  ${s.metric} ${s.period}: ${s.value} (${rel(s.release)}, line ${s.line}) built on ${s.because} before its restatement; served ${s.served}`);
    const chains = lib.chainChecks();
    const failed = chains.filter((c) => !c.pass);
    out.push(`Chains across releases: ${chains.length} run, ${chains.length - failed.length} passed, ${failed.length} failed`);
    for (const c of all ? chains : failed) out.push(`  ${c.pass ? 'pass' : 'FAIL'} ${c.id} [${c.period}]: ${c.name} — expected ${c.expected}, actual ${c.actual}, difference ${c.difference}`);
  }
  out.push(r.ok ? 'Result: OK — every release is accepted and every chain closes' : 'Result: REJECTED — a release fails its checks or a chain across releases does not close');
  return out.join('\n');
}

/**
 * `kc-model values`: every value of the model, one per line. A stable contract for scripts (see the README):
 * columns metric, period, currency, value, origin, release, first_reported. Values are exact decimals (thousands
 * for amounts, fractions for ratios); currency is empty for ratios, share counts and the rate; release is the
 * quarter and form of the release the value comes from (for a derived or translated value, the latest release it
 * rests on); first_reported is the first-reported value where a later release restated it, else empty.
 */
export const VALUES_COLUMNS = ['metric', 'period', 'currency', 'value', 'origin', 'release', 'first_reported'];

export function valuesRows(lib: ReturnType<typeof buildLibrary>): string[][] {
  const rows: string[][] = [];
  for (const e of lib.entries()) {
    const [metric, period, cur] = e.key;
    const v = e.value;
    // Share counts, ratios and the rate are stored under both currencies: listed once, with no currency.
    if (v.currency === null && cur === 'USD') continue;
    const first = e.first && !e.first.value.eq(v.value) ? e.first.value.toString() : '';
    rows.push([metric, period === 'constant' ? '' : period, v.currency ?? '', v.value.toString(), v.origin, e.from ? rel(e.from) : '', first]);
  }
  return rows;
}

const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function valuesText(lib: ReturnType<typeof buildLibrary>, csv: boolean): string {
  const rows = [VALUES_COLUMNS, ...valuesRows(lib)];
  return rows.map((r) => (csv ? r.map(csvCell).join(',') : r.join('\t'))).join('\n');
}
