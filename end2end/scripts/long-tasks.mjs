// The main thread's long tasks while a page loads, hydrates and draws, in
// Debian chromium with the CPU slowed 4× (as Lighthouse's mobile run
// assumes): `node scripts/long-tasks.mjs http://127.0.0.1:3000 /surveys/aivoriihi-2022`.
//
// Prints, per page, the median over RUNS fresh browsers (default 5) of the
// blocking time (the sum of every long task's time beyond 50 ms, as
// Lighthouse's total blocking time counts it, but over the whole load) and
// of the longest task. Lighthouse needs a release build; this also runs on
// the debug build the tests use, to compare two versions of the code on
// the same build kind.
import { chromium } from '@playwright/test';

const [base, ...paths] = process.argv.slice(2);
const runs = Number(process.env.RUNS ?? 5);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function once(path) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await context.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const response = await page.goto(base + path);
  // A mistyped path would measure the "not found" page.
  if (!response.ok()) throw new Error(`${path}: HTTP ${response.status()}`);
  await page.waitForSelector('body[data-hydrated="true"]', { timeout: 60_000 });
  // Every chart near the screen drawn (none on most pages; the others
  // wait until they are scrolled to: 300 px is survey_chart.rs's NEAR),
  // then a quiet second.
  await page.waitForFunction(
    () => [...document.querySelectorAll('.chart')]
      .filter((c) => c.getBoundingClientRect().top < innerHeight + 300)
      .every((c) => c.querySelector('svg')),
    null, { timeout: 60_000 },
  );
  await page.waitForTimeout(1500);
  const tasks = await page.evaluate(() => window.__longTasks);
  await context.close();
  return {
    blocking: tasks.reduce((sum, d) => sum + Math.max(0, d - 50), 0),
    longest: Math.max(0, ...tasks),
  };
}

for (const path of paths.length ? paths : ['/']) {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await once(path));
  const blocking = median(results.map((r) => r.blocking));
  const longest = median(results.map((r) => r.longest));
  console.log(`${path}\tblocking ${Math.round(blocking)} ms\tlongest task ${Math.round(longest)} ms\t(median of ${runs})`);
}
await browser.close();
