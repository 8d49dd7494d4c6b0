// #16's byte budget, measured: what a first visit to each page transfers
// (see weigh.cjs), by kind, against the page's budget.
//
//   node scripts/page-weight.mjs BASE [PAGE[=BUDGET] ...] [--json FILE]
//
// Without pages, the pages and budgets of byte-budget.json. BUDGET is in
// KiB; `350+echarts` allows the ECharts file on top (what a chart page
// must load). The exit status is 1 when a page is over its budget.
// `--json FILE` also writes the figures there.
import { chromium } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import weighing from './weigh.cjs';

const { budgets, KINDS, weigh } = weighing;

const args = process.argv.slice(2);
let jsonOut = null;
const jsonAt = args.indexOf('--json');
if (jsonAt >= 0) {
  jsonOut = args[jsonAt + 1];
  args.splice(jsonAt, 2);
}
const [base, ...specs] = args;
if (!base) {
  console.error('usage: node scripts/page-weight.mjs BASE [PAGE[=BUDGET_KIB[+echarts]] ...] [--json FILE]');
  process.exit(2);
}
const pages = specs.length > 0
  ? specs.map((spec) => {
    const [path, budget] = spec.split('=');
    const [kib, extra] = (budget ?? '').split('+');
    return { path, kib: budget ? Number(kib) : null, echarts: extra === 'echarts' };
  })
  : budgets();

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const results = [];
let over = false;
for (const { path, kib, echarts } of pages) {
  const weight = await weigh(browser, base + path);
  let budget = null;
  if (kib != null) {
    budget = kib * 1024 + (echarts ? weight.bytes.echarts : 0);
    if (weight.total > budget) over = true;
  }
  results.push({ path, budget, ...weight });
}
await browser.close();

const fmt = (n) => (n / 1024).toFixed(1);
const header = ['page', ...KINDS, 'total KiB', 'budget KiB', 'verdict'];
console.log(header.join('\t'));
for (const r of results) {
  const verdict = r.budget == null ? '' : r.total <= r.budget ? 'within' : `over by ${fmt(r.total - r.budget)}`;
  console.log([r.path, ...KINDS.map((k) => fmt(r.bytes[k])), fmt(r.total),
    r.budget == null ? '' : fmt(r.budget), verdict].join('\t'));
}
console.log(`(KiB = 1024 B; compressed bodies plus headers; the wasm came as: ${[...new Set(results.map((r) => r.wasmEncoding))].join(' / ')})`);
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(results, null, 2));
process.exit(over ? 1 : 0);
