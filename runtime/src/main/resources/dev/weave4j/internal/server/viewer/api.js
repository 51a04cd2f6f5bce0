// The trace server API, as Weave's clients call it; same origin only (the CSP allows no other).
// With `serve --api-key`, the browser asked for the key when the page loaded and sends it again.

async function send(path, body) {
  const r = await fetch(path, {
    method: 'POST',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify(body),
  });
  const text = await r.text();
  if (!r.ok) {
    let reason = text;
    try {
      const j = JSON.parse(text);
      reason = j.reason || (Array.isArray(j.detail) ? j.detail.map(d => d.msg).join('; ') : j.detail) || text;
    } catch (e) { /* not JSON */ }
    throw new Error(path + ': ' + r.status + ' ' + reason);
  }
  return text;
}

/** /calls/stream_query: the calls, parsed from JSONL. */
export async function calls(body) {
  const text = await send('/calls/stream_query', body);
  const out = [];
  for (const line of text.split('\n')) if (line.trim()) out.push(JSON.parse(line));
  return out;
}

/** /calls/query_stats: how many calls match. */
export async function count(body) {
  const b = {project_id: body.project_id};
  if (body.filter) b.filter = body.filter;
  if (body.query) b.query = body.query;
  return (JSON.parse(await send('/calls/query_stats', b))).count;
}

export async function post(path, body) {
  const text = await send(path, body);
  return text ? JSON.parse(text) : {};
}

export async function projects() {
  const r = await fetch('/viewer/api/projects');
  if (!r.ok) throw new Error('/viewer/api/projects: ' + r.status);
  return (await r.json()).projects;
}

export function callRef(project, id) {
  return 'weave:///' + project + '/call/' + id;
}
