// Service worker: keeps the app's shell and its texts available so it opens fast and offline, and
// sends the presses the outbox keeps (outbox.js) when the phone is online again, also when the app
// is closed (Background Sync, where the browser has it). It never caches /api or the session:
// alarms and sessions always come fresh from the service.
'use strict';
importScripts('/outbox.js');

const CACHE = 'shell-v3';
const SHELL = ['/', '/app.js', '/pages.js', '/outbox.js', '/app.css', '/icons/icon.svg', '/icons/icon-192.png', '/icons/icon-512.png',
  '/app/messages/en', '/app/messages/nl', '/app/messages/es'];
/** A sync event may run this long before it gives up; the browser fires it again later. */
const BACKGROUND_ROUND_MS = 150000;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  const cached = !url.pathname.startsWith('/api/') && !url.pathname.startsWith('/q/')
      && (!url.pathname.startsWith('/app/') || url.pathname.startsWith('/app/messages/'));
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || !cached) {
    return;
  }
  // Network first, so an update reaches her at once; the cache only when offline.
  event.respondWith(fetch(event.request)
    .then((response) => {
      if (response.ok) {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(event.request, copy));
      }
      return response;
    })
    .catch(() => caches.match(event.request)));
});

self.addEventListener('sync', (event) => {
  if (event.tag === Outbox.SYNC_TAG) {
    event.waitUntil(sendInBackground());
  }
});

/**
 * Sends what the outbox keeps, with its waits, until nothing is left or she must sign in again
 * (then the app sends it after the sign-in). Still pending at the end of the round: the sync
 * event fails, so the browser fires it again later.
 */
async function sendInBackground() {
  const until = Date.now() + BACKGROUND_ROUND_MS;
  for (;;) {
    const result = await Outbox.flush(false);
    if (result.received.length) {
      const pages = await self.clients.matchAll({ type: 'window' });
      pages.forEach((page) => page.postMessage({ type: 'outbox-received', received: result.received }));
    }
    if (result.pending.length === 0 || await Outbox.signedOut()) return;
    if (Date.now() + result.nextInMs > until) throw new Error('still pending');
    await new Promise((resolve) => setTimeout(resolve, result.nextInMs));
  }
}
