// The outbox: every press that has no 202 from the central yet is kept on the phone (IndexedDB)
// and sent from here, by the page (app.js) and by the service worker (sw.js), which both load this
// file so that they keep and send a press the same way. A press is written before its first
// request and removed only when a 202 for its clientRef arrives; every retry carries the same
// clientRef, from which the central derives the alarm id, so a repeat is harmless. A Web Lock
// keeps the page and the service worker from sending at the same moment.
// Runs in a window and in a service worker: no DOM here.
'use strict';

// eslint-disable-next-line no-unused-vars
const Outbox = (() => {
  const DB_NAME = 'outbox';
  const PRESSES = 'presses';
  const META = 'meta';
  const LOCK = 'outbox-send';
  /** The Background Sync tag the page registers and the service worker answers. */
  const SYNC_TAG = 'outbox';
  /** Waits between attempts, by attempt number: about a second at first, then a few seconds. */
  const BACKOFF_MS = [1000, 1000, 1000, 2000, 2000, 3000, 3000, 5000];
  /** The longest wait a 503's Retry-After may ask for: an alarm does not wait longer between tries. */
  const MAX_RETRY_AFTER_MS = 30000;
  /** A press the central refused (a 4xx it should never answer) is tried again this slowly. */
  const REFUSED_RETRY_MS = 60000;
  /** Without a session nothing can succeed: tried again this slowly until she signs in. */
  const SIGNED_OUT_RETRY_MS = 30000;
  /** A request that has no answer after this long is abandoned and tried again (same clientRef). */
  const REQUEST_TIMEOUT_MS = 15000;

  let database = null; // a promise of the IDBDatabase
  let memory = null; // where presses live when IndexedDB cannot be used: this context only
  let csrfToken = null; // the last CSRF token this context knows

  // ---- storage ------------------------------------------------------------------------------

  function open() {
    if (!database) {
      database = new Promise((resolve, reject) => {
        const request = indexedDB.open(DB_NAME, 1);
        request.onupgradeneeded = () => {
          request.result.createObjectStore(PRESSES, { keyPath: 'clientRef' });
          request.result.createObjectStore(META, { keyPath: 'key' });
        };
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
        request.onblocked = () => reject(new Error('blocked'));
      });
    }
    return database;
  }

  /** Where a press or a setting lives when IndexedDB cannot take it: this context's memory only. */
  function fallback() {
    memory = memory || { presses: new Map(), meta: new Map() };
    return memory;
  }

  /**
   * Runs one request on a store and answers its result once the transaction has committed, or
   * undefined without IndexedDB (the caller then uses fallback()).
   */
  async function run(store, mode, work) {
    let db;
    try {
      db = await open();
    } catch (e) {
      fallback();
      return undefined;
    }
    return new Promise((resolve, reject) => {
      const transaction = db.transaction(store, mode);
      const request = work(transaction.objectStore(store));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error || new Error('aborted'));
    });
  }

  async function put(press) {
    if (memory && memory.presses.has(press.clientRef)) {
      memory.presses.set(press.clientRef, press);
      return;
    }
    try {
      if (await run(PRESSES, 'readwrite', (s) => s.put(press)) !== undefined) return;
    } catch (e) {
      // Storage full or refused: kept in memory below, so this page still sends it.
    }
    fallback().presses.set(press.clientRef, press);
  }

  /** Every press not yet received, oldest first. */
  async function pending() {
    let stored = [];
    try {
      stored = (await run(PRESSES, 'readonly', (s) => s.getAll())) || [];
    } catch (e) {
      // Unreadable now: what this context keeps in memory is still sent.
    }
    const all = memory ? [...stored, ...memory.presses.values()] : stored;
    return all.sort((a, b) => a.pressedAt.localeCompare(b.pressedAt));
  }

  async function remove(clientRef) {
    if (memory) memory.presses.delete(clientRef);
    await run(PRESSES, 'readwrite', (s) => s.delete(clientRef));
  }

  async function getMeta(key) {
    if (memory && memory.meta.has(key)) return memory.meta.get(key);
    try {
      const row = await run(META, 'readonly', (s) => s.get(key));
      return row ? row.value : undefined;
    } catch (e) {
      return undefined;
    }
  }

  async function setMeta(key, value) {
    try {
      if (await run(META, 'readwrite', (s) => s.put({ key, value })) !== undefined) return;
    } catch (e) {
      // kept in memory below
    }
    fallback().meta.set(key, value);
  }

  // ---- the session ----------------------------------------------------------------------------

  /**
   * Remembers what the page learned from GET /app/session: the CSRF token the service worker needs
   * too, and whether she is signed in (a press waits for a sign-in when she is not).
   */
  async function saveSession(signedIn, token) {
    if (token) {
      csrfToken = token;
      await setMeta('csrf', token);
    }
    await setMeta('signedOut', !signedIn);
  }

  /**
   * Takes up the session of an earlier page load when the service cannot be asked (offline):
   * answers whether there was one (a CSRF token is kept and no answer since said it ended).
   */
  async function restoreSession() {
    const token = await getMeta('csrf');
    if (token) csrfToken = token;
    return Boolean(token) && !(await signedOut());
  }

  /** Whether the last answer said her session has ended (until a new sign-in). */
  async function signedOut() {
    return (await getMeta('signedOut')) === true;
  }

  /** The CSRF token, as this context knows it (the page's other requests use it too). */
  function csrf() {
    return csrfToken;
  }

  /** Asks the service for the session again: a fresh CSRF token, or that the session has ended. */
  async function refreshSession() {
    const response = await fetch('/app/session', {
      credentials: 'same-origin', headers: { Accept: 'application/json', 'X-Requested-With': 'JavaScript' },
    });
    if (!response.ok) throw new Error(`session ${response.status}`); // the service is not there: no answer about her
    const session = await response.json();
    await saveSession(session.authenticated === true, session.csrfToken);
    return session.authenticated === true;
  }

  // ---- sending --------------------------------------------------------------------------------

  function backoff(attempts) {
    return BACKOFF_MS[Math.min(attempts, BACKOFF_MS.length) - 1] || BACKOFF_MS[0];
  }

  /** A Retry-After header (seconds or an HTTP date) in milliseconds, at most MAX_RETRY_AFTER_MS. */
  function retryAfter(headers) {
    const value = headers && headers.get('Retry-After');
    if (!value) return 0;
    const seconds = Number(value);
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
    return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS) : 0;
  }

  async function post(press) {
    const body = { kind: press.kind, clientRef: press.clientRef };
    if (press.location) body.location = press.location;
    const headers = { 'X-Requested-With': 'JavaScript', Accept: 'application/json', 'Content-Type': 'application/json' };
    if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), REQUEST_TIMEOUT_MS);
    try {
      // A session that needs a new login answers 499 to a script (or redirects): never follow a
      // redirect to the login page with a press.
      return await fetch('/api/alarms', {
        method: 'POST', headers, body: JSON.stringify(body), credentials: 'same-origin', redirect: 'manual',
        cache: 'no-store', signal: abort.signal,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * One attempt for one press. Answers what happened: {outcome: 'received', acceptedAt} after a
   * 202, else the press is kept with its outcome ('offline', 'server', 'signed-out', 'refused'),
   * the answer's status and the earliest time of the next attempt.
   */
  async function attempt(press) {
    const stored = await getMeta('csrf');
    if (stored) csrfToken = stored;
    let response = null;
    let outcome;
    let wait;
    let refreshed = false;
    try {
      response = await post(press);
      if (response.status === 403) {
        // Most likely a CSRF token of an earlier session: ask for the current one, then again.
        refreshed = await refreshSession();
        if (refreshed) response = await post(press);
      }
    } catch (e) {
      response = null; // no connection (also while asking for the session)
    }
    const attempts = (press.attempts || 0) + 1;
    const status = response ? response.status : 0;
    if (status === 202) {
      let receipt = {};
      try { receipt = await response.json(); } catch (e) { /* the 202 is what counts */ }
      await remove(press.clientRef);
      await setMeta('signedOut', false);
      return { ...press, attempts, outcome: 'received', acceptedAt: receipt.acceptedAt || new Date().toISOString() };
    }
    if (!response) {
      outcome = 'offline';
      wait = backoff(attempts);
    } else if (status === 401 || (status === 403 && !refreshed) || status === 499 || response.type === 'opaqueredirect') {
      outcome = 'signed-out';
      wait = SIGNED_OUT_RETRY_MS;
      await setMeta('signedOut', true);
    } else if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
      outcome = 'refused'; // the press itself is wrong (should not happen): kept, shown, not hammered
      wait = REFUSED_RETRY_MS;
    } else {
      outcome = 'server';
      wait = Math.max(backoff(attempts), retryAfter(response.headers));
    }
    const kept = {
      ...press, attempts, outcome, status, lastAttemptAt: new Date().toISOString(), notBefore: Date.now() + wait,
      serverAsked: outcome === 'server' && retryAfter(response.headers) > 0,
    };
    if ((await pending()).some((p) => p.clientRef === press.clientRef)) await put(kept);
    return kept;
  }

  /** Runs work under the send lock if it is free; answers null when another context holds it. */
  async function locked(work) {
    if (typeof navigator !== 'undefined' && navigator.locks) {
      return navigator.locks.request(LOCK, { ifAvailable: true }, (lock) => (lock ? work() : null));
    }
    return work();
  }

  /** Whether a press may be sent now: its wait is over, or it is forced and the central did not ask for the wait. */
  function due(press, force) {
    return !press.notBefore || press.notBefore <= Date.now() || (force && !press.serverAsked);
  }

  /**
   * Sends every pending press that is due; when forced (back online, the app opened, "Try again")
   * also those still waiting, except for the time a Retry-After asked for. Answers {received,
   * pending, nextInMs}: the presses the central now has, those still kept, and when to call again.
   * When the page and the service worker call at the same moment, one of them gets {busy: true}
   * and calls again a second later.
   */
  async function flush(force) {
    const result = await locked(async () => {
      const received = [];
      for (const press of await pending()) {
        if (!due(press, force)) continue;
        const after = await attempt(press);
        if (after.outcome === 'received') received.push(after);
      }
      return { received };
    });
    const left = await pending();
    const waits = left.map((p) => (p.notBefore || 0) - Date.now());
    const nextInMs = left.length ? Math.max(250, Math.min(...waits)) : 0;
    return { received: result ? result.received : [], pending: left, nextInMs: result ? nextInMs : 1000, busy: !result };
  }

  /**
   * Keeps a new press before its first request: its clientRef (the one of its countdown), kind,
   * whether it is silent, the phone's position if any, and when it was pressed. Answers the press.
   */
  async function add(clientRef, kind, silent, location) {
    const press = { clientRef, kind, silent, pressedAt: new Date().toISOString(), attempts: 0 };
    if (location) press.location = location;
    await put(press);
    return press;
  }

  function newClientRef() {
    if (crypto.randomUUID) return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  return { SYNC_TAG, newClientRef, add, pending, flush, saveSession, restoreSession, signedOut, csrf };
})();
