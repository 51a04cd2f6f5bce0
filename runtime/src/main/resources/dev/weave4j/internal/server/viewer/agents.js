// The Agents page: conversations from agent-tracing spans (turns are root invoke_agent calls
// grouped by gen_ai.conversation.id) with a minimap of turn activity, and one conversation's
// turns with their LLM calls, tool calls, messages and token counts.
import * as api from './api.js';
import {h, fill, place, rovingFocus} from './dom.js';
import * as f from './format.js';
import {hashOf} from './route.js';

const MAX = 5000;

function genAi(c) { return ((c.attributes || {}).gen_ai) || {}; }
function operation(c) { return (genAi(c).operation || {}).name || ''; }

function turnQuery(project, extra) {
  return {project_id: project, filter: {trace_roots_only: true, ...extra},
    query: {$expr: {$eq: [{$getField: 'attributes.gen_ai.operation.name'}, {$literal: 'invoke_agent'}]}},
    sort_by: [{field: 'started_at', direction: 'asc'}], limit: MAX};
}

function tokensOf(c) {
  const u = genAi(c).usage || {};
  const input = Number(u.input_tokens) || 0;
  const output = Number(u.output_tokens) || 0;
  if (input || output) return {input, output};
  let i = 0, o = 0;
  for (const m of Object.values((c.summary || {}).usage || {})) { const t = f.usageTokens(m || {}); i += t.input; o += t.output; }
  return {input: i, output: o};
}

/** Turns drawn along the conversation's time: one mark per turn, red when it failed. */
function minimap(turns, large) {
  const t0 = Date.parse(turns[0].started_at);
  const end = c => c.ended_at ? Date.parse(c.ended_at) : Date.now();
  const span = Math.max(1, Math.max(...turns.map(end)) - t0);
  return h('div', {class: 'minimap' + (large ? ' large' : ''), role: 'img',
    'aria-label': turns.length + (turns.length === 1 ? ' turn' : ' turns') + ' over ' + f.duration(span)},
    turns.map((c, i) => place(h('span', {class: 'turn ' + f.status(c), title: 'Turn ' + (i + 1) + ' · ' + f.time(c.started_at)}),
      ((Date.parse(c.started_at) - t0) / span) * 100, Math.max(0.8, ((end(c) - Date.parse(c.started_at)) / span) * 100))));
}

export async function render(main, route) {
  return route.id ? conversation(main, route.project, route.id) : list(main, route.project);
}

async function list(main, project) {
  const tbody = h('tbody');
  for (let i = 0; i < 6; i++) tbody.append(h('tr', {class: 'placeholder'}, h('td', {colspan: 6}, '·')));
  const note = h('p', {class: 'status-line muted', role: 'status'}, 'Loading…');
  fill(main, h('h1', null, 'Agents'), note, h('div', {class: 'table-wrap'}, h('table', {class: 'grid conversations', 'aria-label': 'Conversations'},
    h('thead', null, h('tr', null, ['Conversation', 'Agent', 'Turns', 'Activity', 'Last turn', 'Tokens'].map((x, i) => h('th', {class: i === 2 || i === 5 ? 'num' : null}, x)))),
    tbody)));
  const turns = await api.calls(turnQuery(project, {}));
  const byConv = new Map();
  for (const t of turns) {
    const id = (genAi(t).conversation || {}).id || t.thread_id;
    if (!id) continue;
    if (!byConv.has(id)) byConv.set(id, []);
    byConv.get(id).push(t);
  }
  const convs = [...byConv].sort((a, b) => String(b[1][b[1].length - 1].started_at).localeCompare(String(a[1][a[1].length - 1].started_at)));
  note.textContent = convs.length + (convs.length === 1 ? ' conversation' : ' conversations');
  const rows = convs.map(([id, ts]) => {
    const g = genAi(ts[0]);
    const tok = ts.reduce((s, t) => { const x = tokensOf(t); return s + x.input + x.output; }, 0);
    const go = () => { location.hash = hashOf(project, 'agents', id); };
    return h('tr', {'data-id': id, tabindex: '-1', onclick: go, onkeydown: e => { if (e.key === 'Enter') go(); }},
      h('td', null, h('a', {href: hashOf(project, 'agents', id), tabindex: '-1'}, (g.conversation || {}).name || id),
        (g.conversation || {}).name ? h('span', {class: 'muted'}, ' ' + id) : null),
      h('td', null, (g.agent || {}).name || ''), h('td', {class: 'num'}, String(ts.length)),
      h('td', null, minimap(ts, false)), h('td', null, f.time(ts[ts.length - 1].started_at)), h('td', {class: 'num'}, f.count(tok || null)));
  });
  fill(tbody, rows.length ? rows : h('tr', null, h('td', {colspan: 6, class: 'muted'}, 'No agent conversations yet (Weave.startConversation).')));
  if (rows[0]) rows[0].setAttribute('tabindex', '0');
  rovingFocus(tbody, 'tr[data-id]');
  return null;
}

/** GenAI messages (JSON text of the "parts" model) as [{role, text}]. */
function messages(json) {
  if (!json) return [];
  let list;
  try { list = typeof json === 'string' ? JSON.parse(json) : json; } catch (e) { return [{role: '', text: String(json)}]; }
  if (!Array.isArray(list)) return [];
  return list.map(m => ({
    role: m.role || '',
    text: (m.parts || []).map(p => p.content !== undefined ? (typeof p.content === 'string' ? p.content : JSON.stringify(p.content))
      : p.type === 'tool_call' ? '→ ' + (p.name || '') + '(' + JSON.stringify(p.arguments ?? '') + ')'
      : p.type === 'tool_call_response' ? '← ' + JSON.stringify(p.response ?? p.result ?? '') : JSON.stringify(p)).join('\n'),
  }));
}

function msgView(m) {
  return h('div', {class: 'msg ' + m.role}, h('span', {class: 'role'}, m.role), m.text);
}

async function conversation(main, project, id) {
  const body = h('div', {class: 'cards'});
  const head = h('div', null, h('p', {class: 'muted'}, 'Loading…'));
  fill(main, h('p', null, h('a', {href: hashOf(project, 'agents')}, '‹ Agents')), head, body);
  const turns = await api.calls(turnQuery(project, {thread_ids: [id]}));
  if (!turns.length) { fill(head, h('p', {role: 'alert'}, 'No conversation ' + id + '.')); return null; }
  const spans = await api.calls({project_id: project, filter: {trace_ids: [...new Set(turns.map(t => t.trace_id))]},
    sort_by: [{field: 'started_at', direction: 'asc'}]});
  const kids = new Map();
  for (const s of spans) {
    if (!s.parent_id) continue;
    if (!kids.has(s.parent_id)) kids.set(s.parent_id, []);
    kids.get(s.parent_id).push(s);
  }
  const g = genAi(turns[0]);
  const total = turns.reduce((a, t) => { const x = tokensOf(t); return {input: a.input + x.input, output: a.output + x.output}; }, {input: 0, output: 0});
  fill(head, h('h1', null, (g.conversation || {}).name || id),
    h('p', {class: 'muted'}, 'Agent ' + ((g.agent || {}).name || '?') + ' · conversation ' + id + ' · ' + turns.length
      + (turns.length === 1 ? ' turn' : ' turns') + ' · ' + f.count(total.input) + ' input / ' + f.count(total.output) + ' output tokens'),
    minimap(turns, true));

  const steps = (parent, seen) => (kids.get(parent.id) || []).filter(s => !seen.has(s.id) && seen.add(s.id)).map(s => step(s, seen));
  const step = (s, seen) => {
    const op = operation(s);
    const st = f.status(s);
    const link = h('a', {href: hashOf(project, 'call', s.id), class: 'title'}, f.opName(s));
    const ga = genAi(s);
    if (op === 'chat') {
      const t = tokensOf(s);
      const out = messages((ga.output || {}).messages);
      return h('div', {class: 'step llm' + (st === 'error' ? ' error' : ''), 'data-kind': 'llm'}, link,
        h('span', {class: 'tokens'}, ' · ' + f.count(t.input) + ' in / ' + f.count(t.output) + ' out tokens · ' + f.duration(f.latencyMs(s))
          + (((ga.response || {}).finish_reasons) ? ' · ' + [].concat(ga.response.finish_reasons).join(', ') : '')),
        out.map(msgView), h('div', {class: 'sub'}, steps(s, seen)));
    }
    if (op === 'execute_tool') {
      const tool = ga.tool || {};
      const call = tool.call || {};
      return h('div', {class: 'step tool' + (st === 'error' ? ' error' : ''), 'data-kind': 'tool'}, link,
        h('span', {class: 'tokens'}, ' · ' + f.duration(f.latencyMs(s)) + (st === 'error' ? ' · error' : '')),
        call.arguments !== undefined ? h('div', {class: 'mono'}, 'arguments: ' + f.preview(call.arguments, 400)) : null,
        call.result !== undefined ? h('div', {class: 'mono'}, 'result: ' + f.preview(call.result, 400)) : null,
        st === 'error' ? h('div', {class: 'mono error'}, f.preview((f.exception(s) || {}).message || '', 400)) : null,
        h('div', {class: 'sub'}, steps(s, seen)));
    }
    return h('div', {class: 'step' + (st === 'error' ? ' error' : ''), 'data-kind': op || 'call'}, link,
      h('span', {class: 'tokens'}, ' · ' + f.duration(f.latencyMs(s))), h('div', {class: 'sub'}, steps(s, seen)));
  };

  fill(body, turns.map((t, i) => {
    const ga = genAi(t);
    const x = tokensOf(t);
    const input = messages((ga.input || {}).messages).filter(m => m.role === 'user');
    const output = messages((ga.output || {}).messages);
    const seen = new Set([t.id]);
    return h('article', {class: 'card turn', 'data-id': t.id},
      h('header', null, h('strong', null, 'Turn ' + (i + 1)), h('a', {href: hashOf(project, 'call', t.id)}, f.opName(t)),
        h('span', {class: 'badge ' + f.status(t)}, f.status(t)), h('span', {class: 'grow'}),
        h('span', {class: 'tokens'}, f.time(t.started_at) + ' · ' + f.duration(f.latencyMs(t)) + ' · ' + f.count(x.input) + ' in / ' + f.count(x.output) + ' out tokens')),
      input.map(msgView), steps(t, seen), output.map(msgView));
  }));
  return null;
}
