import { test, expect } from '@playwright/test';
import { open, openMenu, expectAccessible } from './helpers';

// The header's search field, on every page: an inflected Finnish form
// finds its area, the results are grouped by kind under headings, the
// count is announced, and each result is a link to its page.

test('the header search finds an area by an inflected Finnish form', async ({ page }) => {
  await open(page, '/surveys');
  await openMenu(page);
  const field = page.getByRole('search', { name: 'Sivuston haku' }).getByLabel('Hakusana');
  await field.fill('Pirkanmaalla');
  await field.press('Enter');
  await expect(page).toHaveURL(/\/search\?q=Pirkanmaalla$/);
  await expect(page.getByTestId('search-count')).toContainText('Pirkanmaalla');
  await expect(page.getByTestId('search-count')).toHaveAttribute('role', 'status');
  await expect(page).toHaveTitle(/Haku: Pirkanmaalla \(\d+\)/);
  const areas = page.getByRole('region', { name: /Alueet/ });
  const link = areas.getByRole('link', { name: 'Pirkanmaan hyvinvointialue' });
  await expect(link).toHaveAttribute('href', '/areas/PI');
  // The field keeps the words searched.
  await expect(page.getByLabel('Hakusana')).toHaveValue('Pirkanmaalla');
  // By keyboard: the result is a link that opens the area's page.
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/areas\/PI$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Pirkanma');
});

test('results are grouped by kind, without JavaScript too', async ({ browser }, testInfo) => {
  const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/tour');
  await openMenu(page);
  await page.getByLabel('Hakusana').fill('järjestöjen');
  await page.getByRole('button', { name: 'Hae', exact: true }).click();
  await expect(page).toHaveURL(/\/search\?q=/);
  const headings = page.locator('.search-group h2');
  await expect(headings.first()).toBeVisible();
  const kinds = await page.locator('.search-group').evaluateAll((s) => s.map((e) => e.getAttribute('data-kind')));
  expect(kinds).toEqual(expect.arrayContaining(['goal', 'action', 'survey']));
  await context.close();
});

test('the search page is accessible, empty, with results and with none', async ({ page }) => {
  for (const path of ['/search', '/search?q=pirkanmaa', '/search?q=zzzyyx']) {
    await open(page, path);
    await expectAccessible(page);
  }
  await expect(page.getByTestId('search-count')).toContainText('ei löytynyt');
});
