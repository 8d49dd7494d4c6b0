// Service worker: network first, the cache as a fallback. Every page and
// asset fetched once (the app shell, the wasm, the roadmap) stays usable
// without a network; the roadmap's unsent edits wait in localStorage and
// go out when the connection returns. The sync socket and writes (POST)
// are never cached.
const CACHE = 'ngo-workspace-v1';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

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
        const hit = await caches.match(request, { ignoreVary: true });
        return hit || new Response('Ei verkkoyhteyttä, eikä sivua ole vielä tallessa tällä laitteella.\n' +
          'Ingen nätanslutning, och sidan finns inte sparad på den här enheten än.\n' +
          'No network connection, and this page is not stored on this device yet.', {
          status: 503,
          headers: { 'Content-Type': 'text/plain; charset=utf-8' },
        });
      }),
  );
});
