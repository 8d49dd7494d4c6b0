// What a first visit transfers, per page, as a browser sees it (compressed
// bodies plus headers), with an empty cache:
// `node scripts/page-weight.mjs http://127.0.0.1:3000 / /surveys/aivoriihi-2022`
import { chromium } from '@playwright/test';

const [base, ...paths] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
for (const path of paths) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests = [];
  page.on('requestfinished', (r) => requests.push(r));
  await page.goto(base + path, { waitUntil: 'networkidle' });
  await page.waitForSelector('body[data-hydrated="true"]', { timeout: 30000 });
  await page.waitForLoadState('networkidle');
  let total = 0;
  const rows = [];
  for (const r of requests) {
    const s = await r.sizes();
    const bytes = s.responseBodySize + s.responseHeadersSize;
    total += bytes;
    rows.push(`    ${String(bytes).padStart(9)}  ${new URL(r.url()).pathname}`);
  }
  console.log(`${path}: ${total} bytes in ${requests.length} requests`);
  console.log(rows.join('\n'));
  await context.close();
}
await browser.close();
