// A JSON value as a folding tree: objects and arrays fold (their children are built when
// first opened), long strings show their start and the rest on demand.
import {h} from './dom.js';

const LONG = 400;

export function value(v, depth = 0) {
  return h('div', {class: 'value'}, node(v, depth));
}

function node(v, depth) {
  if (v === null || v === undefined) return h('span', {class: 'v-null'}, 'null');
  if (typeof v === 'string') return str(v);
  if (typeof v === 'number') return h('span', {class: 'v-num'}, String(v));
  if (typeof v === 'boolean') return h('span', {class: 'v-bool'}, String(v));
  const isArr = Array.isArray(v);
  const keys = isArr ? v.map((_, i) => i) : Object.keys(v).filter(k => !(k === '_class_name' || k === '_bases'));
  const label = isArr ? '[' + keys.length + (keys.length === 1 ? ' item]' : ' items]')
    : (typeof v._type === 'string' ? v._type + ' ' : '') + '{' + keys.length + (keys.length === 1 ? ' key}' : ' keys}');
  if (keys.length === 0) return h('span', {class: 'muted'}, isArr ? '[]' : '{}');
  const d = h('details', null, h('summary', null, label));
  let built = false;
  const build = () => {
    if (built) return;
    built = true;
    for (const k of keys) d.append(h('div', {class: 'kv'}, h('span', {class: 'k'}, String(k) + ': '), node(v[k], depth + 1)));
  };
  d.addEventListener('toggle', build);
  // Small values near the top are open at once; the rest opens on demand.
  if (depth < 2 && JSON.stringify(v).length < 4000) { d.open = true; build(); }
  return d;
}

function str(s) {
  if (s.length <= LONG && !s.includes('\n')) return h('span', {class: 'v-str'}, JSON.stringify(s));
  const pre = h('pre', {class: 'v-str'}, s.length > LONG ? s.slice(0, LONG) + '…' : s);
  if (s.length <= LONG) return pre;
  const more = h('button', {type: 'button', class: 'more', onclick: () => { pre.textContent = s; more.remove(); }},
    'show all (' + s.length.toLocaleString('en-US') + ' characters)');
  return h('div', null, pre, more);
}
