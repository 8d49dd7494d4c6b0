import { test, expect, Page } from '@playwright/test';
import { open, signIn, expectAccessible, areaFor, controlled, secondBrowser } from './helpers';

async function openLive(page: Page, path: string) {
  await open(page, path);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-status', 'online');
}

async function setField(page: Page, selector: string, value: string) {
  await page.locator(selector).fill(value);
  await page.locator(selector).press('Tab');
}

async function apiTour(page: Page, code: string) {
  const response = await page.request.get(`/api/v1/areas/${code}`);
  expect(response.ok()).toBeTruthy();
  return (await response.json()).tour;
}

test('the schedule lists all 22 visits in date order, on a map and as a list', async ({ page }) => {
  await open(page, '/tour');
  const rows = page.getByTestId('visit-list').locator('li.visit-row');
  await expect(rows).toHaveCount(22);
  await expect(rows.first()).toHaveAttribute('data-area', 'PI');
  await expect(rows.first()).toContainText('9.2.2023');
  await expect(rows.first()).toContainText('Vahvistettu');
  // The map is coloured by the visits' stages and opens the event view.
  await expect(page.locator('.legend')).toContainText('Vierailtu');
  await expect(page.locator('svg a[href="/tour/PI"]').first()).toBeAttached();
  await rows.first().locator('a').click();
  await expect(page).toHaveURL(/\/tour\/PI$/);
  await expect(page.locator('h1')).toContainText('Pirkanmaa');
});

test('a visit entered in one browser moves into place in another, live', async ({ page, browser }, testInfo) => {
  const code = areaFor(testInfo, 'HEL', 'VS');
  const date = testInfo.project.name === 'phone' ? '2023-02-16' : '2023-02-14';
  const other = await secondBrowser(browser, testInfo);
  const watcher = await other.newPage();
  await openLive(watcher, '/tour');
  await signIn(page, 'Aino');
  await openLive(page, `/tour/${code}`);
  await setField(page, '#visit-date', date);
  await setField(page, '#visit-venue', `Kaupungintalo ${testInfo.project.name}`);
  await page.locator('#visit-status').selectOption('confirmed');
  await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', '0');
  // Without a reload, the other browser's list has it after Pirkanmaa
  // (9.2.) and before the visits without a date.
  const row = watcher.locator(`li.visit-row[data-area="${code}"]`);
  await expect(row).toContainText(`Kaupungintalo ${testInfo.project.name}`);
  await expect(row).toHaveAttribute('data-status', 'confirmed');
  const order = await watcher.locator('li.visit-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-area')));
  expect(order.indexOf(code)).toBeGreaterThan(order.indexOf('PI'));
  expect(order.indexOf(code)).toBeLessThan(order.indexOf('LA'));
  // The area page and the API read the same visit.
  const tour = await apiTour(page, code);
  expect(tour.date).toBe(date);
  expect(tour.status).toBe('confirmed');
  await open(watcher, `/areas/${code}`);
  await expect(watcher.getByTestId('tour-venue')).toHaveText(`Kaupungintalo ${testInfo.project.name}`);
  await other.close();
});

test('notes taken offline at the meeting wait, survive a reload and are sent when online', async ({ page, context }, testInfo) => {
  const code = areaFor(testInfo, 'SA', 'KH');
  await signIn(page, 'Aino');
  await openLive(page, `/tour/${code}`);
  // Let the service worker take the page and keep it, so that it reloads offline.
  await controlled(page);
  await page.reload();
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-status', 'online');
  await context.setOffline(true);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-status', 'offline');
  const notes = `Sovittiin yhteistyöryhmästä (${testInfo.project.name})\nja tilojen kartoituksesta`;
  await setField(page, '#visit-notes', notes);
  await expect(page.getByTestId('visit-pending')).toBeVisible();
  await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', '1');

  await page.reload();
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1, { timeout: 30_000 });
  await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', '1');
  await expect(page.locator('#visit-notes')).toHaveValue(notes);

  await context.setOffline(false);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-status', 'online');
  await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', '0');
  expect((await apiTour(page, code)).notes).toBe(notes);
});

test('two people take notes on one visit at once: every field keeps what its author typed', async ({ page, browser }, testInfo) => {
  // Regression: the visit's inputs were rebuilt on every change that
  // reached the board, and under a stream of someone else's changes a
  // field could end up holding (and sending) the text "undefined".
  const code = areaFor(testInfo, 'PH', 'PS');
  const other = await secondBrowser(browser, testInfo);
  const colleague = await other.newPage();
  await signIn(colleague, 'Aino');
  await openLive(colleague, `/tour/${code}`);
  await signIn(page, 'Aino');
  await openLive(page, `/tour/${code}`);
  let typing = true;
  const stream = (async () => {
    for (let k = 0; typing; k++) {
      await setField(colleague, '#visit-attendees', `Osallistujat ${k}`);
      await colleague.waitForTimeout(40);
    }
  })();
  for (let k = 0; k < 8; k++) {
    const venue = `Sote-keskus ${k} <b>"'`;
    const notes = `Muistiinpano ${k}: <img src=x>`;
    await setField(page, '#visit-venue', venue);
    await setField(page, '#visit-notes', notes);
    await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', '0');
    await expect(page.locator('#visit-notes')).toHaveValue(notes);
    await expect(page.locator('#visit-venue')).toHaveValue(venue);
    const tour = await apiTour(page, code);
    expect(tour.notes).toBe(notes);
    expect(tour.venue).toBe(venue);
  }
  typing = false;
  await stream;
  // The colleague's last change reached this browser too.
  const last = await colleague.locator('#visit-attendees').inputValue();
  await expect(page.locator('#visit-attendees')).toHaveValue(last);
  expect(last).toMatch(/^Osallistujat \d+$/);
  await other.close();
});

test('the event view has the area, its places, actions, surveys and a QR code', async ({ page, request }) => {
  await open(page, '/tour/PI');
  await expect(page.getByTestId('event-places').locator('li')).toHaveCount(5);
  await expect(page.getByTestId('event-actions')).toContainText('Kiertueen ensimmäinen tapaaminen Pirkanmaalla');
  await expect(page.locator('.event-surveys li')).not.toHaveCount(0);
  const qr = page.locator('figure.qr img');
  await expect(qr).toHaveAttribute('src', '/api/v1/tour/PI/qr.svg');
  await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);
  const svg = await request.get('/api/v1/tour/PI/qr.svg');
  expect(svg.headers()['content-type']).toBe('image/svg+xml');
  expect(await svg.text()).toContain('<svg');
  expect((await request.get('/api/v1/tour/XX/qr.svg')).status()).toBe(404);
  const missing = await page.goto('/tour/XX');
  expect(missing!.status()).toBe(404);
});

test('the tour pages have no serious accessibility problems', async ({ page }) => {
  await signIn(page, 'Bertta');
  for (const path of ['/tour', '/tour/KU']) {
    await open(page, path);
    await expectAccessible(page);
  }
});
