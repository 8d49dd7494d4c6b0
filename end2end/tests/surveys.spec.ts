import { expect, test } from '@playwright/test';
import { expectAccessible, open, signIn } from './helpers';

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
  await signIn(page, 'Aino');
  await open(page, '/surveys');
  const title = `Testikysely ${testInfo.project.name}`;
  const bad = `title,${title}\ndate,2023-05-01\nn,10\nquestion,Mikä?\nlabel,percent\nA,60\nB,paljon\n`;
  await page.locator('#import-file').setInputFiles({ name: 'kysely.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await expect(page.locator('#import-text')).toHaveValue(bad);
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
  await page.locator('[data-testid="preview-import"]').click();
  await expect(page.locator('[data-testid="import-preview"] .form-warning')).toContainText('90');
  await page.locator('[data-testid="run-import"]').click();
  await expect(page.locator('[data-testid="import-ok"]')).toContainText(title);
  await expect(page.locator('.survey-list > li', { hasText: title })).toHaveCount(1);
  await page.locator('[data-testid="import-ok"] a').click();
  await expect(page.locator('h1')).toHaveText(title);
  await expect(page.locator('tbody tr')).toHaveCount(2);
  const surveyPath = new URL(page.url()).pathname;

  // The import is news on the activity page, under its own kind, linking to the survey.
  await open(page, '/activity?kind=survey');
  const line = page.getByTestId('activity').locator('[data-kind="survey"]', { hasText: title }).first();
  await expect(line).toContainText('Aino');
  await expect(line).toContainText('toi kyselyn tulokset');
  await expect(line.getByRole('link', { name: title })).toHaveAttribute('href', surveyPath);
  await expect(page.locator('#activity-kind')).toHaveValue('survey');
});

test('the survey pages have no serious accessibility problems', async ({ page }) => {
  await open(page, '/surveys');
  await expectAccessible(page);
  await open(page, '/surveys/aivoriihi-2022');
  await expectAccessible(page);
});

test('charts render, show tooltips and toggle series from the legend', async ({ page }, testInfo) => {
  await open(page, '/surveys/aivoriihi-2022');
  const chart = page.locator('.chart[data-chart="sektori"]');
  await chart.scrollIntoViewIfNeeded();
  await expect(chart.locator('svg path').first()).toBeVisible();
  expect(await chart.locator('svg path').count()).toBeGreaterThan(5);
  // ECharts' generated description is on the chart for screen readers.
  await expect(chart).toHaveAttribute('aria-label', /^Kaavio: Vastaajat taustaorganisaation mukaan\. Suurin osuus: Sosiaali- ja terveysjärjestö 74 %/);

  // Hover the biggest slice (74 %, from 12 o'clock clockwise: at 3 o'clock).
  const box = (await chart.boundingBox())!;
  const radius = (0.53 * Math.min(box.width, box.height)) / 2;
  const [x, y] = [box.x + box.width / 2 + radius, box.y + box.height * 0.44];
  if (testInfo.project.name === 'desktop') {
    await expect(async () => {
      await page.mouse.move(x, y);
      await expect(chart).toContainText('Sosiaali- ja terveysjärjestö: 74 %', { timeout: 1000 });
    }).toPass();
  }

  // Clicking a legend entry hides that answer; clicking again brings it back.
  const selected = () =>
    page.evaluate(() => {
      const dom = document.querySelector('.chart[data-chart="sektori"]');
      // @ts-ignore: the global from the ECharts bundle
      return echarts.getInstanceByDom(dom).getOption().legend[0].selected['Sosiaali- ja terveysjärjestö'];
    });
  await chart.locator('svg text', { hasText: 'Sosiaali- ja terveysjärjestö' }).last().click();
  await expect.poll(selected).toBe(false);
  await chart.locator('svg text', { hasText: 'Sosiaali- ja terveysjärjestö' }).last().click();
  await expect.poll(selected).toBe(true);

  // The server's options carry a rule for narrow charts, which ECharts
  // applies itself: on a phone the names around the donut would be cut.
  const labelShown = await page.evaluate(() => {
    const dom = document.querySelector('.chart[data-chart="sektori"]');
    // @ts-ignore: the global from the ECharts bundle
    return echarts.getInstanceByDom(dom).getOption().series[0].label.show;
  });
  expect(labelShown).toBe(testInfo.project.name === 'desktop');
});

test('charts do not animate for readers who ask for reduced motion', async ({ page }) => {
  const animation = () =>
    page.evaluate(() => {
      const dom = document.querySelector('.chart[data-chart="sektori"]');
      // @ts-ignore: the global from the ECharts bundle
      const chart = dom && echarts.getInstanceByDom(dom);
      return chart ? chart.getOption().animation : null;
    });
  // The tests run with reduced motion (playwright.config.ts): ask for
  // motion first, then for none again.
  const chart = page.locator('.chart[data-chart="sektori"]');
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await open(page, '/surveys/aivoriihi-2022');
  await chart.scrollIntoViewIfNeeded();
  await expect.poll(animation).toBe(true);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await open(page, '/surveys/aivoriihi-2022');
  await chart.scrollIntoViewIfNeeded();
  await expect.poll(animation).toBe(false);
});

test('a phone draws a chart when it comes near the screen, and every chart before printing', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'on a phone the charts are far apart');
  await open(page, '/surveys/aivoriihi-2022');
  const first = page.locator('.chart[data-chart="sektori"]');
  const second = page.locator('.chart[data-chart="toiminta-alue"]');
  await first.scrollIntoViewIfNeeded();
  await expect(first.locator('svg path').first()).toBeVisible();
  // The other chart is a screen and more further down: not drawn yet.
  expect(await second.locator('svg').count()).toBe(0);
  // Printing (here: to PDF) draws every chart, and without animation.
  await page.pdf({ format: 'A4' });
  await expect(second.locator('svg path').first()).toBeAttached();
  const animation = await page.evaluate(() => {
    const dom = document.querySelector('.chart[data-chart="toiminta-alue"]');
    // @ts-ignore: the global from the ECharts bundle
    return echarts.getInstanceByDom(dom).getOption().animation;
  });
  expect(animation).toBe(false);
  // Scrolling to it later keeps the one drawing.
  await second.scrollIntoViewIfNeeded();
  await expect(second.locator('svg')).toHaveCount(1);
});

test('a bar chart compares the poll options and follows the window size', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name === 'phone', 'resizing is a desktop concern');
  await open(page, '/surveys/webinaarikysely-2022');
  const chart = page.locator('.chart[data-chart="tarkein-teema"]');
  await chart.scrollIntoViewIfNeeded();
  await expect(chart.locator('svg')).toBeVisible();
  const before = (await chart.locator('svg').boundingBox())!.width;
  await page.setViewportSize({ width: 700, height: 900 });
  await expect.poll(async () => (await chart.locator('svg').boundingBox())!.width).not.toBe(before);
  const after = (await chart.locator('svg').boundingBox())!.width;
  expect(after).toBeLessThanOrEqual(700);
});

test('a chart can be saved as PNG', async ({ page }) => {
  await open(page, '/surveys/aivoriihi-2022');
  const section = page.locator('section[data-result="toiminta-alue"]');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    section.locator('[data-testid="save-png"]').click(),
  ]);
  expect(download.suggestedFilename()).toBe('aivoriihi-2022-toiminta-alue.png');
  const path = await download.path();
  const fs = await import('node:fs');
  const bytes = fs.readFileSync(path!);
  expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  expect(bytes.length).toBeGreaterThan(2000);
});

test('ECharts is loaded on survey pages only', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => scripts.push(r.url()));
  await open(page, '/');
  expect(scripts.some((u) => u.includes('echarts'))).toBe(false);
  await open(page, '/surveys/aivoriihi-2022');
  expect(scripts.some((u) => u.includes('/vendor/echarts.min.js'))).toBe(true);
});

test('every table matches the survey data in the API', async ({ page, request }) => {
  const res = await request.get('/api/v1/surveys/aivoriihi-2022');
  const survey = await res.json();
  await open(page, '/surveys/aivoriihi-2022');
  expect(survey.results.length).toBeGreaterThan(0);
  for (const result of survey.results) {
    const rows = page.locator(`section[data-result="${result.key}"] tbody tr`);
    await expect(rows).toHaveCount(result.rows.length);
    for (let i = 0; i < result.rows.length; i++) {
      await expect(rows.nth(i).locator('th')).toHaveText(result.rows[i].label);
      await expect(rows.nth(i).locator('td').first()).toHaveText(String(result.rows[i].value).replace('.', ','));
    }
  }
});
