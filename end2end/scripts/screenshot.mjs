// Takes screenshots of pages as a user sees them, at a desktop and a phone
// viewport: `node scripts/screenshot.mjs http://127.0.0.1:3000 / /areas/PI`.
// Files go to /tmp/shot-<viewport>-<page>.png.
import { chromium } from '@playwright/test';

const [base, ...paths] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const viewports = {
  desktop: { viewport: { width: 1280, height: 900 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
};
for (const [name, options] of Object.entries(viewports)) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') console.log(`[${name}] console: ${m.text()}`); });
  page.on('pageerror', (e) => console.log(`[${name}] page error: ${e.message}`));
  for (const path of paths.length ? paths : ['/']) {
    await page.goto(base + path);
    await page.waitForSelector('body[data-hydrated="true"]', { timeout: 20000 }).catch(() => console.log(`[${name}] ${path}: not hydrated`));
    const file = `/tmp/shot-${name}-${path.replace(/[^a-z0-9]+/gi, '_') || 'root'}.png`;
    await page.screenshot({ path: file, fullPage: process.env.FULL === '1' });
    console.log(file);
  }
  await context.close();
}
await browser.close();
