// Viewer URLs: #/<entity>/<project>/<page>[/<id>][?<params>].

const PAGES = ['calls', 'call', 'threads', 'agents'];

function decode(s) {
  try {
    return decodeURIComponent(s);
  } catch (e) {
    return s;
  }
}

export function parse(hash) {
  const [path, qs] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(p => p !== '').map(decode);
  if (parts.length < 2) return null;
  return {
    project: parts[0] + '/' + parts[1],
    page: PAGES.includes(parts[2]) ? parts[2] : 'calls',
    id: parts.length > 3 ? parts.slice(3).join('/') : null,
    params: new URLSearchParams(qs || ''),
  };
}

export function hashOf(project, page, id, params) {
  const q = params && [...params.keys()].length ? '?' + params.toString() : '';
  const [e, p] = project.split('/');
  return '#/' + encodeURIComponent(e) + '/' + encodeURIComponent(p) + '/' + page
    + (id ? '/' + encodeURIComponent(id) : '') + q;
}
