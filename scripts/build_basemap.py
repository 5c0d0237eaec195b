"""Build the dashboard's offline basemap from Natural Earth files in ../shared/data/basemap.

Writes rasd/serve/static/basemap/countries.topo.json (world-atlas 50m admin-0
TopoJSON, unmodified) and admin1_lines.json (Natural Earth 10m admin-1
boundary lines clipped to the Middle East/North Africa, coordinates rounded to
0.01° ≈ 1 km and repeated points dropped, as one MultiLineString). Re-running
on the same inputs gives byte-identical files.

Usage: python scripts/build_basemap.py [--shared ../shared] [--out rasd/serve/static/basemap]
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DECIMALS = 2  # 0.01° ≈ 1.1 km: finer than a marker at the zoom levels the dashboard allows

NOTICE = """Basemap data for the Rasd dashboard (built by scripts/build_basemap.py).

countries.topo.json: Natural Earth 1:50m admin-0 countries (public domain) as packaged by the npm
package world-atlas 2.0.2, ISC licence, (c) 2013-2019 Michael Bostock. Unmodified.
admin1_lines.json: Natural Earth 1:10m admin-1 boundary lines (public domain), clipped to
lon -20..65, lat -5..45, coordinates rounded to 0.01 degree. Made with Natural Earth.
"""


def quantise(geojson: dict) -> dict:
    lines = []
    for feature in geojson["features"]:
        geom = feature["geometry"]
        parts = geom["coordinates"] if geom["type"] == "MultiLineString" else [geom["coordinates"]]
        for part in parts:
            out: list[list[float]] = []
            for lon, lat in (c[:2] for c in part):
                p = [round(lon, DECIMALS), round(lat, DECIMALS)]
                if not out or out[-1] != p:
                    out.append(p)
            if len(out) > 1:
                lines.append(out)
    return {"type": "MultiLineString", "coordinates": lines}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "rasd" / "serve" / "static" / "basemap")
    args = ap.parse_args()
    src = args.shared / "data" / "basemap"
    args.out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src / "world-atlas_countries-50m.topo.json", args.out / "countries.topo.json")
    with gzip.open(src / "ne_10m_admin_1_lines_mena.geojson.gz", "rt", encoding="utf-8") as fh:
        admin1 = quantise(json.load(fh))
    (args.out / "admin1_lines.json").write_text(json.dumps(admin1, separators=(",", ":")), encoding="utf-8")
    (args.out / "NOTICE.txt").write_text(NOTICE, encoding="utf-8")
    print(f"wrote {args.out}: {len(admin1['coordinates'])} admin-1 line parts")


if __name__ == "__main__":
    main()
