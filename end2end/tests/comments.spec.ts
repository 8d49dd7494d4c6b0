import { test, expect, Browser, BrowserContext, TestInfo } from '@playwright/test';
import { open, signIn, areaFor, expectAccessible } from './helpers';

async function secondBrowser(browser: Browser, testInfo: TestInfo): Promise<BrowserContext> {
  const { viewport, isMobile, hasTouch, deviceScaleFactor } = testInfo.project.use;
  return browser.newContext({ baseURL: testInfo.project.use.baseURL, viewport, isMobile, hasTouch, deviceScaleFactor });
}

test('a comment appears live in another browser, stays text, keeps its draft, and can be edited and hidden', async ({ page, browser }, testInfo) => {
  const code = areaFor(testInfo, 'VK', 'KU');
  const other = await secondBrowser(browser, testInfo);
  const page2 = await other.newPage();
  for (const [p, name] of [[page, 'Aino'], [page2, 'Bertta']] as const) {
    await signIn(p, name);
    await open(p, `/areas/${code}`);
    await expect(p.getByTestId('sync-status')).toHaveAttribute('data-status', 'online');
  }
  const thread = page.getByTestId('comments');
  const thread2 = page2.getByTestId('comments');
  const mark = `${testInfo.project.name}-${Date.now()}`;
  const text = `Kysymys ${mark} <script>window.pwned=1</script><img src=x onerror="window.pwned=2">\nLisää: https://soste.fi/alueet.`;
  await thread.getByTestId('comment-input').fill(text);
  await expect(thread.getByTestId('comment-chars')).toContainText(`${[...text].length}/4000`);
  await thread.getByRole('button', { name: 'Lähetä kommentti' }).click();
  await expect(thread.getByTestId('comment-input')).toHaveValue('');

  // Live in the other browser, as text: no element from the payload, the
  // address a link, the line break kept.
  const mine2 = thread2.getByTestId('comment').filter({ hasText: mark });
  await expect(mine2).toHaveCount(1);
  const body2 = mine2.getByTestId('comment-body');
  await expect(body2).toContainText('<script>window.pwned=1</script>');
  await expect(body2.locator('script, img')).toHaveCount(0);
  await expect(body2.getByRole('link', { name: 'https://soste.fi/alueet' })).toHaveAttribute('href', 'https://soste.fi/alueet');
  expect(await page2.evaluate(() => (window as any).pwned)).toBeUndefined();
  expect(await body2.evaluate((el) => (el as HTMLElement).innerText)).toContain('\nLisää:');
  await expect(mine2.locator('.comment-author')).toHaveText('Aino');

  // What Bertta is typing survives a reload.
  await thread2.getByTestId('comment-input').fill(`Luonnos ${mark}`);
  await page2.reload();
  await expect(page2.locator('body[data-hydrated="true"]')).toHaveCount(1);
  await expect(page2.getByTestId('comments').getByTestId('comment-input')).toHaveValue(`Luonnos ${mark}`);

  // The author edits: the other browser shows the new text, marked edited.
  // By id: while edited, its text is in a textarea, not in the item's text.
  const commentId = await thread.getByTestId('comment').filter({ hasText: mark }).getAttribute('id');
  const mine = page.locator(`[id="${commentId}"]`);
  await mine.getByRole('button', { name: 'Muokkaa' }).click();
  await mine.locator('textarea').fill(`Tarkennettu ${mark}`);
  await mine.getByRole('button', { name: 'Tallenna' }).click();
  const edited2 = page2.getByTestId('comments').getByTestId('comment').filter({ hasText: `Tarkennettu ${mark}` });
  await expect(edited2.locator('.comment-edited')).toHaveText('(muokattu)');
  // Bertta cannot edit Aino's comment; as an admin she can hide it.
  await expect(edited2.getByRole('button', { name: 'Muokkaa' })).toHaveCount(0);
  await edited2.getByRole('button', { name: 'Piilota' }).click();
  await edited2.getByRole('button', { name: 'Vahvista' }).click();
  await expect(thread.getByTestId('comment').filter({ hasText: `Tarkennettu ${mark}` })).toHaveCount(0);
  await expect(thread.locator('.comment-removed').last()).toHaveText('Ylläpitäjä piilotti tämän kommentin.');
  await expectAccessible(page);
  await other.close();
});
