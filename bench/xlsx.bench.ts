/**
 * .xlsx export: time to render the shipped model's plan (seven tabs, built from the release by the calculation
 * module) to an .xlsx buffer, and the file's size. Run: node -r ./scripts/register-ts.js bench/xlsx.bench.ts
 */
import { performance } from 'perf_hooks';
import { renderWorkbook, toBuffer } from '../src/xlsx/render';
import { getShippedModel } from '../src/model/shipped';
import { buildPlan } from '../src/sheets/build';

const RUNS = 15;

async function main(): Promise<void> {
  const plan = buildPlan(getShippedModel());
  const cells = plan.tabs.reduce((n, t) => n + t.rows * t.cols, 0);
  const formulas = plan.tabs.reduce((n, t) => n + t.formulas.flat().filter((f) => f !== null).length, 0);

  // The first render also loads ExcelJS (required lazily).
  let t0 = performance.now();
  const first = await toBuffer(plan);
  const cold = performance.now() - t0;

  const total: number[] = [];
  const build: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    t0 = performance.now();
    const wb = renderWorkbook(plan);
    const t1 = performance.now();
    await wb.xlsx.writeBuffer();
    const t2 = performance.now();
    build.push(t1 - t0);
    total.push(t2 - t0);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const ms = (x: number) => `${x.toFixed(1)} ms`;

  console.log(`plan: ${plan.tabs.length} tabs, ${cells} cells, ${formulas} formulas, ${plan.names.length} names`);
  console.log(`first render to buffer (loads ExcelJS): ${ms(cold)}`);
  console.log(`render to buffer, median of ${RUNS}:   ${ms(median(total))} (build workbook ${ms(median(build))}, serialize and zip ${ms(median(total) - median(build))}); min ${ms(Math.min(...total))}`);
  console.log(`file size: ${(first.length / 1024).toFixed(1)} KB`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
