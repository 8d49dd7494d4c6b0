import { test, expect } from '@playwright/test';
import { open } from './helpers';

test('the app is installable: manifest, icons and a service worker with this build\'s asset list', async ({ page, request }) => {
  await open(page, '/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifest = await (await request.get(href!)).json();
  expect(manifest.start_url).toBe('/');
  expect(manifest.display).toBe('standalone');
  const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
  expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
  for (const icon of manifest.icons) {
    const res = await request.get(icon.src);
    expect(res.ok(), icon.src).toBeTruthy();
    expect(res.headers()['content-type']).toContain(icon.type);
  }
  const sw = await request.get('/sw.js');
  expect(sw.headers()['cache-control']).toBe('no-cache');
  const script = await sw.text();
  const build = /const BUILD = '([0-9a-f]{16})'/.exec(script);
  expect(build).not.toBeNull();
  const list = JSON.parse(/const PRECACHE = (\[.*\]);/.exec(script)![1]);
  expect(list).toEqual(expect.arrayContaining(['/', '/tour', '/roadmap']));
  // The page's own assets, by their content-hashed names, are in the list.
  const assets = await page.evaluate(() => [
    ...Array.from(document.querySelectorAll('link[rel="stylesheet"], link[rel="modulepreload"], link[rel="preload"]'))
      .map((l) => new URL((l as HTMLLinkElement).href).pathname),
  ]);
  const pkg = assets.filter((a) => a.startsWith('/pkg/'));
  expect(pkg.some((a) => /^\/pkg\/ngo-workspace\.[\w-]{16,}\.wasm$/.test(a)), pkg.join(' ')).toBeTruthy();
  expect(pkg.some((a) => /^\/pkg\/ngo-workspace\.[\w-]{16,}\.css$/.test(a)), pkg.join(' ')).toBeTruthy();
  expect(list).toEqual(expect.arrayContaining(pkg));
  // Hashed names are kept by the browser for good.
  const wasm = pkg.find((a) => a.endsWith('.wasm'))!;
  expect((await request.get(wasm)).headers()['cache-control']).toContain('immutable');
  // Every listed asset exists.
  for (const url of list) expect((await request.get(url)).ok(), url).toBeTruthy();
  // The worker takes the page and fills this build's cache.
  await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state)).toBe('activated');
  await expect.poll(() => page.evaluate(() => caches.keys())).toContain(`ngo-workspace-${build![1]}`);
});

test('offline, every page says so, and precached pages open without having been visited', async ({ page, context }) => {
  await open(page, '/surveys');
  await expect(page.getByTestId('offline-banner')).toBeHidden();
  // Offline navigation is served only by an *active* worker: wait until the
  // worker has finished installing (every precached URL fetched) and has
  // taken this page, not merely until the first pages are in its cache.
  await expect.poll(() => page.evaluate(async () => {
    if (!navigator.serviceWorker.controller) return 'no controller';
    const keys = await caches.keys();
    if (!keys.length) return 'no cache';
    const cache = await caches.open(keys[0]);
    const wasm = Array.from(document.querySelectorAll('link[rel="preload"], link[rel="modulepreload"]'))
      .map((l) => new URL((l as HTMLLinkElement).href).pathname)
      .filter((p) => p.startsWith('/pkg/'));
    for (const url of ['/tour', ...wasm]) {
      if (!(await cache.match(url))) return `missing ${url}`;
    }
    return 'ready';
  }), { timeout: 30_000 }).toBe('ready');
  await context.setOffline(true);
  await expect(page.getByTestId('offline-banner')).toBeVisible();
  // /tour was never opened in this browser, but the worker fetched it.
  await page.goto('/tour');
  await expect(page.locator('li.visit-row')).toHaveCount(22);
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1, { timeout: 30_000 });
  await expect(page.getByTestId('offline-banner')).toBeVisible();
  await context.setOffline(false);
  await expect(page.getByTestId('offline-banner')).toBeHidden();
});
