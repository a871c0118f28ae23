import type Decimal from 'decimal.js';
import { parseRelease, type CheckResult, type Fact, type ParsedRelease } from '../filing';
import { acceptRelease } from '../model/gate';
import type { Model } from '../model/model';
import type { RefusedInput } from '../filing/input';
import type { CopyRepair } from '../filing/copied-text';
import { readPeriod } from '../filing/periods';

/** What `kc-model check` reports: the release's facts, repairs, checks and problems. */
export interface CheckReport {
  release: ParsedRelease;
  checks: CheckResult[];
  ok: boolean;
  /** The accepted release's model (the gate built it once). */
  model?: Model;
}

export function checkRelease(text: string | RefusedInput, modelChecks?: (r: ParsedRelease) => CheckResult[]): CheckReport {
  const release = parseRelease(text);
  const rejected = release.issues.some((i) => i.severity === 'error');
  const checks = !rejected && modelChecks ? modelChecks(release) : release.checks;
  return { release, checks, ok: !rejected && checks.every((c) => c.pass) };
}

/** The report of the gate the add-in applies: `ok` exactly when the add-in would accept the release. */
export function gateReport(text: string | RefusedInput, readerRepairs: CopyRepair[] = []): CheckReport {
  const v = acceptRelease(text, readerRepairs);
  return { release: v.release, checks: v.checks, ok: v.accepted, model: v.model };
}

const dec = (d: Decimal) => d.toString();

/** Where a report's release came from: its form (what the file was, by content). */
export interface ReportSource {
  form?: string;
}

/** The release a fact came from: quarter, release date, form and convenience rate. */
function releaseJson(r: CheckReport, source: ReportSource) {
  const rate = r.release.facts.find((f) => f.metric === 'fx_rate');
  return { quarter: r.release.quarter || null, date: r.release.date ?? null, form: source.form ?? null, rate: rate ? dec(rate.value) : null };
}

/** A fact's period, typed by the period module: canonical id, kind, start, end, months. */
function periodJson(id: string) {
  const p = readPeriod(id);
  return p ? { id: p.id, kind: p.kind, start: p.start, end: p.end, months: p.months } : { id, kind: null, start: null, end: null, months: null };
}

function factJson(f: Fact, release?: ReturnType<typeof releaseJson>) {
  return {
    table: f.table,
    row: f.row,
    metric: f.metric ?? null,
    period: f.period,
    currency: f.currency,
    unit: f.unit,
    value: dec(f.value),
    roundedTo: f.roundedTo ? dec(f.roundedTo) : null,
    provenance: f.provenance,
    periodId: periodJson(f.period).id,
    periodSpan: periodJson(f.period),
    release,
  };
}

function checkJson(c: CheckResult) {
  return { ...c, expected: dec(c.expected), actual: dec(c.actual), difference: dec(c.difference), tolerance: dec(c.tolerance) };
}

/** Machine-readable report: Decimals as strings so no precision is lost. */
export function reportJson(r: CheckReport, source: ReportSource = {}): string {
  const release = releaseJson(r, source);
  return JSON.stringify(
    {
      company: r.release.company || null,
      quarter: r.release.quarter,
      ok: r.ok,
      release,
      facts: r.release.facts.map((f) => factJson(f, release)),
      repairs: r.release.repairs,
      checks: r.checks.map(checkJson),
      issues: r.release.issues,
    },
    null,
    2,
  );
}

/** Human-readable report. Lists every repair and every failing check; passing checks are counted by kind. */
export function reportText(r: CheckReport, source: string, all = false): string {
  const out: string[] = [];
  const { release } = r;
  out.push(`Release: ${source}${release.quarter ? ` — ${release.company}, ${release.quarter}` : ''}`);
  const fromTables = release.facts.filter((f) => f.table !== 'prose').length;
  out.push(`Facts: ${release.facts.length} (${fromTables} from tables, ${release.facts.length - fromTables} from the prose)`);
  out.push(`Repairs: ${release.repairs.length}`);
  for (const p of release.repairs) {
    out.push(`  ${p.id.padEnd(4)} line ${String(p.line).padEnd(4)} ${p.kind.padEnd(15)} ${p.rowLabel} | ${p.column}: ${p.read} -> ${p.repaired}`);
    out.push(`       proof: ${p.identity}`);
  }
  const failed = r.checks.filter((c) => !c.pass);
  out.push(`Checks: ${r.checks.length} run, ${r.checks.length - failed.length} passed, ${failed.length} failed`);
  const kinds = new Map<string, [number, number]>();
  for (const c of r.checks) {
    const k = kinds.get(c.kind) ?? [0, 0];
    k[c.pass ? 0 : 1]++;
    kinds.set(c.kind, k);
  }
  for (const [kind, [pass, fail]] of kinds) out.push(`  ${kind.padEnd(15)} ${pass} passed${fail ? `, ${fail} FAILED` : ''}`);
  for (const c of all ? r.checks : failed) {
    const where = `${c.period}${c.currency ? ' ' + c.currency : ''}`;
    out.push(
      `  ${c.pass ? 'pass' : 'FAIL'} ${c.id} [${where}]${c.line ? ` line ${c.line}` : ''}: ${c.name} — expected ${c.expected.toString()}, actual ${c.actual.toDecimalPlaces(4).toString()}, difference ${c.difference.toDecimalPlaces(4).toString()} (tolerance ${c.tolerance.toString()}: ${c.toleranceRule})`,
    );
  }
  const problems = release.issues;
  if (problems.length > 0) {
    out.push(`Problems: ${problems.length}`);
    for (const i of problems) out.push(`  ${i.severity.toUpperCase()} ${i.line ? `line ${i.line}: ` : ''}${i.message}`);
  }
  out.push(r.ok ? 'Result: OK — every check passes' : 'Result: REJECTED — the release text fails its checks; nothing was written');
  return out.join('\n');
}
