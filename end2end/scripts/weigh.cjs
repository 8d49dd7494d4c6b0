// What a first visit to one page transfers, as a browser receives it:
// every response's compressed body plus its headers, in a fresh browser
// context (empty cache, service worker kept out, so what it fetches for
// offline use afterwards is not counted), until the page has hydrated and
// the network is quiet. Shared by scripts/page-weight.mjs (the release
// figures) and tests/weight.spec.ts (every test run). CommonJS, so that
// both the plain Node script and Playwright's test loader can import it.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

/** The parts of a page, in the order tables print them. */
const KINDS = ['html', 'css', 'js', 'wasm', 'echarts', 'other'];

/** #16's budgets, one file for the script and the test. */
function budgets() {
  return JSON.parse(readFileSync(join(__dirname, '..', 'byte-budget.json'), 'utf8')).pages;
}

/** Which part of the page a finished request is, by its path. */
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

/** Opens `url` in a new context of `browser` and adds up what came. */
async function weigh(browser, url) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    const requests = [];
    page.on('requestfinished', (r) => requests.push(r));
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('body[data-hydrated="true"]', { timeout: 60000 });
    await page.waitForLoadState('networkidle');
    const bytes = Object.fromEntries(KINDS.map((k) => [k, 0]));
    const counts = Object.fromEntries(KINDS.map((k) => [k, 0]));
    const encodings = new Set();
    for (const r of requests) {
      const s = await r.sizes();
      const k = kind(r);
      bytes[k] += s.responseBodySize + s.responseHeadersSize;
      counts[k] += 1;
      if (k === 'wasm') {
        const response = await r.response();
        encodings.add((await response?.headerValue('content-encoding')) ?? 'identity');
      }
    }
    const total = KINDS.reduce((sum, k) => sum + bytes[k], 0);
    return { total, bytes, counts, requests: requests.length, wasmEncoding: [...encodings].join(',') };
  } finally {
    await context.close();
  }
}

module.exports = { KINDS, budgets, weigh };
