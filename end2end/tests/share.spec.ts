import { expect, Page, test } from '@playwright/test';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { expectAccessible, open, signIn, clickInMenu } from './helpers';

// Taking the work out of the product: print / PDF, embeds on other sites,
// and the statement pages every page links to.

/** The text of a PDF, page by page joined, whitespace made single spaces. */
async function pdfText(pdf: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: true }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return pages.join(' ').replace(/\s+/g, ' ');
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The titles of the actions the roadmap's JSON gives for `query`. */
async function actionTitles(page: Page, query: string): Promise<string[]> {
  const body = await (await page.request.get(`/api/v1/roadmap?${query}`)).json();
  return body.actions.map((a: { title: string }) => squash(a.title));
}

test('the printed roadmap has every action of its view, its filters and date, and no controls', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'one PDF is enough');
  // Signed in as an editor: the page has the most controls to hide.
  await signIn(page, 'Aino');
  for (const query of ['theme=leadership', 'view=list&theme=administration', 'view=timeline&theme=leadership']) {
    await open(page, `/roadmap?${query}`);
    await expect(page.getByTestId('sync-status')).toHaveAttribute('data-status', 'online');
    const titles = await actionTitles(page, query.replace(/view=\w+&?/, ''));
    expect(titles.length).toBeGreaterThan(1);
    await page.emulateMedia({ media: 'print' });
    const text = await pdfText(await page.pdf({ format: 'A4', printBackground: true }));
    await page.emulateMedia({ media: 'screen' });
    for (const title of titles) expect(text, `${query}: ${title}`).toContain(title);
    expect(text).toMatch(/Tulostettu \d{1,2}\.\d{1,2}\.\d{4} osoitteesta http/);
    expect(text).toContain('Rajaukset: Teema:');
    // No navigation, buttons or forms on paper.
    for (const control of ['Kirjaudu', 'Rajaa', 'Tulosta tai tallenna PDF', 'Kumoa', 'Tee uudelleen', 'Lisää toimenpide', 'Muokkaa', 'Aikajanana', 'Poista rajaukset']) {
      expect(text, `${query}: "${control}"`).not.toContain(control);
    }
  }
  // The area page prints too, with its links' targets written out; its
  // button opens the browser's print dialog (where "Save as PDF" is).
  await open(page, '/areas/PI');
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => { (window as unknown as { printed: number }).printed += 1; };
  });
  await page.getByTestId('print').click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  await page.emulateMedia({ media: 'print' });
  const area = await pdfText(await page.pdf({ format: 'A4' }));
  expect(area).toContain('Pirkanmaa');
  expect(area).not.toContain('Kirjaudu ulos');
  expect(area).not.toContain('Tulosta tai tallenna PDF');
  expect(area).toMatch(/\(\/(surveys|tour|roadmap)[^)]*\)/);
});

test('the map embeds on another site with the code its button gives, and other pages refuse to be framed', async ({ page, browser }, testInfo) => {
  await open(page, '/?indicator=hyte');
  await page.getByText('Upota omalle sivustolle').click();
  const code = await page.getByTestId('embed-code').first().inputValue();
  const origin = new URL(page.url()).origin;
  expect(code).toContain(`src="${origin}/embed/map?indicator=hyte&lang=fi"`);

  // Another site (a second server, so another origin) with that code and
  // a frame of the map page itself.
  const html = `<!DOCTYPE html><html lang="fi"><title>Järjestö</title><h1>Järjestön sivu</h1>${code}<iframe id="whole" src="${origin}/" title="koko palvelu"></iframe></html>`;
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const sitePort = (server.address() as AddressInfo).port;
  const other = await browser.newContext({ viewport: testInfo.project.use.viewport });
  const site = await other.newPage();
  const blocked: string[] = [];
  site.on('console', (m) => blocked.push(m.text()));
  await site.goto(`http://127.0.0.1:${sitePort}/`);
  const embed = site.frameLocator('iframe[src*="/embed/map"]');
  await expect(embed.getByTestId('embed-map')).toBeVisible({ timeout: 20_000 });
  await expect(embed.locator('.finland-map')).toBeVisible();
  await expect(embed.locator('.legend')).toBeVisible();
  await expect(embed.locator('.site-header')).toHaveCount(0);
  // Its links open the full service in a new tab.
  await expect(embed.getByRole('link', { name: 'Avaa koko palvelussa' })).toHaveAttribute('target', '_blank');
  // The map page itself is refused inside the frame.
  await expect.poll(() => blocked.some((m) => m.includes('frame-ancestors')), { timeout: 15_000 }).toBe(true);
  await expect(site.frameLocator('#whole').locator('.site-header')).toHaveCount(0);
  expect((await other.cookies()).length).toBe(0);
  await other.close();
  server.close();

  // A survey question embeds the same way, and is accessible.
  await open(page, '/embed/surveys/aivoriihi-2022/sektori?lang=en');
  await expect(page.getByTestId('embed-survey')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // The chart's options are built by the server in the embed's language.
  const chart = page.locator('.chart[data-chart="sektori"]');
  await expect(chart.locator('svg path').first()).toBeVisible();
  await expect(chart).toHaveAttribute('aria-label', /^Chart: .+\. Largest share: /);
  await expectAccessible(page);
  await open(page, '/embed/map?indicator=hyte');
  await expectAccessible(page);
});

test('every page links to the accessibility statement and the privacy notice, in its language', async ({ page }) => {
  await open(page, '/tour');
  await page.locator('.site-footer').getByRole('link', { name: 'Saavutettavuusseloste' }).click();
  await expect(page).toHaveURL(/\/accessibility$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Saavutettavuusseloste');
  await expect(page.getByRole('heading', { name: 'Valvontaviranomainen' })).toBeVisible();
  await expectAccessible(page);
  await page.locator('.site-footer').getByRole('link', { name: 'Tietosuojaseloste' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tietosuojaseloste');
  await expect(page.getByRole('heading', { name: 'Evästeet' })).toBeVisible();
  await expectAccessible(page);
  await expect(page).toHaveURL(/\/privacy$/);
  await clickInMenu(page, 'Svenska');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dataskyddsbeskrivning');
});
