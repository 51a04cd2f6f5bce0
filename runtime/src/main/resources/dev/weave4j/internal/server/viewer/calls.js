// The Calls page: the project's calls (roots by default), filtered, sorted and paged on the
// server through /calls/stream_query; the filters live in the URL, so a view can be shared.
import * as api from './api.js';
import {h, fill, rovingFocus, focusItem, download, confirmDialog} from './dom.js';
import * as f from './format.js';
import {hashOf} from './route.js';

export const PAGE_SIZE = 50;
const POLL_MS = 2000;

const COLUMNS = [
  {key: 'op', label: 'Op', sort: 'op_name', col: 'c-op', cell: c => f.opName(c)},
  {key: 'name', label: 'Name', sort: 'display_name', col: 'c-name', wide: true, cell: c => c.display_name || ''},
  {key: 'status', label: 'Status', sort: 'summary.weave.status', col: 'c-status', cell: c => statusBadge(f.status(c))},
  {key: 'started', label: 'Started', sort: 'started_at', col: 'c-time', wide: true, cell: c => f.time(c.started_at)},
  {key: 'latency', label: 'Latency', sort: 'summary.weave.latency_ms', col: 'c-lat', num: true, cell: c => f.duration(f.latencyMs(c))},
  // Tokens and cost are sums over models (as in the Weave UI, they do not sort on the server).
  {key: 'tokens', label: 'Tokens', col: 'c-tok', num: true, wide: true, cell: c => f.count(f.tokens(c))},
  {key: 'cost', label: 'Cost', col: 'c-cost', num: true, wide: true, cell: c => f.money(f.cost(c))},
];

/** The view's state as URL parameters: op, status, from, to, q, attr (k=v), thread, all, sort, page. */
export function stateOf(params) {
  const sort = (params.get('sort') || 'started_at:desc').split(':');
  return {
    op: params.get('op') || '',
    status: params.get('status') || '',
    from: params.get('from') || '',
    to: params.get('to') || '',
    q: params.get('q') || '',
    attr: params.get('attr') || '',
    thread: params.get('thread') || '',
    all: params.get('all') === '1',
    sortField: sort[0] || 'started_at',
    sortDir: sort[1] === 'asc' ? 'asc' : 'desc',
    page: Math.max(1, parseInt(params.get('page') || '1', 10) || 1),
  };
}

function paramsOf(st) {
  const p = new URLSearchParams();
  for (const k of ['op', 'status', 'from', 'to', 'q', 'attr', 'thread']) if (st[k]) p.set(k, st[k]);
  if (st.all) p.set('all', '1');
  if (!(st.sortField === 'started_at' && st.sortDir === 'desc')) p.set('sort', st.sortField + ':' + st.sortDir);
  if (st.page > 1) p.set('page', String(st.page));
  return p;
}

/** A local date-time as UTC with microseconds, as started_at is stored (strings compare). */
function isoMicros(local) {
  return new Date(local).toISOString().replace('Z', '000Z');
}

function field(name) { return {$getField: name}; }
function lit(v) { return {$literal: v}; }

/** The /calls/stream_query body of the view, without paging. */
export function queryOf(project, st) {
  const filter = {};
  if (!st.all) filter.trace_roots_only = true;
  if (st.op) filter.op_names = [st.op];
  if (st.thread) filter.thread_ids = [st.thread];
  const conds = [];
  if (st.status) conds.push({$eq: [field('summary.weave.status'), lit(st.status)]});
  if (st.from) conds.push({$gte: [field('started_at'), lit(isoMicros(st.from))]});
  if (st.to) conds.push({$lt: [field('started_at'), lit(isoMicros(st.to))]});
  if (st.q) {
    conds.push({$or: ['inputs', 'output'].map(k =>
      ({$contains: {input: field(k), substr: lit(st.q), case_insensitive: true}}))});
  }
  const eq = st.attr.indexOf('=');
  if (eq > 0) {
    const key = st.attr.slice(0, eq).trim();
    conds.push({$eq: [{$convert: {input: field('attributes.' + key), to: 'string'}}, lit(st.attr.slice(eq + 1).trim())]});
  }
  const body = {project_id: project, filter};
  if (conds.length) body.query = {$expr: conds.length === 1 ? conds[0] : {$and: conds}};
  body.sort_by = [{field: st.sortField, direction: st.sortDir}];
  return body;
}

function statusBadge(s) {
  return h('span', {class: 'badge ' + s}, s);
}

export async function render(main, route) {
  const project = route.project;
  const st = stateOf(route.params);
  const selected = new Set();
  let rows = [];
  let total = 0;
  let signature = '';
  let stopped = false;

  const setHash = () => history.replaceState(null, '', hashOf(project, 'calls', null, paramsOf(st)));

  // Filters
  const input = (key, label, type = 'text', attrs = {}) => {
    const i = h('input', {type, name: key, value: st[key], 'aria-label': label, ...attrs});
    i.addEventListener('change', () => { st[key] = i.value.trim(); st.page = 1; reload(); });
    return h('label', null, label, i);
  };
  const opList = h('datalist', {id: 'op-names'});
  const statusSel = h('select', {name: 'status', 'aria-label': 'Status'},
    ['', 'success', 'error', 'descendant_error', 'running', 'unfinished'].map(s => h('option', {value: s, selected: st.status === s}, s || 'any')));
  statusSel.addEventListener('change', () => { st.status = statusSel.value; st.page = 1; reload(); });
  const all = h('input', {type: 'checkbox', name: 'all', checked: st.all});
  all.addEventListener('change', () => { st.all = all.checked; st.page = 1; reload(); });
  const filters = h('form', {class: 'filters', role: 'search', onsubmit: e => e.preventDefault()},
    input('op', 'Op', 'text', {list: 'op-names', placeholder: 'any op'}), opList,
    h('label', null, 'Status', statusSel),
    input('from', 'From', 'datetime-local'),
    input('to', 'To', 'datetime-local'),
    input('q', 'Search inputs/output', 'search', {placeholder: 'text'}),
    input('attr', 'Attribute', 'text', {placeholder: 'key=value'}),
    input('thread', 'Thread', 'text', {placeholder: 'thread id'}),
    h('label', {class: 'check'}, all, 'All calls (not only roots)'));

  // Toolbar
  const statusLine = h('span', {class: 'status-line muted', role: 'status', 'aria-live': 'polite'}, 'Loading…');
  const del = h('button', {type: 'button', class: 'danger', name: 'delete', disabled: true, onclick: () => remove()}, 'Delete selected');
  const live = h('input', {type: 'checkbox', name: 'live', checked: true});
  const toolbar = h('div', {class: 'toolbar'},
    statusLine, h('span', {class: 'spacer'}),
    h('label', {class: 'check'}, live, ' Live'),
    del,
    h('button', {type: 'button', name: 'export-jsonl', onclick: () => exportAs('jsonl')}, 'Export JSONL'),
    h('button', {type: 'button', name: 'export-csv', onclick: () => exportAs('csv')}, 'Export CSV'));

  // Table: the header and a page of fixed-height rows are there before the data (no layout shift).
  const head = h('tr');
  const tbody = h('tbody');
  const checkAll = h('input', {type: 'checkbox', 'aria-label': 'Select all on this page'});
  checkAll.addEventListener('change', () => {
    for (const c of rows) if (checkAll.checked) selected.add(c.id); else selected.delete(c.id);
    drawRows();
  });
  head.append(h('th', null, checkAll));
  for (const col of COLUMNS) {
    const sorted = col.sort && st.sortField === col.sort;
    const th = h('th', {class: (col.num ? 'num ' : '') + (col.wide ? 'wide' : ''), 'data-col': col.key,
      'aria-sort': sorted ? (st.sortDir === 'asc' ? 'ascending' : 'descending') : null});
    if (col.sort) {
      th.append(h('button', {type: 'button', class: 'sort', onclick: () => {
        if (st.sortField === col.sort) st.sortDir = st.sortDir === 'asc' ? 'desc' : 'asc';
        else { st.sortField = col.sort; st.sortDir = col.key === 'started' || col.key === 'latency' ? 'desc' : 'asc'; }
        st.page = 1;
        location.hash = hashOf(project, 'calls', null, paramsOf(st)); // the router draws it again
      }}, col.label + (sorted ? (st.sortDir === 'asc' ? ' ▲' : ' ▼') : '')));
    } else th.append(col.label);
    head.append(th);
  }
  const colgroup = h('colgroup', null, h('col', {class: 'c-check'}), COLUMNS.map(c => h('col', {class: c.col + (c.wide ? ' wide' : '')})));
  const table = h('table', {class: 'grid calls', 'aria-label': 'Calls'}, colgroup, h('thead', null, head), tbody);
  for (let i = 0; i < 10; i++) tbody.append(h('tr', {class: 'placeholder'}, h('td', {colspan: COLUMNS.length + 1}, '·')));

  const prev = h('button', {type: 'button', name: 'prev', disabled: true, onclick: () => { st.page--; reload(); }}, '‹ Previous');
  const next = h('button', {type: 'button', name: 'next', disabled: true, onclick: () => { st.page++; reload(); }}, 'Next ›');
  const range = h('span', {class: 'range muted'});
  const pager = h('div', {class: 'pager'}, range, prev, next);

  fill(main, h('h1', null, st.all ? 'Calls' : 'Traces'), filters, toolbar, h('div', {class: 'table-wrap'}, table), pager);

  rovingFocus(tbody, 'tr[data-id]', (ev, tr) => {
    if (ev.key === 'Enter') { ev.preventDefault(); location.hash = hashOf(project, 'call', tr.dataset.id); }
    else if (ev.key === ' ' || ev.key === 'x') {
      ev.preventDefault();
      toggle(tr.dataset.id);
    }
  });

  function toggle(id) {
    if (selected.has(id)) selected.delete(id); else selected.add(id);
    drawRows();
  }

  function drawRows() {
    const focused = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.id : null;
    const trs = rows.map(c => {
      const box = h('input', {type: 'checkbox', checked: selected.has(c.id), 'aria-label': 'Select ' + f.opName(c), tabindex: '-1'});
      box.addEventListener('click', e => { e.stopPropagation(); toggle(c.id); });
      const tr = h('tr', {'data-id': c.id, tabindex: '-1', class: selected.has(c.id) ? 'selected' : null,
        onclick: () => { location.hash = hashOf(project, 'call', c.id); }},
        h('td', null, box),
        COLUMNS.map(col => h('td', {class: (col.num ? 'num ' : '') + (col.wide ? 'wide' : ''), 'data-col': col.key,
          title: col.key === 'op' ? c.op_name : null}, col.cell(c))));
      return tr;
    });
    if (!trs.length) trs.push(h('tr', {class: 'empty'}, h('td', {colspan: COLUMNS.length + 1, class: 'muted'}, 'No calls match.')));
    fill(tbody, trs);
    const items = [...tbody.querySelectorAll('tr[data-id]')];
    const at = Math.max(0, items.findIndex(t => t.dataset.id === focused));
    if (items[at]) items[at].setAttribute('tabindex', '0');
    if (focused && items[at] && items[at].dataset.id === focused) items[at].focus();
    checkAll.checked = rows.length > 0 && rows.every(c => selected.has(c.id));
    del.disabled = selected.size === 0;
    del.textContent = selected.size ? 'Delete selected (' + selected.size + ')' : 'Delete selected';
    const first = total === 0 ? 0 : (st.page - 1) * PAGE_SIZE + 1;
    range.textContent = first + '–' + ((st.page - 1) * PAGE_SIZE + rows.length) + ' of ' + f.count(total);
    prev.disabled = st.page <= 1;
    next.disabled = st.page * PAGE_SIZE >= total;
    fill(opList, [...new Set(rows.map(f.opName))].sort().map(o => h('option', {value: o})));
  }

  async function load() {
    const body = queryOf(project, st);
    const [page, n] = await Promise.all([
      api.calls({...body, limit: PAGE_SIZE, offset: (st.page - 1) * PAGE_SIZE, include_costs: true,
        columns: ['id', 'trace_id', 'parent_id', 'op_name', 'display_name', 'started_at', 'ended_at', 'summary', 'exception', 'thread_id']}),
      api.count(body),
    ]);
    return {page, n};
  }

  async function reload() {
    setHash();
    statusLine.textContent = 'Loading…';
    try {
      const {page, n} = await load();
      rows = page; total = n;
      signature = sig(page, n);
      statusLine.textContent = f.count(total) + (total === 1 ? ' call' : ' calls');
      drawRows();
    } catch (e) {
      statusLine.textContent = e.message;
    }
  }

  function sig(page, n) {
    return n + '|' + page.map(c => c.id + ':' + f.status(c) + ':' + (c.display_name || '')).join(',');
  }

  // Live updates: the same query again while the tab is visible; redrawn only when it changed.
  async function poll() {
    if (stopped) return;
    if (live.checked && !document.hidden) {
      try {
        const {page, n} = await load();
        const s = sig(page, n);
        if (!stopped && s !== signature) {
          rows = page; total = n; signature = s;
          statusLine.textContent = f.count(total) + (total === 1 ? ' call' : ' calls');
          drawRows();
        }
      } catch (e) { /* the next poll tries again */ }
    }
    if (!stopped) timer = setTimeout(poll, POLL_MS);
  }

  async function remove() {
    const ids = [...selected];
    const ok = await confirmDialog('Delete calls',
      'Delete ' + ids.length + (ids.length === 1 ? ' call' : ' calls') + ' and all their descendants? This cannot be undone.',
      'Delete');
    if (!ok) return;
    try {
      for (let i = 0; i < ids.length; i += 1000) {
        await api.post('/calls/delete', {project_id: project, call_ids: ids.slice(i, i + 1000)});
      }
      selected.clear();
      await reload();
      statusLine.textContent = 'Deleted ' + ids.length + (ids.length === 1 ? ' call' : ' calls') + '. ' + statusLine.textContent;
    } catch (e) {
      statusLine.textContent = e.message;
    }
  }

  async function exportAs(kind) {
    statusLine.textContent = 'Exporting…';
    try {
      const calls = await api.calls({...queryOf(project, st), include_costs: true});
      const name = project.replace('/', '-') + '-calls.' + kind;
      if (kind === 'jsonl') download(name, 'application/jsonl', calls.map(c => JSON.stringify(c)).join('\n') + (calls.length ? '\n' : ''));
      else download(name, 'text/csv', toCsv(calls));
      statusLine.textContent = 'Exported ' + calls.length + (calls.length === 1 ? ' call' : ' calls') + ' as ' + name;
    } catch (e) {
      statusLine.textContent = e.message;
    }
  }

  let timer = null;
  await reload();
  timer = setTimeout(poll, POLL_MS);
  const tr0 = tbody.querySelector('tr[data-id]');
  if (tr0) tr0.setAttribute('tabindex', '0');
  return () => { stopped = true; clearTimeout(timer); };
}

const CSV_COLUMNS = [
  ['id', c => c.id], ['trace_id', c => c.trace_id], ['parent_id', c => c.parent_id],
  ['op_name', c => c.op_name], ['display_name', c => c.display_name], ['status', c => f.status(c)],
  ['started_at', c => c.started_at], ['ended_at', c => c.ended_at], ['latency_ms', c => f.latencyMs(c)],
  ['tokens', c => f.tokens(c)], ['cost_usd', c => f.cost(c)], ['thread_id', c => c.thread_id],
  ['inputs', c => JSON.stringify(c.inputs)], ['output', c => c.output === undefined ? '' : JSON.stringify(c.output)],
  ['exception', c => c.exception], ['attributes', c => JSON.stringify(c.attributes)], ['summary', c => JSON.stringify(c.summary)],
];

/** RFC 4180 CSV; text cells that a spreadsheet would run as a formula get a leading quote. */
export function toCsv(calls) {
  const cell = v => {
    if (v === null || v === undefined) return '';
    let s = String(v);
    if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  };
  const lines = [CSV_COLUMNS.map(c => c[0]).join(',')];
  for (const c of calls) lines.push(CSV_COLUMNS.map(([, get]) => cell(get(c))).join(','));
  return lines.join('\r\n') + '\r\n';
}
