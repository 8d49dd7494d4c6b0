import { expect, test, Page } from '@playwright/test';
import { hydrated, signIn } from './helpers';

// Every page on a 360 px phone: nothing wider than the screen, and every
// control at least 44 × 44 px (links inside running text are exempt, as in
// WCAG's target-size rule). Signed in as an editor, so the edit forms and
// the roadmap's editing controls are measured too.

const PAGES = [
  '/', '/areas/PI', '/roadmap', '/roadmap?view=timeline', '/tour', '/tour/PI', '/surveys', '/account', '/admin',
  '/accessibility', '/privacy', '/embed/map?indicator=hyte', '/embed/surveys/aivoriihi-2022/sektori',
  '/search?q=pirkanmaa', '/search?q=järjestöjen',
];

async function surveyPage(page: Page) {
  const list = await (await page.request.get('/api/v1/surveys')).json();
  return `/surveys/${list[0].id}`;
}

/** Controls smaller than 44 px and elements that reach past the right edge. */
async function measure(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && !el.closest('[hidden], .visually-hidden');
    };
    const describe = (el: Element) => {
      const r = el.getBoundingClientRect();
      const label = (el.getAttribute('aria-label') || el.textContent || el.getAttribute('name') || '').trim().slice(0, 40);
      return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''} "${label}" ${Math.round(r.width)}×${Math.round(r.height)}`;
    };
    // A link is "in running text" when its block holds other text too.
    const inText = (el: Element) => {
      if (el.tagName !== 'A' || el.classList.contains('button')) return false;
      const block = el.closest('p, li, dd, td, figcaption');
      if (!block) return false;
      return (block.textContent || '').trim().length > (el.textContent || '').trim().length + 2;
    };
    const controls = Array.from(
      document.querySelectorAll('a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [tabindex="0"]'),
    ).filter(visible);
    const small = controls
      .filter((el) => !inText(el))
      // The map's areas are shapes on a picture, reachable as the table below it too.
      .filter((el) => !el.closest('svg'))
      .filter((el) => {
        const r = el.getBoundingClientRect();
        // Checkboxes and radios count with their label.
        if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) {
          const label = el.closest('label') || (el.id && document.querySelector(`label[for="${el.id}"]`));
          if (label) {
            const l = (label as Element).getBoundingClientRect();
            return Math.max(l.height, r.height) < 44;
          }
        }
        return r.height < 44 || r.width < 44;
      })
      .map(describe);
    const wide = Array.from(document.querySelectorAll('body *'))
      .filter(visible)
      .filter((el) => !el.closest('.table-scroll, [data-scroll="x"], svg'))
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      .map(describe)
      .slice(0, 10);
    return { overflow: document.documentElement.scrollWidth - width, small, wide };
  });
}

test('every page fits a 360 px phone, with 44 px touch targets', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'a phone layout check');
  test.setTimeout(120_000);
  await signIn(page, 'Aino');
  await page.setViewportSize({ width: 360, height: 740 });
  const pages = [...PAGES, await surveyPage(page)];
  const problems: string[] = [];
  for (const path of pages) {
    await page.goto(path);
    await hydrated(page);
    // Open every folded edit form, so its fields are measured too.
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    const { overflow, small, wide } = await measure(page);
    if (overflow > 0) problems.push(`${path}: scrolls sideways by ${overflow}px (${wide.join('; ')})`);
    for (const s of small) problems.push(`${path}: small target ${s}`);
  }
  expect(problems).toEqual([]);
});

test('on a phone the header is one row of at most 64 px, and its menu works by keyboard', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'a phone layout check');
  for (const [width, height] of [[360, 740], [390, 844]]) {
    await page.setViewportSize({ width, height });
    for (const path of ['/', '/areas/PI', '/roadmap', '/tour/PI', '/surveys']) {
      for (const lang of ['fi', 'sv', 'en']) {
        await page.context().addCookies([{ name: 'lang', value: lang, url: testInfo.project.use.baseURL! }]);
        await page.goto(path);
        const box = (await page.locator('.site-header').boundingBox())!;
        expect(box.height, `${path} in ${lang} at ${width} px`).toBeLessThanOrEqual(64);
      }
    }
  }
  await page.context().addCookies([{ name: 'lang', value: 'fi', url: testInfo.project.use.baseURL! }]);
  await page.goto('/areas/PI');
  await hydrated(page);
  const menu = page.getByTestId('site-menu');
  const button = page.locator('.menu-button');
  const nav = page.getByRole('navigation', { name: 'Päävalikko' });
  await expect(button).toHaveText('Valikko');
  await expect(nav.getByRole('link', { name: 'Tiekartta' })).toBeHidden();
  // Opened by keyboard, closed by Escape with the focus back on the button.
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveAttribute('open', '');
  await expect(nav.getByRole('link', { name: 'Tiekartta' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Kieli' }).getByRole('link', { name: 'Svenska' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(menu).not.toHaveAttribute('open', '');
  await expect(button).toBeFocused();
  // A link followed in the menu closes it on the next page.
  await button.click();
  await nav.getByRole('link', { name: 'Tiekartta' }).click();
  await expect(page).toHaveURL(/\/roadmap$/);
  await expect(menu).not.toHaveAttribute('open', '');
});

test('the header menu opens without JavaScript', async ({ browser }, testInfo) => {
  const context = await browser.newContext({
    baseURL: testInfo.project.use.baseURL,
    viewport: { width: 360, height: 740 },
    javaScriptEnabled: false,
  });
  const page = await context.newPage();
  await page.goto('/tour');
  const areas = page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Alueet' });
  await expect(areas).toBeHidden();
  await page.locator('.menu-button').click();
  await expect(areas).toBeVisible();
  await areas.click();
  await expect(page).toHaveURL(/\/$/);
  await context.close();
});

test('on a wide screen the header shows its links in the row, without a menu button', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'a wide layout check');
  await page.goto('/surveys');
  await expect(page.locator('.menu-button')).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Tiekartta' })).toBeVisible();
  await expect(page.getByRole('search', { name: 'Sivuston haku' }).getByLabel('Hakusana')).toBeVisible();
  const box = (await page.locator('.site-header').boundingBox())!;
  expect(box.height).toBeLessThanOrEqual(64);
});
