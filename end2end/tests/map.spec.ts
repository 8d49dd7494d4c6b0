import { expect, test } from '@playwright/test';
import { expectAccessible, hydrated, open } from './helpers';

const CODES = [
  'HEL', 'VK', 'LU', 'KU', 'IU', 'VS', 'SA', 'KH', 'PI', 'PH', 'KY', 'EK', 'ES', 'PS', 'PK',
  'KS', 'EP', 'PO', 'KP', 'PP', 'KA', 'LA',
];
const mainArea = (code: string) => `.finland-map .areas path[data-area="${code}"]`;
const insetArea = (code: string) => `.finland-map .inset path[data-area="${code}"]`;

test('the map shows all 22 areas and the Uusimaa inset', async ({ page }) => {
  await open(page, '/');
  for (const code of CODES) {
    await expect(page.locator(mainArea(code))).toHaveCount(1);
  }
  for (const code of ['HEL', 'VK', 'LU', 'KU', 'IU']) {
    await expect(page.locator(insetArea(code))).toHaveCount(1);
  }
  // The enlarged capital area is big enough to hit with a finger.
  const hel = await page.locator(insetArea('HEL')).boundingBox();
  const vk = await page.locator(insetArea('VK')).boundingBox();
  expect(hel!.width).toBeGreaterThanOrEqual(30);
  expect(vk!.width).toBeGreaterThanOrEqual(30);
});

test('pointing at an area highlights and names it; clicking opens it', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name === 'phone', 'no hover on phones');
  await open(page, '/');
  const pi = page.locator(mainArea('PI'));
  await expect(async () => {
    await pi.hover();
    await expect(pi).toHaveClass(/is-selected/, { timeout: 500 });
  }).toPass();
  await expect(page.locator('.map-card')).toContainText('Pirkanmaa');
  await pi.click();
  await expect(page).toHaveURL(/\/areas\/PI$/);
  await expect(page.locator('h1')).toHaveText('Pirkanmaan hyvinvointialue');
});

test('a tap names an area, a second tap opens it', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'touch only');
  await open(page, '/');
  const hel = page.locator(insetArea('HEL'));
  await hel.tap();
  await expect(page.locator('.map-card')).toContainText('Helsinki');
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator(mainArea('HEL'))).toHaveClass(/is-selected/);
  await hel.tap();
  await expect(page).toHaveURL(/\/areas\/HEL$/);
});

test('clicking the inset opens the enlarged area', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name === 'phone', 'covered by the tap test');
  await open(page, '/');
  // Where a user aims: at the area's name (the middle of Vantaa–Kerava's
  // box is Keski-Uusimaa; the names let clicks through to the shapes).
  const name = (await page.locator('.finland-map .inset-label', { hasText: /^VK$/ }).boundingBox())!;
  await page.mouse.click(name.x + name.width / 2, name.y + name.height / 2);
  await expect(page).toHaveURL(/\/areas\/VK$/);
});

test('the area names never cover each other, the inset or its caption, nor leave the map, in any language', async ({ page }) => {
  for (const lang of ['fi', 'sv', 'en']) {
    await page.goto(`/lang/${lang}?next=/`);
    await hydrated(page);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    const boxes = (selector: string) => page.locator(selector).evaluateAll((els) => els.map((e) => {
      const r = e.getBoundingClientRect();
      return { name: e.textContent ?? '', left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    }));
    // Names left out at this size (display: none) have no box.
    const labels = (await boxes('.finland-map .labels text')).filter((b) => b.right > b.left);
    const [map] = await boxes('svg.finland-map');
    const [inset] = await boxes('.finland-map .inset-frame');
    // The caption shown at this size; a name keeps 2 px away from it.
    const captions = (await boxes('.finland-map .inset-title')).filter((b) => b.right > b.left);
    expect(captions).toHaveLength(1);
    const caption = { ...captions[0], left: captions[0].left - 2, right: captions[0].right + 2, top: captions[0].top - 2, bottom: captions[0].bottom + 2 };
    // Most areas keep their name: all 17 outside the inset on a desktop;
    // on a phone at least the larger half.
    expect(labels.length).toBeGreaterThanOrEqual(page.viewportSize()!.width > 640 ? 17 : 9);
    type Box = { name: string; left: number; right: number; top: number; bottom: number };
    const meet = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const problems: string[] = [];
    labels.forEach((a: Box, i: number) => {
      if (a.left < map.left - 0.5 || a.right > map.right + 0.5) problems.push(`${a.name} leaves the map`);
      if (meet(a, inset)) problems.push(`${a.name} covers the inset`);
      if (meet(a, caption)) problems.push(`${a.name} touches the inset's caption`);
      labels.slice(i + 1).forEach((b: Box) => {
        if (meet(a, b)) problems.push(`${a.name} / ${b.name}`);
      });
    });
    expect(problems, `${lang} at ${page.viewportSize()?.width} px`).toEqual([]);
  }
});

test('keyboard: one tab stop, arrows move between areas, Enter opens', async ({ page }) => {
  await open(page, '/');
  await page.locator('#indicator').focus();
  // Tab past the picker's button into the map.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-focus-area'));
  expect(await focused()).toBe('HEL');
  // Only one area is in the tab order.
  await expect(page.locator('.finland-map [tabindex="0"]')).toHaveCount(1);
  await page.keyboard.press('ArrowUp');
  const next = await focused();
  expect(next).not.toBe('HEL');
  expect(CODES).toContain(next);
  await expect(page.locator('[aria-live="polite"][aria-atomic="true"]')).not.toBeEmpty();
  // Keep going north until Lapland, the northernmost area.
  for (let i = 0; i < 12 && (await focused()) !== 'LA'; i++) {
    await page.keyboard.press('ArrowUp');
  }
  expect(await focused()).toBe('LA');
  await expect(page.locator('[aria-live="polite"][aria-atomic="true"]')).toContainText('Lappi');
  // The tab stop moved along with the focus.
  await expect(page.locator('.finland-map [tabindex="0"]')).toHaveAttribute('data-focus-area', 'LA');
  // Tab leaves the map: no other area is a tab stop.
  await page.keyboard.press('Tab');
  expect(await focused()).toBeNull();
  await page.keyboard.press('Shift+Tab');
  expect(await focused()).toBe('LA');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/areas\/LA$/);
});

test('the map can be coloured by an indicator, with a legend and the table', async ({ page }) => {
  await open(page, '/');
  await expect(page.locator(mainArea('PI'))).toHaveClass(/lvl1/);
  await page.locator('#indicator').selectOption('tour');
  await expect(page).toHaveURL(/indicator=tour/);
  // Pirkanmaa's visit date is agreed (9.2.2023): "confirmed".
  await expect(page.locator(mainArea('PI'))).toHaveClass(/lvl2/);
  await expect(page.locator(mainArea('LA'))).toHaveClass(/lvl0/);
  await expect(page.locator('.legend')).toContainText('Vahvistettu');
  await expect(page.locator('tr[data-row="PI"]')).toContainText('Vahvistettu');
  await expect(page.locator('tr[data-row="LA"]')).toContainText('Ei sovittu');
  // The choice is in the URL: a reload keeps it.
  await page.reload();
  await expect(page.locator('#indicator')).toHaveValue('tour');
  await expect(page.locator('tr[data-row="PI"]')).toContainText('Vahvistettu');
});

test('the table lists every area and is never hidden behind the map', async ({ page }) => {
  await open(page, '/');
  const rows = page.locator('table.area-table tbody tr');
  await expect(rows).toHaveCount(22);
  const map = await page.locator('.finland-map').boundingBox();
  const table = await page.locator('table.area-table').boundingBox();
  const viewport = page.viewportSize()!;
  if (viewport.width < 700) {
    // Stacked: the table starts below the map.
    expect(table!.y).toBeGreaterThanOrEqual(map!.y + map!.height - 1);
  } else {
    // Side by side: no overlap.
    expect(table!.x).toBeGreaterThanOrEqual(map!.x + map!.width - 1);
  }
  // Nothing overflows sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('the map page has no serious accessibility problems', async ({ page }) => {
  await open(page, '/');
  await expectAccessible(page);
});
