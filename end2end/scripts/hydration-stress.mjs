// Loads pages many times, each in a fresh browser context (empty cache, as
// a first visit), several at once, and reports every load that did not
// hydrate or that logged a hydration error, with the browser's console.
// A hydration race shows once in hundreds of loads; this makes hundreds.
//
//   node scripts/hydration-stress.mjs http://127.0.0.1:3000 \
//     [--rounds 20] [--parallel 4] [--email E --password P] [path ...]
//
// Signed in (--email/--password) every context starts from one session.
// Exit status 1 if any load failed.
import { chromium } from '@playwright/test';

const args = process.argv.slice(2);
const base = args.shift();
if (!base) {
  console.error('usage: hydration-stress.mjs BASE_URL [--rounds N] [--parallel N] [--email E --password P] [path ...]');
  process.exit(2);
}
let rounds = 20;
let parallel = 4;
let email;
let password;
const paths = [];
while (args.length) {
  const a = args.shift();
  if (a === '--rounds') rounds = Number(args.shift());
  else if (a === '--parallel') parallel = Number(args.shift());
  else if (a === '--email') email = args.shift();
  else if (a === '--password') password = args.shift();
  else paths.push(a);
}
if (!paths.length) {
  paths.push('/', '/?indicator=sote_centres', '/areas/PP', '/areas/VK', '/roadmap', '/tour', '/tour/PI', '/surveys',
    '/surveys/aivoriihi-2022', '/activity', '/search?q=hyte');
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});

let storageState;
if (email) {
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.waitForSelector('body[data-hydrated="true"]', { timeout: 30_000 });
  await page.fill('#sign-in-email', email);
  await page.fill('#sign-in-password', password ?? '');
  await page.click('#sign-in-form button[type="submit"]');
  await page.waitForSelector('[data-testid="user-menu"]', { timeout: 15_000 });
  storageState = await context.storageState();
  await context.close();
}

async function load(path) {
  const context = await browser.newContext({ baseURL: base, storageState });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text().slice(0, 400)));
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message.slice(0, 300)}`));
  const started = Date.now();
  let hydrated = false;
  try {
    await page.goto(path);
    await page.waitForSelector('body[data-hydrated="true"]', { timeout: 30_000, state: 'attached' });
    hydrated = true;
  } catch {
    // reported below
  }
  const ms = Date.now() - started;
  await context.close();
  const bad = !hydrated || errors.some((e) => /hydrat|panicked/i.test(e));
  return { path, ms, hydrated, bad, errors };
}

const jobs = [];
for (let r = 0; r < rounds; r++) for (const p of paths) jobs.push(p);
const failures = [];
const times = [];
let done = 0;
async function worker() {
  while (jobs.length) {
    const result = await load(jobs.shift());
    done++;
    times.push(result.ms);
    if (result.bad) {
      failures.push(result);
      console.log(`FAILED ${result.path} (${result.ms} ms, hydrated: ${result.hydrated}): ${result.errors.join(' | ') || 'no console errors'}`);
    }
  }
}
await Promise.all(Array.from({ length: parallel }, worker));
await browser.close();
times.sort((a, b) => a - b);
const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
console.log(`${done} loads, ${failures.length} failed; time to hydrated p50 ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${times.at(-1)} ms`);
process.exit(failures.length ? 1 : 0);
