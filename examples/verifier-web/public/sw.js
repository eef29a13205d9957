/* global self, caches, fetch, Response */
// Keeps the verifier page working offline: each file of the page's own origin is answered from the
// network when it can be, and from the copy kept (at install, or last time) when it cannot. Nothing
// else is cached.
const CACHE = 'microcred-verifier-v1';

// At install, every file of the build (precache.json, written by vite.config.ts) is kept: the parts
// of the verifier that load on first use must be there offline too.
self.addEventListener('install', (event) => {
  event.waitUntil(
    fetch('precache.json')
      .then((response) => (response.ok ? response.json() : []))
      .then((files) => caches.open(CACHE).then((cache) => cache.addAll(['./', 'index.html', 'config.json', ...files])))
      .catch(() => undefined)
      .then(() => self.skipWaiting()),
  );
});
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request, copy)));
        }
        return response;
      })
      .catch(() => caches.match(request, { ignoreSearch: true }).then((kept) => kept ?? Response.error())),
  );
});
