// The viewer's router: #/<entity>/<project>/<page>[/<id>][?<params>], so each view has a URL
// that can be bookmarked and shared. #/<entity>/<project>/call/<id> is what Call.uiUrl() prints.
import * as api from './api.js';
import {h, fill} from './dom.js';
import * as callsPage from './calls.js';
import * as callPage from './call.js';
import * as threadsPage from './threads.js';
import * as agentsPage from './agents.js';
import {parse, hashOf} from './route.js';

const PAGES = {calls: callsPage, call: callPage, threads: threadsPage, agents: agentsPage};
const main = document.getElementById('main');
const picker = document.getElementById('project');
let cleanup = null;
let known = [];

async function route() {
  if (cleanup) { cleanup(); cleanup = null; }
  let r = parse(location.hash);
  if (!r) {
    if (!known.length) { try { known = await api.projects(); } catch (e) { known = []; } }
    const project = known.includes('local/default') || !known.length ? 'local/default' : known[0];
    history.replaceState(null, '', hashOf(project, 'calls'));
    r = parse(location.hash);
  }
  updateChrome(r);
  fill(main);
  const page = PAGES[r.page];
  try {
    cleanup = (await page.render(main, r)) || null;
  } catch (e) {
    fill(main, h('p', {class: 'error', role: 'alert'}, String(e.message || e)));
  }
}

function updateChrome(r) {
  for (const name of ['calls', 'threads', 'agents']) {
    const a = document.getElementById('nav-' + name);
    a.href = hashOf(r.project, name);
    const current = r.page === name || (name === 'calls' && r.page === 'call');
    if (current) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  document.querySelector('.brand').href = hashOf(r.project, 'calls');
  const options = known.includes(r.project) ? known : [r.project, ...known];
  fill(picker, options.map(p => h('option', {value: p, selected: p === r.project}, p)));
  picker.value = r.project;
  document.title = r.project + ' · ' + r.page + ' · weave4j';
}

picker.addEventListener('change', () => { location.hash = hashOf(picker.value, 'calls'); });
window.addEventListener('hashchange', route);

api.projects().then(p => { known = p; const r = parse(location.hash); if (r) updateChrome(r); }).catch(() => {});
route();
