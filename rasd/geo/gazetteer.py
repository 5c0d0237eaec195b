"""The packaged gazetteer: places with Arabic names, coordinates, admin areas and source ids.

``load_gazetteer()`` reads ``rasd/resources/geo/gazetteer.tsv.gz`` (built by
``scripts/build_gazetteer.py``) and, unless disabled, the separate ODbL OpenStreetMap
file ``osm/places_osm.tsv.gz``. Rows stay as compact text lines and are parsed into
:class:`Place` records only when a name matches, which keeps loading well under a second.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from dataclasses import dataclass

from rasd.errors import ResourceError
from rasd.resources import resource_path
from rasd.text.matching import PhraseMatch, PhraseMatcher
from rasd.text.normalise import NormalizedText, normalise_key

__all__ = ["COLUMNS", "LEVELS", "Gazetteer", "Place", "load_gazetteer"]

COLUMNS = ("id", "level", "kind", "name", "names_ar", "lat", "lon", "country", "admin1", "admin1_code",
           "admin2", "population", "geonameid", "sources", "names_cued")
LEVELS = ("country", "admin1", "admin2", "admin3", "region", "locality", "site")
_CUED = 1  # low bit of a matcher value: the name is an alias taken only after a place qualifier


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    """One gazetteer entry (a town, site, admin unit, region or country)."""

    id: str
    level: str
    kind: str
    name: str
    names_ar: tuple[str, ...]
    lat: float
    lon: float
    country: str
    admin1: str | None
    admin1_code: str | None
    admin2: str | None
    population: int
    geonameid: int | None
    sources: tuple[str, ...]

    @property
    def notable(self) -> bool:
        """Towns and units worth matching without a qualifier (not a nameless hamlet)."""
        return (self.level != "locality" or self.population >= 1000
                or any(s.startswith("gn:") for s in self.sources))


class Gazetteer:
    """Immutable in-memory gazetteer with a clitic-aware name index."""

    def __init__(self, lines: list[str], *, version: str) -> None:
        self._lines = lines
        # each row is parsed into its Place on first use and then kept (rows are immutable)
        self._places: list[Place | None] = [None] * len(lines)
        self.version = version
        entries: list[tuple[str, int]] = []
        self._admin1: dict[str, int] = {}
        self._country: dict[str, int] = {}
        for i, line in enumerate(lines):
            parts = line.split("\t")
            if len(parts) != len(COLUMNS):
                raise ResourceError(f"gazetteer row {i + 1}: expected {len(COLUMNS)} columns, got {len(parts)}")
            cued = set(parts[14].split("|")) if parts[14] else set()
            for name in parts[4].split("|"):
                if name:
                    entries.append((name, i * 2 + (_CUED if name in cued else 0)))
            if parts[1] == "admin1":
                self._admin1.setdefault(parts[9], i)
            elif parts[1] == "country":
                self._country[parts[7]] = i
        self._matcher: PhraseMatcher[int] = PhraseMatcher(entries)

    def __len__(self) -> int:
        return len(self._lines)

    def __iter__(self) -> Iterator[Place]:
        return (self.place(i) for i in range(len(self._lines)))

    def place(self, index: int) -> Place:
        """The row ``index`` as a :class:`Place` (parsed once)."""
        place = self._places[index]
        if place is None:
            place = self._places[index] = self._parse(index)
        return place

    def _parse(self, index: int) -> Place:
        p = self._lines[index].split("\t")
        return Place(id=p[0], level=p[1], kind=p[2], name=p[3], names_ar=tuple(p[4].split("|")),
                     lat=float(p[5]), lon=float(p[6]), country=p[7], admin1=p[8] or None,
                     admin1_code=p[9] or None, admin2=p[10] or None, population=int(p[11] or 0),
                     geonameid=int(p[12]) if p[12] else None, sources=tuple(p[13].split("|")))

    def lookup(self, name: str, *, cued: bool = True) -> list[Place]:
        """Places whose name (normalised) is exactly ``name``; ``cued=False`` drops qualifier-only aliases."""
        return [self.place(v >> 1) for v in self._matcher.get(name) if cued or not v & _CUED]

    def values(self, name: str) -> tuple[int, ...]:
        """Raw matcher values (``row * 2 + cued_flag``) stored under ``name``."""
        return self._matcher.get(name)

    def key_values(self, key: str) -> tuple[int, ...]:
        """Raw matcher values under the already normalised name ``key`` (a hit's ``key``)."""
        return self._matcher.values_of_key(key)

    def match(self, ntext: NormalizedText) -> list[PhraseMatch[int]]:
        """Leftmost-longest name hits; values are ``row * 2 + cued_flag``."""
        return self._matcher.find(ntext)

    def admin1(self, code: str | None) -> Place | None:
        """The admin-1 unit with GeoNames code ``code`` (e.g. ``SY.07``)."""
        i = self._admin1.get(code or "")
        return self.place(i) if i is not None else None

    def country(self, iso2: str | None) -> Place | None:
        """The country row (placed at its capital)."""
        i = self._country.get(iso2 or "")
        return self.place(i) if i is not None else None

    def is_name(self, surface: str) -> bool:
        return normalise_key(surface) in self._matcher


def _read_rows(name: str) -> list[str]:
    try:
        data = gzip.decompress(resource_path(f"geo/{name}").read_bytes()).decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise ResourceError(f"cannot read gazetteer resource {name}: {exc}") from exc
    lines = [ln for ln in data.split("\n") if ln and not ln.startswith("#")]
    if not lines or lines[0].split("\t") != list(COLUMNS):
        raise ResourceError(f"gazetteer resource {name}: unexpected header")
    return lines[1:]


def load_gazetteer(*, include_osm: bool = True) -> Gazetteer:
    """Load the packaged gazetteer (plus the ODbL OpenStreetMap rows unless ``include_osm=False``)."""
    lines = _read_rows("gazetteer.tsv.gz")
    version = f"gazetteer:{len(lines)}"
    if include_osm:
        try:
            osm = _read_rows("osm/places_osm.tsv.gz")
        except (ResourceError, FileNotFoundError):
            osm = []  # the OSM file is optional: the core gazetteer works without it
        lines += osm
        version += f"+osm:{len(osm)}"
    return Gazetteer(lines, version=version)
