// How values look in the viewer: times, durations, tokens, costs, op names.

export function opName(call) {
  const m = /^weave:\/\/\/[^/]+\/[^/]+\/op\/([^:]+)/.exec(call.op_name || '');
  return m ? m[1] : (call.op_name || '');
}

export function status(call) {
  return (((call.summary || {}).weave || {}).status) || (call.ended_at ? 'success' : 'running');
}

export function latencyMs(call) {
  const w = (call.summary || {}).weave || {};
  if (typeof w.latency_ms === 'number') return w.latency_ms;
  if (call.started_at && call.ended_at) return Date.parse(call.ended_at) - Date.parse(call.started_at);
  return null;
}

export function duration(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '';
  if (ms < 1000) return Math.round(ms) + ' ms';
  if (ms < 60000) return (ms / 1000).toFixed(ms < 10000 ? 2 : 1) + ' s';
  const m = Math.floor(ms / 60000);
  return m + 'm ' + Math.round((ms % 60000) / 1000) + 's';
}

export function time(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const p = n => String(n).padStart(2, '0');
  return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate()) + ' '
    + p(d.getHours()) + ':' + p(d.getMinutes()) + ':' + p(d.getSeconds());
}

function num(v) { return typeof v === 'number' && Number.isFinite(v) ? v : 0; }

/** Input and output tokens of one model's usage (OpenAI, Anthropic, GenAI and OTel names). */
export function usageTokens(u) {
  const input = num(u.prompt_tokens) || num(u.input_tokens) || num(u.prompt_token_count);
  const output = num(u.completion_tokens) || num(u.output_tokens) || num(u.candidates_token_count);
  const total = num(u.total_tokens) || num(u.total_token_count) || input + output;
  return {input, output, total, requests: num(u.requests)};
}

/** Total tokens of a call's summary.usage, or null when it has none. */
export function tokens(call) {
  const usage = (call.summary || {}).usage;
  if (!usage || typeof usage !== 'object') return null;
  let total = 0;
  let any = false;
  for (const u of Object.values(usage)) {
    if (u && typeof u === 'object') { total += usageTokens(u).total; any = true; }
  }
  return any ? total : null;
}

/** Total cost in USD from summary.weave.costs (include_costs), or null when unknown. */
export function cost(call) {
  const costs = ((call.summary || {}).weave || {}).costs;
  if (!costs || typeof costs !== 'object') return null;
  let total = 0;
  for (const c of Object.values(costs)) {
    total += num(c.prompt_tokens_total_cost) + num(c.completion_tokens_total_cost);
  }
  return total;
}

export function money(v) {
  if (v === null || v === undefined) return '';
  return '$' + (v < 0.01 ? v.toFixed(5) : v.toFixed(2));
}

export function count(v) {
  return v === null || v === undefined ? '' : Number(v).toLocaleString('en-US');
}

/** A one-line preview of any JSON value. */
export function preview(v, max = 120) {
  let s;
  if (typeof v === 'string') s = v;
  else if (v === undefined) s = '';
  else { try { s = JSON.stringify(v); } catch (e) { s = String(v); } }
  s = s.replace(/\s+/g, ' ');
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

/** Weave's exception JSON string as {type, message, traceback, cause}, or the raw text. */
export function exception(call) {
  if (!call.exception) return null;
  try {
    const e = JSON.parse(call.exception);
    if (e && typeof e === 'object') return e;
  } catch (err) { /* plain text */ }
  return {type: '', message: String(call.exception), traceback: []};
}
