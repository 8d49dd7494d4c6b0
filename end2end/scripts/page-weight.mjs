// What a first visit transfers, per page, as a browser sees it: every
// response's compressed body plus its headers, with an empty cache, until
// the page has hydrated and the network is quiet. The service worker is
// kept out, so what it fetches for offline use afterwards is not counted.
//
//   node scripts/page-weight.mjs BASE PAGE[=BUDGET] ...
//
// BUDGET is in KiB; `350+echarts` allows the ECharts file on top (what a
// chart page must load). With budgets, the exit status is 1 when a page is
// over its budget. `--json FILE` also writes the figures there.
import { chromium } from '@playwright/test';
import { writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
let jsonOut = null;
const jsonAt = args.indexOf('--json');
if (jsonAt >= 0) {
  jsonOut = args[jsonAt + 1];
  args.splice(jsonAt, 2);
}
const [base, ...pages] = args;
if (!base || pages.length === 0) {
  console.error('usage: node scripts/page-weight.mjs BASE PAGE[=BUDGET_KIB[+echarts]] ... [--json FILE]');
  process.exit(2);
}

// Which part of the page a response is, by its path.
function kind(request) {
  if (request.resourceType() === 'document') return 'html';
  const path = new URL(request.url()).pathname;
  if (path.startsWith('/vendor/echarts')) return 'echarts';
  const ext = path.split('.').pop();
  if (ext === 'wasm') return 'wasm';
  if (ext === 'js') return 'js';
  if (ext === 'css') return 'css';
  return 'other';
}
const KINDS = ['html', 'css', 'js', 'wasm', 'echarts', 'other'];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const results = [];
let over = false;
for (const spec of pages) {
  const [path, budgetSpec] = spec.split('=');
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const requests = [];
  page.on('requestfinished', (r) => requests.push(r));
  await page.goto(base + path, { waitUntil: 'load' });
  await page.waitForSelector('body[data-hydrated="true"]', { timeout: 60000 });
  await page.waitForLoadState('networkidle');
  const bytes = Object.fromEntries(KINDS.map((k) => [k, 0]));
  const encodings = new Set();
  for (const r of requests) {
    const s = await r.sizes();
    const k = kind(r);
    bytes[k] += s.responseBodySize + s.responseHeadersSize;
    if (k === 'wasm') {
      const response = await r.response();
      encodings.add((await response?.headerValue('content-encoding')) ?? 'identity');
    }
  }
  const total = KINDS.reduce((sum, k) => sum + bytes[k], 0);
  let budget = null;
  if (budgetSpec) {
    const [kib, extra] = budgetSpec.split('+');
    budget = Number(kib) * 1024 + (extra === 'echarts' ? bytes.echarts : 0);
    if (total > budget) over = true;
  }
  results.push({ path, total, budget, requests: requests.length, bytes, wasmEncoding: [...encodings].join(',') });
  await context.close();
}
await browser.close();

const kib = (n) => (n / 1024).toFixed(1);
const header = ['page', ...KINDS, 'total KiB', 'budget KiB', 'verdict'];
console.log(header.join('\t'));
for (const r of results) {
  const verdict = r.budget == null ? '' : r.total <= r.budget ? 'within' : `over by ${kib(r.total - r.budget)}`;
  console.log([r.path, ...KINDS.map((k) => kib(r.bytes[k])), kib(r.total),
    r.budget == null ? '' : kib(r.budget), verdict].join('\t'));
}
console.log(`(KiB = 1024 B; compressed bodies plus headers; the wasm came as: ${[...new Set(results.map((r) => r.wasmEncoding))].join(' / ')})`);
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(results, null, 2));
process.exit(over ? 1 : 0);
