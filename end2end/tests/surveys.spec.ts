import { expect, test } from '@playwright/test';
import { expectAccessible, open } from './helpers';

test('a survey page states its source, dates, n and question, with tables', async ({ page }) => {
  await open(page, '/surveys/webinaarikysely-2022');
  await expect(page.locator('h1')).toContainText('Webinaarikysely');
  await expect(page.locator('[data-testid="survey-n"]')).toContainText('244');
  await expect(page.locator('[data-testid="survey-period"]')).toHaveText('Elokuu 2022');
  await expect(page.locator('[data-testid="survey-question"]')).not.toBeEmpty();
  const rows = page.locator('section[data-result="tarkein-teema"] tbody tr');
  await expect(rows).toHaveCount(4);
  await expect(rows.first()).toContainText('41');
  await expect(page.locator('section[data-result="tarkein-teema"] .result-summary')).toContainText(
    'Suurin osuus: Kumppanuuteen tähtäävä yhteistyö',
  );
});

test('the CSV download has the table\'s numbers', async ({ page, request }) => {
  await open(page, '/surveys/aivoriihi-2022');
  const href = await page.locator('section[data-result="sektori"] a.download').getAttribute('href');
  const res = await request.get(href!);
  expect(res.status()).toBe(200);
  const text = await res.text();
  expect(text).toContain('Sosiaali- ja terveysjärjestö,74,74');
  const tableRows = await page.locator('section[data-result="sektori"] tbody tr').count();
  expect(text.trim().split(/\r?\n/).length - 1).toBe(tableRows);
});

test('the area page links to the survey that reached every area', async ({ page }) => {
  await open(page, '/areas/KA');
  await page.locator('[data-testid="area-surveys"] a').first().click();
  await expect(page).toHaveURL(/\/surveys\/aivoriihi-2022$/);
});

test('a bad import is refused with its line and changes nothing; a good one appears', async ({ page }, testInfo) => {
  await open(page, '/surveys');
  const title = `Testikysely ${testInfo.project.name}`;
  const bad = `title,${title}\ndate,2023-05-01\nn,10\nquestion,Mikä?\nlabel,percent\nA,60\nB,paljon\n`;
  await page.locator('#import-file').setInputFiles({ name: 'kysely.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await expect(page.locator('#import-text')).toHaveValue(bad);
  await page.locator('#import-editor').fill('Testi');
  await page.locator('[data-testid="preview-import"]').click();
  await expect(page.locator('[data-testid="preview-error"]')).toContainText('Rivi 7');
  await page.locator('[data-testid="run-import"]').click();
  await expect(page.locator('[data-testid="import-error"]')).toContainText('Rivi 7');
  await page.reload();
  // (Each project imports its own title, so parallel runs do not interfere.)
  await expect(page.locator('.survey-list > li', { hasText: title })).toHaveCount(0);

  // Shares that do not add up get a warning in the preview; the import still works.
  await open(page, '/surveys');
  const good = bad.replace('B,paljon', 'B,30');
  await page.locator('#import-text').fill(good);
  await page.locator('#import-editor').fill('Testi');
  await page.locator('[data-testid="preview-import"]').click();
  await expect(page.locator('[data-testid="import-preview"] .form-warning')).toContainText('90');
  await page.locator('[data-testid="run-import"]').click();
  await expect(page.locator('[data-testid="import-ok"]')).toContainText(title);
  await expect(page.locator('.survey-list > li', { hasText: title })).toHaveCount(1);
  await page.locator('[data-testid="import-ok"] a').click();
  await expect(page.locator('h1')).toHaveText(title);
  await expect(page.locator('tbody tr')).toHaveCount(2);
});

test('the survey pages have no serious accessibility problems', async ({ page }) => {
  await open(page, '/surveys');
  await expectAccessible(page);
  await open(page, '/surveys/aivoriihi-2022');
  await expectAccessible(page);
});
