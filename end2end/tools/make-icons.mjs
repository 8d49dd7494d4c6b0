// Draws the app icons (PNG) from the same shape as public/favicon.svg, in
// Debian chromium: `cd end2end && node tools/make-icons.mjs`. The PNGs are
// committed; rerun only when the design changes.
import { chromium } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'public', 'icons');
const shape = '<path d="M11 26l2-9-3-4 4-8 6 1 2 6-2 5 3 6-5 3z" fill="#fff"/>';
// "any": rounded tile; "maskable": full bleed with the shape inside the
// central safe zone (80 %).
const svg = (maskable) => maskable
  ? `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="#0b4f8a"/><g transform="translate(6.4 6.4) scale(0.6)">${shape}</g></svg>`
  : `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0b4f8a"/>${shape}</svg>`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
for (const [name, size, maskable] of [
  ['icon-192.png', 192, false], ['icon-512.png', 512, false],
  ['maskable-512.png', 512, true], ['apple-touch-icon.png', 180, true],
]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg(maskable).replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
  await page.screenshot({ path: path.join(out, name), omitBackground: true });
  await page.close();
}
await browser.close();
