import { test, expect } from '@playwright/test';
// The measuring is shared with scripts/page-weight.mjs (the release figures).
import { budgets, weigh } from '../scripts/weigh.cjs';

// #16's byte budget on every test run. Only the wasm differs between this
// debug build and a release build (scripts/byte-budget.sh weighs that), so
// here every other part of each page is held to what the page's budget
// leaves beside the wasm, and each page loads one wasm, one script, one
// stylesheet, and ECharts only where there is a chart.
for (const { path, without_wasm_kib: limit, echarts } of budgets()) {
  test(`${path}: without its wasm, a first visit stays within ${limit} KiB`, async ({ browser, baseURL }, testInfo) => {
    test.skip(testInfo.project.name !== 'desktop', 'bytes do not depend on the screen');
    const weight = await weigh(browser, baseURL + path);
    expect(weight.counts.wasm, 'wasm files').toBe(1);
    expect(weight.counts.js, 'scripts').toBe(1);
    expect(weight.counts.css, 'stylesheets').toBe(1);
    expect(weight.bytes.echarts > 0, 'ECharts loaded').toBe(Boolean(echarts));
    const withoutWasm = weight.total - weight.bytes.wasm - weight.bytes.echarts;
    const parts = Object.entries(weight.bytes).map(([k, b]) => `${k} ${(b / 1024).toFixed(1)}`).join(', ');
    console.log(`${path}: ${parts} KiB`);
    expect(withoutWasm, `bytes apart from the wasm and ECharts (${parts} KiB)`).toBeLessThanOrEqual(limit * 1024);
  });
}
