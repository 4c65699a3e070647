// The dispatcher console (docs/console.md). A live list of incidents from the WebSocket
// /ws/incidents (a snapshot, then one frame per change), a detail pane from GET /api/incidents/{id},
// and the actions of docs/console-api.md. It talks to dispatch-service with its session cookie and
// the CSRF header; it never sees a token. Every text comes from /app/messages/<lang>.
'use strict';

const LANGUAGES = ['en', 'nl'];
const TITLE = 'Console';
const RECONNECT_MS = [500, 1000, 2000, 4000, 8000, 15000];
const SESSION_EVERY_MS = 60000;
const SUPERVISION_EVERY_MS = 60000;
const ACK_TARGETS_S = [30, 60];
const FINISHED = ['RESOLVED', 'CLOSED'];

const $ = (id) => document.getElementById(id);
const state = {
  messages: {},
  lang: 'en',
  session: null,
  csrf: null,
  skewMs: 0,
  incidents: new Map(), // id -> IncidentSummary (only those not finished)
  versions: new Map(), // id -> highest version seen, also of finished ones (late frames cannot revive them)
  items: new Map(), // id -> <li>
  selectedId: null,
  openId: null,
  detail: null, // the open incident's full view
  detailLoading: null,
  detailStale: false,
  socket: null,
  attempt: 0,
  reconnectTimer: null,
  hadSnapshot: false,
  sound: localStorage.getItem('console.sound') !== 'off',
  audio: null,
  bannerTimer: null,
};

// ---- texts -----------------------------------------------------------------------------------

function t(key, ...args) {
  let text = state.messages[key] ?? key;
  args.forEach((arg, i) => { text = text.replaceAll(`{${i}}`, arg); });
  return text;
}

function chooseLanguage() {
  const saved = localStorage.getItem('console.lang');
  if (LANGUAGES.includes(saved)) return saved;
  for (const preferred of navigator.languages || [navigator.language || 'en']) {
    const base = preferred.slice(0, 2).toLowerCase();
    if (LANGUAGES.includes(base)) return base;
  }
  return 'en';
}

async function loadLanguage(choice) {
  const response = await fetch(`/app/messages/${choice}`);
  state.messages = await response.json();
  state.lang = choice;
  document.documentElement.lang = choice;
  document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  $('language').value = choice;
}

function languageName(code) {
  try {
    return new Intl.DisplayNames([state.lang], { type: 'language' }).of(code) || code;
  } catch (e) {
    return code;
  }
}

// ---- time ------------------------------------------------------------------------------------

function now() {
  return Date.now() + state.skewMs;
}

/** Learns how far this computer's clock is off the server's, so timers show server time. */
function learnSkew(response) {
  const date = Date.parse(response.headers.get('Date') || '');
  if (!Number.isNaN(date)) {
    const skew = date - Date.now();
    state.skewMs = Math.abs(skew) > 1500 ? skew : 0;
  }
}

function duration(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

function clock(iso) {
  return iso ? new Date(iso).toLocaleTimeString(state.lang, { hour: '2-digit', minute: '2-digit', second: '2-digit' }) : '';
}

function dateTime(iso) {
  return iso ? new Date(iso).toLocaleString(state.lang, { dateStyle: 'short', timeStyle: 'medium' }) : '';
}

// ---- the API ---------------------------------------------------------------------------------

async function api(method, path, body) {
  const headers = { 'X-Requested-With': 'JavaScript', Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (state.csrf && method !== 'GET') headers['X-CSRF-Token'] = state.csrf;
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin', cache: 'no-store',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  learnSkew(response);
  let data = null;
  try { data = await response.json(); } catch (e) { /* no body */ }
  if (response.status === 401 || response.status === 499) sessionEnded();
  return { status: response.status, ok: response.ok, data };
}

function problemText(r) {
  if (r.status === 409) return t('error.finished');
  if (r.status === 404) return t('error.gone');
  if (r.status === 400) return t('error.invalid');
  if (r.status === 403) return t('error.forbidden');
  if (r.status === 401 || r.status === 499) return t('app.signedOut');
  return t('error.generic');
}

// ---- the list --------------------------------------------------------------------------------

function rank(incident) {
  return incident.priority === 'DURESS' || incident.duress ? 0 : 1;
}

function compare(a, b) {
  return rank(a) - rank(b) || Date.parse(a.openedAt) - Date.parse(b.openedAt) || String(a.id).localeCompare(String(b.id));
}

function sorted() {
  return [...state.incidents.values()].sort(compare);
}

function unacknowledged(incident) {
  return !incident.acknowledgedAt && incident.status === 'OPEN';
}

/** Takes in a summary; answers what changed that deserves the dispatcher's attention, or null. */
function accept(summary, isNew) {
  const known = state.versions.get(summary.id);
  if (known !== undefined && summary.version !== undefined && summary.version <= known) return null;
  if (summary.version !== undefined) state.versions.set(summary.id, summary.version);
  const before = state.incidents.get(summary.id);
  if (FINISHED.includes(summary.status)) {
    state.incidents.delete(summary.id);
    return null;
  }
  state.incidents.set(summary.id, summary);
  if (isNew || !before) return 'new';
  if (summary.duress && !before.duress) return 'duress';
  if (summary.lastAlarmId && summary.lastAlarmId !== before.lastAlarmId) return 'again';
  return null;
}

function applySnapshot(list) {
  const first = !state.hadSnapshot;
  const before = new Set(state.incidents.keys());
  state.incidents.clear();
  const alerts = [];
  for (const summary of list || []) {
    state.versions.delete(summary.id); // the snapshot is the truth, whatever was seen before
    const had = before.has(summary.id);
    accept(summary, false);
    if (!first && !had && !FINISHED.includes(summary.status)) alerts.push(['new', summary]);
  }
  state.hadSnapshot = true;
  renderList();
  alerts.forEach(([why, summary]) => notify(why, summary));
  if (state.openId) refreshDetail();
}

function applyIncident(summary, isNew) {
  if (!summary || !summary.id) return;
  const why = accept(summary, isNew);
  renderList();
  if (why) {
    notify(why, summary);
  } else if (!$('alert-banner').hidden && $('alert-banner').dataset.id === summary.id) {
    // Her card usually arrives a moment after the incident: the alert bar then shows her name.
    $('alert-banner').textContent = alertText($('alert-banner').dataset.why, summary);
  }
  if (state.openId === summary.id && (!state.detail || (summary.version ?? 0) > (state.detail.version ?? -1))) refreshDetail();
}

function renderList() {
  const list = $('incidents');
  const incidents = sorted();
  const focusedId = document.activeElement && document.activeElement.closest('#incidents li')
    ? document.activeElement.closest('li').dataset.id : null;
  for (const [id, item] of state.items) {
    if (!state.incidents.has(id)) {
      item.remove();
      state.items.delete(id);
    }
  }
  incidents.forEach((incident, index) => {
    let item = state.items.get(incident.id);
    if (!item) {
      item = newItem(incident.id);
      state.items.set(incident.id, item);
    }
    fillItem(item, incident);
    if (list.children[index] !== item) list.insertBefore(item, list.children[index] || null);
  });
  if (state.selectedId && !state.incidents.has(state.selectedId)) state.selectedId = null;
  markSelection();
  if (focusedId) {
    const item = state.items.get(focusedId);
    if (item && document.activeElement !== item.firstChild) item.firstChild.focus();
    else if (!item) $('incidents-title').focus();
  }
  $('list-empty').hidden = incidents.length > 0;
  $('count').textContent = incidents.length ? `(${incidents.length})` : '';
  const waiting = incidents.filter(unacknowledged).length;
  document.title = waiting ? `(${waiting}) ${TITLE}` : TITLE;
  tick();
}

function newItem(id) {
  const item = document.createElement('li');
  item.dataset.id = id;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'incident';
  button.addEventListener('click', () => { select(id); openIncident(id, true); });
  button.addEventListener('focus', () => { state.selectedId = id; markSelection(); });
  item.append(button);
  return item;
}

function span(className, text) {
  const el = document.createElement('span');
  el.className = className;
  el.textContent = text;
  return el;
}

function fillItem(item, incident) {
  const button = item.firstChild;
  item.classList.toggle('duress', !!incident.duress);
  item.classList.toggle('escalated', !!incident.escalated);
  item.classList.toggle('waiting', unacknowledged(incident));
  const head = span('head', '');
  head.append(span(`badge ${incident.duress ? 'badge-duress' : 'badge-alarm'}`,
    incident.duress ? t('incident.duress') : t(`kind.${incident.kind || 'NONE'}`)));
  head.append(' ', span('name', incident.workingName || t(`cardStatus.${incident.cardStatus || 'PENDING'}`)));
  const timer = span('timer', '');
  timer.dataset.openedAt = incident.openedAt;
  if (incident.acknowledgedAt) timer.dataset.ackAt = incident.acknowledgedAt;
  head.append(' ', timer);
  const facts = [t(`status.${incident.status}`)];
  if (incident.channel) facts.push(t(`channel.${incident.channel}`));
  if (incident.alarmCount > 1) facts.push(t('incident.alarms', incident.alarmCount));
  facts.push(incident.acknowledgedAt ? t('incident.acknowledgedBy', incident.acknowledgedBy || '?') : t('incident.notAcknowledged'));
  const flags = span('flags', '');
  for (const flag of flagsOf(incident)) flags.append(span(`flag flag-${flag}`, t(`flag.${flag}`)));
  button.replaceChildren(head, span('facts', facts.join(' · ')), flags);
}

/** The notes a dispatcher must not miss, most important first. */
function flagsOf(incident) {
  const flags = [];
  if (incident.duress) flags.push('duress');
  if (incident.escalated) flags.push('escalated');
  if (incident.silent) flags.push('silent');
  if (incident.cancelledByWorker && !incident.duress) flags.push('cancelled');
  return flags;
}

/** Updates every running timer once a second: time open, and time waiting for an acknowledgement. */
function tick() {
  const at = now();
  document.querySelectorAll('.timer[data-opened-at]').forEach((el) => {
    const opened = Date.parse(el.dataset.openedAt);
    if (el.dataset.ackAt) {
      el.textContent = t('incident.openAcked', duration(at - opened), duration(Date.parse(el.dataset.ackAt) - opened));
      el.classList.remove('late', 'warn');
    } else {
      const waited = (at - opened) / 1000;
      el.textContent = t('incident.openWaiting', duration(at - opened));
      el.classList.toggle('warn', waited >= ACK_TARGETS_S[0] && waited < ACK_TARGETS_S[1]);
      el.classList.toggle('late', waited >= ACK_TARGETS_S[1]);
    }
  });
}

function select(id) {
  state.selectedId = id;
  markSelection();
}

function markSelection() {
  for (const [id, item] of state.items) {
    const selected = id === state.selectedId;
    item.classList.toggle('selected', selected);
    if (selected) item.firstChild.setAttribute('aria-current', 'true'); else item.firstChild.removeAttribute('aria-current');
  }
}

function move(delta) {
  const ids = sorted().map((i) => i.id);
  if (!ids.length) return;
  // In one column the open incident hides the list: moving goes back to it.
  if (getComputedStyle($('list-pane')).display === 'none') closeDetail();
  let index = ids.indexOf(state.selectedId);
  index = index < 0 ? (delta > 0 ? 0 : ids.length - 1) : Math.min(ids.length - 1, Math.max(0, index + delta));
  select(ids[index]);
  const button = state.items.get(ids[index]).firstChild;
  button.focus();
  button.scrollIntoView({ block: 'nearest' });
}

// ---- alerts: sound, flash, announcement ----------------------------------------------------

function alertText(why, incident) {
  const name = incident.workingName || t(`cardStatus.${incident.cardStatus || 'PENDING'}`);
  const what = incident.duress ? t('incident.duress') : t(`kind.${incident.kind || 'NONE'}`);
  return t(`alert.${why}`, what, name);
}

function notify(why, incident) {
  const text = alertText(why, incident);
  $('announcer').textContent = text;
  const banner = $('alert-banner');
  banner.textContent = text;
  banner.dataset.id = incident.id;
  banner.dataset.why = why;
  banner.hidden = false;
  banner.classList.remove('flash');
  void banner.offsetWidth; // restarts the animation
  banner.classList.add('flash');
  document.body.classList.remove('flash');
  void document.body.offsetWidth;
  document.body.classList.add('flash');
  clearTimeout(state.bannerTimer);
  state.bannerTimer = setTimeout(() => { banner.hidden = true; document.body.classList.remove('flash'); }, 15000);
  beep(incident.duress ? 3 : 2);
}

function ensureAudio() {
  const Context = window.AudioContext || window.webkitAudioContext;
  if (!Context) return null;
  if (!state.audio) {
    try { state.audio = new Context(); } catch (e) { return null; }
    state.audio.onstatechange = showSoundNote;
  }
  if (state.audio.state === 'suspended') state.audio.resume().catch(() => { /* needs a click */ });
  return state.audio;
}

function beep(times) {
  if (!state.sound) return;
  const audio = ensureAudio();
  if (!audio || audio.state !== 'running') { showSoundNote(); return; }
  const start = audio.currentTime + 0.02;
  for (let i = 0; i < times; i++) {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.type = 'square';
    osc.frequency.value = i % 2 ? 660 : 880;
    const at = start + i * 0.3;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.25, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.22);
    osc.connect(gain).connect(audio.destination);
    osc.start(at);
    osc.stop(at + 0.25);
  }
}

function showSoundNote() {
  const blocked = state.sound && (!state.audio || state.audio.state !== 'running');
  $('sound-note').hidden = !blocked || $('console').hidden;
  const button = $('sound');
  button.setAttribute('aria-pressed', String(state.sound));
  button.textContent = state.sound ? t('sound.on') : t('sound.off');
}

// ---- the live connection -------------------------------------------------------------------

function setLive(kind) {
  const live = $('live');
  live.dataset.state = kind;
  $('live-text').textContent = t(`live.${kind}`);
}

// Alarms delayed (the central waits out a fault: its database away, an instance gone): a banner
// that stays while it lasts, announced when it starts and when it ends.
function applyAlarmFlow(alarms) {
  const banner = $('delay-banner');
  const delayed = !!(alarms && alarms.delayed);
  const wasDelayed = !banner.hidden;
  if (delayed) {
    banner.textContent = t('delay.banner', alarms.waiting ?? '?', clock(alarms.since));
    banner.hidden = false;
    // Said once when it starts; the count that changes every second is only shown.
    if (!wasDelayed) $('announcer').textContent = banner.textContent;
  } else {
    banner.hidden = true;
    if (wasDelayed) $('announcer').textContent = t('delay.over');
  }
}

function connect() {
  clearTimeout(state.reconnectTimer);
  if (state.socket) return;
  setLive(state.attempt ? 'reconnecting' : 'connecting');
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  let socket;
  try {
    socket = new WebSocket(`${scheme}://${location.host}/ws/incidents`);
  } catch (e) {
    scheduleReconnect();
    return;
  }
  state.socket = socket;
  socket.onmessage = (event) => {
    let frame;
    try { frame = JSON.parse(event.data); } catch (e) { return; }
    if (frame.type === 'snapshot') {
      state.attempt = 0;
      setLive('live');
      applySnapshot(frame.incidents);
      applyAlarmFlow(frame.alarms);
    } else if (frame.type === 'incident') {
      applyIncident(frame.incident, frame.new === true);
    } else if (frame.type === 'status') {
      applyAlarmFlow(frame.alarms);
    }
  };
  socket.onclose = () => {
    if (state.socket !== socket) return;
    state.socket = null;
    scheduleReconnect();
  };
}

function scheduleReconnect() {
  if (!state.session || !state.session.allowed) return;
  const base = RECONNECT_MS[Math.min(state.attempt, RECONNECT_MS.length - 1)];
  state.attempt += 1;
  setLive('reconnecting');
  // A refused handshake may mean the session has ended: ask once it fails again.
  if (state.attempt >= 2) checkSession();
  state.reconnectTimer = setTimeout(connect, base * (0.8 + Math.random() * 0.4));
}

function disconnect() {
  clearTimeout(state.reconnectTimer);
  const socket = state.socket;
  state.socket = null;
  if (socket) socket.close();
}

// ---- the session -----------------------------------------------------------------------------

async function checkSession() {
  let r;
  try {
    r = await api('GET', '/app/session');
  } catch (e) {
    // No connection: the socket is probably gone too; reconnecting shows it and tries again.
    if (state.socket) { disconnect(); scheduleReconnect(); }
    return;
  }
  if (r.ok && r.data && !(r.data.authenticated && r.data.allowed)) sessionEnded();
}

function sessionEnded() {
  if (!state.session) return;
  state.session = null;
  state.csrf = null;
  disconnect();
  show('signed-out');
}

function show(which) {
  for (const id of ['signed-out', 'refused', 'console']) $(id).hidden = id !== which;
  $('tools').hidden = which !== 'console';
  $('live').hidden = which !== 'console';
  showSoundNote();
}

// ---- the detail pane -----------------------------------------------------------------------

async function openIncident(id, focus) {
  state.openId = id;
  state.detail = null;
  document.body.classList.add('detail-open');
  $('detail-pane').hidden = false;
  $('detail-none').hidden = true;
  const summary = state.incidents.get(id);
  $('detail-title').textContent = summary ? (summary.workingName || t(`cardStatus.${summary.cardStatus || 'PENDING'}`)) : '';
  $('detail-flags').replaceChildren();
  $('detail-state').replaceChildren();
  $('card-body').replaceChildren();
  $('timeline-list').replaceChildren();
  $('action-status').textContent = '';
  resetForms();
  $('detail-loading').hidden = false;
  if (focus) $('detail-title').focus();
  await refreshDetail();
}

async function refreshDetail() {
  const id = state.openId;
  if (!id) return;
  if (state.detailLoading) { state.detailStale = true; return; }
  state.detailLoading = (async () => {
    let r;
    try { r = await api('GET', `/api/incidents/${encodeURIComponent(id)}`); } catch (e) { r = null; }
    if (state.openId !== id) return;
    $('detail-loading').hidden = true;
    if (r && r.ok && r.data) {
      renderDetail(r.data);
    } else if (r && r.status === 404) {
      $('action-status').textContent = t('error.gone');
    } else {
      $('action-status').textContent = r ? problemText(r) : t('error.offline');
    }
  })();
  try { await state.detailLoading; } finally { state.detailLoading = null; }
  if (state.detailStale) { state.detailStale = false; await refreshDetail(); }
}

function closeDetail() {
  state.openId = null;
  state.detail = null;
  document.body.classList.remove('detail-open');
  $('detail-pane').hidden = true;
  $('detail-none').hidden = false;
}

function backToList() {
  if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
  closeDetail();
  const item = state.selectedId && state.items.get(state.selectedId);
  if (item) item.firstChild.focus(); else $('incidents-title').focus();
}

function fact(list, label, value, className) {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length)) return;
  const dt = document.createElement('dt');
  dt.textContent = label;
  const dd = document.createElement('dd');
  if (value instanceof Node) dd.append(value); else dd.textContent = value;
  if (className) dd.className = className;
  list.append(dt, dd);
}

function renderDetail(view) {
  state.detail = view;
  mergeView(view);
  const card = view.card || {};
  $('detail-title').textContent = card.workingName || t(`cardStatus.${card.status || 'PENDING'}`);

  const flags = $('detail-flags');
  flags.replaceChildren();
  for (const flag of flagsOf(view)) {
    const p = document.createElement('p');
    p.className = `flag flag-${flag}`;
    p.textContent = t(`flagLong.${flag}`);
    flags.append(p);
  }

  const facts = $('detail-state');
  facts.replaceChildren();
  fact(facts, t('detail.status'), t(`status.${view.status}`));
  fact(facts, t('detail.kind'), view.duress ? t('incident.duress') : t(`kind.${view.kind || 'NONE'}`));
  const timer = span('timer', '');
  timer.dataset.openedAt = view.openedAt;
  if (view.acknowledgedAt) timer.dataset.ackAt = view.acknowledgedAt;
  if (!FINISHED.includes(view.status)) fact(facts, t('detail.opened'), timer);
  fact(facts, t('detail.openedAt'), dateTime(view.openedAt));
  fact(facts, t('detail.acknowledged'), view.acknowledgedAt
    ? t('detail.acknowledgedBy', clock(view.acknowledgedAt), view.acknowledgedBy || '?') : t('incident.notAcknowledged'));
  if (view.escalatedAt) fact(facts, t('detail.escalatedAt'), clock(view.escalatedAt));
  for (const help of view.helpSent || []) {
    fact(facts, t('detail.helpSent'), t('detail.helpSentText', t(`help.${help.kind}`), help.reference || '–', clock(help.at), help.by || '?'));
  }
  if (view.outcome) fact(facts, t('actions.outcome'), t(`outcome.${view.outcome}`));
  if (view.categories && view.categories.length) fact(facts, t('actions.categories'), view.categories.map((c) => t(`category.${c}`)).join(', '));
  if (view.followUp) fact(facts, t('actions.followUp'), t(`followUp.${view.followUp}`));
  if (view.resolvedAt) fact(facts, t('detail.resolvedAt'), clock(view.resolvedAt));
  if (view.closedAt) fact(facts, t('detail.closedAt'), clock(view.closedAt));

  renderCard(view);
  renderTimeline(view);
  renderActions(view);
  tick();
}

/** The latest position her phone or button sent with an alarm of this incident, if any. */
function livePosition(view) {
  const withPosition = (view.timeline || []).filter((e) => e.details && e.details.location);
  return withPosition.length ? withPosition[withPosition.length - 1] : null;
}

function link(href, text) {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  return a;
}

function renderCard(view) {
  const body = $('card-body');
  body.replaceChildren();
  const card = view.card || {};
  const status = card.status || 'PENDING';
  if (status !== 'AVAILABLE') {
    const p = document.createElement('p');
    p.className = 'hint';
    p.textContent = t(`cardStatusLong.${status}`);
    body.append(p);
  }
  const list = document.createElement('dl');
  list.className = 'facts';
  fact(list, t('card.workingName'), card.workingName);
  fact(list, t('card.languages'), (card.languages || []).map(languageName).join(', '));
  if (card.callBackNumber) {
    const number = document.createElement('span');
    number.append(link(`tel:${card.callBackNumber.replace(/[^+0-9]/g, '')}`, card.callBackNumber));
    if (view.silent || card.mayCallBack === false) number.append(' ', span('flag flag-silent', t(view.silent ? 'flag.silent' : 'card.noCallBack')));
    fact(list, t('card.callBackNumber'), number);
  }
  if (card.mayCallBack !== undefined && card.mayCallBack !== null) fact(list, t('card.mayCallBack'), t(card.mayCallBack ? 'card.yes' : 'card.no'));
  if (card.procedure && card.procedure.length) {
    const ol = document.createElement('ol');
    card.procedure.forEach((step) => { const li = document.createElement('li'); li.textContent = t(`procedure.${step}`); ol.append(li); });
    fact(list, t('card.procedure'), ol);
  }

  // Where she is: the position her phone or button sent, and her registered addresses; both when
  // both exist, since an escort is often given a false address.
  const position = livePosition(view);
  if (position) {
    const loc = position.details.location;
    const where = document.createElement('span');
    const coords = `${Number(loc.lat).toFixed(5)}, ${Number(loc.lon).toFixed(5)}`;
    where.append(link(`geo:${loc.lat},${loc.lon}`, coords));
    const extra = [];
    if (loc.accuracyM !== undefined && loc.accuracyM !== null) extra.push(t('card.accuracy', Math.round(loc.accuracyM)));
    if (loc.capturedAt) extra.push(t('card.measuredAt', clock(loc.capturedAt)));
    if (extra.length) where.append(` (${extra.join(', ')})`);
    fact(list, t('card.livePosition'), where);
  }
  if (card.addresses && card.addresses.length) {
    const ul = document.createElement('ul');
    ul.className = 'plain';
    card.addresses.forEach((a) => { const li = document.createElement('li'); li.textContent = `${t(`address.${a.label}`)}: ${a.address}`; ul.append(li); });
    fact(list, position ? t('card.addressesAlsoLive') : t('card.addresses'), ul);
  }
  fact(list, t('card.safetyNote'), card.safetyNote);
  fact(list, t('card.doorApproach'), card.doorApproach);
  fact(list, t('card.escapeRoute'), card.escapeRoute);
  fact(list, t('card.codeWord'), card.codeWord);
  if (card.contacts && card.contacts.length) {
    const ul = document.createElement('ul');
    ul.className = 'plain';
    card.contacts.forEach((c) => {
      const li = document.createElement('li');
      li.append(`${c.name}${c.relation ? ` (${c.relation})` : ''}: `, link(`tel:${String(c.number).replace(/[^+0-9]/g, '')}`, c.number),
        ' ', span(c.inform ? 'hint' : 'flag', t(c.inform ? 'card.mayInform' : 'card.doNotInform')));
      ul.append(li);
    });
    fact(list, t('card.contacts'), ul);
  }
  if (card.liaison) fact(list, t('card.liaison'), t(`liaison.${card.liaison}`));
  if (card.policeFields && card.policeFields.length) fact(list, t('card.policeFields'), policeFieldNames(card.policeFields));
  body.append(list);

  const police = $('police-fields');
  police.hidden = !(card.policeFields && card.policeFields.length);
  police.textContent = police.hidden ? '' : t('actions.policeFields', policeFieldNames(card.policeFields));
}

function policeFieldNames(fields) {
  return fields.map((f) => t(`card.${f}`)).join(', ');
}

function renderTimeline(view) {
  const list = $('timeline-list');
  list.replaceChildren();
  for (const entry of view.timeline || []) {
    const li = document.createElement('li');
    const time = document.createElement('time');
    time.dateTime = entry.at || '';
    time.textContent = clock(entry.at);
    // An alarm says which kind it is ("Silent alarm", "Missed check-in") instead of only "Alarm".
    const parts = [entry.type === 'ALARM' && entry.kind ? t(`kind.${entry.kind}`) : t(`timeline.${entry.type}`)];
    if (entry.type === 'ALARM' && entry.channel) parts.push(t(`channel.${entry.channel}`));
    if (entry.by) parts.push(t('timeline.by', entry.by));
    li.append(time, ' ', parts.join(' · '));
    for (const extra of [describe(entry), entry.text, entry.details && entry.details.timerNote]) {
      if (extra) li.append(document.createElement('br'), span('entry-text', extra));
    }
    if (entry.deviceId) li.append(' ', span('hint', entry.deviceId));
    list.append(li);
  }
}

/**
 * A timeline entry's code (detail) in words: the contact attempt's TARGET:RESULT, the help's kind,
 * the outcome, AUTOMATIC for a close nobody made by hand. An unknown code is shown as it is.
 */
function describe(entry) {
  const detail = entry.detail;
  if (detail === undefined || detail === null || detail === '') return '';
  const word = (key, code) => state.messages[`${key}.${code}`] ?? code;
  switch (entry.type) {
    case 'CONTACT_ATTEMPT': {
      const [target, result] = String(detail).split(':');
      return result ? `${word('target', target)}: ${word('result', result)}` : word('target', target);
    }
    case 'HELP_SENT': return word('help', detail);
    case 'RESOLVED': return word('outcome', detail);
    case 'CLOSED': return word('closed', detail);
    default: return String(detail);
  }
}

function renderActions(view) {
  const finished = FINISHED.includes(view.status);
  $('ack').hidden = finished;
  $('ack').disabled = !!view.acknowledgedAt;
  $('ack').textContent = view.acknowledgedAt ? t('actions.acknowledged') : t('actions.acknowledge');
  for (const id of ['note-form', 'contact-form', 'help-form', 'resolve-form']) $(id).hidden = finished;
  $('close').hidden = view.status !== 'RESOLVED';
}

function resetForms() {
  for (const id of ['note-form', 'contact-form', 'help-form', 'resolve-form']) $(id).reset();
}

// ---- actions ---------------------------------------------------------------------------------

async function act(id, path, body, done) {
  const status = $('action-status');
  status.textContent = t('actions.saving');
  let r;
  try {
    r = await api('POST', `/api/incidents/${encodeURIComponent(id)}/${path}`, body);
  } catch (e) {
    status.textContent = t('error.offline');
    return false;
  }
  if (!r.ok) {
    status.textContent = problemText(r);
    return false;
  }
  status.textContent = done;
  if (r.data && r.data.id) {
    if (state.openId === r.data.id) renderDetail(r.data);
    else mergeView(r.data);
  }
  return true;
}

/** Lets the list follow a full view (an action's answer) that is newer than its summary, before the WebSocket frame arrives. */
function mergeView(view) {
  const summary = state.incidents.get(view.id);
  if (summary && (view.version ?? 0) > (summary.version ?? -1)) {
    applyIncident({ ...summary, status: view.status, version: view.version, escalated: view.escalated,
      acknowledgedAt: view.acknowledgedAt, acknowledgedBy: view.acknowledgedBy }, false);
  }
}

function acknowledgeSelected() {
  const id = state.selectedId || state.openId;
  if (!id) { $('status').textContent = t('keys.selectFirst'); return; }
  const incident = state.incidents.get(id);
  const name = incident ? (incident.workingName || '') : '';
  act(id, 'acknowledge', {}, t('actions.acknowledgedDone', name)).then((ok) => {
    if (state.openId !== id) $('status').textContent = ok ? t('actions.acknowledgedDone', name) : $('action-status').textContent;
  });
}

async function focusNote() {
  const id = state.selectedId || state.openId;
  if (!id) { $('status').textContent = t('keys.selectFirst'); return; }
  if (state.openId !== id) await openIncident(id, false);
  $('note-text').focus();
}

function wireActions() {
  $('ack').addEventListener('click', () => { if (state.openId) act(state.openId, 'acknowledge', {}, t('actions.acknowledgedDone', '')); });
  $('note-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = $('note-text').value.trim();
    if (!text || !state.openId) return;
    if (await act(state.openId, 'notes', { text }, t('actions.noteDone'))) $('note-text').value = '';
  });
  $('contact-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!state.openId) return;
    const body = { target: $('contact-target').value, result: $('contact-result').value };
    const note = $('contact-note').value.trim();
    if (note) body.note = note;
    if (await act(state.openId, 'contact-attempts', body, t('actions.contactDone'))) $('contact-note').value = '';
  });
  $('help-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!state.openId) return;
    const body = { kind: $('help-kind').value };
    const reference = $('help-reference').value.trim();
    if (reference) body.reference = reference;
    if (await act(state.openId, 'help', body, t('actions.helpDone'))) $('help-reference').value = '';
  });
  $('resolve-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!state.openId) return;
    const categories = [...document.querySelectorAll('#resolve-categories input:checked')].map((c) => c.value);
    const body = { outcome: $('resolve-outcome').value, categories, followUp: $('resolve-follow-up').value };
    if (await act(state.openId, 'resolve', body, t('actions.resolveDone'))) $('resolve-form').reset();
  });
  $('close').addEventListener('click', () => { if (state.openId) act(state.openId, 'close', {}, t('actions.closeDone')); });
  $('back').addEventListener('click', backToList);
  $('alert-banner').addEventListener('click', () => {
    const id = $('alert-banner').dataset.id;
    $('alert-banner').hidden = true;
    if (id && state.incidents.has(id)) { select(id); openIncident(id, true); }
  });
}

// ---- keyboard --------------------------------------------------------------------------------

function onKey(e) {
  if (e.ctrlKey || e.metaKey || e.altKey || $('console').hidden) return;
  const target = e.target;
  const typing = target.closest && target.closest('input, textarea, select, [contenteditable]');
  if (e.key === 'Escape') {
    e.preventDefault();
    backToList();
    return;
  }
  if (typing) return;
  const onButton = target.closest && target.closest('button, a');
  switch (e.key) {
    case 'ArrowDown': case 'j': e.preventDefault(); move(1); break;
    case 'ArrowUp': case 'k': e.preventDefault(); move(-1); break;
    case 'Enter':
      // A focused button or link does its own thing; Enter elsewhere opens the selected incident.
      if (!onButton && state.selectedId) { e.preventDefault(); openIncident(state.selectedId, true); }
      break;
    case 'a': e.preventDefault(); acknowledgeSelected(); break;
    case 'n': e.preventDefault(); focusNote(); break;
    default:
  }
}

// ---- supervision -----------------------------------------------------------------------------

async function loadSupervision() {
  if (!state.session || !state.session.supervisor) return;
  let r;
  try { r = await api('GET', '/api/supervision/acknowledge-times?days=7'); } catch (e) { return; }
  const body = $('supervision-body');
  body.replaceChildren();
  if (!r.ok || !r.data) {
    body.textContent = problemText(r);
    return;
  }
  const s = r.data;
  const targets = s.targets || { within30s: 80.0, within60s: 98.5 };
  const list = document.createElement('dl');
  list.className = 'facts';
  fact(list, t('supervision.period'), t('supervision.periodText', dateTime(s.from), dateTime(s.to)));
  // Percentages are of the incidents opened in the period (one nobody took counts as missing both targets).
  const total = s.incidents ?? s.acknowledged ?? 0;
  fact(list, t('supervision.incidents'), String(total));
  fact(list, t('supervision.acknowledged'), String(s.acknowledged ?? 0));
  for (const [key, seconds] of [['within30s', 30], ['within60s', 60]]) {
    const pct = s[`pct${key[0].toUpperCase()}${key.slice(1)}`];
    const target = targets[key];
    if (!total || pct === null || pct === undefined) {
      fact(list, t('supervision.within', seconds), t('supervision.none', target));
    } else {
      const met = pct >= target;
      fact(list, t('supervision.within', seconds),
        t(met ? 'supervision.met' : 'supervision.below', pct.toFixed(1), target, s[key] ?? 0, total), met ? 'met' : 'below');
    }
  }
  if (s.p50Seconds !== null && s.p50Seconds !== undefined) fact(list, t('supervision.p50'), t('supervision.seconds', Math.round(s.p50Seconds)));
  if (s.p90Seconds !== null && s.p90Seconds !== undefined) fact(list, t('supervision.p90'), t('supervision.seconds', Math.round(s.p90Seconds)));
  body.append(list);
}

// ---- start -----------------------------------------------------------------------------------

async function start() {
  await loadLanguage(chooseLanguage());
  let session = { authenticated: false };
  try {
    const r = await api('GET', '/app/session');
    if (r.ok && r.data) session = r.data;
  } catch (e) {
    $('status').textContent = t('error.offline');
  }
  $('language').addEventListener('change', async (e) => {
    localStorage.setItem('console.lang', e.target.value);
    await loadLanguage(e.target.value);
    renderList();
    showSoundNote();
    if (state.session) setLive($('live').dataset.state);
    if (state.detail) renderDetail(state.detail);
    loadSupervision();
  });
  if (!session.authenticated) { show('signed-out'); return; }
  if (!session.allowed) { show('refused'); return; }
  state.session = session;
  state.csrf = session.csrfToken;
  $('user').textContent = session.user ? t('app.signedInAs', session.user) : '';
  $('supervision').hidden = !session.supervisor;
  show('console');
  setLive('connecting');

  // Browsers play sound only after the page was clicked or typed on once.
  const unlock = () => { ensureAudio(); showSoundNote(); };
  document.addEventListener('pointerdown', unlock, true);
  document.addEventListener('keydown', unlock, true);
  $('sound').addEventListener('click', () => {
    state.sound = !state.sound;
    localStorage.setItem('console.sound', state.sound ? 'on' : 'off');
    showSoundNote();
  });
  $('sound-test').addEventListener('click', () => { ensureAudio(); setTimeout(() => beep(2), 50); });
  document.addEventListener('keydown', onKey);
  wireActions();
  showSoundNote();
  renderList();
  connect();
  setInterval(tick, 1000);
  setInterval(checkSession, SESSION_EVERY_MS);
  window.addEventListener('online', () => { if (!state.socket) connect(); });
  loadSupervision();
  setInterval(loadSupervision, SUPERVISION_EVERY_MS);
}

document.addEventListener('DOMContentLoaded', start);
