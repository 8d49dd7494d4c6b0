// Service worker. The server serves this file at /sw.js with two constants
// put in front of it (see server/src/offline.rs):
//   BUILD    – a hash of this build's assets; every build gets its own cache
//   PRECACHE – the build's asset list (wasm, JS, CSS, icons, manifest) and
//              the pages worth having offline before they are visited
// A new build changes the script, so the browser installs it; the new
// worker fills its own cache and deletes the old ones, so a cached page and
// the wasm that hydrates it always come from the same build.
//
// Requests go to the network first (an online user always gets the newest
// page and assets together) and fall back to the cache; what was fetched is
// kept. The roadmap's and the tour's unsent edits wait in localStorage, not
// here. The sync socket, writes (POST) and other origins are never cached.
const CACHE = `ngo-workspace-${BUILD}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      // One failing URL must not leave the worker uninstalled.
      .then((cache) => Promise.allSettled(PRECACHE.map((url) => cache.add(url))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname === '/api/v1/sync') return;
  // The language switcher's redirect sets a cookie: always the network.
  if (url.pathname.startsWith('/lang/')) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(async () => {
        const cache = await caches.open(CACHE);
        const hit = await cache.match(request, { ignoreVary: true });
        return hit || new Response('Ei verkkoyhteyttä, eikä sivua ole vielä tallessa tällä laitteella.\n' +
          'Ingen nätanslutning, och sidan finns inte sparad på den här enheten än.\n' +
          'No network connection, and this page is not stored on this device yet.', {
          status: 503,
          headers: { 'Content-Type': 'text/plain; charset=utf-8' },
        });
      }),
  );
});
