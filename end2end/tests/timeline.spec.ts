import { expect, Locator, Page, test } from '@playwright/test';
import { expectAccessible, open, signIn, secondBrowser } from './helpers';

// The roadmap's timeline view (`/roadmap?view=timeline`).

async function openLive(page: Page, name: string, path: string) {
  await signIn(page, name);
  await open(page, path);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-status', 'online');
}

/** The horizontal extent of an element, in page pixels. */
async function extent(locator: Locator): Promise<{ left: number; right: number }> {
  const box = (await locator.boundingBox())!;
  return { left: box.x, right: box.x + box.width };
}

/** The month columns of the axis with the short Finnish name `name`. */
function month(page: Page, name: string): Locator {
  return page.locator('.tl-month').filter({ hasText: new RegExp(`^${name}`) });
}

test('the seeded actions sit on their months, and the arrow keys and Enter work the bars', async ({ page }) => {
  // Only the administration theme's two seeded actions (2022): no other
  // test adds actions there.
  await openLive(page, 'Aino', '/roadmap?view=timeline&theme=administration');
  const timeline = page.getByTestId('timeline');
  await expect(timeline.locator('[data-tl]')).toHaveCount(2);
  // Axis: January to December 2022.
  await expect(timeline.locator('.tl-month')).toHaveCount(12);
  await expect(timeline.locator('.tl-month').first()).toContainText('tammi');
  await expect(timeline.locator('.tl-month').first()).toContainText('2022');

  // 1.1.–31.12.2022: from the start of January to the end of December.
  const grants = await extent(timeline.locator('[data-tl="a-grants-survey"]'));
  const jan = await extent(month(page, 'tammi').first());
  const dec = await extent(month(page, 'joulu').first());
  expect(Math.abs(grants.left - jan.left)).toBeLessThan(3);
  expect(Math.abs(grants.right - dec.right)).toBeLessThan(3);
  // 1.6.–31.12.2022 starts where June does.
  const premises = await extent(timeline.locator('[data-tl="a-premises-contracts"]'));
  const jun = await extent(month(page, 'kesä').first());
  expect(Math.abs(premises.left - jun.left)).toBeLessThan(3);
  // Each bar says what it shows: title, status and dates, in words.
  await expect(timeline.locator('[data-tl="a-premises-contracts"]')).toHaveAccessibleName(
    /Käydään läpi siirtyvät sopimukset.*Suunniteltu.*1\.6\.2022–31\.12\.2022/,
  );

  // Keyboard: each bar is reachable; the arrows move, Home and End jump.
  const order = await timeline.locator('[data-tl]').evaluateAll((els) => els.map((e) => e.getAttribute('data-tl')));
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-tl'));
  await timeline.locator(`[data-tl="${order[0]}"]`).focus();
  await page.keyboard.press('ArrowDown');
  expect(await focused()).toBe(order[1]);
  await page.keyboard.press('ArrowDown');
  expect(await focused()).toBe(order[1]);
  await page.keyboard.press('Home');
  expect(await focused()).toBe(order[0]);
  await page.keyboard.press('End');
  expect(await focused()).toBe(order[order.length - 1]);
  await page.keyboard.press('ArrowUp');
  expect(await focused()).toBe(order[0]);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('item-editor')).toHaveAttribute('data-editing', order[0]!);
  await page.getByTestId('item-editor').getByRole('button', { name: 'Sulje' }).click();
  await expect(page.getByTestId('item-editor')).toHaveCount(0);

  // Grouped by goal instead of theme, the filter kept.
  await timeline.getByRole('link', { name: 'tavoitteittain' }).click();
  await expect(page).toHaveURL(/by=goal/);
  await expect(page).toHaveURL(/theme=administration/);
  await expect(timeline.locator('.tl-group-title')).toHaveCount(2);
  await expectAccessible(page);
  // The page itself never scrolls sideways: the axis scrolls in its box.
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(sideways).toBeLessThanOrEqual(0);
});

test('a dated action made in another browser appears on the timeline live, with today marked', async ({ page, browser }, testInfo) => {
  const goal = testInfo.project.name === 'phone' ? 'g-ict' : 'g-hyte';
  const title = `Aikajana ${testInfo.project.name} ${Date.now()}`;
  await openLive(page, 'Aino', '/roadmap?view=timeline');
  const other = await secondBrowser(browser, testInfo);
  const page2 = await other.newPage();
  await openLive(page2, 'Bertta', '/roadmap');
  // Bertta adds an action: undated, it is listed apart.
  await page2.locator(`section[data-goal="${goal}"] >> text=+ Lisää toimenpide`).click();
  const editor = page2.getByTestId('item-editor');
  const id = (await editor.getAttribute('data-editing'))!;
  await editor.locator('#edit-title').fill(title);
  await editor.locator('#edit-title').press('Tab');
  await expect(page.getByTestId('timeline-undated')).toContainText(title);
  // Then gives it dates: 15.3.–14.5.2023, and a due date of today.
  await editor.locator('#edit-start').fill('2023-03-15');
  await editor.locator('#edit-start').press('Tab');
  await editor.locator('#edit-due').fill('2023-05-14');
  await editor.locator('#edit-due').press('Tab');
  const bar = page.locator(`[data-tl="${id}"]`);
  await expect(bar).toHaveAccessibleName(new RegExp(`${title}.*15\\.3\\.2023–14\\.5\\.2023`));
  // (The list goes when nothing is undated.)
  await expect(page.getByTestId('timeline-undated').filter({ hasText: title })).toHaveCount(0);
  const span = await extent(bar);
  // The axis starts in January 2022 (the seeded actions): the second
  // March and May are 2023's.
  const mar = await extent(month(page, 'maalis').nth(1));
  const may = await extent(month(page, 'touko').nth(1));
  expect(span.left).toBeGreaterThan(mar.left);
  expect(span.left).toBeLessThan(mar.right);
  expect(span.right).toBeGreaterThan(may.left);
  expect(span.right).toBeLessThan(may.right);

  const today = new Date();
  const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  await editor.locator('#edit-due').fill(iso);
  await editor.locator('#edit-due').press('Tab');
  // The bar has its new end (the other project's run may already have
  // drawn the today line, so the line alone does not say the edit arrived).
  const fi = `${today.getDate()}\\.${today.getMonth() + 1}\\.${today.getFullYear()}`;
  await expect(bar).toHaveAccessibleName(new RegExp(`15\\.3\\.2023–${fi}`));
  // The axis now reaches today, and the line marks it at the bar's end.
  await expect(page.getByTestId('timeline-today')).toHaveCount(1);
  await expect
    .poll(async () => {
      const line = await extent(page.getByTestId('timeline-today'));
      const ends = await extent(bar);
      return Math.abs(line.left - ends.right);
    })
    .toBeLessThan(12);
  await other.close();
});
