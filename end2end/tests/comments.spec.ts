import { test, expect, Browser, Page, TestInfo } from '@playwright/test';
import { open, signIn, areaFor, expectAccessible, withoutJavaScript, secondBrowser } from './helpers';

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

/** Opens `path` signed in as `name` in a browser of its own, live. */
async function live(browser: Browser, testInfo: TestInfo, name: string, path: string) {
  const context = await secondBrowser(browser, testInfo);
  const page = await context.newPage();
  await signIn(page, name);
  await open(page, path);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-status', 'online');
  return { context, page };
}

const bellCount = async (page: Page) => Number(await page.getByTestId('bell').getAttribute('data-count'));

test('an @mention is completed from account names, raises the other bell live and shows on /notifications', async ({ page, browser }, testInfo) => {
  const code = areaFor(testInfo, 'VK', 'KU');
  const bertta = await live(browser, testInfo, 'Bertta', `/areas/${code}`);
  await signIn(page, 'Aino');
  await open(page, `/areas/${code}`);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-status', 'online');
  const before = await bellCount(bertta.page);

  // Typing "@Ber" offers Bertta; Enter puts her name in.
  const input = page.getByTestId('comments').getByTestId('comment-input');
  const mark = `${testInfo.project.name}-${Date.now()}`;
  await input.pressSequentially(`Mitä mieltä ${mark} @Ber`);
  await expect(page.getByTestId('mention-option').first()).toHaveText('@Bertta');
  await expect(page.locator('[id$="-mention-status"]')).toContainText('Bertta (1/');
  await input.press('Enter');
  await expect(input).toHaveValue(`Mitä mieltä ${mark} @Bertta `);
  await input.pressSequentially('?');
  await page.getByTestId('comments').getByRole('button', { name: 'Lähetä kommentti' }).click();
  await expect(page.getByTestId('comments').getByTestId('comment').filter({ hasText: mark })).toHaveCount(1);

  // Bertta's bell goes up without a reload.
  await expect.poll(() => bellCount(bertta.page), { timeout: 15_000 }).toBeGreaterThan(before);
  await bertta.page.getByTestId('bell').click();
  await expect(bertta.page).toHaveURL(/\/notifications$/);
  const row = bertta.page.locator(`[data-testid="notice"][data-item="area-${code.toLowerCase()}"]`);
  await expect(row).toContainText('Mainintoja: 1');
  await expect(row.locator('.unread-badge')).toBeVisible();
  await row.getByRole('button', { name: 'Merkitse luetuksi' }).click();
  await expect(row.locator('.unread-badge')).toHaveCount(0);
  await expectAccessible(bertta.page);
  await bertta.context.close();
});

test('following an area brings a notification when its contact person changes, and the activity page lists it', async ({ page, browser }, testInfo) => {
  const code = areaFor(testInfo, 'VK', 'KU');
  const item = `area-${code.toLowerCase()}`;
  const bertta = await live(browser, testInfo, 'Bertta', `/areas/${code}`);
  const follow = bertta.page.getByTestId('follow');
  if ((await follow.getAttribute('data-following')) !== 'true') {
    await follow.getByRole('button', { name: 'Seuraa' }).click();
  }
  await expect(follow).toHaveAttribute('data-following', 'true');
  await expect(follow).toContainText('Seuraat tätä');
  // It stays followed across a reload (stored on the server).
  await bertta.page.reload();
  await expect(bertta.page.locator('body[data-hydrated="true"]')).toHaveCount(1);
  await expect(bertta.page.getByTestId('follow')).toHaveAttribute('data-following', 'true');
  await expect(bertta.page.getByTestId('sync-status')).toHaveAttribute('data-status', 'online');
  const before = await bellCount(bertta.page);

  await signIn(page, 'Aino');
  await open(page, `/areas/${code}`);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-status', 'online');
  const person = `Yhteys ${testInfo.project.name} ${Date.now() % 100000}`;
  const contacts = page.locator('section[aria-labelledby="contacts-title"]');
  await contacts.locator('details.edit summary').first().click();
  const field = page.locator('#contact_name');
  await field.fill(person);
  await field.press('Tab');
  await expect.poll(() => bellCount(bertta.page), { timeout: 15_000 }).toBeGreaterThan(before);
  await open(bertta.page, '/notifications');
  const row = bertta.page.locator(`[data-testid="notice"][data-item="${item}"]`);
  await expect(row).toContainText('Muutoksia:');
  await expect(row).toContainText('Aino');

  // The activity page: the change is there for this area, not for another.
  await open(page, `/activity?area=${code}`);
  const line = page.getByTestId('activity').locator(`[data-item="${item}"]`).first();
  await expect(line).toContainText('Aino');
  await expect(line).toContainText('Yhteyshenkilö');
  await open(page, `/activity?area=HEL&kind=change`);
  await expect(page.locator(`[data-item="${item}"]`)).toHaveCount(0);
  await expect(page.locator('#activity-area')).toHaveValue('HEL');
  await expectAccessible(page);
  // Unfollowing is one click too.
  await open(bertta.page, `/areas/${code}`);
  await bertta.page.getByTestId('follow').getByRole('button', { name: 'Lopeta seuraaminen' }).click();
  await expect(bertta.page.getByTestId('follow')).toHaveAttribute('data-following', 'false');
  await bertta.context.close();
});

test('without JavaScript a comment goes by the form and is on the page it comes back to; a refusal is shown there', async ({ page, browser }, testInfo) => {
  // The tour event page of a visit that no other test comments on.
  const code = areaFor(testInfo, 'LU', 'IU');
  await signIn(page, 'Bertta');
  const context = await withoutJavaScript(browser, page, testInfo);
  const plain = await context.newPage();
  await plain.goto(`/tour/${code}`);
  const thread = plain.getByTestId('comments');
  const text = `Ilman skriptejä ${testInfo.project.name} ${Date.now() % 1_000_000}`;
  await thread.getByTestId('comment-input').fill(text);
  await thread.getByRole('button', { name: 'Lähetä kommentti' }).click();
  await expect(plain).toHaveURL(new RegExp(`/tour/${code}\\??$`));
  const mine = plain.getByTestId('comments').getByTestId('comment').filter({ hasText: text });
  await expect(mine).toHaveCount(1);
  await expect(mine.locator('.comment-author')).toHaveText('Bertta');
  // Only spaces: the writer refuses it; the page comes back saying why, nothing stored.
  await plain.getByTestId('comments').getByTestId('comment-input').fill('    ');
  await plain.getByTestId('comments').getByRole('button', { name: 'Lähetä kommentti' }).click();
  await expect(plain.getByTestId('comment-problem')).toBeVisible();
  await expect(plain.getByTestId('comments').getByTestId('comment').filter({ hasText: text })).toHaveCount(1);
  // With JavaScript the same page hydrates cleanly with the comment on it.
  await open(page, `/tour/${code}`);
  await expect(page.getByTestId('comments').getByTestId('comment').filter({ hasText: text })).toHaveCount(1);
  await context.close();
});
