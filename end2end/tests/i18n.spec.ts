import { expect, Page, request as http, test } from '@playwright/test';
import { expectAccessible, hydrated, open, openMenu } from './helpers';

// Each test has its own browser context, so its own `lang` cookie: every
// test starts in Finnish, the default.

const switcher = (page: Page, name: string) => page.getByRole('navigation', { name });

/** Clicks a language in the header and waits for the page to come back. */
async function choose(page: Page, switcherName: string, language: string) {
  await openMenu(page);
  await switcher(page, switcherName).getByRole('link', { name: language }).click();
  await hydrated(page);
}

test('the switcher is on every page, labelled, each language named in itself', async ({ page }) => {
  for (const path of ['/', '/areas/PI', '/roadmap', '/surveys', '/sign-in', '/no-such-page']) {
    await page.goto(path);
    await expect(page.locator('html')).toHaveAttribute('lang', 'fi');
    await openMenu(page);
    const nav = switcher(page, 'Kieli');
    await expect(nav).toHaveCount(1);
    for (const [code, name] of [['fi', 'Suomi'], ['sv', 'Svenska'], ['en', 'English']]) {
      const link = nav.getByRole('link', { name, exact: true });
      await expect(link).toHaveAttribute('lang', code);
      await expect(link).toHaveAttribute('hreflang', code);
      await expect(link).toHaveAttribute('href', new RegExp(`^/lang/${code}\\?next=`));
      if (code === 'fi') {
        await expect(link).toHaveAttribute('aria-current', 'true');
      } else {
        expect(await link.getAttribute('aria-current')).toBeNull();
      }
    }
  }
});

test('Swedish: chosen on the map, kept on area pages, the roadmap and after a reload', async ({ page }) => {
  await open(page, '/');
  await choose(page, 'Kieli', 'Svenska');
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await expect(page.locator('h1')).toHaveText('Organisationssamarbete i 22 områden');
  await expect(page.locator('label[for="indicator"]')).toHaveText('Färga kartan enligt indikator');
  await openMenu(page);
  await expect(switcher(page, 'Språk').getByRole('link', { name: 'Svenska' })).toHaveAttribute('aria-current', 'true');
  // Area names from the data, on the map and in the table.
  await expect(page.locator('tr[data-row="PI"] th a')).toHaveText('Birkaland');
  await expect(page.locator('tr[data-row="HEL"] th a')).toHaveText('Helsingfors');
  await expect(page.locator('.finland-map .map-label', { hasText: 'Birkaland' })).toHaveCount(1);
  await expect(page.locator('table.area-table thead th').first()).toHaveText('Område');
  // Numbers with (no-break) spaces between thousands.
  await expect(page.locator('tr[data-row="PI"] td.num')).toHaveText('522\u00a0852');

  // On to the area page (client-side navigation).
  await page.locator('tr[data-row="PI"] th a').click();
  await expect(page).toHaveURL(/\/areas\/PI$/);
  await expect(page.locator('h1')).toHaveText('Birkalands välfärdsområde');
  await expect(page.locator('.sv-name')).toContainText('På finska');
  await expect(page.locator('.sv-name [lang="fi"]')).toHaveText('Pirkanmaan hyvinvointialue');
  await expect(page.locator('#tour-title')).toHaveText('Turnébesök');
  await expect(page.getByTestId('tour-date')).toHaveText('9.2.2023');
  await expect(page.locator('.population strong')).toHaveText('522\u00a0852');

  // A full page load of the roadmap: the cookie carries the choice.
  await open(page, '/roadmap');
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await expect(page.locator('h1')).toHaveText('Färdplan för samarbetet');
  await expect(page.locator('#filter-area option[value="PI"]')).toHaveText('Birkaland');
  await expect(page.getByRole('link', { name: 'Som lista' })).toBeVisible();

  await page.reload();
  await hydrated(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await expect(page.locator('h1')).toHaveText('Färdplan för samarbetet');
  await expectAccessible(page);

  // And back to Finnish, on the page where the visitor is.
  await choose(page, 'Språk', 'Suomi');
  await expect(page).toHaveURL(/\/roadmap$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fi');
  await expect(page.locator('h1')).toHaveText('Yhteistyön tiekartta');
});

test('English: Finnish area names, English numbers and dates', async ({ page }) => {
  await open(page, '/?indicator=tour');
  await choose(page, 'Kieli', 'English');
  // The query string survives the switch.
  await expect(page).toHaveURL(/\/\?indicator=tour$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('h1')).toHaveText('NGO cooperation in 22 areas');
  await expect(page.locator('#indicator')).toHaveValue('tour');
  await expect(page.locator('tr[data-row="PI"] th a')).toHaveText('Pirkanmaa');
  await expect(page.locator('tr[data-row="PI"] td.num')).toHaveText('522,852');
  await expect(page.locator('tr[data-row="PI"] td').last()).toContainText('Confirmed');
  await expectAccessible(page);

  await open(page, '/areas/PI');
  await expect(page.locator('h1')).toHaveText('Pirkanmaan hyvinvointialue');
  await expect(page.locator('.sv-name')).toContainText('In Swedish');
  await expect(page.getByTestId('tour-date')).toHaveText('9 Feb 2023');

  await open(page, '/surveys');
  await expect(page.locator('h1')).toHaveText('Surveys');

  await choose(page, 'Language', 'Suomi');
  await expect(page).toHaveURL(/\/surveys$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fi');
  await expect(page.locator('h1')).toHaveText('Kyselyt');
});

test('the switcher fits a 360 px phone screen with 44 px targets', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const language of ['Suomi', 'Svenska', 'English']) {
    await page.goto('/');
    const nav = page.locator('.lang-switch');
    if (language !== 'Suomi') {
      await openMenu(page);
      await nav.getByRole('link', { name: language }).click();
      await page.waitForLoadState();
    }
    await openMenu(page);
    for (const link of await nav.getByRole('link').all()) {
      const box = await link.boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(44);
      expect(box!.width).toBeGreaterThanOrEqual(44);
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, language).toBeLessThanOrEqual(0);
  }
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the links set the cookie and come back, in the new language', async ({ page, context }) => {
    await page.goto('/areas/PI');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fi');
    await openMenu(page);
    await page.locator('.lang-switch').getByRole('link', { name: 'Svenska' }).click();
    await expect(page).toHaveURL(/\/areas\/PI$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
    await expect(page.locator('h1')).toHaveText('Birkalands välfärdsområde');
    const cookie = (await context.cookies()).find((c) => c.name === 'lang');
    expect(cookie?.value).toBe('sv');
    expect(cookie?.sameSite).toBe('Lax');
    expect(cookie?.path).toBe('/');
    // About a year.
    expect(cookie!.expires * 1000 - Date.now()).toBeGreaterThan(360 * 24 * 3600 * 1000);
  });
});

test('the server redirects only to local paths and refuses unknown languages', async ({ baseURL }) => {
  const request = await http.newContext({ baseURL });
  for (const [next, location] of [
    ['%2Froadmap%3Fview%3Dlist', '/roadmap?view=list'],
    ['%2F%2Fevil.example%2F', '/'],
    ['https%3A%2F%2Fevil.example%2F', '/'],
    ['%2F%5Cevil.example', '/'],
  ]) {
    const response = await request.get(`/lang/en?next=${next}`, { maxRedirects: 0 });
    expect(response.status()).toBe(303);
    expect(response.headers()['location']).toBe(location);
    expect(response.headers()['set-cookie']).toMatch(/^lang=en; Path=\/; Max-Age=31536000; SameSite=Lax/);
  }
  expect((await request.get('/lang/de?next=%2F', { maxRedirects: 0 })).status()).toBe(404);
  // A plain request with the cookie gets the page in that language;
  // without one, Finnish (whatever Accept-Language says).
  const fresh = await http.newContext({ baseURL });
  const sv = await fresh.get('/', { headers: { cookie: 'lang=sv' } });
  expect(await sv.text()).toContain('<html lang="sv"');
  const none = await fresh.get('/', { headers: { 'accept-language': 'en-US,en;q=0.9' } });
  expect(await none.text()).toContain('<html lang="fi"');
  await fresh.dispose();
  await request.dispose();
});
