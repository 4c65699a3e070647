// The worker app's registration pages: her details, safety notes, addresses, what we do when she
// presses, trusted contacts, what we share, a code for her button, her data, who saw what, and
// withdrawing. One view per page (#profile, #notes, ...), reached from the menu on the home view.
// Everything goes through alarm-service (/app/registry/me/...), which forwards it to the registry
// with her session's token; the page never sees a token. Uses t, api, say and $ from app.js.
'use strict';

const REGISTRY = '/app/registry/me';
const VIEWS = ['profile', 'notes', 'addresses', 'procedure', 'contacts', 'consents', 'button', 'export', 'disclosures', 'withdraw'];
const STEPS = ['SEND_HELP', 'SEND_POLICE', 'CALL_ME_FIRST', 'CALL_TRUSTED_CONTACT'];
const MAX_STEPS = 4;
const MAX_ITEMS = 5;
const ADDRESS_LABELS = ['HOME', 'WORK', 'OTHER'];
const CONSENT_TYPES = ['ALARM_SERVICE', 'SHARE_NOTES', 'SHARE_ADDRESSES', 'INFORM_CONTACTS', 'POLICE_FIELDS', 'LIAISON_INTRO'];
const POLICE_FIELDS = ['workingName', 'languages', 'callBackNumber', 'addresses', 'safetyNote', 'doorApproach', 'escapeRoute'];
const CONSENT_TEXT_VERSION = 'v1';
// Names of the registry's fields in her language (for the export, and the police fields).
const FIELD_LABELS = {
  workingName: 'profile.workingName', languages: 'profile.languages', callBackNumber: 'profile.callBackNumber',
  liaison: 'profile.liaison', safetyNote: 'notes.safetyNote', doorApproach: 'notes.doorApproach',
  escapeRoute: 'notes.escapeRoute', codeWord: 'notes.codeWord', mayCallBack: 'notes.mayCallBack',
  profile: 'profile.title', notes: 'notes.title', addresses: 'addresses.title', address: 'addresses.address',
  label: 'addresses.label', procedure: 'procedure.title', steps: 'procedure.title', contacts: 'contacts.title',
  name: 'contacts.name', number: 'contacts.number', relation: 'contacts.relation', inform: 'contacts.inform',
  consents: 'consents.title', devices: 'button.devices', disclosures: 'disclosures.title',
};

let profile = null; // her profile as last read: the notes page saves her own note inside it
let currentView = null;
let addresses = [];
let contacts = [];

// ---- small helpers ---------------------------------------------------------------------------

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key in node && key !== 'list') node[key] = value;
    else node.setAttribute(key, value);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' }) : t('common.none');
}

async function registry(method, path, body) {
  let r;
  try {
    r = await api(method, REGISTRY + path, body);
  } catch (e) {
    return { status: 0, ok: false, data: null };
  }
  if (r.status === 401 || r.status === 499) {
    // The session is gone: show the sign-in, as at the start.
    $('app').hidden = true;
    $('signed-out').hidden = false;
  }
  return r;
}

/** Says something once (status line) and shows it next to the form's button as well. */
function tell(form, text) {
  say(text);
  const note = form && form.querySelector('.form-note');
  if (note) note.textContent = text;
}

function unavailable(form, r) {
  if (isProblem(r, 'step-up-required') || isProblem(r, 'pin-locked')) return tell(form, pinProblem(r));
  tell(form, r.status === 0 || r.status >= 500 ? t('page.unavailable') : t('error.generic'));
}

// ---- errors next to the fields -------------------------------------------------------------

function clearErrors(form) {
  form.querySelectorAll('.error').forEach((e) => e.remove());
  form.querySelectorAll('[aria-invalid]').forEach((c) => c.removeAttribute('aria-invalid'));
  form.querySelectorAll('[data-described]').forEach((c) => {
    c.setAttribute('aria-describedby', c.dataset.described);
    if (!c.dataset.described) c.removeAttribute('aria-describedby');
    delete c.dataset.described;
  });
  const note = form.querySelector('.form-note');
  if (note) note.textContent = '';
}

/** Shows an error right after a control (or under a group's legend) and links it for screen readers. */
function markInvalid(control, text) {
  const id = `${control.id || control.dataset.field.replace(/[^A-Za-z0-9]/g, '-')}-error`;
  if (document.getElementById(id)) return;
  const error = el('p', { id, className: 'error' }, text);
  if (control.tagName === 'FIELDSET' || control.tagName === 'DIV') {
    const legend = control.querySelector('legend');
    if (legend) legend.after(error); else control.prepend(error);
  } else if (control.type === 'checkbox' || control.type === 'radio') {
    control.closest('label').after(error);
  } else {
    control.after(error);
  }
  if (!('described' in control.dataset)) control.dataset.described = control.getAttribute('aria-describedby') || '';
  control.setAttribute('aria-describedby', `${control.dataset.described} ${id}`.trim());
  control.setAttribute('aria-invalid', 'true');
}

function normalise(field) {
  return String(field || '').replace(/\[(\d+)\]/g, '.$1');
}

/** The control a problem's violations[].field names, or the group that holds it. */
function controlFor(form, field) {
  const wanted = normalise(field);
  let best = null;
  for (const control of form.querySelectorAll('[data-field]')) {
    const name = normalise(control.dataset.field);
    if (name === wanted) return control;
    if (wanted.startsWith(`${name}.`) && (!best || name.length > normalise(best.dataset.field).length)) best = control;
  }
  return best;
}

/** Shows what the registry refused: next to each field it names, and announced once. */
function showProblem(form, r) {
  const violations = r.data && Array.isArray(r.data.violations) ? r.data.violations : [];
  if (r.status !== 400 || violations.length === 0) {
    if (r.status === 400) tell(form, t('page.invalid'));
    else unavailable(form, r);
    return;
  }
  let first = null;
  for (const violation of violations) {
    const control = controlFor(form, violation.field) || form.querySelector('[data-field]');
    if (control) {
      markInvalid(control, t('page.fieldInvalid'));
      first = first || control;
    }
  }
  tell(form, t('page.invalid'));
  focusControl(first);
}

function focusControl(control) {
  if (!control) return;
  const target = control.matches('input, select, textarea') ? control : control.querySelector('input, select, textarea, button');
  (target || control).focus();
}

function required(form, control) {
  markInvalid(control, t('page.required'));
  tell(form, t('page.invalid'));
  control.focus();
}

// ---- views -----------------------------------------------------------------------------------

function showView() {
  const name = location.hash.slice(1);
  const view = VIEWS.includes(name) ? name : null;
  $('home').hidden = view !== null;
  for (const v of VIEWS) $(`view-${v}`).hidden = v !== view;
  const previous = currentView;
  currentView = view;
  if (view !== previous) say(''); // a new view starts without the last one's message (the app's start keeps its own)
  if (view) {
    $(`${view}-title`).focus();
    load(view);
  } else if (previous) {
    const link = document.querySelector(`#menu a[href="#${previous}"]`);
    if (link) link.focus();
  }
}

/** Loads a view's data; data-loaded on the view says when it is there (the browser tests wait for it). */
async function load(view) {
  const section = $(`view-${view}`);
  section.dataset.loaded = 'false';
  try {
    await LOADERS[view]();
  } finally {
    section.dataset.loaded = 'true';
  }
}

const LOADERS = {
  profile: loadProfile,
  notes: loadNotes,
  addresses: loadAddresses,
  procedure: loadProcedure,
  contacts: loadContacts,
  consents: loadConsents,
  button: loadDevices,
  export: loadExport,
  disclosures: loadDisclosures,
  withdraw: prepareWithdraw,
};

// ---- her details -----------------------------------------------------------------------------

/** Reads her profile; null before she saved one (404). Undefined when it could not be read. */
async function readProfile() {
  const r = await registry('GET', '/profile');
  if (r.ok) return r.data;
  if (r.status === 404) return null;
  unavailable(null, r);
  return undefined;
}

/** The profile as the registry accepts it in a PUT (no updatedAt: unknown fields are refused). */
function profileBody(p, changes) {
  const body = {
    workingName: p.workingName, safetyNote: p.safetyNote ?? null, languages: p.languages || [],
    callBackNumber: p.callBackNumber ?? null, liaison: p.liaison || 'NONE',
  };
  return Object.assign(body, changes);
}

async function loadProfile() {
  const form = $('profile-form');
  clearErrors(form);
  const p = await readProfile();
  if (p === undefined) return;
  profile = p;
  $('profile-workingName').value = p ? p.workingName || '' : '';
  $('profile-callBackNumber').value = p ? p.callBackNumber || '' : '';
  const languages = p && p.languages ? p.languages : [];
  form.querySelectorAll('input[name=languages]').forEach((box) => { box.checked = languages.includes(box.value); });
  const liaison = p && p.liaison ? p.liaison : 'NONE';
  form.querySelectorAll('input[name=liaison]').forEach((radio) => { radio.checked = radio.value === liaison; });
}

async function saveProfile(event) {
  event.preventDefault();
  const form = $('profile-form');
  clearErrors(form);
  const workingName = $('profile-workingName').value.trim();
  if (!workingName) return required(form, $('profile-workingName'));
  const body = profileBody(profile || {}, {
    workingName,
    languages: [...form.querySelectorAll('input[name=languages]:checked')].map((box) => box.value),
    callBackNumber: $('profile-callBackNumber').value.trim() || null,
    liaison: (form.querySelector('input[name=liaison]:checked') || { value: 'NONE' }).value,
  });
  const r = await registry('PUT', '/profile', body);
  if (!r.ok) return showProblem(form, r);
  profile = body;
  tell(form, t('page.saved'));
}

// ---- safety notes ----------------------------------------------------------------------------

async function loadNotes() {
  const form = $('notes-form');
  clearErrors(form);
  const [p, r] = await Promise.all([readProfile(), registry('GET', '/notes')]);
  if (p === undefined) return;
  if (!r.ok && r.status !== 404) return unavailable(form, r);
  profile = p;
  const notes = r.ok && r.data ? r.data : {};
  $('notes-safetyNote').value = p && p.safetyNote ? p.safetyNote : '';
  $('notes-doorApproach').value = notes.doorApproach || '';
  $('notes-escapeRoute').value = notes.escapeRoute || '';
  $('notes-codeWord').value = notes.codeWord || '';
  $('notes-mayCallBack').checked = notes.mayCallBack !== false;
}

async function saveNotes(event) {
  event.preventDefault();
  const form = $('notes-form');
  clearErrors(form);
  const safetyNote = $('notes-safetyNote').value.trim() || null;
  if (safetyNote && !profile) {
    markInvalid($('notes-safetyNote'), t('page.needsProfile'));
    tell(form, t('page.needsProfile'));
    $('notes-safetyNote').focus();
    return;
  }
  const notes = {
    doorApproach: $('notes-doorApproach').value.trim() || null,
    escapeRoute: $('notes-escapeRoute').value.trim() || null,
    codeWord: $('notes-codeWord').value.trim() || null,
    mayCallBack: $('notes-mayCallBack').checked,
  };
  const r = await registry('PUT', '/notes', notes);
  if (!r.ok) return showProblem(form, r);
  if (profile && (profile.safetyNote ?? null) !== safetyNote) {
    const body = profileBody(profile, { safetyNote });
    const saved = await registry('PUT', '/profile', body);
    if (!saved.ok) return showProblem(form, saved);
    profile = body;
  }
  tell(form, t('page.saved'));
}

// ---- lists: addresses and trusted contacts ---------------------------------------------------

function input(id, field, labelKey, props = {}) {
  return [el('label', { htmlFor: id }, t(labelKey)), el('input', Object.assign({ id, dataset: { field }, autocomplete: 'off' }, props))];
}

function removeButton(labelKey, index, onRemove) {
  // "Remove" alone would be ambiguous to a screen reader among five of them: the item is named too.
  return el('button', { type: 'button', className: 'button', onclick: () => onRemove(index) }, t('common.remove'),
    el('span', { className: 'visually-hidden' }, ` (${t(labelKey, index + 1)})`));
}

function renderAddresses() {
  const list = $('addresses-list');
  list.replaceChildren();
  if (addresses.length === 0) list.append(el('p', {}, t('addresses.none')));
  addresses.forEach((item, i) => {
    const select = el('select', { id: `address-${i}-label`, dataset: { field: `addresses[${i}].label` } },
      ...ADDRESS_LABELS.map((label) => el('option', { value: label, selected: item.label === label }, t(`addresses.label.${label}`))));
    list.append(el('fieldset', { id: `address-${i}`, dataset: { field: `addresses[${i}]` } },
      el('legend', {}, t('addresses.item', i + 1)),
      el('label', { htmlFor: select.id }, t('addresses.label')), select,
      el('label', { htmlFor: `address-${i}-address` }, t('addresses.address')),
      el('textarea', { id: `address-${i}-address`, dataset: { field: `addresses[${i}].address` }, maxLength: 300, rows: 2,
        value: item.address || '' }),
      removeButton('addresses.item', i, (index) => { readAddresses(); addresses.splice(index, 1); renderAddresses(); $('addresses-add').focus(); })));
  });
  $('addresses-add').disabled = addresses.length >= MAX_ITEMS;
}

function readAddresses() {
  addresses = addresses.map((item, i) => ({
    label: $(`address-${i}-label`).value,
    address: $(`address-${i}-address`).value.trim(),
  }));
}

async function loadAddresses() {
  clearErrors($('addresses-form'));
  const r = await registry('GET', '/addresses');
  if (!r.ok && r.status !== 404) return unavailable($('addresses-form'), r);
  addresses = r.ok && r.data && Array.isArray(r.data.addresses) ? r.data.addresses : [];
  renderAddresses();
}

async function saveAddresses(event) {
  event.preventDefault();
  const form = $('addresses-form');
  readAddresses();
  clearErrors(form);
  const empty = addresses.findIndex((item) => !item.address);
  if (empty >= 0) return required(form, $(`address-${empty}-address`));
  const r = await registry('PUT', '/addresses', { addresses });
  if (!r.ok) return showProblem(form, r);
  tell(form, t('page.saved'));
}

function renderContacts() {
  const list = $('contacts-list');
  list.replaceChildren();
  if (contacts.length === 0) list.append(el('p', {}, t('contacts.none')));
  contacts.forEach((item, i) => {
    list.append(el('fieldset', { id: `contact-${i}`, dataset: { field: `contacts[${i}]` } },
      el('legend', {}, t('contacts.item', i + 1)),
      ...input(`contact-${i}-name`, `contacts[${i}].name`, 'contacts.name', { maxLength: 80, value: item.name || '' }),
      ...input(`contact-${i}-number`, `contacts[${i}].number`, 'contacts.number', { type: 'tel', maxLength: 30, value: item.number || '' }),
      ...input(`contact-${i}-relation`, `contacts[${i}].relation`, 'contacts.relation', { maxLength: 80, value: item.relation || '' }),
      el('label', { className: 'check' },
        el('input', { type: 'checkbox', id: `contact-${i}-inform`, dataset: { field: `contacts[${i}].inform` }, checked: !!item.inform }),
        ' ', el('span', {}, t('contacts.inform'))),
      removeButton('contacts.item', i, (index) => { readContacts(); contacts.splice(index, 1); renderContacts(); $('contacts-add').focus(); })));
  });
  $('contacts-add').disabled = contacts.length >= MAX_ITEMS;
}

function readContacts() {
  contacts = contacts.map((item, i) => ({
    name: $(`contact-${i}-name`).value.trim(),
    number: $(`contact-${i}-number`).value.trim(),
    relation: $(`contact-${i}-relation`).value.trim() || null,
    inform: $(`contact-${i}-inform`).checked,
  }));
}

async function loadContacts() {
  clearErrors($('contacts-form'));
  const r = await registry('GET', '/contacts');
  if (!r.ok && r.status !== 404) return unavailable($('contacts-form'), r);
  contacts = r.ok && r.data && Array.isArray(r.data.contacts) ? r.data.contacts : [];
  renderContacts();
}

async function saveContacts(event) {
  event.preventDefault();
  const form = $('contacts-form');
  readContacts();
  clearErrors(form);
  for (let i = 0; i < contacts.length; i += 1) {
    if (!contacts[i].name) return required(form, $(`contact-${i}-name`));
    if (!contacts[i].number) return required(form, $(`contact-${i}-number`));
  }
  const r = await registry('PUT', '/contacts', { contacts });
  if (!r.ok) return showProblem(form, r);
  tell(form, t('page.saved'));
}

// ---- what we do when she presses -------------------------------------------------------------

function renderProcedure(steps) {
  const list = $('procedure-list');
  list.replaceChildren();
  for (let i = 0; i < MAX_STEPS; i += 1) {
    const options = STEPS.map((step) => el('option', { value: step, selected: steps[i] === step }, t(`procedure.${step}`)));
    if (i > 0) options.unshift(el('option', { value: '', selected: !steps[i] }, t('procedure.noStep')));
    const id = `procedure-step-${i + 1}`;
    list.append(el('label', { htmlFor: id }, t('procedure.step', i + 1)),
      el('select', { id, dataset: { field: `steps[${i}]` } }, ...options));
  }
}

async function loadProcedure() {
  clearErrors($('procedure-form'));
  const r = await registry('GET', '/procedure');
  if (!r.ok && r.status !== 404) return unavailable($('procedure-form'), r);
  renderProcedure(r.ok && r.data && Array.isArray(r.data.steps) && r.data.steps.length ? r.data.steps : ['SEND_HELP']);
}

async function saveProcedure(event) {
  event.preventDefault();
  const form = $('procedure-form');
  clearErrors(form);
  const chosen = [];
  for (let i = 1; i <= MAX_STEPS; i += 1) {
    const select = $(`procedure-step-${i}`);
    if (!select.value) continue;
    if (chosen.includes(select.value)) {
      markInvalid(select, t('procedure.repeated'));
      tell(form, t('page.invalid'));
      select.focus();
      return;
    }
    chosen.push(select.value);
  }
  const r = await registry('PUT', '/procedure', { steps: chosen });
  if (!r.ok) return showProblem(form, r);
  renderProcedure(chosen);
  tell(form, t('page.saved'));
}

// ---- what we share ---------------------------------------------------------------------------

async function loadConsents(focusType) {
  const list = $('consents-list');
  const r = await registry('GET', '/consents');
  if (!r.ok) {
    list.replaceChildren();
    return unavailable(null, r);
  }
  const consents = r.data && Array.isArray(r.data.consents) ? r.data.consents : [];
  list.replaceChildren(...CONSENT_TYPES.map((type) => consentPanel(type,
    consents.find((c) => c.type === type) || { type, granted: false })));
  if (typeof focusType === 'string') $(`consent-${focusType}-state`).focus();
}

function consentState(consent) {
  if (consent.granted) return t('consents.granted', when(consent.grantedAt));
  if (consent.withdrawnAt) return t('consents.withdrawn', when(consent.withdrawnAt));
  return t('consents.notGranted');
}

function consentPanel(type, consent) {
  const titleId = `consent-${type}-title`;
  const panel = el('section', { className: 'panel consent', id: `consent-${type}`, 'aria-labelledby': titleId },
    el('h3', { id: titleId }, t(`consent.${type}.title`)),
    el('p', {}, t(`consent.${type}.text`)),
    el('p', { id: `consent-${type}-state`, className: consent.granted ? 'state granted' : 'state', tabIndex: -1 }, consentState(consent)));
  if (type === 'POLICE_FIELDS') {
    const fields = consent.granted && Array.isArray(consent.fields) ? consent.fields : [];
    const group = el('fieldset', { id: 'consent-POLICE_FIELDS-fields', dataset: { field: 'fields' } },
      el('legend', {}, t('consents.fieldsLegend')),
      ...POLICE_FIELDS.map((field) => el('label', { className: 'check' },
        el('input', { type: 'checkbox', name: 'policeFields', value: field, checked: fields.includes(field) }),
        ' ', el('span', {}, t(FIELD_LABELS[field])))));
    const form = el('form', { id: 'consent-POLICE_FIELDS-form', noValidate: true }, group,
      el('button', { type: 'submit', className: 'button primary', id: 'consent-POLICE_FIELDS-save' }, t('consents.saveFields')),
      el('p', { className: 'form-note' }));
    form.onsubmit = (event) => {
      event.preventDefault();
      const chosen = [...group.querySelectorAll('input:checked')].map((box) => box.value);
      changeConsent(form, type, chosen.length > 0, chosen);
    };
    panel.append(form);
  } else {
    const form = el('form', { id: `consent-${type}-form`, noValidate: true },
      el('button', { type: 'submit', className: consent.granted ? 'button' : 'button primary', id: `consent-${type}-toggle`,
        'aria-describedby': `${titleId} consent-${type}-state` }, t(consent.granted ? 'consents.withdraw' : 'consents.grant')),
      el('p', { className: 'form-note' }));
    form.onsubmit = (event) => {
      event.preventDefault();
      changeConsent(form, type, !consent.granted);
    };
    panel.append(form);
  }
  return panel;
}

async function changeConsent(form, type, granted, fields) {
  clearErrors(form);
  const body = { granted, textVersion: CONSENT_TEXT_VERSION };
  if (type === 'POLICE_FIELDS') body.fields = fields || [];
  const r = await registry('PUT', `/consents/${type}`, body);
  if (!r.ok) return showProblem(form, r);
  await loadConsents(type);
  say(t('page.saved'));
}

// ---- her button ------------------------------------------------------------------------------

async function getButtonCode() {
  const shown = $('button-code');
  const r = await registry('POST', '/enrolment-codes');
  if (!r.ok || !r.data || !r.data.code) {
    shown.replaceChildren();
    return unavailable(null, r);
  }
  const time = new Date(r.data.expiresAt).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' });
  shown.replaceChildren(
    el('p', { className: 'hint' }, t('button.code')),
    el('p', { className: 'code', id: 'button-code-value' }, r.data.code),
    el('p', {}, t('button.expires', time)));
}

async function loadDevices() {
  $('button-code').replaceChildren();
  const list = $('button-devices');
  const r = await registry('GET', '/devices');
  if (!r.ok) {
    list.replaceChildren();
    return unavailable(null, r);
  }
  const devices = r.data && Array.isArray(r.data.devices) ? r.data.devices : [];
  if (devices.length === 0) return list.replaceChildren(el('p', {}, t('button.none')));
  list.replaceChildren(el('ul', { className: 'plain' }, ...devices.map((device, i) => el('li', { className: 'panel' },
    el('p', { id: `device-${i}` }, t('button.boundAt', when(device.boundAt))),
    el('button', { type: 'button', className: 'button', 'aria-describedby': `device-${i}`,
      onclick: () => unlink(device.deviceId) }, t('button.unlink'))))));
}

async function unlink(deviceId) {
  // eslint-disable-next-line no-alert
  if (!window.confirm(t('button.unlinkConfirm'))) return;
  const r = await registry('DELETE', `/devices/${encodeURIComponent(deviceId)}`);
  if (!r.ok) return unavailable(null, r);
  await loadDevices();
  say(t('button.unlinked'));
}

// ---- her data and who saw it -----------------------------------------------------------------

function label(key) {
  if (FIELD_LABELS[key]) return t(FIELD_LABELS[key]);
  // Any other field: its name in words ("grantedAt" -> "Granted at").
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// Codes in her data, in her language where the app has words for them (else shown as they are).
const CODE_TEXTS = {
  liaison: (v) => `profile.liaison.${v}`, label: (v) => `addresses.label.${v}`, steps: (v) => `procedure.${v}`,
  type: (v) => `consent.${v}.title`, purpose: (v) => `disclosures.purpose.${v}`, requestedBy: (v) => `disclosures.by.${v}`,
  fields: (v) => FIELD_LABELS[v],
};

function render(value, key) {
  if (value === null || value === undefined || value === '') return el('span', { className: 'hint' }, t('common.none'));
  if (typeof value === 'boolean') return document.createTextNode(t(value ? 'common.yes' : 'common.no'));
  if (Array.isArray(value)) {
    if (value.length === 0) return el('span', { className: 'hint' }, t('common.none'));
    return el('ol', {}, ...value.map((item) => el('li', {}, render(item, key))));
  }
  if (typeof value === 'object') {
    const list = el('dl');
    for (const [name, item] of Object.entries(value)) list.append(el('dt', {}, label(name)), el('dd', {}, render(item, name)));
    return list;
  }
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return document.createTextNode(when(value));
  const code = CODE_TEXTS[key] && CODE_TEXTS[key](value);
  return document.createTextNode(code && messages[code] ? messages[code] : String(value));
}

async function loadExport() {
  const shown = $('export-data');
  const download = $('export-download');
  if (download.href.startsWith('blob:')) URL.revokeObjectURL(download.href);
  download.hidden = true;
  shown.replaceChildren();
  const r = await registry('GET', '/export');
  if (!r.ok) return unavailable(null, r);
  shown.replaceChildren(render(r.data));
  download.href = URL.createObjectURL(new Blob([JSON.stringify(r.data, null, 2)], { type: 'application/json' }));
  download.hidden = false;
}

async function loadDisclosures() {
  const list = $('disclosures-list');
  list.replaceChildren();
  const r = await registry('GET', '/disclosures');
  if (!r.ok) return unavailable(null, r);
  const disclosures = r.data && Array.isArray(r.data.disclosures) ? r.data.disclosures : [];
  if (disclosures.length === 0) return list.append(el('p', {}, t('disclosures.none')));
  list.append(el('ol', { className: 'plain' }, ...disclosures.map((d) => el('li', { className: 'panel' },
    el('dl', {},
      el('dt', {}, t('disclosures.at')), el('dd', {}, when(d.at)),
      el('dt', {}, t('disclosures.purpose')), el('dd', {}, render(d.purpose, 'purpose')),
      el('dt', {}, t('disclosures.by')), el('dd', {}, render(d.requestedBy, 'requestedBy')),
      el('dt', {}, t('disclosures.fields')), el('dd', {}, render(d.fields || [], 'fields')),
      el('dt', {}, t('disclosures.incident')), el('dd', {}, d.incidentId || t('common.none')),
      // An entry about an alarm is held back until a while after the alarm closed (docs/privacy.md,
      // "Her disclosure log and coercion"): say when it closed and since when the entry shows.
      ...(d.incidentClosedAt ? [
        el('dt', {}, t('disclosures.closed')), el('dd', {}, when(d.incidentClosedAt)),
        el('dt', {}, t('disclosures.heldBack')), el('dd', {}, when(d.heldBackUntil))] : []))))));
}

// ---- withdrawing -----------------------------------------------------------------------------

function prepareWithdraw() {
  const form = $('withdraw-form');
  clearErrors(form);
  $('withdraw-word').value = '';
  $('withdraw-word-label').textContent = t('withdraw.confirm', t('withdraw.word'));
}

async function withdraw(event) {
  event.preventDefault();
  const form = $('withdraw-form');
  clearErrors(form);
  const word = $('withdraw-word');
  if (word.value.trim().toLocaleUpperCase(lang) !== t('withdraw.word').toLocaleUpperCase(lang)) {
    markInvalid(word, t('withdraw.wrongWord'));
    tell(form, t('withdraw.wrongWord'));
    word.focus();
    return;
  }
  $('withdraw-submit').disabled = true;
  const r = await registry('DELETE', '');
  $('withdraw-submit').disabled = false;
  if (!r.ok) return unavailable(form, r);
  tell(form, t('withdraw.done'));
  // Time to hear or read the message; then her session ends here too. Her Keycloak account and its
  // sessions are already gone, so only this app's session is ended (a Keycloak logout would stop on
  // an error page about an unknown user).
  setTimeout(async () => {
    try { await api('POST', '/app/session/end'); } catch (e) { /* the page reload below shows sign-in anyway */ }
    location.href = '/';
  }, 4000);
}

// ---- start (called by app.js once she is signed in) -----------------------------------------

function startPages() {
  $('profile-form').addEventListener('submit', saveProfile);
  $('notes-form').addEventListener('submit', saveNotes);
  $('addresses-form').addEventListener('submit', saveAddresses);
  $('addresses-add').addEventListener('click', () => {
    readAddresses();
    addresses.push({ label: 'HOME', address: '' });
    renderAddresses();
    $(`address-${addresses.length - 1}-label`).focus();
  });
  $('contacts-form').addEventListener('submit', saveContacts);
  $('contacts-add').addEventListener('click', () => {
    readContacts();
    contacts.push({ name: '', number: '', relation: null, inform: false });
    renderContacts();
    $(`contact-${contacts.length - 1}-name`).focus();
  });
  $('procedure-form').addEventListener('submit', saveProcedure);
  $('procedure-reset').addEventListener('click', () => { renderProcedure(['SEND_HELP']); $('procedure-step-1').focus(); });
  $('button-get').addEventListener('click', getButtonCode);
  $('withdraw-form').addEventListener('submit', withdraw);
  window.addEventListener('hashchange', showView);
  showView();
}

/** After a change of language: the open view is drawn again in the new one. */
function pagesLanguageChanged() {
  if (currentView) load(currentView);
}
