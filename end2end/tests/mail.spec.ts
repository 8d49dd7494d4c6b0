import { Browser, expect, Page, test, TestInfo } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';
import { MAIL_DIR } from './accounts';
import { expectAccessible, open, signIn } from './helpers';

/** A message the test mail server took (tools/smtp-sink/sink.py). */
type Mail = { envelope_to: string[]; headers: Record<string, string>; body: string };

const mailDir = path.join(__dirname, '..', '..', MAIL_DIR);

/** Every message to `to` so far, oldest first. */
function mailsTo(to: string): Mail[] {
  if (!fs.existsSync(mailDir)) return [];
  return fs
    .readdirSync(mailDir)
    .filter((n) => n.endsWith('.json') && !n.startsWith('.'))
    .sort()
    .map((n) => JSON.parse(fs.readFileSync(path.join(mailDir, n), 'utf8')) as Mail)
    .filter((m) => m.envelope_to.includes(to));
}

/** Waits for the `n`th message to `to` and returns it. */
async function nthMailTo(to: string, n: number): Promise<Mail> {
  await expect.poll(() => mailsTo(to).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(n);
  return mailsTo(to)[n - 1];
}

/** The path of the first link in `body` under `prefix` (e.g. `/reset/`). */
function linkPath(body: string, prefix: string): string {
  const m = body.match(new RegExp(`https?://[^/\\s]+(${prefix}[0-9a-f]+)`));
  expect(m, body).not.toBeNull();
  return m![1];
}

async function newPage(browser: Browser, testInfo: TestInfo): Promise<Page> {
  const { viewport, isMobile, hasTouch, deviceScaleFactor, baseURL } = testInfo.project.use;
  const context = await browser.newContext({ baseURL, viewport, isMobile, hasTouch, deviceScaleFactor });
  return context.newPage();
}

test('an invitation and a password reset come by mail, and mail choices are kept', async ({ page, browser }, testInfo) => {
  const email = `posti-${testInfo.project.name}-${Date.now()}@e2e.test`;
  const password = 'ensimmäinen-salasana';
  const newPassword = 'toinen-salasana-99';

  // An admin invites in Swedish; the invitation is mailed.
  await signIn(page, 'Aino');
  await open(page, '/admin');
  await page.locator('#invite-email').fill(email);
  await page.locator('#invite-role').selectOption('viewer');
  await page.locator('#invite-lang').selectOption('sv');
  await page.locator('#invite-create-form button[type="submit"]').click();
  await expect(page.getByTestId('invite-sent')).toContainText(email);
  const invitation = await nthMailTo(email, 1);
  expect(invitation.headers['subject']).toMatch(/^Inbjudan/);
  const inviteLink = linkPath(invitation.body, '/invite/');
  await expect(page.getByTestId('invite-link')).toHaveValue(new RegExp(`${inviteLink}$`));

  // The invitee takes it from the mail.
  const invitee = await newPage(browser, testInfo);
  await open(invitee, inviteLink);
  await invitee.locator('#inv-name').fill('Posti Testaaja');
  await invitee.locator('#inv-password').fill(password);
  await invitee.locator('#inv-repeat').fill(password);
  await invitee.locator('#invite-form button[type="submit"]').click();
  await expect(invitee.getByTestId('user-menu')).toContainText('Posti Testaaja', { timeout: 15_000 });

  const signedIn = async () =>
    (await (await invitee.request.get('/account')).text()).includes('Posti Testaaja');
  expect(await signedIn()).toBe(true);

  // Later, signed out elsewhere, they have forgotten the password.
  const forgetful = await newPage(browser, testInfo);
  await open(forgetful, '/sign-in');
  await forgetful.getByTestId('forgot-link').click();
  await expect(forgetful).toHaveURL(/\/forgot-password$/);
  await expect(forgetful.locator('body[data-hydrated="true"]')).toHaveCount(1, { timeout: 30_000 });
  await forgetful.locator('#forgot-email').fill(email);
  await forgetful.locator('#forgot-form button[type="submit"]').click();
  await expect(forgetful.getByTestId('form-ok')).toBeVisible();
  await expectAccessible(forgetful);
  const reset = await nthMailTo(email, 2);
  const resetLink = linkPath(reset.body, '/reset/');
  await open(forgetful, resetLink);
  await forgetful.locator('#reset-password').fill(newPassword);
  await forgetful.locator('#reset-repeat').fill(newPassword);
  await expectAccessible(forgetful);
  await forgetful.locator('#reset-form button[type="submit"]').click();
  await expect(forgetful).toHaveURL(/\/account$/, { timeout: 15_000 });
  await expect(forgetful.getByTestId('user-menu')).toContainText('Posti Testaaja');
  // The reset ended the invitee's other session.
  // (Its open page may reload itself as its live connection is closed,
  // so ask with the same cookies instead of reloading it.)
  await expect.poll(signedIn).toBe(false);
  // The link worked once.
  await open(forgetful, resetLink);
  await expect(forgetful.getByTestId('reset-invalid')).toBeVisible();

  // Mail choices on /account: no mention mails, a weekly digest.
  await open(forgetful, '/account');
  await expect(forgetful.locator('#mail-mentions')).toBeChecked();
  await expect(forgetful.locator('#digest-off')).toBeChecked();
  await forgetful.locator('#mail-mentions').uncheck();
  await forgetful.locator('#digest-weekly').check();
  await forgetful.locator('#mail-prefs-form button[type="submit"]').click();
  await expect(forgetful.locator('#mail-prefs-form').getByTestId('form-ok')).toBeVisible();
  await expectAccessible(forgetful);
  await open(forgetful, '/account');
  await expect(forgetful.locator('#mail-mentions')).not.toBeChecked();
  await expect(forgetful.locator('#digest-weekly')).toBeChecked();
  // Nothing else was mailed to them.
  expect(mailsTo(email)).toHaveLength(2);
});
