import { h, duration, time } from './dom.js';

const STAGES = [
  ['extract', ['ExtractText']],
  ['sanitize', ['Sanitize']],
  ['infer', ['AnalyzeChunk', 'SplitChunk']],
  ['validate', ['Validate']],
  ['store', ['StoreResult', 'NotifyCallback']],
];

function stageOf(name) {
  const found = STAGES.find(([, names]) => names.includes(name));
  return found ? found[0] : 'other';
}

function parse(text) {
  if (typeof text !== 'string') return text ?? null;
  try { return JSON.parse(text); } catch { return null; }
}

const ms = iso => (iso ? Date.parse(iso) : NaN);

/**
 * Reads the Durable Functions history (scheduled calls folded into their completions) into timeline rows:
 * one per activity call and per timer, with retries, backoff waits and model fallbacks marked.
 */
export function buildTimeline(events, runtimeStatus, now = Date.now()) {
  const started = events.find(e => e.EventType === 'ExecutionStarted');
  if (!started) return null;
  const t0 = ms(started.Timestamp);
  const finished = events.find(e => e.EventType === 'ExecutionCompleted' || e.EventType === 'ExecutionTerminated');
  const active = ['Running', 'Pending', 'Suspended'].includes(runtimeStatus);
  let end = finished ? ms(finished.Timestamp) : (active ? now : Math.max(...events.map(e => ms(e.Timestamp)).filter(Number.isFinite)));
  const calls = [];
  const attempts = new Map();
  const lastModel = new Map();
  for (const e of events) {
    let row = null;
    if (e.EventType === 'TaskCompleted' || e.EventType === 'TaskFailed') {
      row = { name: e.FunctionName, start: ms(e.ScheduledTime ?? e.Timestamp), end: ms(e.Timestamp), failed: e.EventType === 'TaskFailed', reason: e.Reason, input: parse(e.Input) };
    } else if (e.EventType === 'TaskScheduled') {
      row = { name: e.Name, start: ms(e.Timestamp), end: end, running: true, input: parse(e.Input) };
    } else if (e.EventType === 'TimerCreated') {
      const fire = ms(e.FireAt);
      calls.push({ kind: 'wait', name: 'backoff wait', stage: 'infer', start: ms(e.Timestamp), end: Math.min(Number.isFinite(fire) ? fire : end, Math.max(end, ms(e.Timestamp))), tags: [] });
      continue;
    } else if (e.EventType === 'EventRaised') {
      calls.push({ kind: 'event', name: `event ${e.Name ?? ''}`, stage: 'other', start: ms(e.Timestamp), end: ms(e.Timestamp), tags: [] });
      continue;
    } else if (['ExecutionRewound', 'ExecutionSuspended', 'ExecutionResumed', 'ExecutionTerminated'].includes(e.EventType)) {
      const what = e.EventType.replace('Execution', '').toLowerCase();
      calls.push({ kind: 'event', name: what, stage: 'other', start: ms(e.Timestamp), end: ms(e.Timestamp), reason: e.Reason, tags: e.Reason ? [{ kind: 'retry', text: e.Reason }] : [] });
      continue;
    }
    if (!row) continue;
    row.kind = row.failed ? 'failed' : row.running ? 'running' : 'call';
    row.stage = stageOf(row.name);
    row.tags = [];
    const chunk = row.input?.chunk?.id;
    const model = row.input?.model;
    const key = chunk !== undefined ? `${row.name}#${chunk}@${model ?? ''}` : row.name;
    const n = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, n);
    if (n > 1) row.tags.push({ kind: 'retry', text: `retry ${n - 1}` });
    if (chunk !== undefined && model) {
      const previous = lastModel.get(chunk);
      if (previous && previous !== model) row.tags.push({ kind: 'fallback', text: `fallback from ${previous}` });
      lastModel.set(chunk, model);
      row.label = `${row.name} chunk ${chunk} · ${model}`;
    }
    if (row.failed) row.tags.push({ kind: 'failed', text: 'failed' });
    calls.push(row);
  }
  const stages = STAGES.map(([stage]) => {
    const mine = calls.filter(c => c.stage === stage && c.kind !== 'wait');
    if (mine.length === 0) return null;
    return { stage, start: Math.min(...mine.map(c => c.start)), end: Math.max(...mine.map(c => c.end)), calls: calls.filter(c => c.stage === stage), failed: mine[mine.length - 1].failed === true };
  }).filter(Boolean);
  const others = calls.filter(c => c.stage === 'other');
  if (others.length) stages.push({ stage: 'operator and events', start: Math.min(...others.map(c => c.start)), end: Math.max(...others.map(c => c.end)), calls: others });
  end = Math.max(end, ...calls.map(c => c.end).filter(Number.isFinite));
  return { t0, end, stages };
}

function bar(t0, span, row, cls) {
  const left = ((row.start - t0) / span) * 100;
  const width = Math.max(((row.end - row.start) / span) * 100, 0.4);
  const text = `${row.label ?? row.name}: ${duration(row.end - row.start)}, from +${duration(row.start - t0)}`;
  return h('div', { class: 'track' },
    h('div', { class: `seg ${cls}`, style: { left: `${Math.max(0, Math.min(left, 99.6))}%`, width: `${Math.min(width, 100 - Math.max(0, left))}%` }, title: text }),
    h('span', { class: 'visually-hidden' }, text));
}

export function renderTimeline(container, history, runtimeStatus) {
  const model = buildTimeline(history ?? [], runtimeStatus);
  if (!model) {
    container.replaceChildren(h('p', {}, 'No history yet.'));
    return;
  }
  const span = Math.max(model.end - model.t0, 1);
  const items = [];
  for (const stage of model.stages) {
    items.push(h('li', { class: 'stage' }, h('span', { class: 'label' }, stage.stage), bar(model.t0, span, { ...stage, name: stage.stage }, stage.failed ? 'failed' : '')));
    for (const call of stage.calls) {
      items.push(h('li', { class: `call ${call.kind}` },
        h('span', { class: 'label', title: call.reason ?? '' }, call.label ?? call.name, call.tags.map(t => h('span', { class: `tag ${t.kind}` }, t.text))),
        bar(model.t0, span, call, call.kind === 'call' ? '' : call.kind)));
    }
  }
  container.replaceChildren(
    h('div', { class: 'axis', 'aria-hidden': 'true' }, h('div', {}, `started ${time(new Date(model.t0).toISOString())}`), h('div', {}, h('span', {}, '0'), h('span', {}, duration(span / 2)), h('span', {}, duration(span)))),
    h('ol', { class: 'gantt', 'aria-label': 'Stages and activity calls in order' }, items),
    h('ul', { class: 'legend', 'aria-hidden': 'true' },
      h('li', {}, h('i', { style: { background: 'var(--run)' } }), 'activity call'),
      h('li', {}, h('i', { style: { background: 'var(--bad)' } }), 'failed attempt'),
      h('li', {}, h('i', { style: { background: 'var(--wait)' } }), 'backoff wait'),
      h('li', {}, h('span', { class: 'tag retry' }, 'retry'), ' same call again'),
      h('li', {}, h('span', { class: 'tag fallback' }, 'fallback'), ' next model in the chain')));
}
