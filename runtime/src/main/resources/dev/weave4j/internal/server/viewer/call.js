// The Call page: the call's trace as a tree with a timeline (each bar against the root's
// duration), and the selected call's inputs, output, exception, attributes, summary and feedback.
import * as api from './api.js';
import {h, fill, place, rovingFocus, focusItem} from './dom.js';
import * as f from './format.js';
import {value} from './values.js';
import {hashOf} from './route.js';

const TREE_COLUMNS = ['id', 'trace_id', 'parent_id', 'op_name', 'display_name', 'started_at', 'ended_at', 'summary', 'exception'];
const REACTIONS = ['👍', '👎', '❤️', '🎉'];

export async function render(main, route) {
  const project = route.project;
  const id = route.id;
  const treeBox = h('section', {class: 'tree', 'aria-label': 'Trace'}, h('div', {class: 'tree-head'}, h('span', null, 'Trace'), h('span', null, 'Timeline')));
  const details = h('section', {class: 'details', 'aria-live': 'polite'}, h('p', {class: 'muted'}, 'Loading…'));
  fill(main, h('div', {class: 'call-page'}, treeBox, details));

  const found = await api.calls({project_id: project, filter: {call_ids: [id]}, columns: TREE_COLUMNS});
  if (!found.length) {
    fill(details, h('p', {role: 'alert'}, 'No call ' + id + ' in ' + project + '.'));
    return null;
  }
  const trace = await api.calls({project_id: project, filter: {trace_ids: [found[0].trace_id]},
    sort_by: [{field: 'started_at', direction: 'asc'}], columns: TREE_COLUMNS});
  const byId = new Map(trace.map(c => [c.id, c]));
  if (!byId.has(id)) { trace.push(found[0]); byId.set(id, found[0]); }
  const kids = new Map();
  const roots = [];
  for (const c of trace) {
    if (c.parent_id && byId.has(c.parent_id) && c.parent_id !== c.id) {
      if (!kids.has(c.parent_id)) kids.set(c.parent_id, []);
      kids.get(c.parent_id).push(c);
    } else roots.push(c);
  }
  const t0 = Math.min(...trace.map(c => Date.parse(c.started_at)).filter(Number.isFinite));
  const endOf = c => c.ended_at ? Date.parse(c.ended_at) : Date.now();
  const t1 = Math.max(...trace.map(endOf).filter(Number.isFinite));
  const span = Math.max(1, t1 - t0);

  const collapsed = new Set();
  let selectedId = id;
  const list = h('div', {role: 'tree', 'aria-label': 'Call tree'});
  treeBox.append(list);

  function drawTree() {
    const rows = [];
    const seen = new Set();
    const walk = (c, level) => {
      if (seen.has(c.id)) return; // a parent cycle in a hand-edited store
      seen.add(c.id);
      const children = kids.get(c.id) || [];
      const open = !collapsed.has(c.id);
      const s = f.status(c);
      const start = Date.parse(c.started_at);
      const bar = place(h('span', {class: 'bar ' + s, title: f.duration(endOf(c) - start)}),
        ((start - t0) / span) * 100, Math.max(0.4, ((endOf(c) - start) / span) * 100));
      const indent = h('span', {class: 'indent'});
      indent.style.width = (level * 14) + 'px';
      rows.push(h('div', {class: 'tree-row', role: 'treeitem', 'aria-level': level + 1, 'data-id': c.id,
        'aria-selected': c.id === selectedId ? 'true' : 'false', 'aria-expanded': children.length ? String(open) : null,
        tabindex: c.id === selectedId ? '0' : '-1', onclick: () => select(c.id)},
        h('span', {class: 'tree-label'}, indent,
          h('span', {class: 'toggle', onclick: ev => { ev.stopPropagation(); toggle(c.id); }}, children.length ? (open ? '▾' : '▸') : ''),
          h('span', {class: 'dot ' + s, title: s}),
          h('span', {class: 'op'}, f.opName(c)),
          c.display_name ? h('span', {class: 'dn'}, ' ' + c.display_name) : null),
        h('span', {class: 'timeline'}, bar)));
      if (open) for (const k of children) walk(k, level + 1);
    };
    for (const r of roots) walk(r, 0);
    fill(list, rows);
  }

  function toggle(cid) {
    if (collapsed.has(cid)) collapsed.delete(cid); else collapsed.add(cid);
    drawTree();
    const row = list.querySelector('[data-id="' + CSS.escape(cid) + '"]');
    if (row) focusItem([...list.querySelectorAll('.tree-row')], [...list.querySelectorAll('.tree-row')].indexOf(row));
  }

  async function select(cid) {
    selectedId = cid;
    history.pushState(null, '', hashOf(project, 'call', cid));
    for (const r of list.querySelectorAll('.tree-row')) {
      r.setAttribute('aria-selected', r.dataset.id === cid ? 'true' : 'false');
    }
    await showDetails(cid);
  }

  rovingFocus(list, '.tree-row', (ev, row) => {
    const cid = row.dataset.id;
    const c = byId.get(cid);
    if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); select(cid); }
    else if (ev.key === 'ArrowRight' && collapsed.has(cid)) { ev.preventDefault(); toggle(cid); }
    else if (ev.key === 'ArrowLeft') {
      ev.preventDefault();
      if ((kids.get(cid) || []).length && !collapsed.has(cid)) toggle(cid);
      else if (c.parent_id && byId.has(c.parent_id)) {
        const items = [...list.querySelectorAll('.tree-row')];
        focusItem(items, items.findIndex(r => r.dataset.id === c.parent_id));
      }
    }
  });

  async function showDetails(cid) {
    const full = (await api.calls({project_id: project, filter: {call_ids: [cid]}, include_costs: true}))[0];
    if (!full) { fill(details, h('p', {role: 'alert'}, 'The call is gone.')); return; }
    const feedback = await loadFeedback(cid);
    fill(details, ...callDetails(full, feedback));
  }

  async function loadFeedback(cid) {
    const res = await api.post('/feedback/query', {project_id: project,
      query: {$expr: {$eq: [{$getField: 'weave_ref'}, {$literal: api.callRef(project, cid)}]}},
      sort_by: [{field: 'created_at', direction: 'asc'}]});
    return res.result || [];
  }

  function callDetails(c, feedback) {
    const s = f.status(c);
    const nameSpan = h('span', {class: 'display-name'}, c.display_name || '');
    const renameBtn = h('button', {type: 'button', name: 'rename', onclick: () => rename()}, 'Rename');
    const header = h('header', null, h('h2', {class: 'op-name', title: c.op_name}, f.opName(c)), nameSpan,
      h('span', {class: 'badge ' + s}, s), renameBtn);

    function rename() {
      const input = h('input', {type: 'text', name: 'display-name', value: c.display_name || '', 'aria-label': 'Display name', maxlength: '1024'});
      const save = async () => {
        const name = input.value.trim();
        try {
          await api.post('/call/update', {project_id: project, call_id: c.id, display_name: name});
          c.display_name = name;
          const t = byId.get(c.id);
          if (t) t.display_name = name;
          drawTree();
          form.replaceWith(nameSpan);
          nameSpan.textContent = name;
          renameBtn.disabled = false;
        } catch (e) { err.textContent = e.message; }
      };
      const err = h('span', {class: 'error', role: 'alert'});
      const form = h('form', {class: 'rename', onsubmit: ev => { ev.preventDefault(); save(); }},
        input, h('button', {type: 'submit', class: 'primary'}, 'Save'),
        h('button', {type: 'button', onclick: () => { form.replaceWith(nameSpan); renameBtn.disabled = false; }}, 'Cancel'), err);
      nameSpan.replaceWith(form);
      renameBtn.disabled = true;
      input.focus();
      input.select();
    }

    const meta = h('dl', {class: 'meta'});
    const row = (k, v) => { if (v !== null && v !== undefined && v !== '') meta.append(h('dt', null, k), h('dd', null, v)); };
    row('Started', f.time(c.started_at));
    row('Ended', f.time(c.ended_at));
    row('Latency', f.duration(f.latencyMs(c)));
    row('Tokens', f.count(f.tokens(c)));
    row('Cost', f.money(f.cost(c)));
    row('Call id', h('code', null, c.id));
    row('Trace id', h('code', null, c.trace_id));
    row('Parent', c.parent_id ? h('a', {href: hashOf(project, 'call', c.parent_id)}, c.parent_id) : null);
    row('Thread', c.thread_id ? h('a', {href: hashOf(project, 'threads', c.thread_id)}, c.thread_id) : null);
    row('Turn', c.turn_id ? h('code', null, c.turn_id) : null);

    const out = [header, meta];
    const ex = f.exception(c);
    if (ex) out.push(h('h3', null, 'Exception'), exceptionView(ex));
    out.push(h('h3', null, 'Inputs'), value(c.inputs || {}));
    out.push(h('h3', null, 'Output'), c.output === undefined ? h('p', {class: 'muted'}, c.ended_at ? 'none' : 'not finished') : value(c.output));
    out.push(h('h3', null, 'Attributes'), value(c.attributes || {}));
    const usage = usageTable(c);
    out.push(h('h3', null, 'Summary'));
    if (usage) out.push(usage);
    out.push(value(c.summary || {}, 1));
    out.push(h('h3', null, 'Feedback'), feedbackView(c, feedback));
    return out;
  }

  function feedbackView(c, feedback) {
    const items = h('ul', {class: 'feedback-list', 'aria-label': 'Feedback'});
    const draw = list => fill(items, list.length ? list.map(fb => {
      const p = fb.payload || {};
      const what = fb.feedback_type === 'wandb.reaction.1' ? (p.emoji || '') : fb.feedback_type === 'wandb.note.1' ? (p.note || '')
        : fb.feedback_type + ' ' + f.preview(p);
      return h('li', {class: 'feedback ' + String(fb.feedback_type).replace(/[^a-z0-9]+/gi, '-')}, what,
        h('span', {class: 'muted'}, ' · ' + f.time(fb.created_at)));
    }) : h('li', {class: 'muted'}, 'No feedback yet.'));
    draw(feedback);
    const err = h('span', {class: 'error', role: 'alert'});
    const add = async (type, payload) => {
      try {
        await api.post('/feedback/create', {project_id: project, weave_ref: api.callRef(project, c.id), feedback_type: type, payload});
        draw(await loadFeedback(c.id));
        err.textContent = '';
      } catch (e) { err.textContent = e.message; }
    };
    const note = h('input', {type: 'text', name: 'note', placeholder: 'Add a note', 'aria-label': 'Note'});
    const form = h('form', {class: 'feedback-form', onsubmit: ev => {
      ev.preventDefault();
      if (note.value.trim()) { add('wandb.note.1', {note: note.value.trim()}); note.value = ''; }
    }},
      REACTIONS.map(e => h('button', {type: 'button', class: 'reaction', 'aria-label': 'React ' + e, onclick: () => add('wandb.reaction.1', {emoji: e})}, e)),
      note, h('button', {type: 'submit', name: 'add-note'}, 'Add note'), err);
    return h('div', null, items, form);
  }

  drawTree();
  await showDetails(id);
  const sel = list.querySelector('[aria-selected="true"]');
  if (sel) sel.scrollIntoView({block: 'nearest'});
  return null;
}

function exceptionView(ex) {
  const lines = [];
  for (const fr of ex.traceback || []) {
    lines.push('  at ' + (fr.function_name || '?') + ' (' + (fr.filename || '?') + (fr.line_number !== undefined ? ':' + fr.line_number : '') + ')');
  }
  let cause = ex.cause;
  for (let i = 0; cause && i < 5; i++, cause = cause.cause) lines.push('Caused by: ' + (cause.type || '') + ': ' + (cause.message || ''));
  return h('div', {class: 'exception'},
    h('div', {class: 'etype'}, (ex.type ? ex.type + ': ' : '') + (ex.message || '')),
    lines.length ? h('pre', {class: 'traceback'}, lines.join('\n')) : null);
}

/** summary.usage per model, with the cost of each when the price is known. */
function usageTable(c) {
  const usage = (c.summary || {}).usage;
  if (!usage || typeof usage !== 'object' || !Object.keys(usage).length) return null;
  const costs = ((c.summary || {}).weave || {}).costs || {};
  const rows = Object.entries(usage).map(([model, u]) => {
    const t = f.usageTokens(u || {});
    const cost = costs[model] ? (costs[model].prompt_tokens_total_cost || 0) + (costs[model].completion_tokens_total_cost || 0) : null;
    return h('tr', {'data-model': model}, h('td', null, model), h('td', null, f.count(t.requests || null)), h('td', null, f.count(t.input)),
      h('td', null, f.count(t.output)), h('td', null, f.count(t.total)), h('td', null, f.money(cost)));
  });
  return h('table', {class: 'usage', 'aria-label': 'Usage per model'},
    h('thead', null, h('tr', null, ['Model', 'Requests', 'Input', 'Output', 'Total', 'Cost'].map(x => h('th', null, x)))),
    h('tbody', null, rows));
}
