"""Check the coded corpus under data/corpus/ (format, ACLED spellings, evidence, coordinates, uniqueness).

usage: python scripts/check_corpus.py [FILE ...]   (default: every data/corpus/events/*.jsonl and
data/corpus/sentences/*.jsonl). Prints one line per problem as ``FILE line N: reason`` and exits 1 when
there is any. Used by the tests (tests/test_corpus.py) and by the coders while they work.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "corpus"
ACTOR_TYPES = {"state_forces", "rebel_group", "political_militia", "identity_militia", "rioters",
               "protesters", "civilians", "external_forces", "unidentified"}
ARTICLE_KEYS = {"id", "url", "outlet", "pub_date", "text", "events"}
EVENT_KEYS = {"event_type", "sub_event_type", "date", "time_precision", "actor1", "actor2", "location",
              "fatalities", "evidence"}
SENTENCE_LABELS = {"violence", "protest", "none"}
# A coded place may lie this far outside the box spanned by the gazetteer's places of its country
# (its capital included), and farther where the gazetteer knows few places of it (Chad: a handful).
COUNTRY_BOX_MARGIN_DEG = 1.0
SPARSE_COUNTRY_PLACES = 50
MIN_COUNTRY_PLACES = 3
SPARSE_COUNTRY_MARGIN_DEG = 4.0


@cache
def taxonomy() -> frozenset[tuple[str, str]]:
    sys.path.insert(0, str(ROOT))
    from rasd.resources import read_tsv

    return frozenset((row[1], row[2]) for row in read_tsv("taxonomy.tsv") if row[0] != "code")


@cache
def country_boxes() -> dict[str, tuple[float, float, float, float]]:
    sys.path.insert(0, str(ROOT))
    from rasd.geo.gazetteer import load_gazetteer

    boxes: dict[str, list[float]] = {}
    counts: dict[str, int] = {}
    for place in load_gazetteer(include_osm=False):
        if place.level == "region":
            continue
        counts[place.country] = counts.get(place.country, 0) + 1
        b = boxes.setdefault(place.country, [place.lat, place.lat, place.lon, place.lon])
        b[0], b[1] = min(b[0], place.lat), max(b[1], place.lat)
        b[2], b[3] = min(b[2], place.lon), max(b[3], place.lon)
    out = {}
    for k, v in boxes.items():
        if counts[k] < MIN_COUNTRY_PLACES:
            continue  # a neighbour known by its capital only (Nigeria, South Sudan): no box to check against
        m = SPARSE_COUNTRY_MARGIN_DEG - COUNTRY_BOX_MARGIN_DEG if counts[k] < SPARSE_COUNTRY_PLACES else 0.0
        out[k] = (v[0] - m, v[1] + m, v[2] - m, v[3] + m)
    return out


def _actor_problems(actor: object, role: str) -> Iterator[str]:
    if actor is None:
        return
    if not isinstance(actor, dict):
        yield f"{role} must be an object or null"
        return
    if not isinstance(actor.get("ar"), list) or not isinstance(actor.get("en"), list):
        yield f"{role} needs 'ar' and 'en' lists"
    elif not actor["en"] and not actor["ar"]:
        yield f"{role} has neither 'ar' nor 'en' forms"
    if actor.get("type") not in ACTOR_TYPES:
        yield f"{role}.type {actor.get('type')!r} is not an actor type"


def _location_problems(loc: object) -> Iterator[str]:
    if loc is None:
        return
    if not isinstance(loc, dict):
        yield "location must be an object or null"
        return
    try:
        lat, lon = float(loc["lat"]), float(loc["lon"])
    except (KeyError, TypeError, ValueError):
        yield "location needs numeric lat and lon"
        return
    country = loc.get("country")
    if not isinstance(country, str) or len(country) != 2:
        yield f"location.country {country!r} is not an ISO alpha-2 code"
        return
    box = country_boxes().get(country)
    m = COUNTRY_BOX_MARGIN_DEG
    if box and not (box[0] - m <= lat <= box[1] + m and box[2] - m <= lon <= box[3] + m):
        yield f"location {lat},{lon} lies outside {country}"


def _date_problems(value: object, name: str) -> Iterator[str]:
    try:
        dt.date.fromisoformat(str(value))
    except ValueError:
        yield f"{name} {value!r} is not an ISO date"


def event_problems(ev: dict, text: str) -> Iterator[str]:
    """What is wrong with one coded event of an article whose text is ``text``."""
    missing = EVENT_KEYS - ev.keys()
    if missing:
        yield f"event lacks {sorted(missing)}"
        return
    if (ev["event_type"], ev["sub_event_type"]) not in taxonomy():
        yield f"unknown type {ev['event_type']!r} / {ev['sub_event_type']!r}"
    if ev["date"] is not None:
        yield from _date_problems(ev["date"], "date")
    for alt in ev.get("date_alt") or []:
        yield from _date_problems(alt, "date_alt")
    if ev["time_precision"] not in (1, 2, 3):
        yield f"time_precision {ev['time_precision']!r} is not 1, 2 or 3"
    yield from _actor_problems(ev["actor1"], "actor1")
    yield from _actor_problems(ev["actor2"], "actor2")
    yield from _location_problems(ev["location"])
    if not isinstance(ev["fatalities"], int) or ev["fatalities"] < 0:
        yield f"fatalities {ev['fatalities']!r} is not a count"
    if not isinstance(ev["evidence"], str) or not ev["evidence"] or ev["evidence"] not in text:
        yield "evidence is not a substring of the text"


def article_problems(art: dict) -> Iterator[str]:
    missing = ARTICLE_KEYS - art.keys()
    if missing:
        yield f"article lacks {sorted(missing)}"
        return
    if not isinstance(art["text"], str) or len(art["text"]) < 80:
        yield "text is missing or too short"
        return
    yield from _date_problems(art["pub_date"], "pub_date")
    if not isinstance(art["events"], list):
        yield "events must be a list"
        return
    for k, ev in enumerate(art["events"]):
        for problem in event_problems(ev, art["text"]):
            yield f"event {k + 1}: {problem}"


def sentence_problems(row: dict) -> Iterator[str]:
    if not isinstance(row.get("text"), str) or len(row["text"]) < 10:
        yield "text is missing or too short"
    if row.get("label") not in SENTENCE_LABELS:
        yield f"label {row.get('label')!r} is not one of {sorted(SENTENCE_LABELS)}"


def check_files(paths: Iterable[Path]) -> list[str]:
    """Every problem of the given corpus files, as ``FILE line N: reason`` lines."""
    problems: list[str] = []
    ids: dict[str, str] = {}
    urls: dict[str, str] = {}
    texts: dict[str, str] = {}
    for path in paths:
        is_sentences = path.parent.name == "sentences"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} line {n}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"{where}: invalid JSON ({exc.msg})")
                continue
            if not isinstance(row, dict):
                problems.append(f"{where}: not a JSON object")
                continue
            found = sentence_problems(row) if is_sentences else article_problems(row)
            problems += [f"{where}: {p}" for p in found]
            rid = str(row.get("id"))
            if rid in ids:
                problems.append(f"{where}: id {rid} already used at {ids[rid]}")
            ids[rid] = where
            key = row.get("text") if is_sentences else row.get("url")
            seen = texts if is_sentences else urls
            if key and key in seen and not is_sentences:
                problems.append(f"{where}: url already used at {seen[key]}")
            elif key and key in seen:
                problems.append(f"{where}: sentence already used at {seen[key]}")
            if key:
                seen.setdefault(key, where)
    return problems


def default_files() -> list[Path]:
    return sorted((CORPUS / "events").glob("*.jsonl")) + sorted((CORPUS / "sentences").glob("*.jsonl"))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    paths = [Path(a).resolve() for a in args] if args else default_files()
    problems = check_files(paths)
    for p in problems:
        print(p)
    print(f"{len(paths)} files, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
