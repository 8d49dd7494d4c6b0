import { expect, test } from '@playwright/test';
import { areaFor, controlled, expectAccessible, hydrated, open, signIn } from './helpers';

test('the area page shows the known facts', async ({ page }) => {
  await open(page, '/areas/PI');
  await expect(page.locator('h1')).toHaveText('Pirkanmaan hyvinvointialue');
  await expect(page.locator('.sv-name')).toContainText('Birkalands välfärdsområde');
  await expect(page.locator('.population')).toContainText('522');
  await expect(page.locator('[data-testid="tour-date"]')).toHaveText('9.2.2023');
  await expect(page.locator('[data-testid="contact-person"]')).toContainText('ei ole vielä nimetty');
  await expect(page.locator('li.place')).toHaveCount(5);
});

test('an edit is saved and survives a reload', async ({ page }, testInfo) => {
  const code = areaFor(testInfo, 'KS', 'PO');
  await signIn(page, 'Aino');
  await open(page, `/areas/${code}`);
  const place = page.locator('li.place[data-place="hyte"]');
  await place.locator('summary').click();
  const form = place.locator('form');
  await form.locator('select[name="status"]').selectOption('in_progress');
  await form.locator('textarea[name="note"]').fill('Ensimmäinen neuvottelu keväällä');
  await form.locator('button[type="submit"]').click();
  await expect(form.locator('.form-ok')).toHaveText('Tallennettu.');
  await expect(place.locator('[data-testid="place-status"]')).toContainText('Käynnissä');
  await expect(place.locator('.stamp')).toContainText('Aino');
  // The change is in the area's history, with who made it.
  await expect(page.locator('[data-testid="history"] li').first()).toContainText('Aino');
  await expect(page.locator('[data-testid="history"] li').first()).toContainText('HYTE');
  await page.reload();
  await expect(page.locator('li.place[data-place="hyte"] [data-testid="place-status"]')).toContainText('Käynnissä');
  await expect(page.locator('li.place[data-place="hyte"] [data-testid="place-note"]')).toHaveText(
    'Ensimmäinen neuvottelu keväällä',
  );
});

test('a contact person can be named', async ({ page }, testInfo) => {
  const code = areaFor(testInfo, 'KA', 'KP');
  await signIn(page, 'Aino');
  await open(page, `/areas/${code}`);
  const section = page.locator('section[aria-labelledby="contacts-title"]');
  await section.locator('summary').click();
  await section.locator('input[name="name"]').fill('Anna Virtanen');
  await section.locator('input[name="role"]').fill('Järjestöyhdyshenkilö');
  await section.locator('input[name="email"]').fill('anna.virtanen@example.fi');
  await section.locator('input[name="phone"]').fill('+358 40 123 4567');
  await section.locator('button[type="submit"]').click();
  await expect(section.locator('.form-ok')).toBeVisible();
  await page.reload();
  const person = page.locator('[data-testid="contact-person"]');
  await expect(person).toContainText('Anna Virtanen');
  await expect(person.locator('a[href^="mailto:"]')).toHaveText('anna.virtanen@example.fi');
});

test('a bad edit is refused with a visible message and changes nothing', async ({ page }, testInfo) => {
  const code = areaFor(testInfo, 'EP', 'PK');
  await signIn(page, 'Aino');
  await open(page, `/areas/${code}`);
  const section = page.locator('section[aria-labelledby="contacts-title"]');
  await section.locator('summary').click();
  await section.locator('input[name="name"]').fill('Pekka');
  await section.locator('input[name="email"]').fill('not-an-email');
  await section.locator('button[type="submit"]').click();
  const alert = section.locator('.form-error[role="alert"]');
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('Sähköposti ei ole kelvollinen');
  // The user's input is still there to correct.
  await expect(section.locator('input[name="email"]')).toHaveValue('not-an-email');
  await expect(page.locator('[data-testid="contact-person"]')).toContainText('ei ole vielä nimetty');
  await page.reload();
  await expect(page.locator('[data-testid="contact-person"]')).toContainText('ei ole vielä nimetty');
});

test('text is shown as text, never run', async ({ page }, testInfo) => {
  const code = areaFor(testInfo, 'ES', 'KY');
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    d.dismiss();
  });
  await signIn(page, 'Aino');
  await open(page, `/areas/${code}`);
  const place = page.locator('li.place[data-place="premises"]');
  await place.locator('summary').click();
  const payload = '<img src=x onerror=alert(1)><script>alert(2)</script>';
  await place.locator('textarea[name="note"]').fill(payload);
  await place.locator('button[type="submit"]').click();
  await expect(place.locator('.form-ok')).toBeVisible();
  await page.reload();
  await expect(page.locator('li.place[data-place="premises"] [data-testid="place-note"]')).toHaveText(payload);
  expect(dialogs).toBe(0);
});

test('an unknown area code shows a not-found page', async ({ page }) => {
  const response = await page.goto('/areas/XX');
  expect(response!.status()).toBe(404);
  await expect(page.locator('h1')).toHaveText('Aluetta ei löytynyt');
});

test('the area page has no serious accessibility problems', async ({ page }) => {
  await signIn(page, 'Aino');
  await open(page, '/areas/PI');
  // Open every edit form so the scan covers them too.
  for (const summary of await page.locator('details.edit summary').all()) {
    await summary.click();
  }
  await expectAccessible(page);
});

test('edits made offline wait on the device, survive a reload and are sent when online', async ({ page, context }, testInfo) => {
  const code = areaFor(testInfo, 'LU', 'IU');
  const name = `Liisa Laaksonen (${testInfo.project.name})`;
  await signIn(page, 'Aino');
  await open(page, `/areas/${code}`);
  // The service worker keeps the page once it has taken it.
  await controlled(page);
  await page.reload();
  await hydrated(page);
  await context.setOffline(true);
  await expect(page.getByTestId('offline-banner')).toBeVisible();

  const contacts = page.locator('#contacts-form');
  await page.locator('details:has(#contacts-form) > summary').click();
  await contacts.locator('input[name="name"]').fill(name);
  await contacts.locator('input[name="email"]').fill('liisa@example.fi');
  await contacts.locator('button[type="submit"]').click();
  await expect(contacts.getByTestId('form-queued')).toBeVisible();
  await expect(page.getByTestId('contact-person')).toContainText(name);

  const place = page.locator('li.place[data-place="premises"]');
  await place.locator('summary').click();
  await place.locator('select[name="status"]').selectOption('done');
  await place.locator('textarea[name="note"]').fill('Tilat sovittu offline');
  await place.locator('button[type="submit"]').click();
  await expect(place.getByTestId('form-queued')).toBeVisible();
  await expect(page.getByTestId('pending-note')).toHaveCount(2);

  // A bad edit is refused at once, even offline, and nothing is queued.
  await contacts.locator('input[name="email"]').fill('ei-sähköposti');
  await contacts.locator('button[type="submit"]').click();
  await expect(contacts.locator('.form-error')).toBeVisible();
  await expect(page.getByTestId('pending-note')).toHaveCount(2);

  // Still offline: the page comes from the device, with the edits.
  await page.reload();
  await hydrated(page);
  await expect(page.getByTestId('pending-note')).toHaveCount(2);
  await expect(page.getByTestId('contact-person')).toContainText(name);
  await expect(place.getByTestId('place-note')).toHaveText('Tilat sovittu offline');
  const stored = await (await page.request.get(`/api/v1/areas/${code}`)).json();
  expect(stored.contacts.person?.name ?? null).not.toBe(name);

  await context.setOffline(false);
  await expect(page.getByTestId('pending-note')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByTestId('contact-person')).toContainText(name);
  await expect(page.locator('section[aria-labelledby="contacts-title"] .stamp')).toContainText('Aino');
  const area = await (await page.request.get(`/api/v1/areas/${code}`)).json();
  expect(area.contacts.person.name).toBe(name);
  expect(area.contacts.person.email).toBe('liisa@example.fi');
  expect(area.places.premises.status).toBe('done');
  expect(area.places.premises.note).toBe('Tilat sovittu offline');

  // Without a reload between, the form itself says when its edit got through.
  await context.setOffline(true);
  await place.locator('summary').click();
  await place.locator('textarea[name="note"]').fill('Tilat sovittu, avaimet haettu');
  await place.locator('button[type="submit"]').click();
  await expect(place.getByTestId('form-queued')).toBeVisible();
  await context.setOffline(false);
  await expect(place.getByTestId('form-sent')).toBeVisible({ timeout: 20_000 });
  await expect(place.getByTestId('pending-note')).toHaveCount(0);
});
