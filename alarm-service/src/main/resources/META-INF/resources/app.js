// The worker app: hold to raise an alarm, a countdown to cancel it with her PIN, safety timers
// (check-ins) and settings; her registration pages are in pages.js. It talks to alarm-service with its session cookie; it never sees a
// token (the service is its backend-for-frontend). Every text comes from /app/messages/<lang>.
// A press is kept and sent by the outbox (outbox.js, shared with the service worker) until the
// central has it; this page shows honestly whether it has arrived.
'use strict';

const LANGUAGES = ['en', 'nl', 'es'];
const HOLD_MS = 2000;
const COUNTDOWN_SECONDS = 10;

const $ = (id) => document.getElementById(id);
let messages = {};
let lang = 'en';
let flow = null; // the alarm in progress: {clientRef, kind, silent, remaining, timer, cancelling, done}
let position = null;
let session = 'unknown'; // 'signed-in', 'offline' (a session from before, not checked yet) or 'signed-out'
let appStarted = false;

function t(key, ...args) {
  let text = messages[key] ?? key;
  args.forEach((arg, i) => { text = text.replace(`{${i}}`, arg); });
  return text;
}

function say(text) {
  $('status').textContent = text;
}

function clock(iso) {
  return new Date(iso).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' });
}

/**
 * One call to alarm-service. A sensitive action (her registration's personal parts, new PINs,
 * more time on a check-in) answers step-up-required unless she proves it is her: then the PIN
 * dialog asks for her PIN and the call is made again with it (see askForPin).
 */
async function api(method, path, body) {
  const first = await call(method, path, body);
  if (!isProblem(first, 'step-up-required')) return first;
  return withPin(method, path, body, first);
}

async function call(method, path, body) {
  const headers = { 'X-Requested-With': 'JavaScript', Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (Outbox.csrf()) headers['X-CSRF-Token'] = Outbox.csrf();
  if (proof && Date.now() < proof.until) {
    headers['X-Alarm-Pin'] = proof.pin;
    headers['X-Proof-Id'] = proof.id;
  }
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
  });
  let data = null;
  try { data = await response.json(); } catch (e) { /* no body */ }
  return { status: response.status, ok: response.ok, data, headers: response.headers };
}

function isProblem(r, type) {
  return Boolean(r && r.data && typeof r.data.type === 'string' && r.data.type.endsWith(`:${type}`));
}

// ---- her PIN for sensitive actions -------------------------------------------------------------

// The PIN of her last unlock: only in this page's memory (never in storage, never in the outbox),
// for the few calls of the screen she is on, and forgotten after PROOF_MS or when the app is hidden.
const PROOF_MS = 2 * 60 * 1000;
let proof = null;
let pinPrompt = null;

function forgetProof() {
  proof = null;
}

/**
 * Asks for her PIN and makes the call again with it, until it is accepted or she closes the
 * dialog (then the first answer stands: nothing was done). A wrong or locked PIN asks again with
 * the reason; "Sign in again instead" leaves through /app/logout.
 */
async function withPin(method, path, body, first) {
  let problem = null;
  for (;;) {
    const pin = await askForPin(problem);
    if (pin === null) return first;
    if (pin !== undefined) proof = { pin, id: Outbox.newClientRef(), until: Date.now() + PROOF_MS };
    const r = await call(method, path, body);
    if (isProblem(r, 'pin-incorrect') || isProblem(r, 'pin-locked') || isProblem(r, 'step-up-required')) {
      forgetProof();
      problem = pinProblem(r);
      continue;
    }
    return r;
  }
}

/**
 * The dialog "Enter your PIN to continue". Calls that need it at the same time share one dialog.
 * Resolves to the PIN, to undefined when another call's dialog just set a proof, or to null
 * when she closed it.
 */
function askForPin(problem) {
  if (!problem && proof && Date.now() < proof.until) return Promise.resolve(undefined);
  if (pinPrompt) return pinPrompt.then((pin) => (pin === null ? null : undefined));
  const dialog = $('step-up');
  const form = $('step-up-form');
  const input = $('step-up-pin');
  $('step-up-problem').textContent = problem || '';
  input.value = '';
  pinPrompt = new Promise((resolve) => {
    const done = (pin) => {
      form.onsubmit = null;
      $('step-up-cancel').onclick = null;
      dialog.onclose = null;
      if (dialog.open) dialog.close();
      input.value = '';
      pinPrompt = null;
      resolve(pin);
    };
    form.onsubmit = (event) => {
      event.preventDefault();
      if (!/^[0-9]{4,6}$/.test(input.value)) {
        $('step-up-problem').textContent = t('stepUp.format');
        input.focus();
        return;
      }
      done(input.value);
    };
    $('step-up-cancel').onclick = () => done(null);
    dialog.onclose = () => done(null); // Escape
  });
  dialog.showModal();
  input.focus();
  return pinPrompt;
}

// ---- language and name -------------------------------------------------------------------

function chooseLanguage() {
  const saved = localStorage.getItem('lang');
  if (LANGUAGES.includes(saved)) return saved;
  for (const preferred of navigator.languages || [navigator.language || 'en']) {
    const base = preferred.slice(0, 2).toLowerCase();
    if (LANGUAGES.includes(base)) return base;
  }
  return 'en';
}

async function loadLanguage(choice) {
  try {
    const response = await fetch(`/app/messages/${choice}`);
    if (response.ok) messages = await response.json();
  } catch (e) {
    // Offline before the service worker kept the texts: the keys show, the app still works.
  }
  lang = choice;
  document.documentElement.lang = choice;
  document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  $('language').value = choice;
}

function applyName() {
  const name = localStorage.getItem('name') || messages['app.defaultName'] || 'Agenda';
  document.title = name;
  $('app-name').textContent = name;
  $('name').value = name;
  $('manifest').href = `/app/manifest.webmanifest?name=${encodeURIComponent(name)}`;
}

// ---- the alarm -----------------------------------------------------------------------------

let holdTimer = null;
let armed = false;

function startHold() {
  if (flow || holdTimer) return;
  armed = false;
  const button = $('hold');
  button.style.setProperty('--hold-ms', `${HOLD_MS}ms`);
  button.classList.add('holding');
  holdTimer = setTimeout(() => {
    armed = true;
    button.classList.add('armed');
    if (!$('silent').checked && navigator.vibrate) navigator.vibrate(60);
  }, HOLD_MS);
  locate();
}

function endHold() {
  clearTimeout(holdTimer);
  holdTimer = null;
  const button = $('hold');
  button.classList.remove('holding', 'armed');
  if (armed) {
    armed = false;
    startCountdown();
  }
}

function locate() {
  if (!navigator.geolocation) return;
  navigator.geolocation.getCurrentPosition((p) => {
    position = {
      lat: p.coords.latitude, lon: p.coords.longitude,
      accuracyM: Math.min(p.coords.accuracy, 100000), capturedAt: new Date(p.timestamp).toISOString(),
    };
  }, () => { /* the alarm goes out without a position */ }, { enableHighAccuracy: true, timeout: 8000, maximumAge: 60000 });
}

function startCountdown() {
  const silent = $('silent').checked;
  flow = { clientRef: Outbox.newClientRef(), kind: silent ? 'SILENT' : 'PANIC', silent, remaining: COUNTDOWN_SECONDS };
  $('countdown').hidden = false;
  $('countdown-pin').value = '';
  $('countdown-pin').focus();
  showCountdown();
  flow.timer = setInterval(() => {
    flow.remaining -= 1;
    if (flow.remaining > 0) {
      showCountdown();
    } else {
      clearInterval(flow.timer);
      afterCountdown(flow);
    }
  }, 1000);
}

function showCountdown() {
  $('countdown-text').textContent = flow.silent ? t('alarm.countdownSilent', flow.remaining) : t('alarm.countdown', flow.remaining);
}

async function afterCountdown(current) {
  // A cancel still on its way decides first: a valid PIN must never be overtaken by the send.
  if (current.cancelling) await current.cancelling;
  if (!current.done) send(current);
}

async function cancelDuringCountdown(event) {
  event.preventDefault();
  const current = flow;
  const pin = $('countdown-pin').value;
  if (!current || current.done || !pin) return;
  current.cancelling = (async () => {
    try {
      const r = await api('POST', '/api/alarms/countdown-cancel', { clientRef: current.clientRef, kind: current.kind, pin });
      if (r.ok) {
        current.done = true;
        clearInterval(current.timer);
        finish(t('alarm.cancelled'));
      } else {
        $('countdown-pin').value = '';
        say(pinProblem(r));
      }
    } catch (e) {
      say(t('error.offline'));
    }
  })();
  await current.cancelling;
  current.cancelling = null;
}

function pinProblem(r) {
  const type = (r.data && r.data.type) || '';
  if (type.endsWith(':step-up-required')) return t('stepUp.needed');
  if (type.endsWith(':pins-not-set')) return t('pin.notSet');
  if (type.endsWith(':pin-locked')) return t('pin.locked');
  if (type.endsWith(':pin-incorrect')) return t('pin.wrong', r.data.attemptsLeft);
  if (type.endsWith(':timer-not-running')) return t('timer.notRunning');
  return t('error.generic');
}

async function send(current) {
  current.done = true;
  $('countdown').hidden = true;
  flow = null;
  say(current.silent ? '' : t('alarm.sending'));
  // Kept on the phone before the first request, so a reload, a closed browser or a lost
  // connection cannot lose it; "Sending…" until the first attempt has an answer.
  firstTry.add(current.clientRef);
  try {
    await Outbox.add(current.clientRef, current.kind, current.silent, position);
    await sendPending(true);
  } finally {
    firstTry.delete(current.clientRef);
    await showPending();
  }
}

function finish(message) {
  say(message);
  $('countdown').hidden = true;
  flow = null;
}

// ---- presses on their way: the outbox ------------------------------------------------------

const firstTry = new Set(); // presses of this page whose first attempt has no answer yet
let sending = Promise.resolve();
let retryTimer = null;
let pendingSaid = null; // the text the status line last said about waiting presses
let pendingTicker = null;

/** Sends the presses the outbox keeps, one round at a time; schedules the next round while any is left. */
function sendPending(force) {
  const round = sending.then(() => sendRound(force)).catch(() => {
    // Storage failed for a moment: the next round tries again.
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => sendPending(false), 1000);
  });
  sending = round;
  return round;
}

async function sendRound(force) {
  clearTimeout(retryTimer);
  retryTimer = null;
  const result = await Outbox.flush(force);
  result.received.forEach(showReceived);
  if (result.pending.length) {
    retryTimer = setTimeout(() => sendPending(false), result.nextInMs);
    sendInBackground();
    if (await Outbox.signedOut()) showSignedOut(); // kept until she signs in again; then it is sent at once
  }
  await showPending();
}

/** Asks the service worker to send what is left when the phone is online again, also after the page is closed. */
function sendInBackground() {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.ready
    .then((registration) => registration.sync && registration.sync.register(Outbox.SYNC_TAG))
    .catch(() => { /* no Background Sync here: the page keeps trying while it is open */ });
}

function showReceived(press) {
  const at = clock(press.acceptedAt);
  if (press.silent) say(t('alarm.sentSilent', at));
  else if (press.attempts === 1) say(t('alarm.sent', at));
  else say(t('alarm.received', at));
  pendingSaid = null;
}

/** Shows the presses the central does not have yet (also those of an earlier page load) and since when. */
async function showPending() {
  const presses = (await Outbox.pending()).filter((p) => !firstTry.has(p.clientRef));
  const signedOut = await Outbox.signedOut();
  const panel = $('pending');
  clearInterval(pendingTicker);
  if (presses.length === 0) {
    panel.hidden = true;
    pendingSaid = null;
    return;
  }
  const silent = presses.every((p) => p.silent);
  const refused = presses.find((p) => p.outcome === 'refused');
  let key = 'alarm.pending';
  if (signedOut) key = 'alarm.signInToSend';
  else if (refused) key = 'alarm.refused';
  if (silent) key += 'Silent';
  $('pending-text').textContent = t(key);
  $('pending-problem').textContent = refused ? t('alarm.refusedStatus', refused.status) : '';
  $('pending-problem').hidden = !refused;
  // Discreet in silent mode: no alarm colours, only neutral words.
  panel.classList.toggle('alert', !silent);
  $('pending-call').classList.toggle('danger', !silent);
  panel.hidden = false;
  const since = presses[0].pressedAt;
  const tick = () => { $('pending-since').textContent = trying(since); };
  tick();
  pendingTicker = setInterval(tick, 1000);
  if (pendingSaid !== t(key)) {
    pendingSaid = t(key);
    say(pendingSaid);
  }
}

/** "Trying for 1 min 5 s (since 23:45)." (not in the live region: it changes every second). */
function trying(since) {
  const seconds = Math.max(0, Math.floor((Date.now() - Date.parse(since)) / 1000));
  const took = seconds < 60 ? t('time.seconds', seconds) : t('time.minutes', Math.floor(seconds / 60), seconds % 60);
  return t('alarm.trying', took, clock(since));
}

/** The service worker sent a press while this page is open: say so. */
function fromServiceWorker(event) {
  const data = event.data || {};
  if (data.type !== 'outbox-received') return;
  data.received.forEach(showReceived);
  showPending();
}

// ---- safety timers ---------------------------------------------------------------------------

async function loadTimers() {
  const list = $('timer-list');
  list.replaceChildren();
  let r;
  try { r = await api('GET', '/api/me/timers'); } catch (e) { return; }
  const timers = r.ok && Array.isArray(r.data) ? r.data : [];
  if (timers.length === 0) {
    const none = document.createElement('p');
    none.textContent = t('timer.none');
    list.append(none);
  }
  for (const timer of timers) list.append(timerPanel(timer));
}

function timerPanel(timer) {
  const form = document.createElement('form');
  form.className = 'panel';
  const title = document.createElement('p');
  title.textContent = t('timer.active', clock(timer.expectedEnd));
  const pinId = `pin-${timer.id}`;
  const label = document.createElement('label');
  label.htmlFor = pinId;
  label.textContent = t('pin.label');
  const pin = document.createElement('input');
  Object.assign(pin, { id: pinId, type: 'password', inputMode: 'numeric', autocomplete: 'off', maxLength: 6 });
  const confirm = document.createElement('button');
  confirm.type = 'submit';
  confirm.className = 'button primary';
  confirm.textContent = t('timer.confirm');
  form.append(title, label, pin, confirm);
  for (const minutes of [15, 30, 60]) {
    const extend = document.createElement('button');
    extend.type = 'button';
    extend.className = 'button';
    extend.textContent = t('timer.extend', minutes);
    extend.onclick = async () => {
      const r = await api('POST', `/api/me/timers/${timer.id}/extend`, { minutes });
      if (r.ok) { say(t('timer.active', clock(r.data.expectedEnd))); loadTimers(); } else { say(pinProblem(r)); }
    };
    form.append(' ', extend);
  }
  form.onsubmit = async (event) => {
    event.preventDefault();
    const r = await api('POST', `/api/me/timers/${timer.id}/confirm`, { pin: pin.value });
    pin.value = '';
    if (r.ok) { say(t('timer.confirmed')); loadTimers(); } else { say(pinProblem(r)); }
  };
  return form;
}

async function startTimer(event) {
  event.preventDefault();
  const body = {
    minutes: Number($('timer-minutes').value),
    graceMinutes: Number($('timer-grace').value),
  };
  const note = $('timer-note').value.trim();
  if (note) body.note = note;
  const r = await api('POST', '/api/me/timers', body);
  if (r.ok) {
    $('timer-note').value = '';
    say(t('timer.started', clock(r.data.expectedEnd)));
    loadTimers();
  } else {
    // A note before her registration is saved is refused with a detail that says so.
    say((r.data && r.data.detail) || t('error.generic'));
  }
}

// ---- settings ------------------------------------------------------------------------------

async function loadPins() {
  const r = await api('GET', '/api/me/pins').catch(() => null);
  const set = r && r.ok && r.data && (r.data.set ?? r.data.pinsSet ?? r.data.configured);
  $('pins-state').textContent = set ? t('pins.set') : t('pins.unset');
}

async function savePins(event) {
  event.preventDefault();
  const r = await api('PUT', '/api/me/pins', { cancelPin: $('cancel-pin').value, duressPin: $('duress-pin').value });
  $('cancel-pin').value = '';
  $('duress-pin').value = '';
  const typed = r.data && typeof r.data.type === 'string' && !r.data.type.endsWith(':validation');
  say(r.ok ? t('pins.saved') : (typed ? pinProblem(r) : (r.data && r.data.detail) || t('error.generic')));
  loadPins();
}

// ---- start -----------------------------------------------------------------------------------

/**
 * Asks the service for her session. Without a connection (or without an answer from the service),
 * a session of an earlier page load (its CSRF token is kept in the outbox) counts until the
 * service can be asked: the app opens, and a press waits in the outbox.
 */
async function checkSession() {
  let r = null;
  try {
    r = await api('GET', '/app/session');
  } catch (e) {
    // no connection
  }
  if (!r || !r.ok) return (await Outbox.restoreSession()) ? 'offline' : 'signed-out';
  const authenticated = Boolean(r.data && r.data.authenticated === true);
  await Outbox.saveSession(authenticated, authenticated ? r.data.csrfToken : null);
  return authenticated ? 'signed-in' : 'signed-out';
}

function showSignedOut() {
  session = 'signed-out';
  $('app').hidden = true;
  $('signed-out').hidden = false;
}

function showApp() {
  $('signed-out').hidden = true;
  $('app').hidden = false;
  if (appStarted) return;
  appStarted = true;
  const hold = $('hold');
  hold.addEventListener('pointerdown', (e) => { e.preventDefault(); hold.setPointerCapture(e.pointerId); startHold(); });
  hold.addEventListener('pointerup', endHold);
  hold.addEventListener('pointercancel', endHold);
  hold.addEventListener('contextmenu', (e) => e.preventDefault());
  hold.addEventListener('keydown', (e) => {
    if ((e.key === ' ' || e.key === 'Enter') && !e.repeat) { e.preventDefault(); startHold(); }
  });
  hold.addEventListener('keyup', (e) => { if (e.key === ' ' || e.key === 'Enter') { e.preventDefault(); endHold(); } });
  $('countdown').addEventListener('submit', cancelDuringCountdown);
  $('timer-form').addEventListener('submit', startTimer);
  $('pins').addEventListener('submit', savePins);
  $('language').addEventListener('change', async (e) => {
    localStorage.setItem('lang', e.target.value);
    await loadLanguage(e.target.value);
    applyName();
    loadTimers();
    loadPins();
    pagesLanguageChanged();
    pendingSaid = null;
    showPending();
  });
  $('name-save').addEventListener('click', () => {
    const name = $('name').value.trim();
    if (name) localStorage.setItem('name', name); else localStorage.removeItem('name');
    applyName();
  });
  loadTimers();
  loadPins();
  startPages();
}

/** Back online: a session not checked yet is checked, and what waits is sent at once. */
async function backOnline() {
  if (session !== 'signed-in') {
    const before = session;
    session = await checkSession();
    if (session === 'signed-out') return showSignedOut();
    showApp();
    if (before === 'offline') { loadTimers(); loadPins(); }
  }
  sendPending(true);
}

async function start() {
  await loadLanguage(chooseLanguage());
  applyName();
  say(t('app.loading'));
  if ('serviceWorker' in navigator) navigator.serviceWorker.addEventListener('message', fromServiceWorker);
  window.addEventListener('online', backOnline);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') sendPending(true); else forgetProof();
  });
  $('retry').addEventListener('click', () => sendPending(true));
  await showPending(); // a press kept from an earlier page load, at once

  session = await checkSession();
  if (session === 'signed-out') {
    showSignedOut();
  } else {
    showApp();
  }
  await showPending();
  if (!pendingSaid) say(session === 'offline' ? t('error.offline') : '');
  // After a sign-in (or a reload) what waits is sent at once; without a session it waits for one.
  if (session !== 'signed-out') sendPending(true);
}

if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js').catch(() => { /* the app works without it */ });
}
document.addEventListener('DOMContentLoaded', start);
