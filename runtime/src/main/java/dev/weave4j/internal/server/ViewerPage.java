package dev.weave4j.internal.server;

import java.nio.charset.StandardCharsets;

/**
 * The trace viewer at {@code /}: one static page that lists a project's root calls through {@code
 * /calls/stream_query} and shows a call's tree and JSON on click.
 */
final class ViewerPage {

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
              "<button onclick='load()'>show</button>",
              "<table><thead><tr><th>started</th><th>op</th><th>name</th><th>status</th>"
                  + "<th>ms</th></tr></thead><tbody id='rows'></tbody></table>",
              "<div id='tree'></div><pre id='json'></pre>",
              "<script>",
              "function hdr(){const k=document.getElementById('k').value;"
                  + "const h={'Content-Type':'application/json'};"
                  + "if(k)h.Authorization='Basic '+btoa('api:'+k);return h}",
              "async function q(body){const r=await fetch('/calls/stream_query',{method:'POST',"
                  + "headers:hdr(),body:JSON.stringify(body)});const t=await r.text();"
                  + "if(!r.ok)throw new Error(t);"
                  + "return t.split('\\n').filter(l=>l.trim()).map(l=>JSON.parse(l))}",
              "function esc(s){return String(s??'').replace(/[&<>]/g,c=>({'&':'&amp;',"
                  + "'<':'&lt;','>':'&gt;'}[c]))}",
              "function op(c){const m=/\\/op\\/([^:]+)/.exec(c.op_name);return m?m[1]:c.op_name}",
              "async function load(){const p=document.getElementById('p').value;"
                  + "const rows=document.getElementById('rows');rows.innerHTML='';"
                  + "try{const calls=await q({project_id:p,filter:{trace_roots_only:true},"
                  + "sort_by:[{field:'started_at',direction:'desc'}],limit:100});"
                  + "for(const c of calls){const w=(c.summary||{}).weave||{};"
                  + "const tr=document.createElement('tr');"
                  + "tr.innerHTML='<td>'+esc(c.started_at)+'</td><td>'+esc(op(c))+'</td><td>'"
                  + "+esc(c.display_name)+'</td><td class='+esc(w.status)+'>'+esc(w.status)"
                  + "+'</td><td>'+esc(w.latency_ms)+'</td>';"
                  + "tr.onclick=()=>tree(p,c.trace_id);rows.appendChild(tr)}}"
                  + "catch(e){rows.innerHTML='<tr><td class=error>'+esc(e.message)+'</td></tr>'}}",
              "async function tree(p,t){const calls=await q({project_id:p,filter:{trace_ids:[t]}});"
                  + "const kids={};for(const c of calls)(kids[c.parent_id||'']??=[]).push(c);"
                  + "const ul=id=>'<ul>'+(kids[id]||[]).map(c=>'<li><a href=# data-id='+c.id+'>'"
                  + "+esc(op(c))+'</a> '+esc(c.display_name)+' '+esc(((c.summary||{}).weave||{})"
                  + ".status)+ul(c.id)+'</li>').join('')+'</ul>';"
                  + "const d=document.getElementById('tree');d.innerHTML=ul('');"
                  + "d.querySelectorAll('a').forEach(a=>a.onclick=e=>{e.preventDefault();"
                  + "document.getElementById('json').textContent=JSON.stringify("
                  + "calls.find(c=>c.id===a.dataset.id),null,2)})}",
              // Call.uiUrl(): #/<entity>/<project>/call/<id> opens that call's tree and JSON
              "async function fromHash(){"
                  + "const m=/^#\\/([^/]+\\/[^/]+)\\/call\\/([^/]+)$/.exec(location.hash);"
                  + "if(!m)return;document.getElementById('p').value=m[1];await load();"
                  + "const c=(await q({project_id:m[1],filter:{call_ids:[m[2]]}}))[0];if(!c)return;"
                  + "await tree(m[1],c.trace_id);"
                  + "document.getElementById('json').textContent=JSON.stringify(c,null,2)}",
              "window.addEventListener('hashchange',fromHash);fromHash();",
              "</script></body></html>")
          .getBytes(StandardCharsets.UTF_8);

  private ViewerPage() {}

  static byte[] html() {
    return HTML.clone();
  }
}
