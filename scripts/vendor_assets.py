"""Copy the built front-end files of the npm packages in package.json into rasd/serve/static/vendor.

Run ``npm ci`` at the repository root first (node_modules/ is not committed);
the copied files ARE committed, so the dashboard and /docs work offline and
nothing is loaded from a CDN.

Usage: npm ci && python scripts/vendor_assets.py
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "rasd" / "serve" / "static" / "vendor"

# package -> (destination folder, files relative to the package root)
FILES: dict[str, tuple[str, list[str]]] = {
    "leaflet": ("leaflet", ["dist/leaflet.js", "dist/leaflet.css", "dist/images/marker-icon.png",
                            "dist/images/marker-icon-2x.png", "dist/images/marker-shadow.png",
                            "dist/images/layers.png", "dist/images/layers-2x.png", "LICENSE"]),
    "leaflet.markercluster": ("leaflet.markercluster", ["dist/leaflet.markercluster.js", "dist/MarkerCluster.css",
                                                        "dist/MarkerCluster.Default.css", "MIT-LICENCE.txt"]),
    "topojson-client": ("topojson-client", ["dist/topojson-client.min.js", "LICENSE"]),
    "uplot": ("uplot", ["dist/uPlot.iife.min.js", "dist/uPlot.min.css", "LICENSE"]),
    "swagger-ui-dist": ("swagger-ui", ["swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png", "LICENSE",
                                       "NOTICE"]),
}


def main() -> None:
    modules = ROOT / "node_modules"
    if not modules.is_dir():
        raise SystemExit("node_modules/ missing: run `npm ci` at the repository root first")
    for package, (dest, files) in FILES.items():
        for rel in files:
            src = modules / package / rel
            target = OUT / dest / ("images/" if "/images/" in rel else "") / Path(rel).name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, target)
    print(f"vendored {sum(len(f) for _, f in FILES.values())} files into {OUT}")


if __name__ == "__main__":
    main()
