/**
 * The one static page. Everything dynamic is filled in by the client module; URLs are relative so the
 * page works under any base path (it is always served at a path ending in `/`).
 */
export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>mcp-o11y dashboard</title>
<link rel="stylesheet" href="assets/uplot.css">
<link rel="stylesheet" href="assets/dashboard.css">
<script src="assets/uplot.js"></script>
<script type="module" src="assets/dashboard.js"></script>
</head>
<body>
<header class="top">
  <h1><span id="service">mcp-o11y</span> <span id="status" class="pill">…</span></h1>
  <p class="meta"><span id="live" class="live">connecting</span> <span id="updated"></span></p>
</header>
<main>
  <section class="cards" id="cards" aria-label="Overview"></section>
  <section class="charts" aria-label="Charts">
    <figure class="panel"><figcaption>Throughput (requests/s)</figcaption><div class="chart" id="chart-throughput"></div></figure>
    <figure class="panel"><figcaption>Latency (ms)</figcaption><div class="chart" id="chart-latency"></div></figure>
    <figure class="panel"><figcaption>Errors by type (per step)</figcaption><div class="chart" id="chart-errors"></div></figure>
  </section>
  <section class="panel" aria-labelledby="h-tools"><h2 id="h-tools">Tools</h2>
    <div class="scroll"><table id="tools"><thead><tr><th>Tool</th><th>Calls</th><th>Errors</th><th>p50</th><th>p95</th><th>p99</th><th>Last 15 min</th></tr></thead><tbody></tbody></table></div>
  </section>
  <section class="panel" aria-labelledby="h-alerts"><h2 id="h-alerts">Alerts</h2>
    <p class="tools-row"><label>Acting as <input id="actor" value="dashboard" maxlength="64"></label>
      <label>Silence for <select id="silence-duration"><option>30m</option><option selected>1h</option><option>4h</option><option>1d</option></select></label></p>
    <ul id="alerts" class="list"></ul>
    <h3>Silences</h3><ul id="silences" class="list"></ul>
  </section>
  <section class="panel" aria-labelledby="h-incidents"><h2 id="h-incidents">Incidents</h2><ul id="incidents" class="list"></ul></section>
  <div class="two">
    <section class="panel" aria-labelledby="h-clients"><h2 id="h-clients">Clients</h2>
      <div class="scroll"><table id="clients"><thead><tr><th>Client</th><th>Requests</th><th>Errors</th><th>Top tools</th></tr></thead><tbody></tbody></table></div>
      <p class="note" id="clients-note"></p>
    </section>
    <section class="panel" aria-labelledby="h-integrations"><h2 id="h-integrations">Integrations</h2><ul id="integrations" class="list"></ul></section>
  </div>
  <div class="two">
    <section class="panel" aria-labelledby="h-process"><h2 id="h-process">Process</h2><dl id="process" class="facts"></dl></section>
    <section class="panel" aria-labelledby="h-diagnostics"><h2 id="h-diagnostics">Diagnostics</h2><ul id="diagnostics" class="list"></ul></section>
  </div>
  <section class="panel" aria-labelledby="h-runbooks"><h2 id="h-runbooks">Runbooks</h2><div id="runbooks"></div></section>
</main>
</body>
</html>
`;

/** The page's styles: one column on a phone, a grid from 900 px. */
export const DASHBOARD_CSS = `:root{--bg:#f6f7f9;--panel:#fff;--ink:#1c2430;--muted:#5b6675;--line:#e2e6eb;--ok:#1f883d;--warn:#b35900;--bad:#cf222e;--accent:#3056d3}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--bg);color:var(--ink)}
.top{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:.5rem;padding:.75rem 1rem;background:var(--panel);border-bottom:1px solid var(--line)}
h1{font-size:1.15rem;margin:0}h2{font-size:1rem;margin:0 0 .6rem}h3{font-size:.9rem;margin:.8rem 0 .4rem;color:var(--muted)}
.meta{margin:0;color:var(--muted);font-size:.85rem}
main{padding:1rem;display:grid;gap:1rem;max-width:1600px;margin:0 auto}
.pill{display:inline-block;padding:.1rem .55rem;border-radius:999px;font-size:.8rem;font-weight:600;background:var(--line);vertical-align:middle}
.pill.ok,.pill.closed,.pill.pass,.pill.resolved{background:#dafbe1;color:var(--ok)}.pill.degraded,.pill.pending,.pill.warn,.pill.half-open,.pill.acknowledged{background:#fff1e0;color:var(--warn)}
.pill.failing,.pill.firing,.pill.fail,.pill.open,.pill.critical,.pill.high{background:#ffebe9;color:var(--bad)}
.live::before{content:"●";margin-right:.3rem;color:var(--muted)}.live.on::before{color:var(--ok)}
.cards{display:grid;grid-template-columns:repeat(2,1fr);gap:.75rem}
.card{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:.7rem .8rem}
.card .label{color:var(--muted);font-size:.8rem}.card .value{font-size:1.35rem;font-weight:600;font-variant-numeric:tabular-nums}
.panel{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:.8rem;margin:0;min-width:0}
figcaption{font-weight:600;margin-bottom:.4rem}
.charts{display:grid;grid-template-columns:1fr;gap:1rem}.chart{width:100%;min-height:220px}
.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line);white-space:nowrap}th{color:var(--muted);font-weight:600;font-size:.8rem}
.spark{width:160px;height:36px}
.list{list-style:none;margin:0;padding:0}.list>li{border-bottom:1px solid var(--line);padding:.55rem 0}.list>li:last-child{border-bottom:0}
.row{display:flex;flex-wrap:wrap;align-items:center;gap:.4rem}.grow{flex:1 1 12rem;min-width:0}
.sub{color:var(--muted);font-size:.85rem;overflow-wrap:anywhere}
button{font:inherit;padding:.3rem .7rem;border-radius:6px;border:1px solid var(--line);background:#fff;cursor:pointer;min-height:2.2rem}
button:hover{border-color:var(--accent)}button.primary{background:var(--accent);border-color:var(--accent);color:#fff}
input,select{font:inherit;padding:.25rem .4rem;border:1px solid var(--line);border-radius:6px;min-height:2.2rem}
.tools-row{display:flex;flex-wrap:wrap;gap:.8rem;margin:0 0 .6rem}
.timeline{margin:.4rem 0 0 .2rem;padding-left:1rem;border-left:2px solid var(--line);font-size:.85rem}
.timeline li{margin:.15rem 0}
.facts{display:grid;grid-template-columns:auto 1fr;gap:.25rem .8rem;margin:0}.facts dt{color:var(--muted)}.facts dd{margin:0;font-variant-numeric:tabular-nums}
.note,.empty{color:var(--muted);font-size:.85rem}
details{border-bottom:1px solid var(--line);padding:.5rem 0}summary{cursor:pointer;font-weight:600}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.82rem}pre{background:var(--bg);padding:.4rem .6rem;border-radius:6px;overflow-x:auto}
.two{display:grid;grid-template-columns:1fr;gap:1rem}
@media (min-width:700px){.cards{grid-template-columns:repeat(3,1fr)}}
@media (min-width:900px){.cards{grid-template-columns:repeat(6,1fr)}.charts{grid-template-columns:repeat(3,1fr)}.two{grid-template-columns:1fr 1fr}}
`;
