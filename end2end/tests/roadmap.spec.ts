import { expect, Page, test, TestInfo } from '@playwright/test';
import { expectAccessible, open, signIn, secondBrowser } from './helpers';

// Every test makes its own actions (under a goal picked per project), so
// the desktop and phone runs never edit the same item.

/** Opens the roadmap as `name` and waits for the live connection. */
async function openRoadmap(page: Page, name: string, path = '/roadmap') {
  await signIn(page, name);
  await open(page, path);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-status', 'online');
}

function goalFor(testInfo: TestInfo) {
  return testInfo.project.name === 'phone' ? 'g-ict' : 'g-hyte';
}

/** Adds an action under `goal` and gives it `title`; returns its id. */
async function newAction(page: Page, goal: string, title: string): Promise<string> {
  await page.locator(`section[data-goal="${goal}"] >> text=+ Lisää toimenpide`).click();
  const editor = page.getByTestId('item-editor');
  await expect(editor).toBeVisible();
  const id = (await editor.getAttribute('data-editing'))!;
  await editor.locator('#edit-title').fill(title);
  await editor.locator('#edit-title').press('Tab');
  await expect(card(page, id).locator('.card-title')).toHaveText(title);
  await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', '0');
  await editor.getByRole('button', { name: 'Sulje' }).click();
  await expect(editor).toHaveCount(0);
  return id;
}

function card(page: Page, id: string) {
  return page.locator(`li[data-item="${id}"]`);
}

async function editField(page: Page, id: string, field: string, value: string) {
  const editor = page.getByTestId('item-editor');
  if ((await editor.count()) === 0 || (await editor.getAttribute('data-editing')) !== id) {
    await card(page, id).locator('.card-edit').click();
  }
  const input = editor.locator(`#edit-${field}`);
  if ((await input.evaluate((el) => el.tagName)) === 'SELECT') {
    await input.selectOption(value);
  } else {
    await input.fill(value);
    await input.press('Tab');
  }
}

async function apiAction(page: Page, id: string) {
  const res = await page.request.get('/api/v1/roadmap');
  const body = await res.json();
  return body.actions.find((a: { id: string }) => a.id === id);
}

test('an edit in one browser appears in another without reload, and presence shows both', async ({ page, browser }, testInfo) => {
  const other = await secondBrowser(browser, testInfo);
  const page2 = await other.newPage();
  await openRoadmap(page, 'Aino');
  await openRoadmap(page2, 'Bertta');
  await expect(page.getByTestId('presence')).toContainText('Bertta');
  await expect(page2.getByTestId('presence')).toContainText('Aino');

  const id = await newAction(page, goalFor(testInfo), `Live ${testInfo.project.name}`);
  await expect(card(page2, id).locator('.card-title')).toHaveText(`Live ${testInfo.project.name}`);
  // Aino opens it again (newAction closed the editor): Bertta sees that
  // Aino is editing it, and no longer once she closes it.
  await card(page, id).locator('.card-edit').click();
  await expect(card(page2, id).locator('.editing-mark')).toContainText('Aino');
  await page.getByTestId('item-editor').getByRole('button', { name: 'Sulje' }).click();
  await expect(card(page2, id).locator('.editing-mark')).toHaveCount(0);
  await editField(page, id, 'title', `Muutettu ${testInfo.project.name}`);
  const started = Date.now();
  await expect(card(page2, id).locator('.card-title')).toHaveText(`Muutettu ${testInfo.project.name}`);
  console.log(`[${testInfo.project.name}] edit visible in the other browser after ≤ ${Date.now() - started} ms (polling)`);
  await other.close();
});

test('concurrent edits to different fields of one item both survive', async ({ page, browser }, testInfo) => {
  const other = await secondBrowser(browser, testInfo);
  const page2 = await other.newPage();
  await openRoadmap(page, 'Aino');
  await openRoadmap(page2, 'Bertta');
  const id = await newAction(page, goalFor(testInfo), `Kentät ${testInfo.project.name}`);
  await expect(card(page2, id)).toBeVisible();
  // Aino is still typing the owner when Bertta's status change arrives:
  // what she has typed stays in the field.
  await card(page, id).locator('.card-edit').click();
  const owner = page.getByTestId('item-editor').locator('#edit-owner');
  await owner.fill('Ainon yhdistys');
  await editField(page2, id, 'status', 'blocked');
  await expect(card(page, id)).toHaveAttribute('data-status', 'blocked');
  await expect(owner).toHaveValue('Ainon yhdistys');
  await owner.press('Tab');
  // Then both edit at once, neither waiting for the other.
  await Promise.all([
    editField(page, id, 'responsible', 'Aino A.'),
    editField(page2, id, 'start', '2023-03-01'),
  ]);
  for (const p of [page, page2]) {
    await expect(card(p, id)).toHaveAttribute('data-status', 'blocked');
    await expect(card(p, id).locator('.card-meta')).toContainText('Ainon yhdistys');
  }
  await expect.poll(async () => {
    const a = await apiAction(page, id);
    return [a.owner, a.status, a.responsible, a.start];
  }).toEqual(['Ainon yhdistys', 'blocked', 'Aino A.', '2023-03-01']);
  await other.close();
});

test('same field at once: the later wins, the other author is told and can restore', async ({ page, browser }, testInfo) => {
  const other = await secondBrowser(browser, testInfo);
  const page2 = await other.newPage();
  await openRoadmap(page, 'Aino');
  await openRoadmap(page2, 'Bertta');
  const id = await newAction(page, goalFor(testInfo), `Ristiriita ${testInfo.project.name}`);
  await expect(card(page2, id)).toBeVisible();
  // Bertta edits offline: her change keeps the base she saw.
  await other.setOffline(true);
  await expect(page2.getByTestId('sync-status')).toHaveAttribute('data-status', 'offline');
  await editField(page2, id, 'title', 'Bertan otsikko');
  await editField(page, id, 'title', 'Ainon otsikko');
  await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', '0');
  await other.setOffline(false);
  // Bertta's change is ordered later and wins; Aino is told.
  await expect(card(page, id).locator('.card-title')).toHaveText('Bertan otsikko');
  await expect(card(page2, id).locator('.card-title')).toHaveText('Bertan otsikko');
  const notice = page.getByTestId('notices');
  await expect(notice).toContainText('Bertta');
  await notice.getByTestId('restore-mine').first().click();
  await expect(card(page, id).locator('.card-title')).toHaveText('Ainon otsikko');
  await expect(card(page2, id).locator('.card-title')).toHaveText('Ainon otsikko');
  await other.close();
});

test('an offline edit waits, survives a reload while offline, and is sent when online', async ({ page, context, browser }, testInfo) => {
  await openRoadmap(page, 'Aino');
  const id = await newAction(page, goalFor(testInfo), `Offline ${testInfo.project.name}`);
  // Let the service worker take the page so that it reloads offline.
  await page.reload();
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-status', 'online');

  await context.setOffline(true);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-status', 'offline');
  await editField(page, id, 'responsible', 'Tapahtumassa kirjattu');
  await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', '1');
  await expect(card(page, id).locator('.pending-mark')).toBeVisible();

  await page.reload();
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1, { timeout: 30_000 });
  await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', '1');
  await expect(card(page, id).locator('.card-meta')).toContainText('Tapahtumassa kirjattu');
  expect((await apiAction(page, id)).responsible).toBe('');

  await context.setOffline(false);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-status', 'online');
  await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', '0');
  expect((await apiAction(page, id)).responsible).toBe('Tapahtumassa kirjattu');
  // Another browser sees it.
  const other = await secondBrowser(browser, testInfo);
  const page2 = await other.newPage();
  await open(page2, '/roadmap');
  await expect(card(page2, id).locator('.card-meta')).toContainText('Tapahtumassa kirjattu');
  await other.close();
});

test('items reorder by keyboard and by drag and drop, the same for everyone', async ({ page, browser }, testInfo) => {
  const other = await secondBrowser(browser, testInfo);
  const page2 = await other.newPage();
  await openRoadmap(page, 'Aino');
  await openRoadmap(page2, 'Bertta');
  const goal = goalFor(testInfo);
  const a = await newAction(page, goal, `Eka ${testInfo.project.name}`);
  const b = await newAction(page, goal, `Toka ${testInfo.project.name}`);
  const order = (p: Page) => p.locator(`section[data-goal="${goal}"] li[data-item]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-item')));
  const before = await order(page);
  expect(before.indexOf(a)).toBeLessThan(before.indexOf(b));
  // Keyboard: focus the second and move it up.
  await card(page, b).focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect.poll(async () => { const o = await order(page); return o.indexOf(b) < o.indexOf(a); }).toBe(true);
  await expect.poll(async () => { const o = await order(page2); return o.indexOf(b) < o.indexOf(a); }).toBe(true);
  await expect(card(page, b)).toBeFocused();
  if (testInfo.project.name === 'desktop') {
    // Drag the first-placed (b) back below a.
    await card(page, b).dragTo(card(page, a));
    await expect.poll(async () => { const o = await order(page2); return o.indexOf(a) < o.indexOf(b); }).toBe(true);
  }
  expect(await order(page)).toEqual(await order(page2));
  await other.close();
});

test('undo and redo of my own changes, by buttons and keys; history restores a version', async ({ page }, testInfo) => {
  await openRoadmap(page, 'Aino');
  const id = await newAction(page, goalFor(testInfo), `Alkuperäinen ${testInfo.project.name}`);
  await editField(page, id, 'title', 'Toinen versio');
  await expect(card(page, id).locator('.card-title')).toHaveText('Toinen versio');
  await page.getByTestId('undo').click();
  await expect(card(page, id).locator('.card-title')).toHaveText(`Alkuperäinen ${testInfo.project.name}`);
  await page.getByTestId('redo').click();
  await expect(card(page, id).locator('.card-title')).toHaveText('Toinen versio');
  // Keys, outside text fields.
  await page.getByTestId('item-editor').getByRole('button', { name: 'Sulje' }).click();
  await card(page, id).focus();
  await page.keyboard.press('Control+z');
  await expect(card(page, id).locator('.card-title')).toHaveText(`Alkuperäinen ${testInfo.project.name}`);
  await page.keyboard.press('Control+Shift+z');
  await expect(card(page, id).locator('.card-title')).toHaveText('Toinen versio');

  // History: who and when for every change; restore the first version.
  await card(page, id).locator('.card-edit').click();
  await page.getByTestId('item-editor').getByRole('button', { name: 'Historia' }).click();
  const history = page.getByTestId('item-history');
  await expect(history.locator('li')).toHaveCount(7);
  await expect(history).toContainText('Aino');
  await history.locator('li').last().getByRole('button', { name: /Palauta tämä versio/ }).click();
  await expect(card(page, id).locator('.card-title')).toHaveText('Uusi toimenpide');
  await expect(history.locator('li')).toHaveCount(8);
});

test('filters live in the URL; exports follow them; an area page lists its actions', async ({ page }) => {
  await open(page, '/roadmap?area=PI&status=done');
  await expect(page.locator('li[data-item="a-tour-pirkanmaa"]')).toBeVisible();
  await expect(page.locator('li[data-item="a-grants-survey"]')).toHaveCount(0);
  await expect(page.locator('#filter-area')).toHaveValue('PI');
  const csvHref = await page.getByTestId('export-csv').getAttribute('href');
  expect(csvHref).toBe('/api/v1/roadmap.csv?area=PI&status=done');
  const csv = await (await page.request.get(csvHref!)).text();
  expect(csv.trim().split('\n')).toHaveLength(2);
  // Changing the form changes the URL, shareable.
  await page.locator('#filter-status').selectOption('');
  await page.getByRole('button', { name: 'Rajaa' }).click();
  await expect(page).toHaveURL(/area=PI/);
  await expect(page.locator('li[data-item="a-grants-survey"]')).toBeVisible();
  // The list view.
  await page.getByRole('link', { name: 'Luettelona' }).click();
  await expect(page).toHaveURL(/view=list/);
  await expect(page.getByTestId('roadmap-table').locator('tr[data-item="a-tour-pirkanmaa"]')).toBeVisible();
  await open(page, '/areas/PI');
  await expect(page.getByTestId('area-actions').locator('li[data-item="a-tour-pirkanmaa"]')).toBeVisible();
  await open(page, '/areas/KS');
  await expect(page.getByTestId('area-actions').locator('li[data-item="a-tour-pirkanmaa"]')).toHaveCount(0);
});

test('the roadmap is accessible, with the editor open too', async ({ page }) => {
  await openRoadmap(page, 'Aino');
  await expectAccessible(page);
  await page.locator('li[data-item="a-tour"] .card-edit').click();
  await expect(page.getByTestId('item-editor')).toBeVisible();
  await expectAccessible(page);
});
