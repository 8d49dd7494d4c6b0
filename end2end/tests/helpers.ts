import { Browser, BrowserContext, expect, Page, TestInfo } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** Console errors per page, so a page that never hydrates says why. */
const consoleErrors = new WeakMap<Page, string[]>();

function watchConsole(page: Page): string[] {
  let errors = consoleErrors.get(page);
  if (!errors) {
    const list: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') list.push(m.text().slice(0, 400));
    });
    page.on('pageerror', (e) => list.push(`pageerror: ${e.message.slice(0, 200)}`));
    consoleErrors.set(page, list);
    errors = list;
  }
  return errors;
}

/** Waits until the WebAssembly app has taken the current page over. */
export async function hydrated(page: Page) {
  const errors = watchConsole(page);
  try {
    await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1, { timeout: 30_000 });
  } catch (e) {
    throw new Error(`${page.url()} did not hydrate; console errors: ${errors.join(' | ') || 'none'}\n${e}`);
  }
  // A page that hydrated against different markup may still look fine;
  // Leptos says so on the console, and that is a failure.
  expect(errors.filter((m) => /hydrat/i.test(m)), page.url()).toEqual([]);
}

/** Opens a page and waits until the WebAssembly app has taken it over. */
export async function open(page: Page, path: string) {
  watchConsole(page);
  await page.goto(path);
  await hydrated(page);
}

/** A second browser (its own cookies, storage and cache), set up like the
 *  test's own: same viewport and device, same base address and motion. */
export async function secondBrowser(browser: Browser, testInfo: TestInfo): Promise<BrowserContext> {
  const { viewport, isMobile, hasTouch, deviceScaleFactor, reducedMotion, baseURL } = testInfo.project.use;
  return browser.newContext({ baseURL, viewport, isMobile, hasTouch, deviceScaleFactor, reducedMotion });
}

/** Opens the header's menu where it is a button (a phone); where the
 *  header shows everything in its row, there is nothing to open. */
export async function openMenu(page: Page) {
  const button = page.locator('.menu-button');
  if (!(await button.isVisible())) return;
  if ((await page.getByTestId('site-menu').getAttribute('open')) === null) await button.click();
  await expect(page.getByTestId('site-menu')).toHaveAttribute('open', '');
}

/** Opens the menu and follows one of its links. Retried: a client-side
 *  navigation just before closes the menu when the router settles, which
 *  may come after the new page's content is already on screen. */
export async function clickInMenu(page: Page, name: string) {
  await expect(async () => {
    await openMenu(page);
    await page.getByRole('link', { name }).click({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}

/** Waits until this build's service worker has installed (its precache
 *  filled) and controls the page: only then do pages reload offline. */
export async function controlled(page: Page) {
  await expect
    .poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 30_000 })
    .toBe(true);
}

/** Each project edits its own areas, so parallel runs never collide. */
export function areaFor(testInfo: TestInfo, desktop: string, phone: string) {
  return testInfo.project.name === 'phone' ? phone : desktop;
}

/** axe-core scan: no serious or critical WCAG 2.1 A/AA findings. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const bad = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(
    bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
  ).toEqual([]);
}

/** Signs in as one of the test accounts (Aino or Bertta; both admins). */
export async function signIn(page: Page, name: string, email?: string, password?: string) {
  const { ACCOUNTS, PASSWORD } = await import('./accounts');
  const account = ACCOUNTS.find((a) => a.key === name);
  await open(page, '/sign-in');
  await page.locator('#sign-in-email').fill(email ?? account!.email);
  await page.locator('#sign-in-password').fill(password ?? PASSWORD);
  await page.locator('#sign-in-form button[type="submit"]').click();
  // The page reloads signed in.
  await expect(page.getByTestId('user-menu')).toContainText(account?.name ?? name, { timeout: 15_000 });
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1, { timeout: 30_000 });
}

/** A second browser like the project's, with JavaScript off, signed in as `signedIn`'s page is. */
export async function withoutJavaScript(browser: Browser, signedIn: Page, testInfo: TestInfo): Promise<BrowserContext> {
  const { viewport, isMobile, hasTouch, deviceScaleFactor } = testInfo.project.use;
  return browser.newContext({
    baseURL: testInfo.project.use.baseURL, viewport, isMobile, hasTouch, deviceScaleFactor,
    javaScriptEnabled: false,
    storageState: await signedIn.context().storageState(),
  });
}
