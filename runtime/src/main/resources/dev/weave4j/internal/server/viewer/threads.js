// The Threads page: root calls grouped by thread_id (Weave.thread(...)); a thread's turns.
import * as api from './api.js';
import {h, fill, rovingFocus} from './dom.js';
import * as f from './format.js';
import {hashOf} from './route.js';
import {value} from './values.js';

const MAX = 5000;
const LIST_COLUMNS = ['id', 'thread_id', 'op_name', 'display_name', 'started_at', 'ended_at', 'summary', 'exception'];

export async function render(main, route) {
  return route.id ? thread(main, route.project, route.id) : list(main, route.project);
}

async function list(main, project) {
  const tbody = h('tbody');
  for (let i = 0; i < 6; i++) tbody.append(h('tr', {class: 'placeholder'}, h('td', {colspan: 6}, '·')));
  const note = h('p', {class: 'status-line muted', role: 'status'}, 'Loading…');
  fill(main, h('h1', null, 'Threads'), note,
    h('div', {class: 'table-wrap'}, h('table', {class: 'grid threads', 'aria-label': 'Threads'},
      h('thead', null, h('tr', null, ['Thread', 'Turns', 'First', 'Last', 'Tokens', 'Errors'].map((x, i) => h('th', {class: i === 1 || i > 3 ? 'num' : null}, x)))),
      tbody)));
  const roots = await api.calls({project_id: project, filter: {trace_roots_only: true},
    query: {$expr: {$convert: {input: {$getField: 'thread_id'}, to: 'exists'}}},
    sort_by: [{field: 'started_at', direction: 'desc'}], limit: MAX, columns: LIST_COLUMNS});
  const groups = new Map();
  for (const c of roots) {
    if (!groups.has(c.thread_id)) groups.set(c.thread_id, []);
    groups.get(c.thread_id).push(c);
  }
  note.textContent = groups.size + (groups.size === 1 ? ' thread' : ' threads') + (roots.length === MAX ? ' (of the latest ' + MAX + ' turns)' : '');
  const rows = [...groups].map(([id, turns]) => {
    const first = turns[turns.length - 1];
    const tokens = turns.reduce((s, c) => s + (f.tokens(c) || 0), 0);
    const errors = turns.filter(c => f.status(c) === 'error').length;
    const go = () => { location.hash = hashOf(project, 'threads', id); };
    return h('tr', {'data-id': id, tabindex: '-1', onclick: go, onkeydown: e => { if (e.key === 'Enter') go(); }},
      h('td', null, h('a', {href: hashOf(project, 'threads', id), tabindex: '-1'}, id)),
      h('td', {class: 'num'}, String(turns.length)), h('td', null, f.time(first.started_at)),
      h('td', null, f.time(turns[0].started_at)), h('td', {class: 'num'}, f.count(tokens || null)), h('td', {class: 'num'}, errors ? String(errors) : ''));
  });
  fill(tbody, rows.length ? rows : h('tr', null, h('td', {colspan: 6, class: 'muted'}, 'No calls with a thread_id yet (Weave.thread(...)).')));
  if (rows[0]) rows[0].setAttribute('tabindex', '0');
  rovingFocus(tbody, 'tr[data-id]');
  return null;
}

async function thread(main, project, id) {
  const cards = h('div', {class: 'cards'});
  fill(main, h('p', null, h('a', {href: hashOf(project, 'threads')}, '‹ Threads')), h('h1', null, 'Thread ', h('code', null, id)), cards);
  const turns = await api.calls({project_id: project, filter: {thread_ids: [id], trace_roots_only: true},
    sort_by: [{field: 'started_at', direction: 'asc'}], limit: MAX});
  fill(cards, turns.map((c, i) => h('article', {class: 'card turn', 'data-id': c.id},
    h('header', null, h('strong', null, 'Turn ' + (i + 1)), h('a', {href: hashOf(project, 'call', c.id)}, f.opName(c)),
      c.display_name ? h('span', null, c.display_name) : null, h('span', {class: 'badge ' + f.status(c)}, f.status(c)),
      h('span', {class: 'grow'}), h('span', {class: 'tokens'}, f.time(c.started_at) + ' · ' + f.duration(f.latencyMs(c))
        + (f.tokens(c) ? ' · ' + f.count(f.tokens(c)) + ' tokens' : ''))),
    h('h3', null, 'Inputs'), value(c.inputs || {}, 1),
    h('h3', null, 'Output'), value(c.output === undefined ? null : c.output, 1))));
  if (!turns.length) cards.append(h('p', {class: 'muted'}, 'No calls in this thread.'));
  return null;
}
