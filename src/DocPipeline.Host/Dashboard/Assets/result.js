import { h } from './dom.js';

function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

function table(caption, headers, rows) {
  return h('div', { class: 'table-wrap' }, h('table', {},
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', {}, h('tr', {}, headers.map(x => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, rows.map(r => h('tr', {}, r.map(c => h('td', {}, c)))))));
}

function section(title, ...body) {
  return h('section', { 'aria-label': title }, h('h4', {}, title), ...body);
}

const number = n => (typeof n === 'number' ? n.toLocaleString() : n);

function usageFacts(usage) {
  if (!usage || typeof usage !== 'object') return [];
  return Object.entries(usage).map(([k, v]) => [k.replace(/([A-Z])/g, ' $1').toLowerCase(), k.toLowerCase().includes('cost') ? `$${Number(v).toFixed(6)}` : number(v)]);
}

/** Renders the stored result (GET /api/documents/{id}/result) as sections, not raw JSON. */
export function renderResult(container, result) {
  const analysis = result.result ?? {};
  const doc = result.document ?? {};
  const entities = analysis.entities ?? [];
  const chunks = result.chunks ?? [];
  const validation = result.validation ?? {};
  const usage = result.usage ?? {};
  const redactions = Object.entries(result.redactions ?? {});
  container.replaceChildren(h('div', { class: 'result-grid' },
    section('Summary',
      h('p', {}, analysis.summary || 'No summary.'),
      facts([['Type', analysis.documentType], ['Language', analysis.language], ['Source', doc.source], ['Kind', doc.kind], ['Size', doc.byteSize !== undefined ? `${number(doc.byteSize)} bytes` : undefined], ['Pages', doc.pages], ['Characters', number(doc.characters)]]),
      (analysis.keywords ?? []).length ? h('ul', { class: 'chips', 'aria-label': 'Keywords' }, analysis.keywords.map(k => h('li', {}, k))) : null),
    section(`Entities (${entities.length})`,
      entities.length ? table('Entities', ['Type', 'Text'], entities.map(e => [e.type, e.text])) : h('p', {}, 'None found.')),
    section('Models per chunk',
      h('p', {}, `Models: ${(result.models ?? []).join(' → ') || 'none'}`),
      table('Models per chunk', ['Chunk', 'Model', 'Notes'], chunks.map(c => [c.chunk, c.model,
        [c.fromCache ? 'from cache' : null, c.repaired ? 'repaired' : null, ...(c.fallbacks ?? []).map(f => `fell back from ${f.model}: ${f.reason}`)].filter(Boolean).join('; ')]))),
    section('Validation',
      h('p', { class: validation.valid ? 'valid' : 'invalid' }, validation.valid ? '✓ Valid' : '✗ Not valid'),
      (validation.findings ?? []).length ? h('ul', {}, validation.findings.map(f => h('li', {}, f))) : h('p', {}, 'No findings.')),
    section('Tokens and cost',
      facts(usageFacts(usage.total)),
      Object.keys(usage.byModel ?? {}).length ? table('Usage per model', ['Model', 'Usage'], Object.entries(usage.byModel).map(([m, u]) => [m, usageFacts(u).map(([k, v]) => `${k} ${v}`).join(', ')])) : null),
    section('Redactions',
      redactions.length ? table('Redactions', ['Type', 'Count'], redactions.map(([k, v]) => [k, number(v)])) : h('p', {}, 'Nothing redacted.')),
    (analysis.keyFacts ?? []).length ? section('Key facts', h('ul', {}, analysis.keyFacts.map(f => h('li', {}, f.statement)))) : null));
}
