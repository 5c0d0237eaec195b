// Rasd dashboard: offline Leaflet map (Natural Earth basemap, clustered markers), uPlot timeline
// with brushing, filters, and an event panel showing the Arabic reports with evidence highlighted.
// It only calls the JSON API; all logic about events lives on the server.
"use strict";

(function () {
  const TYPES = {
    "Battles": "#d62728",
    "Explosions/Remote violence": "#ff7f0e",
    "Violence against civilians": "#9467bd",
    "Protests": "#2ca02c",
    "Riots": "#8c564b",
    "Strategic developments": "#1f77b4",
  };
  const MAX_MARKERS = 5000;
  const state = { dateFrom: null, dateTo: null, items: [], markerCount: 0, loads: 0, activeId: null };
  const $ = (sel) => document.querySelector(sel);

  // ---- map -------------------------------------------------------------------------------------
  const map = L.map("map", { zoomControl: true, minZoom: 3, maxZoom: 12, worldCopyJump: true }).setView([30, 38], 5);
  const markers = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 });
  map.addLayer(markers);

  async function loadBasemap() {
    const [topo, admin1] = await Promise.all([
      fetch("/static/basemap/countries.topo.json").then((r) => r.json()),
      fetch("/static/basemap/admin1_lines.json").then((r) => r.json()),
    ]);
    const countries = topojson.feature(topo, topo.objects.countries);
    L.geoJSON(countries, { style: { color: "#8696a7", weight: 1, fillColor: "#f7f4ec", fillOpacity: 1 },
      interactive: false }).addTo(map);
    L.geoJSON(admin1, { style: { color: "#b2a99a", weight: 0.6, dashArray: "2 3" }, interactive: false }).addTo(map);
    markers.bringToFront && markers.bringToFront();
  }

  // ---- filters ---------------------------------------------------------------------------------
  const typeSelect = $("#f-type");
  for (const t of Object.keys(TYPES)) {
    const o = document.createElement("option");
    o.value = t; o.textContent = t; typeSelect.appendChild(o);
  }

  function params({ withDates = true, limit = MAX_MARKERS } = {}) {
    const p = new URLSearchParams();
    const f = {
      event_type: typeSelect.value, country: $("#f-country").value.trim().toUpperCase(),
      actor: $("#f-actor").value.trim(), q: $("#f-q").value.trim(), min_fatalities: $("#f-fat").value.trim(),
    };
    for (const [k, v] of Object.entries(f)) if (v) p.set(k, v);
    if (withDates && state.dateFrom) p.set("date_from", state.dateFrom);
    if (withDates && state.dateTo) p.set("date_to", state.dateTo);
    if (limit) p.set("limit", String(limit));
    return p;
  }

  async function getJSON(url) {
    const r = await fetch(url);
    const body = await r.json();
    if (!r.ok) {
      const msg = Array.isArray(body.detail) ? body.detail.map((d) => d.msg).join("; ") : body.detail;
      throw new Error(msg || r.statusText);
    }
    return body;
  }

  // ---- events, markers and list ------------------------------------------------------------------
  function actorsOf(e) {
    return [e.actor1, e.actor2].filter(Boolean).map((a) => a.name).join(" vs ");
  }

  function renderList(items) {
    const tbody = $("#list tbody");
    tbody.replaceChildren();
    for (const e of items.slice(0, 500)) {
      const tr = document.createElement("tr");
      tr.dataset.id = e.id;
      const cells = [e.date || "?", e.event_type, e.location ? e.location.name : "—", actorsOf(e),
        String(e.fatalities), String(e.n_reports), String(e.n_outlets)];
      cells.forEach((c, i) => {
        const td = document.createElement("td");
        if (i === 1) {
          const sw = document.createElement("span");
          sw.className = "swatch"; sw.style.background = TYPES[e.event_type] || "#555";
          td.appendChild(sw);
        }
        td.appendChild(document.createTextNode(c));
        tr.appendChild(td);
      });
      tr.lastChild.title = (e.outlets || []).join(", ");  // which outlets told it
      tr.addEventListener("click", () => openEvent(e.id));
      tbody.appendChild(tr);
    }
  }

  function renderMarkers(items) {
    markers.clearLayers();
    const layers = [];
    for (const e of items) {
      if (!e.location) continue;
      const m = L.circleMarker([e.location.lat, e.location.lon], {
        radius: 6 + Math.min(8, Math.sqrt(e.fatalities || 0)), color: "#222", weight: 1,
        fillColor: TYPES[e.event_type] || "#555", fillOpacity: 0.85,
      });
      m.bindTooltip(`${e.date || "?"} · ${e.event_type} · ${e.location.name}`);
      m.on("click", () => openEvent(e.id));
      layers.push(m);
    }
    markers.addLayers(layers);
    state.markerCount = layers.length;
  }

  async function loadEvents() {
    const page = await getJSON("/api/events?" + params().toString());
    state.items = page.items;
    $("#count").textContent = String(page.total);
    $("#range").textContent = state.dateFrom ? `from ${state.dateFrom} to ${state.dateTo}` : "";
    renderMarkers(page.items);
    renderList(page.items);
    if (state.loads === 0 && state.markerCount) map.fitBounds(markers.getBounds(), { padding: [30, 30], maxZoom: 7 });
  }

  // ---- timeline --------------------------------------------------------------------------------
  let plot = null;
  async function loadTimeline() {
    const st = await getJSON("/api/stats?" + params({ withDates: false, limit: 0 }).toString());
    const days = st.by_day.filter((d) => d.key);
    const xs = days.map((d) => Date.parse(d.key) / 1000);
    const ys = days.map((d) => d.count);
    const el = $("#timeline");
    const opts = {
      width: el.clientWidth - 16, height: 120, cursor: { drag: { x: true, y: false, setScale: false } },
      select: { show: true }, legend: { show: false },
      scales: { x: { time: true } },
      axes: [{}, { size: 40 }],
      series: [{}, { label: "events", stroke: "#17324d", fill: "rgba(23,50,77,0.35)",
        paths: uPlot.paths.bars({ size: [0.8, 24] }), points: { show: false } }],
      hooks: { setSelect: [(u) => {
        if (u.select.width < 2) return;
        const lo = u.posToVal(u.select.left, "x"), hi = u.posToVal(u.select.left + u.select.width, "x");
        setDates(new Date(lo * 1000).toISOString().slice(0, 10), new Date(hi * 1000).toISOString().slice(0, 10));
      }] },
    };
    if (plot) plot.destroy();
    plot = new uPlot(opts, [xs, ys], el);
  }

  function setDates(from, to) {
    state.dateFrom = from; state.dateTo = to;
    return refresh({ timeline: false });
  }

  // ---- event panel -----------------------------------------------------------------------------
  function highlighted(text, spans) {
    // Offsets are Unicode code points (Python); slice code points, not UTF-16 units.
    const chars = Array.from(text);
    const frag = document.createDocumentFragment();
    let pos = 0;
    for (const sp of [...spans].sort((a, b) => a.start - b.start)) {
      if (sp.start < pos) continue;
      frag.appendChild(document.createTextNode(chars.slice(pos, sp.start).join("")));
      const mark = document.createElement("mark");
      mark.className = "evidence";
      mark.textContent = chars.slice(sp.start, sp.end).join("");
      frag.appendChild(mark);
      pos = sp.end;
    }
    frag.appendChild(document.createTextNode(chars.slice(pos).join("")));
    return frag;
  }

  function field(dl, name, value, id) {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return;
    const dt = document.createElement("dt"); dt.textContent = name;
    const dd = document.createElement("dd"); dd.textContent = Array.isArray(value) ? value.join(", ") : String(value);
    if (id) dd.id = id;
    dl.append(dt, dd);
  }

  function actorText(a) { return a ? `${a.name} (${a.text})` : null; }

  async function openEvent(id) {
    const e = await getJSON(`/api/events/${id}`);
    state.activeId = id;
    document.querySelectorAll("#list tbody tr").forEach((tr) => tr.classList.toggle("active", tr.dataset.id == id));
    const panel = $("#panel");
    panel.replaceChildren();
    const h = document.createElement("h2");
    h.textContent = `${e.event_type} — ${e.sub_event_type}`;
    const dl = document.createElement("dl");
    field(dl, "Summary", e.notes);
    field(dl, "Date", e.date ? `${e.date} (precision ${e.time_precision})` : "unknown");
    field(dl, "Place", e.location ? `${e.location.name} (${e.location.text}), ${e.location.admin1 || ""} ${e.location.country || ""}` : null);
    field(dl, "Actor 1", actorText(e.actor1));
    field(dl, "Actor 2", actorText(e.actor2));
    field(dl, "Fatalities", `${e.fatalities} (best of ${e.n_reports} report${e.n_reports > 1 ? "s" : ""})`);
    field(dl, "Reported by", `${e.n_reports} report${e.n_reports > 1 ? "s" : ""} from ${e.n_outlets} outlet${e.n_outlets > 1 ? "s" : ""}: ${(e.outlets || []).join(", ")}`, "panel-outlets");
    field(dl, "Injuries", e.injuries);
    field(dl, "Weapons", e.weapons);
    field(dl, "Sources", e.sources);
    field(dl, "Claimed by", actorText(e.claimed_by));
    field(dl, "Confidence", e.confidence);
    panel.append(h, dl);
    for (const r of e.reports) {
      const head = document.createElement("div");
      head.className = "report-head";
      head.dataset.eventId = r.event_id;
      head.textContent = `${r.outlet || "?"} · ${r.pub_date || ""} · ${r.article_id} · ${r.fatalities} killed`;
      if (r.url) {
        const a = document.createElement("a"); a.href = r.url; a.textContent = " ↗"; a.rel = "noreferrer";
        head.appendChild(a);
      }
      const body = document.createElement("div");
      body.className = "article"; body.lang = "ar"; body.dir = "rtl";
      body.appendChild(highlighted(r.text, r.evidence));
      panel.append(head, body);
    }
    const first = panel.querySelector("mark.evidence");
    if (first) first.scrollIntoView({ block: "nearest" });
    if (e.location) map.panTo([e.location.lat, e.location.lon]);
  }

  // ---- wiring ----------------------------------------------------------------------------------
  async function refresh({ timeline = true } = {}) {
    try {
      await Promise.all([loadEvents(), timeline ? loadTimeline() : Promise.resolve()]);
      state.loads += 1;
      document.body.dataset.loads = String(state.loads);
    } catch (err) {
      $("#count").textContent = "error: " + err.message;
    }
  }

  let timer = null;
  $("#filters").addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => refresh(), 250);
  });
  $("#filters").addEventListener("submit", (ev) => { ev.preventDefault(); refresh(); });
  $("#f-reset").addEventListener("click", () => {
    $("#filters").reset(); state.dateFrom = state.dateTo = null; refresh();
  });

  window.rasdDashboard = { state, openEvent, setDates, refresh, markerCount: () => state.markerCount };
  loadBasemap().catch((err) => console.error("basemap", err)).finally(() => refresh());
})();
