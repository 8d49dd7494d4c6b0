import { expect, Page, test } from '@playwright/test';
import { areaFor, controlled, expectAccessible, hydrated, open, signIn, withoutJavaScript, secondBrowser } from './helpers';

// Area pages edit live on the change log: each field is its own change,
// sent when it changes. Every test edits areas of its own (per project),
// so parallel runs never collide.

/** Opens an area page as `name` and waits for the live connection. */
async function openArea(page: Page, code: string, name?: string) {
  if (name) await signIn(page, name);
  await open(page, `/areas/${code}`);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-status', 'online');
}

function contacts(page: Page) {
  return page.locator('section[aria-labelledby="contacts-title"]');
}

function place(page: Page, key: string) {
  return page.locator(`li.place[data-place="${key}"]`);
}

/** Unfolds a section's edit form (once). */
async function unfold(section: ReturnType<Page['locator']>) {
  const details = section.locator('details.edit').first();
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) {
    await details.locator('summary').click();
  }
}

/** Types into an area field and leaves it: one change on the log. */
async function setText(page: Page, field: string, value: string) {
  const input = page.locator(`#${field}`);
  await input.fill(value);
  await input.press('Tab');
}

async function apiArea(page: Page, code: string) {
  return (await page.request.get(`/api/v1/areas/${code}`)).json();
}

test('the area page shows the known facts', async ({ page }) => {
  await open(page, '/areas/PI');
  await expect(page.locator('h1')).toHaveText('Pirkanmaan hyvinvointialue');
  await expect(page.locator('.sv-name')).toContainText('Birkalands välfärdsområde');
  await expect(page.locator('.population')).toContainText('522');
  await expect(page.locator('[data-testid="tour-date"]')).toHaveText('9.2.2023');
  await expect(page.locator('[data-testid="contact-person"]')).toContainText('ei ole vielä nimetty');
  await expect(page.locator('li.place')).toHaveCount(5);
});

test('a reader sees no edit controls and is never shown as editing', async ({ page, browser }, testInfo) => {
  const code = areaFor(testInfo, 'SA', 'KH');
  const other = await secondBrowser(browser, testInfo);
  const editor = await other.newPage();
  await openArea(editor, code, 'Aino');
  await openArea(page, code);
  await expect(page.locator('details.edit')).toHaveCount(0);
  await expect(page.locator(`form input[name^="fields["]`)).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Palauta/ })).toHaveCount(0);
  // The reader still follows the page live.
  await unfold(place(editor, 'grants'));
  await setText(editor, 'grants_note', `Lukija näkee tämän ${testInfo.project.name}`);
  await expect(place(page, 'grants').getByTestId('place-note')).toHaveText(`Lukija näkee tämän ${testInfo.project.name}`);
  await expect(editor.getByTestId('presence')).toContainText('Vierailija');
  await expect(editor.getByTestId('field-editors')).toHaveCount(0);
  // The same on the roadmap: no edit buttons; Enter on a card opens its
  // panel read-only, for its comments (no inputs, no edit actions).
  await open(page, '/roadmap');
  await expect(page.getByRole('button', { name: /^Muokkaa/ })).toHaveCount(0);
  await page.locator('li[data-item]').first().focus();
  await page.keyboard.press('Enter');
  const panel = page.getByTestId('item-editor');
  await expect(panel.getByTestId('comments')).toContainText('Kirjaudu sisään kommentoidaksesi');
  await expect(panel.locator('input, select, textarea')).toHaveCount(0);
  await expect(panel.getByRole('button', { name: /Poista|Siirrä/ })).toHaveCount(0);
  await other.close();
});

test('an edit is saved live and survives a reload', async ({ page }, testInfo) => {
  const code = areaFor(testInfo, 'KS', 'PO');
  await openArea(page, code, 'Aino');
  const hyte = place(page, 'hyte');
  await unfold(hyte);
  await page.locator('#hyte_status').selectOption('in_progress');
  await setText(page, 'hyte_note', 'Ensimmäinen neuvottelu keväällä');
  await expect(hyte.getByTestId('place-status')).toContainText('Käynnissä');
  await expect(hyte.getByTestId('place-note')).toHaveText('Ensimmäinen neuvottelu keväällä');
  await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', '0');
  await expect(hyte.locator('.stamp')).toContainText('Aino');
  // The change is in the area's history, field by field, with who made it.
  const history = page.getByTestId('history');
  await expect(history.locator('> li').first()).toContainText('Aino');
  await expect(history).toContainText('HYTE-neuvottelut: muistiinpano');
  await page.reload();
  await hydrated(page);
  await expect(place(page, 'hyte').getByTestId('place-status')).toContainText('Käynnissä');
  await expect(place(page, 'hyte').getByTestId('place-note')).toHaveText('Ensimmäinen neuvottelu keväällä');
});

test('a contact person can be named', async ({ page }, testInfo) => {
  const code = areaFor(testInfo, 'KA', 'KP');
  await openArea(page, code, 'Aino');
  await unfold(contacts(page));
  await setText(page, 'contact_name', 'Anna Virtanen');
  await setText(page, 'contact_role', 'Järjestöyhdyshenkilö');
  await setText(page, 'contact_email', 'anna.virtanen@example.fi');
  await setText(page, 'contact_phone', '+358 40 123 4567');
  await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', '0');
  await page.reload();
  await hydrated(page);
  const person = page.getByTestId('contact-person');
  await expect(person).toContainText('Anna Virtanen');
  await expect(person.locator('a[href^="mailto:"]')).toHaveText('anna.virtanen@example.fi');
});

test('a bad edit is refused with a visible message and changes nothing', async ({ page }, testInfo) => {
  const code = areaFor(testInfo, 'EP', 'PK');
  await openArea(page, code, 'Aino');
  await unfold(contacts(page));
  await setText(page, 'contact_email', 'not-an-email');
  const alert = contacts(page).locator('.form-error[role="alert"]');
  await expect(alert).toContainText('ei ole kelvollinen sähköpostiosoite');
  // What the user typed is still there to correct, and nothing was queued.
  await expect(page.locator('#contact_email')).toHaveValue('not-an-email');
  await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', '0');
  await page.reload();
  await hydrated(page);
  expect((await apiArea(page, code)).contacts.person).toBeNull();
});

test('text is shown as text, never run', async ({ page }, testInfo) => {
  const code = areaFor(testInfo, 'ES', 'KY');
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    d.dismiss();
  });
  await openArea(page, code, 'Aino');
  await unfold(place(page, 'premises'));
  const payload = '<img src=x onerror=alert(1)><script>alert(2)</script>';
  await setText(page, 'premises_note', payload);
  await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', '0');
  await page.reload();
  await hydrated(page);
  await expect(place(page, 'premises').getByTestId('place-note')).toHaveText(payload);
  expect(dialogs).toBe(0);
});

test('an unknown area code shows a not-found page', async ({ page }) => {
  const response = await page.goto('/areas/XX');
  expect(response!.status()).toBe(404);
  await expect(page.locator('h1')).toHaveText('Aluetta ei löytynyt');
});

test('the area page has no serious accessibility problems', async ({ page }) => {
  await openArea(page, 'PI', 'Aino');
  // Open every edit form so the scan covers them too.
  for (const summary of await page.locator('details.edit summary').all()) {
    await summary.click();
  }
  await expectAccessible(page);
});

test('two browsers see each other live: edits, presence and the field being edited', async ({ page, browser }, testInfo) => {
  const code = areaFor(testInfo, 'VS', 'SA');
  const other = await secondBrowser(browser, testInfo);
  const page2 = await other.newPage();
  await openArea(page, code, 'Aino');
  await openArea(page2, code, 'Bertta');
  await expect(page.getByTestId('presence')).toContainText('Bertta');
  await expect(page2.getByTestId('presence')).toContainText('Aino');
  await unfold(contacts(page));
  await unfold(contacts(page2));
  // Bertta is in the network field: Aino sees it there.
  await page2.locator('#network_org').focus();
  await expect(contacts(page).locator('.field:has(#network_org)').getByTestId('field-editors')).toContainText('Bertta');
  const value = `Verkosto ${testInfo.project.name}`;
  const started = Date.now();
  await setText(page, 'network_org', value);
  await expect(page2.getByTestId('network-org')).toHaveText(value);
  console.log(`[${testInfo.project.name}] area edit visible in the other browser after ≤ ${Date.now() - started} ms (polling)`);
  await other.close();
});

test('two fields of one section edited at once both survive, and a draft is kept', async ({ page, browser }, testInfo) => {
  const code = areaFor(testInfo, 'KH', 'PH');
  const other = await secondBrowser(browser, testInfo);
  const page2 = await other.newPage();
  await openArea(page, code, 'Aino');
  await openArea(page2, code, 'Bertta');
  await unfold(contacts(page));
  await unfold(contacts(page2));
  // Aino is still typing the name when Bertta's role arrives.
  const name = page.locator('#contact_name');
  await name.fill('Ainon kirjoittama nimi');
  await setText(page2, 'contact_role', 'Bertan tehtävä');
  await expect(page.locator('#contact_role')).toHaveValue('Bertan tehtävä');
  await expect(name).toHaveValue('Ainon kirjoittama nimi');
  await name.press('Tab');
  for (const p of [page, page2]) {
    await expect(p.getByTestId('contact-person')).toContainText('Ainon kirjoittama nimi');
    await expect(p.getByTestId('contact-person')).toContainText('Bertan tehtävä');
  }
  await expect.poll(async () => {
    const a = await apiArea(page, code);
    return [a.contacts.person?.name, a.contacts.person?.role];
  }).toEqual(['Ainon kirjoittama nimi', 'Bertan tehtävä']);
  await other.close();
});

test('same field at once: the later wins, the other is told and can restore', async ({ page, browser }, testInfo) => {
  const code = areaFor(testInfo, 'PS', 'EK');
  const other = await secondBrowser(browser, testInfo);
  const page2 = await other.newPage();
  await openArea(page, code, 'Aino');
  await openArea(page2, code, 'Bertta');
  await unfold(place(page, 'strategy'));
  await unfold(place(page2, 'strategy'));
  // Bertta edits offline: her change keeps the base she saw.
  await other.setOffline(true);
  await expect(page2.getByTestId('sync-status')).toHaveAttribute('data-status', 'offline');
  await setText(page2, 'strategy_note', 'Bertan muistiinpano');
  await setText(page, 'strategy_note', 'Ainon muistiinpano');
  await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', '0');
  await other.setOffline(false);
  for (const p of [page, page2]) {
    await expect(place(p, 'strategy').getByTestId('place-note')).toHaveText('Bertan muistiinpano');
  }
  const notice = page.getByTestId('notices');
  await expect(notice).toContainText('Bertta');
  await notice.getByTestId('restore-mine').first().click();
  for (const p of [page, page2]) {
    await expect(place(p, 'strategy').getByTestId('place-note')).toHaveText('Ainon muistiinpano');
  }
  await other.close();
});

test('an offline edit is shown unsent, survives a reload, is sent once, and keeps a newer edit of another field', async ({ page, context, browser }, testInfo) => {
  const code = areaFor(testInfo, 'LU', 'IU');
  const other = await secondBrowser(browser, testInfo);
  const page2 = await other.newPage();
  await openArea(page, code, 'Aino');
  // The service worker keeps the page once it has taken it.
  await controlled(page);
  await page.reload();
  await hydrated(page);
  await context.setOffline(true);
  await expect(page.getByTestId('offline-banner')).toBeVisible();
  const premises = place(page, 'premises');
  await unfold(premises);
  const note = `Tilat sovittu offline (${testInfo.project.name})`;
  await setText(page, 'premises_note', note);
  await expect(premises.getByTestId('pending-note')).toBeVisible();
  await expect(premises.getByTestId('place-note')).toHaveText(note);

  // Meanwhile someone else sets the status of the same place.
  await openArea(page2, code, 'Bertta');
  await unfold(place(page2, 'premises'));
  await page2.locator('#premises_status').selectOption('done');
  await expect.poll(async () => (await apiArea(page2, code)).places.premises.status).toBe('done');

  // Still offline: the page comes from the device, with the edit.
  await page.reload();
  await hydrated(page);
  await expect(place(page, 'premises').getByTestId('pending-note')).toBeVisible();
  await expect(place(page, 'premises').getByTestId('place-note')).toHaveText(note);
  expect((await apiArea(page2, code)).places.premises.note).not.toBe(note);

  await context.setOffline(false);
  await expect(place(page, 'premises').getByTestId('pending-note')).toHaveCount(0, { timeout: 20_000 });
  const area = await apiArea(page2, code);
  expect(area.places.premises.note).toBe(note);
  expect(area.places.premises.status).toBe('done');
  await expect(place(page, 'premises').getByTestId('place-status')).toContainText('Valmis');
  // Sent once.
  const history = await (await page2.request.get(`/api/v1/areas/${code}/history`)).json();
  expect(history.filter((e: { fields: Record<string, string> }) => e.fields.premises_note === note)).toHaveLength(1);
  await other.close();
});

test('the map open in another browser changes colour when a status changes', async ({ page, browser }, testInfo) => {
  const code = areaFor(testInfo, 'PP', 'LA');
  const other = await secondBrowser(browser, testInfo);
  const map = await other.newPage();
  await open(map, '/?indicator=sote_centres');
  const shape = map.locator(`.finland-map .areas path[data-area="${code}"]`);
  // A status other than the one shown (the seed has none; a retry finds
  // its first try's), so the map has a change to follow.
  const before = (await shape.getAttribute('class')) ?? '';
  expect(before).toMatch(/lvl[0-3]/);
  const [status, level, label] = /lvl3/.test(before) ? ['in_progress', /lvl2/, 'Käynnissä'] : ['done', /lvl3/, 'Valmis'];
  await openArea(page, code, 'Aino');
  await unfold(place(page, 'sote_centres'));
  await page.locator('#sote_centres_status').selectOption(status);
  await expect(shape).toHaveClass(level);
  await expect(map.locator(`tr[data-row="${code}"]`)).toContainText(label);
  await other.close();
});

test('undo takes back an area edit', async ({ page }, testInfo) => {
  const code = areaFor(testInfo, 'KU', 'VK');
  await openArea(page, code, 'Aino');
  await unfold(place(page, 'grants'));
  await setText(page, 'grants_note', 'Kumottava');
  await expect(place(page, 'grants').getByTestId('place-note')).toHaveText('Kumottava');
  await page.getByTestId('undo').click();
  await expect(place(page, 'grants').getByTestId('place-note')).toHaveText('Ei muistiinpanoa.');
  await expect.poll(async () => (await apiArea(page, code)).places.grants.note).toBe('');
});

test('without JavaScript the section form posts only what changed and the page comes back with it', async ({ page, browser }, testInfo) => {
  const code = areaFor(testInfo, 'LU', 'IU');
  await signIn(page, 'Aino');
  const context = await withoutJavaScript(browser, page, testInfo);
  const plain = await context.newPage();
  await plain.goto(`/areas/${code}`);
  // The form carries the session's token for the server to check.
  expect(await contacts(plain).locator('input[name="csrf"]').first().getAttribute('value')).toMatch(/.{16,}/);
  await contacts(plain).locator('details.edit summary').first().click();
  const name = `Ilman skriptejä ${testInfo.project.name} ${Date.now() % 1_000_000}`;
  await plain.locator('#contact_name').fill(name);
  await contacts(plain).getByRole('button', { name: 'Tallenna' }).click();
  await expect(plain).toHaveURL(new RegExp(`/areas/${code}\\??$`));
  await expect(plain.getByTestId('contact-person')).toContainText(name);
  expect((await apiArea(page, code)).contacts.person.name).toBe(name);
  await context.close();
});
