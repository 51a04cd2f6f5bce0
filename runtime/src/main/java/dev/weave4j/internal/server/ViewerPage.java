package dev.weave4j.internal.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The trace viewer at {@code /}: one static page that lists a project's root calls through {@code
 * /calls/stream_query} and shows a call's tree and JSON on click. Everything from the store is put
 * into the page as text ({@code textContent}, never markup), and the page's Content-Security-Policy
 * allows its own script only, so a value that looks like HTML stays text.
 */
final class ViewerPage {

  private static final String SCRIPT =
      String.join(
          "\n",
          "const $=id=>document.getElementById(id);",
          "function el(tag,text){const e=document.createElement(tag);"
              + "if(text!==undefined)e.textContent=String(text??'');return e}",
          "function hdr(){const k=$('k').value;const h={'Content-Type':'application/json'};"
              + "if(k)h.Authorization='Basic '+btoa('api:'+k);return h}",
          "async function q(body){const r=await fetch('/calls/stream_query',{method:'POST',"
              + "headers:hdr(),body:JSON.stringify(body)});const t=await r.text();"
              + "if(!r.ok)throw new Error(t);"
              + "return t.split('\\n').filter(l=>l.trim()).map(l=>JSON.parse(l))}",
          "function op(c){const m=/\\/op\\/([^:]+)/.exec(c.op_name);return m?m[1]:c.op_name}",
          "function status(c){return ((c.summary||{}).weave||{}).status}",
          "function show(c){$('json').textContent=JSON.stringify(c,null,2)}",
          "async function load(){const p=$('p').value;const rows=$('rows');rows.replaceChildren();"
              + "try{const calls=await q({project_id:p,filter:{trace_roots_only:true},"
              + "sort_by:[{field:'started_at',direction:'desc'}],limit:100});"
              + "for(const c of calls){const w=(c.summary||{}).weave||{};const tr=el('tr');"
              + "const st=el('td',w.status);if(w.status==='error')st.className='error';"
              + "tr.append(el('td',c.started_at),el('td',op(c)),el('td',c.display_name),st,"
              + "el('td',w.latency_ms));tr.addEventListener('click',()=>tree(p,c.trace_id));"
              + "rows.append(tr)}}"
              + "catch(e){const td=el('td',e.message);td.className='error';"
              + "const tr=el('tr');tr.append(td);rows.append(tr)}}",
          // A Map, not an object: ids such as "__proto__" are just keys; seen stops id cycles.
          "async function tree(p,t){const calls=await q({project_id:p,filter:{trace_ids:[t]}});"
              + "const kids=new Map();for(const c of calls){const k=c.parent_id||'';"
              + "if(!kids.has(k))kids.set(k,[]);kids.get(k).push(c)}const seen=new Set();"
              + "const ul=id=>{const u=el('ul');for(const c of kids.get(id)||[]){"
              + "if(seen.has(c.id))continue;seen.add(c.id);const li=el('li');const a=el('a',op(c));"
              + "a.href='#';a.addEventListener('click',e=>{e.preventDefault();show(c)});"
              + "li.append(a,' '+String(c.display_name??'')+' '+String(status(c)??''),ul(c.id));"
              + "u.append(li)}return u};$('tree').replaceChildren(ul(''))}",
          // Call.uiUrl(): #/<entity>/<project>/call/<id> opens that call's tree and JSON
          "async function fromHash(){"
              + "const m=/^#\\/([^/]+\\/[^/]+)\\/call\\/([^/]+)$/.exec(location.hash);"
              + "if(!m)return;const id=decodeURIComponent(m[2]);$('p').value=m[1];await load();"
              + "const c=(await q({project_id:m[1],filter:{call_ids:[id]}}))[0];if(!c)return;"
              + "await tree(m[1],c.trace_id);show(c)}",
          "$('show').addEventListener('click',load);",
          "window.addEventListener('hashchange',fromHash);fromHash();");

  /** Only this page's own script runs; no inline handlers, no other sources, no framing. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; connect-src 'self'; style-src 'unsafe-inline'; script-src 'sha256-"
          + sha256(SCRIPT)
          + "'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  private static final byte[] HTML =
      String.join(
              "\n",
              "<!doctype html><html><head><meta charset='utf-8'><title>weave4j traces</title>",
              "<style>body{font:14px system-ui,sans-serif;margin:1.5em}"
                  + "table{border-collapse:collapse}td,th{padding:2px 8px;text-align:left}"
                  + "tr:hover{background:#eef}tr{cursor:pointer}.error{color:#b00}"
                  + "pre{background:#f6f6f6;padding:8px;overflow:auto;max-height:40em}"
                  + "ul{list-style:none;padding-left:1.2em}</style></head><body>",
              "<h2>weave4j traces</h2>",
              "<label>project <input id='p' value='local/default' size='30'></label>",
              "<label>api key <input id='k' type='password' size='20'></label>",
              "<button id='show'>show</button>",
              "<table><thead><tr><th>started</th><th>op</th><th>name</th><th>status</th>"
                  + "<th>ms</th></tr></thead><tbody id='rows'></tbody></table>",
              "<div id='tree'></div><pre id='json'></pre>",
              "<script>" + SCRIPT + "</script></body></html>")
          .getBytes(StandardCharsets.UTF_8);

  private ViewerPage() {}

  static byte[] html() {
    return HTML.clone();
  }

  private static String sha256(String script) {
    try {
      return Base64.getEncoder()
          .encodeToString(
              MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
