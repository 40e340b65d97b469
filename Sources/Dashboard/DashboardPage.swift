/// The dashboard's one page: plain HTML, CSS and JavaScript, no library. It polls the JSON API
/// and draws the run list, and for the chosen run (`?run=NAME`, or a click) the best-so-far
/// curves (each trial thin, the median bold over its quartile band), the best cells, the Pareto
/// front of hardware-aware runs and the pending asks.
enum DashboardPage {
  static func html(refreshSeconds: Double) -> String {
    """
    <!DOCTYPE html>
    <html lang="en"><head><meta charset="utf-8"><title>agnet dashboard</title>
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <style>
    body { font: 14px system-ui, sans-serif; margin: 1.2em; color: #222; }
    h1 { font-size: 1.3em; margin: 0 0 .6em; } h2 { font-size: 1.1em; margin: 1.2em 0 .4em; }
    table { border-collapse: collapse; } td, th { padding: 3px 9px; border-bottom: 1px solid #ddd; text-align: left; }
    th { background: #f3f3f3; } tr.run { cursor: pointer; } tr.run:hover, tr.chosen { background: #eef4ff; }
    .state { font-weight: 600; } .finished { color: #1a7f37; } .running { color: #0550ae; }
    .waiting, .new { color: #9a6700; } .broken { color: #cf222e; }
    code { font-size: 12px; word-break: break-all; } #error { color: #cf222e; }
    svg text { font-size: 11px; fill: #555; } .muted { color: #777; }
    </style></head><body>
    <h1>agnet dashboard <span class="muted" id="root"></span></h1>
    <div id="error"></div>
    <table><thead><tr><th>run</th><th>kind</th><th>method</th><th>state</th><th>trials</th><th>queries</th>
    <th>best</th><th>ETA</th></tr></thead><tbody id="runs"></tbody></table>
    <section id="detail" hidden>
    <h2>Run <span id="run-name"></span>: <span id="run-state" class="state"></span></h2>
    <p>Trials <span id="run-trials"></span> done, <span id="run-queries"></span> queries told;
    best <span id="run-best"></span>; elapsed <span id="run-elapsed"></span>, ETA <span id="run-eta"></span>.</p>
    <p id="run-problems" class="broken"></p>
    <h2>Best validation so far</h2>
    <svg id="curve" width="760" height="330"></svg>
    <div id="pareto-part" hidden><h2>Pareto front (trial 0)</h2><svg id="pareto" width="760" height="300"></svg></div>
    <h2>Best cells</h2>
    <table><thead><tr><th>value</th><th>where</th><th>cell</th></tr></thead><tbody id="best-cells"></tbody></table>
    <h2>Pending asks</h2>
    <table><thead><tr><th>id</th><th>age</th><th>claimed</th><th>cell</th></tr></thead><tbody id="pending"></tbody></table>
    </section>
    <script>
    const params = new URLSearchParams(location.search);
    const token = params.get('token');
    let chosen = params.get('run');
    const colors = ['#0550ae', '#cf222e', '#1a7f37', '#8250df', '#9a6700', '#bc4c00'];
    function api(path) {
      const url = path + (token ? (path.includes('?') ? '&' : '?') + 'token=' + encodeURIComponent(token) : '');
      return fetch(url, {cache: 'no-store'}).then(r => { if (!r.ok) throw new Error(r.status + ' ' + r.statusText); return r.json(); });
    }
    function esc(s) { return String(s).replace(/[&<>"]/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'})[c]); }
    function cellText(c) { return c === null || c === undefined ? '' : (typeof c === 'string' ? c : JSON.stringify(c)); }
    function num(v) { return typeof v === 'number' ? v.toFixed(3) : '—'; }
    function dur(s) {
      if (typeof s !== 'number') return '—'; s = Math.round(s);
      if (s < 60) return s + 's'; if (s < 3600) return Math.floor(s / 60) + 'm' + String(s % 60).padStart(2, '0') + 's';
      if (s < 86400) return Math.floor(s / 3600) + 'h' + String(Math.floor(s % 3600 / 60)).padStart(2, '0') + 'm';
      return Math.floor(s / 86400) + 'd' + String(Math.floor(s % 86400 / 3600)).padStart(2, '0') + 'h';
    }
    function showRuns(data) {
      document.getElementById('root').textContent = data.root;
      const rows = data.runs.map(r => `<tr class="run${r.name === chosen ? ' chosen' : ''}" data-name="${esc(r.name)}">` +
        `<td>${esc(r.name)}</td><td>${esc(r.kind)}</td><td>${esc(r.method || '')}</td>` +
        `<td class="state ${esc(r.state)}">${esc(r.state)}</td><td class="trials">${r.trials_done}/${r.trials_total}</td>` +
        `<td>${r.queries_told}/${r.trials_total * r.budget}</td><td>${num(r.best && r.best.value)}</td>` +
        `<td>${r.state === 'finished' ? '' : dur(r.eta_seconds)}</td></tr>`);
      document.getElementById('runs').innerHTML = rows.join('') || '<tr><td colspan="8">no runs in this folder yet</td></tr>';
      for (const tr of document.querySelectorAll('tr.run')) tr.onclick = () => {
        chosen = tr.dataset.name; params.set('run', chosen); history.replaceState(null, '', '?' + params); refresh();
      };
      if (!chosen && data.runs.length === 1) chosen = data.runs[0].name;
    }
    function scale(d0, d1, r0, r1) { return v => d1 === d0 ? (r0 + r1) / 2 : r0 + (v - d0) * (r1 - r0) / (d1 - d0); }
    function axes(svg, x, y, xs, ys, xlabel, ylabel) {
      let out = `<line x1="55" y1="${y(ys[0])}" x2="55" y2="${y(ys[1])}" stroke="#999"/>` +
        `<line x1="${x(xs[0])}" y1="${y(ys[0])}" x2="${x(xs[1])}" y2="${y(ys[0])}" stroke="#999"/>`;
      for (let i = 0; i <= 4; i++) {
        const vy = ys[0] + (ys[1] - ys[0]) * i / 4, vx = xs[0] + (xs[1] - xs[0]) * i / 4;
        out += `<text x="50" y="${y(vy) + 4}" text-anchor="end">${vy.toFixed(2)}</text>` +
          `<text x="${x(vx)}" y="${y(ys[0]) + 15}" text-anchor="middle">${Math.round(vx * 100) / 100}</text>`;
      }
      return out + `<text x="${(x(xs[0]) + x(xs[1])) / 2}" y="${y(ys[0]) + 30}" text-anchor="middle">${xlabel}</text>` +
        `<text x="12" y="${(y(ys[0]) + y(ys[1])) / 2}" transform="rotate(-90 12 ${(y(ys[0]) + y(ys[1])) / 2})" text-anchor="middle">${ylabel}</text>`;
    }
    function line(points) { return points.map((p, i) => (i ? 'L' : 'M') + p[0].toFixed(1) + ' ' + p[1].toFixed(1)).join(' '); }
    function drawCurves(series) {
      const svg = document.getElementById('curve');
      const all = series.flatMap(s => s.trials.flatMap(t => t.best_so_far));
      if (!all.length) { svg.innerHTML = '<text x="60" y="40">no results yet</text>'; return; }
      const n = Math.max(...series.flatMap(s => s.trials.map(t => t.best_so_far.length)));
      // The first queries' low values would squash the rest: the axis starts at the lowest lower
      // quartile after 5% of the queries, and the lines are clipped to the plot.
      const start = Math.floor(n * 0.05);
      let lo = Math.min(...series.flatMap(s => s.q1.slice(start).concat(s.q1.slice(-1)))), hi = Math.max(...all);
      if (hi - lo < 1e-9) { lo -= 1; hi += 1; }
      const x = scale(1, Math.max(n, 2), 60, 620), y = scale(lo, hi, 290, 15);
      let out = axes(svg, x, y, [1, Math.max(n, 2)], [lo, hi], 'queries', 'best so far') +
        '<clipPath id="plot"><rect x="56" y="10" width="570" height="281"/></clipPath><g clip-path="url(#plot)">';
      const labels = [];
      series.forEach((s, k) => {
        const color = colors[k % colors.length];
        for (const t of s.trials) out += `<path class="trial" data-trial="${t.trial}" d="${line(t.best_so_far.map((v, i) => [x(i + 1), y(v)]))}" fill="none" stroke="${color}" stroke-opacity="0.25"/>`;
        const upper = s.q3.map((v, i) => [x(i + 1), y(v)]), lower = s.q1.map((v, i) => [x(i + 1), y(v)]).reverse();
        out += `<path class="band" d="${line(upper.concat(lower))} Z" fill="${color}" fill-opacity="0.15" stroke="none"/>`;
        out += `<path class="median" d="${line(s.median.map((v, i) => [x(i + 1), y(v)]))}" fill="none" stroke="${color}" stroke-width="2.2"/>`;
        labels.push(`<text x="630" y="${25 + 16 * k}" style="fill:${color}">${esc(s.method)} (${s.trials.length} trials)</text>`);
      });
      svg.innerHTML = out + '</g>' + labels.join('');
    }
    function drawPareto(fronts) {
      const part = document.getElementById('pareto-part');
      const front = fronts.length ? fronts[0].front || [] : [];
      part.hidden = !front.length; if (!front.length) return;
      const cs = front.map(m => m.cost), vs = front.map(m => m.valid);
      let c0 = Math.min(...cs), c1 = Math.max(...cs), v0 = Math.min(...vs), v1 = Math.max(...vs);
      if (c1 - c0 < 1e-9) { c0 -= 1; c1 += 1; } if (v1 - v0 < 1e-9) { v0 -= 1; v1 += 1; }
      const x = scale(c0, c1, 60, 700), y = scale(v0, v1, 260, 15);
      const pts = front.slice().sort((a, b) => a.cost - b.cost);
      document.getElementById('pareto').innerHTML = axes(null, x, y, [c0, c1], [v0, v1], 'cost', 'validation') +
        `<path d="${line(pts.map(m => [x(m.cost), y(m.valid)]))}" fill="none" stroke="#0550ae"/>` +
        pts.map(m => `<circle class="front" cx="${x(m.cost)}" cy="${y(m.valid)}" r="3.5" fill="#0550ae"><title>${esc(cellText(m.cell))}</title></circle>`).join('');
    }
    function showRun(r) {
      document.getElementById('detail').hidden = false;
      document.getElementById('run-name').textContent = r.name;
      const state = document.getElementById('run-state'); state.textContent = r.state; state.className = 'state ' + r.state;
      document.getElementById('run-trials').textContent = r.trials_done + '/' + r.trials_total;
      document.getElementById('run-queries').textContent = r.queries_told + '/' + r.trials_total * r.budget;
      document.getElementById('run-best').textContent = r.best ? num(r.best.value) + (r.best.trial !== undefined ? ' (trial ' + r.best.trial + ')' : '') : '—';
      document.getElementById('run-elapsed').textContent = dur(r.elapsed_seconds);
      document.getElementById('run-eta').textContent = r.state === 'finished' ? '—' : dur(r.eta_seconds);
      document.getElementById('run-problems').textContent = (r.problems || []).join(' · ');
      drawCurves(r.series);
      drawPareto(r.pareto || []);
      document.getElementById('best-cells').innerHTML = r.best_cells.map(c =>
        `<tr><td>${num(c.value)}</td><td>${c.method ? esc(c.method) + ' ' : ''}t${c.trial}-q${c.query}</td><td><code>${esc(cellText(c.cell))}</code></td></tr>`).join('')
        || '<tr><td colspan="3">none yet</td></tr>';
      document.getElementById('pending').innerHTML = r.pending_asks.map(a =>
        `<tr><td>${esc(a.id)}</td><td>${dur(a.age_seconds)}</td><td>${a.claimed ? 'yes' : ''}</td><td><code>${esc(cellText(a.cell))}</code></td></tr>`).join('')
        || '<tr><td colspan="4">none</td></tr>';
    }
    async function refresh() {
      try {
        showRuns(await api('/api/runs'));
        if (chosen) showRun(await api('/api/run?name=' + encodeURIComponent(chosen)));
        document.getElementById('error').textContent = '';
      } catch (e) { document.getElementById('error').textContent = 'cannot read the runs: ' + e.message; }
    }
    refresh();
    setInterval(refresh, \(Int(refreshSeconds * 1000)));
    </script></body></html>
    """
  }
}
