import { h, fill, time, clock, duration, badge, progressText, json } from './dom.js';
import { renderTimeline } from './timeline.js';
import { renderResult } from './result.js';

// The page speaks only the Durable Functions management API and /api/documents, so ?server= may point it at a
// Durable Functions app (which must allow this origin by CORS) with its key in ?serverKey=; ?code= is this host's key.
const params = new URLSearchParams(location.search);
const server = (params.get('server') ?? location.origin).replace(/\/+$/, '');
const sameHost = server === location.origin;
const hostKey = params.get('code') ?? '';
const key = sameHost ? hostKey : (params.get('serverKey') ?? '');
const mgmt = `${server}/runtime/webhooks/durabletask`;
const ACTIVE = ['Pending', 'Running', 'Suspended', 'ContinuedAsNew'];
const $ = id => document.getElementById(id);

const state = { tokens: [null], page: 0, next: null, instanceId: null, live: null, refreshTimer: null, pollTimer: null };

async function call(url, options = {}) {
  const headers = new Headers(options.headers ?? {});
  if (key) headers.set('x-functions-key', key);
  const response = await fetch(url, { ...options, headers });
  if (response.status === 401) throw new Error('The API key is missing or not valid: open the page with ?code=<key>.');
  return response;
}

async function problem(response) {
  try {
    const body = await response.json();
    return body.detail ?? body.title ?? body.message ?? JSON.stringify(body);
  } catch {
    return `${response.status} ${response.statusText}`;
  }
}

function showError(message) {
  const el = $('error');
  el.hidden = !message;
  el.textContent = message ?? '';
}

// ---------- list ----------
function filterQuery() {
  const form = new FormData($('filters'));
  const q = new URLSearchParams({ showInput: 'false', top: form.get('top') || '25' });
  if (form.get('status')) q.set('runtimeStatus', form.get('status'));
  if (form.get('prefix')) q.set('instanceIdPrefix', form.get('prefix').trim());
  for (const [field, name] of [['from', 'createdTimeFrom'], ['to', 'createdTimeTo']]) {
    const value = form.get(field);
    if (value) q.set(name, new Date(value).toISOString().replace(/\.\d{3}Z$/, 'Z'));
  }
  return q;
}

async function loadList() {
  const q = filterQuery();
  const token = state.tokens[state.page];
  const response = await call(`${mgmt}/instances?${q}`, { headers: token ? { 'x-ms-continuation-token': token } : {} });
  if (!response.ok) throw new Error(`Listing instances failed: ${await problem(response)}`);
  const nameFilter = (new FormData($('filters')).get('name') || '').trim().toLowerCase();
  const instances = (await response.json()).filter(i => !nameFilter || (i.name ?? '').toLowerCase().includes(nameFilter));
  state.next = response.headers.get('x-ms-continuation-token');
  fill($('instance-rows'), instances.length ? instances.map(row) : h('tr', {}, h('td', { colspan: 6 }, 'No instances match.')));
  $('prev-page').disabled = state.page === 0;
  $('next-page').disabled = !state.next;
  $('list-status').textContent = `Page ${state.page + 1} · ${instances.length} instance${instances.length === 1 ? '' : 's'}`;
  showError(null);
}

function row(i) {
  const custom = i.customStatus;
  const percent = custom && typeof custom.percent === 'number' ? custom.percent : (i.runtimeStatus === 'Completed' ? 100 : 0);
  return h('tr', { 'data-instance': i.instanceId },
    h('td', { class: 'id' }, h('a', { href: `#/instances/${encodeURIComponent(i.instanceId)}` }, i.instanceId)),
    h('td', {}, i.name),
    h('td', {}, badge(i.runtimeStatus)),
    h('td', {}, h('div', { class: 'meter' }, h('progress', { max: 100, value: percent, 'aria-label': `${percent}%` }), h('span', {}, progressText(custom) || `${percent}%`))),
    h('td', {}, time(i.createdTime)),
    h('td', {}, time(i.lastUpdatedTime)));
}

// ---------- upload ----------
async function upload(files) {
  for (const file of files) {
    const item = h('li', {}, `${file.name}: uploading…`);
    $('uploads').prepend(item);
    try {
      const response = await call(`${server}/api/documents?name=${encodeURIComponent(file.name)}`, {
        method: 'POST', body: file, headers: { 'content-type': file.type || 'application/octet-stream' },
      });
      if (response.status !== 202) throw new Error(await problem(response));
      const body = await response.json();
      const outcome = response.headers.get('x-docpipeline-outcome');
      fill(item, `${file.name}: ${outcome ?? 'accepted'} as `, h('a', { href: `#/instances/${encodeURIComponent(body.id)}` }, body.id));
    } catch (e) {
      item.className = 'error';
      item.textContent = `${file.name}: ${e.message}`;
    }
  }
  scheduleRefresh();
}

// ---------- instance ----------
async function loadInstance(id) {
  const response = await call(`${mgmt}/instances/${encodeURIComponent(id)}?showHistory=true&showHistoryOutput=true&showInput=true`);
  if (response.status === 404) {
    fill($('instance-summary'), 'This instance does not exist (it may have been purged).');
    for (const el of ['progress', 'timeline', 'result', 'history-rows']) fill($(el));
    setButtons(null);
    return;
  }
  if (!response.ok) throw new Error(`Reading the instance failed: ${await problem(response)}`);
  const s = await response.json();
  $('instance-title').textContent = s.instanceId;
  fill($('instance-summary'),
    h('span', {}, badge(s.runtimeStatus)),
    h('span', {}, 'Name ', h('strong', {}, s.name)),
    h('span', {}, 'Created ', h('strong', {}, time(s.createdTime))),
    h('span', {}, 'Updated ', h('strong', {}, time(s.lastUpdatedTime))),
    s.input?.sourceName ? h('span', {}, 'Document ', h('strong', {}, s.input.sourceName)) : null);
  const custom = s.customStatus && typeof s.customStatus === 'object' ? s.customStatus : null;
  const percent = custom?.percent ?? (s.runtimeStatus === 'Completed' ? 100 : 0);
  fill($('progress'),
    h('progress', { max: 100, value: percent, 'aria-label': `Progress ${percent}%` }),
    h('p', {}, `${percent}% `, progressText(custom)),
    custom?.lastError ? h('p', { class: 'message bad' }, custom.lastError) : null);
  setButtons(s.runtimeStatus);
  renderTimeline($('timeline'), s.historyEvents, s.runtimeStatus);
  $('input-json').textContent = json(s.input);
  $('output-json').textContent = json(s.output);
  $('custom-json').textContent = json(s.customStatus);
  renderHistory(s.historyEvents ?? []);
  await loadResult(s);
  showError(null);
  return s;
}

async function loadResult(s) {
  const target = $('result');
  if (s.runtimeStatus === 'Completed') {
    const response = await call(`${server}/api/documents/${encodeURIComponent(s.instanceId)}/result`);
    if (response.ok) {
      renderResult(target, await response.json());
      return;
    }
    fill(target, h('p', {}, `The result could not be read: ${await problem(response)}`));
  } else if (s.runtimeStatus === 'Failed') {
    fill(target, h('p', { class: 'invalid' }, 'The run failed: ', typeof s.output === 'string' ? s.output : json(s.output)));
  } else if (ACTIVE.includes(s.runtimeStatus)) {
    fill(target, h('p', {}, 'The result appears here when the run completes.'));
  } else {
    fill(target, h('p', {}, `The run was ${s.runtimeStatus.toLowerCase()} and has no result.`));
  }
}

function renderHistory(events) {
  fill($('history-rows'), events.map((e, n) => {
    const start = e.ScheduledTime ? Date.parse(e.ScheduledTime) : NaN;
    const detail = e.Reason ?? e.FailureDetails?.ErrorMessage ?? (e.FireAt ? `fires ${time(e.FireAt)}` : '') ?? '';
    return h('tr', {},
      h('td', {}, n + 1),
      h('td', {}, e.EventType),
      h('td', {}, e.FunctionName ?? e.Name ?? e.OrchestrationStatus ?? ''),
      h('td', { class: 'nowrap', title: time(e.Timestamp) }, clock(e.Timestamp)),
      h('td', { class: 'nowrap' }, Number.isFinite(start) ? duration(Date.parse(e.Timestamp) - start) : ''),
      h('td', {}, detail));
  }));
}

function setButtons(status) {
  const allowed = {
    terminate: ['Pending', 'Running', 'Suspended'],
    suspend: ['Pending', 'Running'],
    resume: ['Suspended'],
    restart: ['Completed', 'Failed', 'Terminated', 'Canceled'],
    rewind: ['Failed'],
    purge: ['Completed', 'Failed', 'Terminated', 'Canceled'],
    raiseEvent: ['Pending', 'Running', 'Suspended'],
  };
  for (const button of document.querySelectorAll('#actions [data-action]')) {
    button.disabled = !status || !allowed[button.dataset.action].includes(status);
  }
}

async function act(action) {
  const id = state.instanceId;
  const form = new FormData($('actions'));
  const reason = encodeURIComponent(form.get('reason') || `from the dashboard`);
  const base = `${mgmt}/instances/${encodeURIComponent(id)}`;
  const message = $('action-message');
  message.className = 'message';
  let response;
  if (action === 'purge') {
    if (!window.confirm(`Purge ${id} and its history?`)) return;
    response = await call(base, { method: 'DELETE' });
  } else if (action === 'restart') {
    response = await call(`${base}/restart`, { method: 'POST' });
  } else if (action === 'raiseEvent') {
    const name = (form.get('eventName') || '').trim();
    let data;
    try { data = JSON.stringify(JSON.parse(form.get('eventData') || 'null')); } catch (e) {
      message.className = 'message bad';
      message.textContent = `The event data is not JSON: ${e.message}`;
      return;
    }
    if (!name) {
      message.className = 'message bad';
      message.textContent = 'Give the event a name.';
      return;
    }
    response = await call(`${base}/raiseEvent/${encodeURIComponent(name)}`, { method: 'POST', body: data, headers: { 'content-type': 'application/json' } });
  } else {
    response = await call(`${base}/${action}?reason=${reason}`, { method: 'POST' });
  }
  if (response.ok) {
    message.textContent = `${action} accepted (${response.status}).`;
    if (action === 'purge') {
      location.hash = '#/';
      return;
    }
  } else {
    message.className = 'message bad';
    message.textContent = `${action} refused (${response.status}): ${await problem(response)}`;
  }
  await loadInstance(id);
}

// ---------- live updates ----------
function scheduleRefresh() {
  if (state.refreshTimer) return;
  state.refreshTimer = setTimeout(async () => {
    state.refreshTimer = null;
    try { await refresh(); } catch (e) { showError(e.message); }
  }, 300);
}

function refresh() {
  return state.instanceId ? loadInstance(state.instanceId) : loadList();
}

function startLive() {
  const indicator = $('live');
  const poll = () => {
    indicator.textContent = 'polling';
    indicator.classList.add('on');
    state.pollTimer = setInterval(scheduleRefresh, 3000);
  };
  if (!sameHost || !window.EventSource) {
    poll();
    return;
  }
  const source = new EventSource(`/dashboard/events${hostKey ? `?code=${encodeURIComponent(hostKey)}` : ''}`);
  let ready = false;
  source.addEventListener('ready', () => {
    ready = true;
    indicator.textContent = 'live';
    indicator.classList.add('on');
  });
  const onChange = event => {
    const change = JSON.parse(event.data);
    if (!state.instanceId || change.instanceId === state.instanceId) scheduleRefresh();
  };
  source.addEventListener('status', onChange);
  source.addEventListener('removed', onChange);
  source.onerror = () => {
    if (!ready) {
      source.close();
      poll();
    } else {
      indicator.textContent = 'reconnecting…';
      indicator.classList.remove('on');
    }
  };
}

// ---------- routing ----------
async function route() {
  const match = location.hash.match(/^#\/instances\/(.+)$/);
  state.instanceId = match ? decodeURIComponent(match[1]) : null;
  $('list-view').hidden = !!state.instanceId;
  $('instance-view').hidden = !state.instanceId;
  $('action-message').textContent = '';
  document.title = state.instanceId ? `${state.instanceId} · DocPipeline` : 'DocPipeline';
  try {
    await refresh();
  } catch (e) {
    showError(e.message);
  }
}

function init() {
  $('backend').textContent = sameHost ? 'standalone host' : `Durable Functions app ${server}`;
  $('filters').addEventListener('submit', e => {
    e.preventDefault();
    state.tokens = [null];
    state.page = 0;
    scheduleRefresh();
  });
  $('filters').addEventListener('reset', () => setTimeout(() => $('filters').requestSubmit(), 0));
  $('next-page').addEventListener('click', () => {
    state.tokens[state.page + 1] = state.next;
    state.page += 1;
    scheduleRefresh();
  });
  $('prev-page').addEventListener('click', () => {
    state.page = Math.max(0, state.page - 1);
    scheduleRefresh();
  });
  const drop = $('drop');
  drop.addEventListener('dragover', e => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', e => {
    e.preventDefault();
    drop.classList.remove('over');
    upload([...e.dataTransfer.files]);
  });
  $('file-input').addEventListener('change', e => {
    upload([...e.target.files]);
    e.target.value = '';
  });
  for (const button of document.querySelectorAll('#actions [data-action]')) {
    button.addEventListener('click', () => act(button.dataset.action).catch(e => showError(e.message)));
  }
  window.addEventListener('hashchange', route);
  startLive();
  route();
}

init();
