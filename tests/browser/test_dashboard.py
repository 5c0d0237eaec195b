"""The dashboard in headless Chromium: markers drawn, a filter changes the count, evidence highlighted."""

from __future__ import annotations

import base64
import json
import urllib.request
from pathlib import Path

from tests.browser.conftest import Page


def _api(base: str, path: str) -> dict:
    with urllib.request.urlopen(base + path, timeout=10) as resp:
        return json.load(resp)


def test_dashboard_map_filter_and_evidence(served: str, page: Page, artifacts_dir: Path) -> None:
    page.send("Network.enable")
    page.send("Page.enable")
    page.send("Page.navigate", url=served + "/")
    page.wait_for("document.body.dataset.loads >= 1")
    total = _api(served, "/api/events?limit=1")["total"]
    assert page.eval("document.querySelector('#count').textContent") == str(total)
    # markers: every located cluster is drawn, as circles or inside cluster bubbles
    located = sum(1 for i in _api(served, "/api/events?limit=500")["items"] if i["location"])
    assert page.eval("window.rasdDashboard.markerCount()") == located
    drawn = page.eval("document.querySelectorAll('path.leaflet-interactive, .marker-cluster').length")
    assert drawn >= 1
    # the basemap is local Natural Earth polygons: many non-interactive paths, and no tile images
    assert page.eval("document.querySelectorAll('.leaflet-overlay-pane path').length") > 50
    assert page.eval("document.querySelectorAll('img.leaflet-tile').length") == 0

    # a filter changes the count
    battles = _api(served, "/api/events?event_type=Battles&limit=1")["total"]
    assert 0 < battles < total
    page.eval("""(() => { const s = document.querySelector('#f-type'); s.value = 'Battles';
                 s.dispatchEvent(new Event('input', {bubbles: true})); })()""")
    page.wait_for(f"document.querySelector('#count').textContent === '{battles}'")
    assert page.eval("window.rasdDashboard.markerCount()") == battles

    # the event panel shows the Arabic reports right-to-left with the evidence highlighted
    page.eval("document.querySelector('#list tbody tr').click()")
    page.wait_for("document.querySelectorAll('#panel mark.evidence').length > 0")
    event_id = int(page.eval("document.querySelector('#list tbody tr.active').dataset.id"))
    detail = _api(served, f"/api/events/{event_id}")
    expected = [e["text"] for r in detail["reports"] for e in r["evidence"]]
    marked = page.eval("Array.from(document.querySelectorAll('#panel mark.evidence')).map(m => m.textContent)")
    assert marked == expected
    assert page.eval("getComputedStyle(document.querySelector('#panel .article')).direction") == "rtl"
    assert page.eval("document.querySelector('#panel h2').textContent").startswith("Battles")
    # the cluster's source count and outlets, and one block per report (all reports' evidence above)
    outlets_text = page.eval("document.querySelector('#panel-outlets').textContent")
    assert outlets_text.startswith(f"{detail['n_reports']} report")
    assert f"from {detail['n_outlets']} outlet" in outlets_text
    assert detail["outlets"] and all(o in outlets_text for o in detail["outlets"])
    heads = page.eval("Array.from(document.querySelectorAll('#panel .report-head')).map(h => +h.dataset.eventId)")
    assert heads == [r["event_id"] for r in detail["reports"]]
    row = "document.querySelector('#list tbody tr.active').lastChild"
    assert page.eval(f"{row}.textContent") == str(detail["n_outlets"])
    assert page.eval(f"{row}.title") == ", ".join(detail["outlets"])

    # brushing the timeline (its handler) narrows the dates and the count
    day = detail["date"]
    page.eval(f"window.rasdDashboard.setDates('{day}', '{day}')")
    on_day = _api(served, f"/api/events?event_type=Battles&date_from={day}&date_to={day}&limit=1")["total"]
    page.wait_for(f"document.querySelector('#count').textContent === '{on_day}'")

    shot = page.send("Page.captureScreenshot", format="png")
    (artifacts_dir / "dashboard.png").write_bytes(base64.b64decode(shot["data"]))

    # nothing was fetched from outside the local server (no tiles, no CDN)
    urls = [e["params"]["request"]["url"] for e in page.events if e.get("method") == "Network.requestWillBeSent"]
    assert urls and all(u.startswith((served, "data:")) for u in urls), [u for u in urls if not u.startswith(served)]
