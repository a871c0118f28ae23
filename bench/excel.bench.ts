/**
 * Writing the model through Office.js, against the in-memory fake that counts syncs and request bytes: the
 * shipped model and a synthetic 40-quarter model. Prints figures; asserts nothing.
 */
import { getShippedModel } from '../src/model/shipped';
import { buildPlan } from '../src/sheets/build';
import type { SheetPlan } from '../src/sheets/plan';
import { refreshModelTabs } from '../src/excel/refresh-tabs';
import { encodeWritten, recordOf } from '../src/excel/written';
import { FakeWorkbook } from '../test/support/fake-workbook';
import { syntheticPlan } from './support/synthetic-plan';
import { buildLibrary } from '../src/model/library';
import { buildModel } from '../src/model/model';
import { shippedEntry, syntheticEntry } from '../test/support/synthetic-library';

/** A library of `n` releases ending Q4 2025 (SYNTHETIC test releases around the real Q2 2024 one). */
function libraryPlan(n: number): SheetPlan {
  const quarters: string[] = [];
  for (let y = 2025, q = 4; quarters.length < n; q === 1 ? ((q = 4), y--) : q--) quarters.unshift(`Q${q}-${y}`);
  const lib = buildLibrary(quarters.map((id) => (id === 'Q2-2024' ? shippedEntry() : syntheticEntry(id))));
  const t0 = process.hrtime.bigint();
  const plan = buildPlan(lib);
  planMs = Number(process.hrtime.bigint() - t0) / 1e6;
  return plan;
}
let planMs = 0;

/**
 * A dense stand-in for 24 real releases (every line of every statement filled): the shipped release re-dated by
 * whole years, 24 times (SYNTHETIC; its figures repeat each year, so many chains across releases fail by
 * construction and are listed one per row, which makes KC Checks larger than a real library's).
 */
function denseLibraryPlan(): SheetPlan {
  const real = getShippedModel();
  const shift = (p: string, k: number) => p.replace(/(\d{4})/, (y) => String(Number(y) - k));
  const entries = Array.from({ length: 24 }, (_, i) => {
    const k = 23 - i;
    const release = { ...real.release, quarter: shift(real.release.quarter, k), facts: real.release.facts.map((f) => ({ ...f, period: shift(f.period, k) })) };
    return { release, model: buildModel(release), checks: real.checks(), form: 'text', name: `re-dated ${k}` };
  });
  return buildPlan(buildLibrary(entries));
}

/** Adding a release to tabs already written: the plan of n − 1 releases, then the plan of n. */
async function addRelease(n: number): Promise<void> {
  const before = libraryPlan(n - 1);
  const after = libraryPlan(n);
  const book = new FakeWorkbook();
  await refreshModelTabs((b) => b(book.context() as unknown as Excel.RequestContext), before);
  const s0 = book.syncs;
  const b0 = book.requestBytes.length;
  const t0 = process.hrtime.bigint();
  const r = await refreshModelTabs((b) => b(book.context() as unknown as Excel.RequestContext), after);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const largest = Math.max(...book.requestBytes.slice(b0));
  console.log(`adding a release to a ${n - 1}-release workbook: ${r.kind}, ${book.syncs - s0} syncs, largest request ${(largest / 1024).toFixed(0)} KB; the new plan built in ${planMs.toFixed(0)} ms, written in ${ms.toFixed(0)} ms against the fake (target ≤ 1 s)`);
}

const LIMIT = 5 * 1024 * 1024; // Excel on the web's request payload limit

async function measure(label: string, plan: SheetPlan): Promise<void> {
  const cells = plan.tabs.reduce((n, t) => n + t.rows * t.cols, 0);
  const book = new FakeWorkbook();
  book.addUserSheet('Analyst', { A1: 'x', B1: "='KC Income Statement'!B9" });
  const t0 = process.hrtime.bigint();
  const first = await refreshModelTabs((b) => b(book.context() as unknown as Excel.RequestContext), plan);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const syncs1 = book.syncs;
  const writes = book.requestBytes.slice(1);
  const bytes = Math.max(...writes);
  await refreshModelTabs((b) => b(book.context() as unknown as Excel.RequestContext), plan);
  const syncs2 = book.syncs - syncs1;
  const write = book.calls.filter((c) => c.op !== 'sync').length;
  // A refresh that overwrites one edited cell: the read, the confirmed re-read, and the write with its Change Log row.
  const s0 = book.syncs;
  const b0 = book.requestBytes.length;
  book.sheet(plan.tabs[0].name)!.cell(plan.tabs[0].freeze.rows + 1, 1).formula = 1;
  await refreshModelTabs((b) => b(book.context() as unknown as Excel.RequestContext), plan, { confirm: async () => true });
  const edited = book.requestBytes.slice(b0);
  const record = encodeWritten(recordOf(plan, new Date().toISOString())).join('').length;
  console.log(`${label}: ${plan.tabs.length} tabs, ${cells.toLocaleString('en-US')} cells, ${plan.names.length} names`);
  console.log(`  first build: ${first.kind}, ${syncs1} syncs (1 read + ${syncs1 - 1} write${syncs1 > 2 ? 's' : ''}); refresh: ${syncs2} syncs`);
  console.log(`  write request${writes.length > 1 ? `s: ${writes.map((b) => `${(b / 1024).toFixed(0)} KB`).join(' + ')}; largest` : ''}: ${(bytes / 1024).toFixed(0)} KB = ${((bytes / LIMIT) * 100).toFixed(1)}% of the 5 MB limit; ${write} API calls over both runs`);
  console.log(`  record of what was written (very hidden sheet, read with the tabs in the same sync): ${(record / 1024).toFixed(0)} KB`);
  console.log(`  refresh over one edited cell: ${book.syncs - s0} syncs (read, re-read after the answer, write); largest request ${(Math.max(...edited) / 1024).toFixed(0)} KB`);
  console.log(`  wall time against the fake (first build): ${ms.toFixed(0)} ms`);
}

async function main() {
  await measure('shipped Q2 2024 model', buildPlan(getShippedModel()));
  await measure('synthetic 40-quarter model', syntheticPlan(40));
  const lib24 = libraryPlan(24);
  console.log(`library of 24 releases (the real Q2 2024 release and 23 SYNTHETIC ones): plan built in ${planMs.toFixed(0)} ms`);
  await measure('library of 24 releases (time series)', lib24);
  await addRelease(24);
  await measure('dense stand-in: the shipped release re-dated over 24 years (every statement line filled)', denseLibraryPlan());
}
void main();
