import { Browser, expect, Page, test, TestInfo } from '@playwright/test';
import { expectAccessible, hydrated, open, signIn } from './helpers';

async function newContext(browser: Browser, testInfo: TestInfo) {
  const { viewport, isMobile, hasTouch, deviceScaleFactor } = testInfo.project.use;
  return browser.newContext({ baseURL: testInfo.project.use.baseURL, viewport, isMobile, hasTouch, deviceScaleFactor });
}

/** Admin Aino invites `email` as `role`; returns the one-time link. */
async function invite(page: Page, email: string, role: 'viewer' | 'editor') {
  await open(page, '/admin');
  await page.locator('#invite-email').fill(email);
  await page.locator('#invite-role').selectOption(role);
  await page.locator('#invite-create-form button[type="submit"]').click();
  const link = page.getByTestId('invite-link');
  await expect(link).toHaveValue(/\/invite\/[0-9a-f]{64}$/);
  return (await link.inputValue())!;
}

/** Takes the invitation in `page` with `name`. */
async function accept(page: Page, link: string, name: string, password: string) {
  await page.goto(link);
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1, { timeout: 30_000 });
  await page.locator('#inv-name').fill(name);
  await page.locator('#inv-password').fill(password);
  await page.locator('#inv-repeat').fill(password);
  await page.locator('#invite-form button[type="submit"]').click();
  await expect(page.getByTestId('user-menu')).toContainText(name, { timeout: 15_000 });
}

test('without an account everything reads, nothing edits', async ({ page }) => {
  await open(page, '/areas/PI');
  await expect(page.locator('details.edit').first()).toBeHidden();
  await expect(page.locator('.edit-denied').first()).toContainText('Kirjaudu sisään');
  await open(page, '/roadmap');
  await expect(page.locator('li[data-item="a-tour"]')).toBeVisible();
  await expect(page.locator('.add-button').first()).toBeHidden();
  await open(page, '/tour/PI');
  await expect(page.getByTestId('visit-date')).toHaveText('9.2.2023');
  await expect(page.locator('#visit-notes')).toHaveCount(0);
  await expect(page.locator('.edit-denied').first()).toContainText('Kirjaudu sisään');
  await open(page, '/admin');
  await expect(page.locator('[role="alert"]')).toContainText('vain ylläpitäjille');
  // A wrong password is refused with a message.
  await open(page, '/sign-in');
  await page.locator('#sign-in-email').fill('aino@e2e.test');
  await page.locator('#sign-in-password').fill('väärä salasana!');
  await page.locator('#sign-in-form button[type="submit"]').click();
  await expect(page.getByTestId('form-error')).toContainText('väärin');
  await expectAccessible(page);
});

test('an admin invites; a viewer reads only; deactivation ends the session at once', async ({ page, browser }, testInfo) => {
  const suffix = `${testInfo.project.name}-${Date.now()}`;
  await signIn(page, 'Aino');
  const link = await invite(page, `lukija-${suffix}@e2e.test`, 'viewer');
  await expectAccessible(page);

  const other = await newContext(browser, testInfo);
  const reader = await other.newPage();
  await accept(reader, link, `Lukija ${testInfo.project.name}`, 'lukijan-salasana-1');
  // The link works once.
  const again = await other.newPage();
  await again.goto(link);
  await expect(again.getByTestId('invitation-invalid')).toBeVisible();
  await again.close();
  // A viewer sees no edit controls.
  await open(reader, '/areas/PI');
  await expect(reader.locator('.edit-denied').first()).toContainText('voi lukea mutta ei muokata');
  await open(reader, '/roadmap');
  await expect(reader.getByTestId('sync-status')).toHaveAttribute('data-status', 'online');
  await expect(reader.locator('.add-button').first()).toBeHidden();

  // Aino makes the viewer an editor: the forms appear after a reload.
  await open(page, '/admin');
  const row = page.locator(`tr[data-account="lukija-${suffix}@e2e.test"]`);
  await row.locator('select[name="role"]').selectOption('editor');
  await row.locator('form:has(select[name="role"]) button[type="submit"]').click();
  await expect(row.locator('select[name="role"]')).toHaveValue('editor');
  // Once the server has stored it, a reload shows the controls.
  await expect(async () => {
    await reader.reload();
    await hydrated(reader);
    await expect(reader.locator('.add-button').first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });

  // Deactivated: the open roadmap loses its session at once and shows the
  // signed-out page.
  await row.getByRole('button', { name: 'Poista käytöstä' }).click();
  await expect(row).toContainText('Poistettu käytöstä');
  await expect(reader.getByTestId('user-menu')).toContainText('Kirjaudu sisään', { timeout: 10_000 });
  await expect(reader.locator('.add-button').first()).toBeHidden();
  // The audit log shows what happened.
  await open(page, '/admin');
  await expect(page.getByTestId('audit-log')).toContainText('Poisti tilin käytöstä');
  await expect(page.getByTestId('audit-log')).toContainText('Otti kutsun vastaan');
  await other.close();
});

test('a member changes their password: a differing repeat is refused, then only the new one signs in', async ({ page, browser }, testInfo) => {
  const suffix = `${testInfo.project.name}-${Date.now()}`;
  const email = `vaihtaja-${suffix}@e2e.test`;
  const name = `Vaihtaja ${testInfo.project.name}`;
  await signIn(page, 'Aino');
  const link = await invite(page, email, 'viewer');
  const other = await newContext(browser, testInfo);
  const member = await other.newPage();
  await accept(member, link, name, 'vanha-salasana-1');

  await open(member, '/account');
  // The rule is stated where it is typed, and announced with the field.
  await expect(member.locator('#pw-password')).toHaveAttribute('aria-describedby', 'pw-hint');
  await expect(member.locator('#pw-hint')).toContainText('12');
  await expectAccessible(member);
  await member.locator('#pw-current').fill('vanha-salasana-1');
  await member.locator('#pw-password').fill('uusi-salasana-22');
  await member.locator('#pw-repeat').fill('uusi-salasana-23');
  await member.locator('#password-form button[type="submit"]').click();
  await expect(member.getByTestId('form-error')).toHaveText('Salasanat eivät ole samat.');
  await member.locator('#pw-repeat').fill('uusi-salasana-22');
  await member.locator('#password-form button[type="submit"]').click();
  await expect(member.locator('#password-form .form-ok')).toBeVisible();
  await expect(member.getByTestId('form-error')).toHaveCount(0);
  await other.close();

  // Another browser: the old password is refused, the new one signs in.
  const fresh = await newContext(browser, testInfo);
  const again = await fresh.newPage();
  await open(again, '/sign-in');
  await again.locator('#sign-in-email').fill(email);
  await again.locator('#sign-in-password').fill('vanha-salasana-1');
  await again.locator('#sign-in-form button[type="submit"]').click();
  await expect(again.getByTestId('form-error')).toContainText('väärin');
  await signIn(again, name, email, 'uusi-salasana-22');
  await fresh.close();
});

test('an XSS payload in every text field shows as text and runs nothing', async ({ page, browser }, testInfo) => {
  const payload = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>"'${testInfo.project.name}`;
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    d.dismiss();
  });
  // The name of an account, through an invitation.
  await signIn(page, 'Aino');
  const link = await invite(page, `xss-${testInfo.project.name}-${Date.now()}@e2e.test`, 'editor');
  const other = await newContext(browser, testInfo);
  const guest = await other.newPage();
  await accept(guest, link, payload.slice(0, 80), 'xss-salasana-123');
  await other.close();

  // Area texts: contact person, role, network organisation, a place note,
  // tour notes.
  const code = testInfo.project.name === 'phone' ? 'LA' : 'EK';
  await open(page, `/areas/${code}`);
  const contacts = page.locator('section[aria-labelledby="contacts-title"]');
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-status', 'online');
  await contacts.locator('summary').click();
  for (const name of ['contact_name', 'contact_role', 'network_org']) {
    await page.locator(`#${name}`).fill(payload.slice(0, 100));
    await page.locator(`#${name}`).press('Tab');
  }
  const place = page.locator('li.place[data-place="grants"]');
  await place.locator('summary').click();
  await page.locator('#grants_note').fill(payload);
  await page.locator('#grants_note').press('Tab');
  await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', '0');
  // Tour notes and the visit's place, on the live event view.
  await open(page, `/tour/${code}`);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-status', 'online');
  await page.locator('#visit-venue').fill(payload.slice(0, 150));
  await page.locator('#visit-venue').press('Tab');
  await page.locator('#visit-notes').fill(payload);
  await page.locator('#visit-notes').press('Tab');
  await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', '0');
  await open(page, `/areas/${code}`);
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1, { timeout: 30_000 });
  await expect(page.getByTestId('contact-person')).toContainText(payload.slice(0, 100));
  await expect(page.getByTestId('network-org')).toHaveText(payload.slice(0, 100));
  await expect(page.locator('li.place[data-place="grants"] [data-testid="place-note"]')).toHaveText(payload);
  await expect(page.getByTestId('tour-notes')).toHaveText(payload);
  await expect(page.getByTestId('tour-venue')).toHaveText(payload.slice(0, 150));

  // Roadmap texts: title, description, owner, responsible.
  await open(page, '/roadmap');
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-status', 'online');
  const goal = testInfo.project.name === 'phone' ? 'g-ict' : 'g-hyte';
  await page.locator(`section[data-goal="${goal}"] >> text=+ Lisää toimenpide`).click();
  const editor = page.getByTestId('item-editor');
  const id = (await editor.getAttribute('data-editing'))!;
  for (const field of ['title', 'owner', 'responsible']) {
    await editor.locator(`#edit-${field}`).fill(payload.slice(0, 150));
    await editor.locator(`#edit-${field}`).press('Tab');
  }
  await editor.locator('#edit-description').fill(payload);
  await editor.locator('#edit-description').press('Tab');
  await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', '0');
  await page.reload();
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1, { timeout: 30_000 });
  await expect(page.locator(`li[data-item="${id}"] .card-title`)).toHaveText(payload.slice(0, 150));
  await expect(page.locator(`li[data-item="${id}"] .card-meta`)).toContainText(payload.slice(0, 150));

  // The admin page lists the account by its (escaped) name; the audit log
  // shows the texts' authors.
  await open(page, '/admin');
  await expect(page.getByTestId('accounts')).toContainText(payload.slice(0, 80));

  // Nothing ran anywhere.
  expect(dialogs).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
});
