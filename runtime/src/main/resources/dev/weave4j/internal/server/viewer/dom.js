// Builds elements. Every value from the store becomes a text node (never markup), and
// attributes are set one by one by name, so nothing a call holds can add elements or handlers.

/**
 * h('tr', {class: 'x', onclick: fn, title: text}, child, 'text', [children]) -> Element.
 * Keys starting with "on" add listeners; null/undefined/false attributes are left out.
 */
export function h(tag, props, ...children) {
  const e = document.createElement(tag);
  if (props) {
    for (const [k, v] of Object.entries(props)) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v);
      else if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = String(v);
      else if (k === 'value') e.value = v;
      else if (k === 'checked') e.checked = !!v;
      else e.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(e, children);
  return e;
}

function append(e, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(e, c);
    else if (c instanceof Node) e.append(c);
    else e.append(document.createTextNode(String(c)));
  }
}

/** Replaces the children of e. */
export function fill(e, ...children) {
  e.replaceChildren();
  append(e, children);
  return e;
}

/** A link to a viewer route (hash). */
export function link(hash, ...children) {
  return h('a', {href: hash}, ...children);
}

/** Sets an element's width/left in percent through the CSSOM (allowed by the CSP). */
export function place(e, leftPct, widthPct) {
  e.style.left = leftPct.toFixed(3) + '%';
  e.style.width = widthPct.toFixed(3) + '%';
  return e;
}

/** Saves text as a file the browser downloads. */
export function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], {type}));
  const a = h('a', {href: url, download: name});
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

/** A modal confirmation; resolves true when confirmed. */
export function confirmDialog(title, text, confirmLabel) {
  return new Promise(resolve => {
    const d = h('dialog', {class: 'confirm', 'aria-labelledby': 'confirm-title'});
    const done = ok => { d.close(); d.remove(); resolve(ok); };
    d.append(
      h('h2', {id: 'confirm-title'}, title),
      h('p', null, text),
      h('div', {class: 'buttons'},
        h('button', {type: 'button', class: 'cancel', onclick: () => done(false)}, 'Cancel'),
        h('button', {type: 'button', class: 'primary danger-confirm', onclick: () => done(true)}, confirmLabel)));
    d.addEventListener('cancel', e => { e.preventDefault(); done(false); });
    document.body.append(d);
    d.showModal();
    d.querySelector('.cancel').focus();
  });
}

/**
 * Arrow-key navigation over the items of a list (rows of a table, rows of a tree): one item is
 * in the tab order, ArrowUp/ArrowDown (and k/j), Home/End move focus.
 */
export function rovingFocus(container, selector, extra) {
  container.addEventListener('keydown', ev => {
    const items = [...container.querySelectorAll(selector)];
    const i = items.indexOf(document.activeElement);
    if (i < 0) return;
    let next = -1;
    if (ev.key === 'ArrowDown' || ev.key === 'j') next = Math.min(items.length - 1, i + 1);
    else if (ev.key === 'ArrowUp' || ev.key === 'k') next = Math.max(0, i - 1);
    else if (ev.key === 'Home') next = 0;
    else if (ev.key === 'End') next = items.length - 1;
    else if (extra) { extra(ev, items[i]); return; }
    else return;
    ev.preventDefault();
    focusItem(items, next);
  });
}

export function focusItem(items, index) {
  items.forEach((it, j) => it.setAttribute('tabindex', j === index ? '0' : '-1'));
  if (items[index]) items[index].focus();
}
