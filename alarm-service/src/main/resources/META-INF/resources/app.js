// The worker app: hold to raise an alarm, a countdown to cancel it with her PIN, safety timers
// (check-ins) and settings; her registration pages are in pages.js. It talks to alarm-service with its session cookie; it never sees a
// token (the service is its backend-for-frontend). Every text comes from /app/messages/<lang>.
'use strict';

const LANGUAGES = ['en', 'nl', 'es'];
const HOLD_MS = 2000;
const COUNTDOWN_SECONDS = 10;
const SEND_BACKOFF_MS = [0, 1000, 2000, 4000, 8000];

const $ = (id) => document.getElementById(id);
let messages = {};
let lang = 'en';
let csrf = null;
let flow = null; // the alarm in progress: {clientRef, kind, silent, remaining, timer, cancelling, done}
let position = null;

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

function newClientRef() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

async function api(method, path, body) {
  const headers = { 'X-Requested-With': 'JavaScript', Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (csrf) headers['X-CSRF-Token'] = csrf;
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
  });
  let data = null;
  try { data = await response.json(); } catch (e) { /* no body */ }
  return { status: response.status, ok: response.ok, data, headers: response.headers };
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
  const response = await fetch(`/app/messages/${choice}`);
  messages = await response.json();
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
  flow = { clientRef: newClientRef(), kind: silent ? 'SILENT' : 'PANIC', silent, remaining: COUNTDOWN_SECONDS };
  $('failed').hidden = true;
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
  if (type.endsWith(':pins-not-set')) return t('pin.notSet');
  if (type.endsWith(':pin-locked')) return t('pin.locked');
  if (type.endsWith(':pin-incorrect')) return t('pin.wrong', r.data.attemptsLeft);
  if (type.endsWith(':timer-not-running')) return t('timer.notRunning');
  return t('error.generic');
}

async function send(current) {
  current.done = true;
  $('countdown').hidden = true;
  say(current.silent ? '' : t('alarm.sending'));
  const body = { kind: current.kind, clientRef: current.clientRef };
  if (position) body.location = position;
  for (const wait of SEND_BACKOFF_MS) {
    if (wait) await new Promise((resolve) => setTimeout(resolve, wait));
    let r;
    try {
      r = await api('POST', '/api/alarms', body);
    } catch (e) {
      continue; // no connection: try again with the same clientRef
    }
    if (r.status === 202) {
      const at = clock(r.data.acceptedAt);
      finish(current.silent ? t('alarm.sentSilent', at) : t('alarm.sent', at));
      return;
    }
    if (r.status !== 503 && r.status < 500) break; // will not succeed by retrying (session gone, bad request)
  }
  failed(current);
}

function failed(current) {
  say(t('alarm.failed'));
  $('failed').hidden = false;
  $('failed').dataset.clientRef = current.clientRef;
  $('retry').onclick = () => { $('failed').hidden = true; current.done = false; send(current); };
  flow = null;
}

function finish(message) {
  say(message);
  $('countdown').hidden = true;
  flow = null;
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
      if (r.ok) { say(t('timer.active', clock(r.data.expectedEnd))); loadTimers(); } else { say(t('error.generic')); }
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
    say(t('error.generic'));
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
  say(r.ok ? t('pins.saved') : (r.data && r.data.detail) || t('error.generic'));
  loadPins();
}

// ---- start -----------------------------------------------------------------------------------

async function start() {
  await loadLanguage(chooseLanguage());
  applyName();
  say(t('app.loading'));
  let session = { authenticated: false };
  try {
    const r = await api('GET', '/app/session');
    if (r.ok) session = r.data;
  } catch (e) {
    say(t('error.offline'));
  }
  if (!session.authenticated) {
    $('signed-out').hidden = false;
    say('');
    return;
  }
  csrf = session.csrfToken;
  $('app').hidden = false;
  say('');

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

if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js').catch(() => { /* the app works without it */ });
}
document.addEventListener('DOMContentLoaded', start);
