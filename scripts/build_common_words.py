#!/usr/bin/env python3
"""Build rasd/resources/geo/common_words.tsv: gazetteer names that are also common Arabic words.

A one-word name of small places only (no admin unit, region, site, country or city of
MIN_POP_CITY people carries it) whose Arabic word frequency in wordfreq is at least
--min-zipf ("جروح", "قيام", "العدل") is read as a place only with a place cue: a qualifier
(قرية/بلدة/مدينة/حي/منطقة …) or a locative word before it (في/قرب/من …), never from a clitic
("بجروح") or alone. Names already in stoplist.tsv or the function words are left out.

Usage: pip install wordfreq && python scripts/build_common_words.py [--min-zipf 3.5]

wordfreq (Robyn Speer, code Apache-2.0) ships frequencies derived from corpora under
CC BY-SA 4.0; the generated file carries that licence and the attribution in its header.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rasd.geo.gazetteer import Place, load_gazetteer  # noqa: E402
from rasd.geo.geocode import MIN_POP_CITY  # noqa: E402
from rasd.geo.lexicon import FUNCTION_WORDS, load_geo_lexicon  # noqa: E402
from rasd.text.normalise import normalise_key  # noqa: E402

OUT = ROOT / "rasd" / "resources" / "geo" / "common_words.tsv"
HEADER = """\
# Gazetteer names that are also common Arabic words: a place only after a qualifier or a locative word.
# Built by scripts/build_common_words.py from the packaged gazetteer and wordfreq's Arabic frequencies
# (zipf = log10 of occurrences per billion words). Frequencies: wordfreq 3 (Robyn Speer et al.),
# https://github.com/rspeer/wordfreq , data licence CC BY-SA 4.0; this derived list: CC BY-SA 4.0.
# word\tzipf
"""


def _small(places: list[Place]) -> bool:
    return all(p.level == "locality" and p.population < MIN_POP_CITY for p in places)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-zipf", type=float, default=3.5)
    ap.add_argument("--out", type=Path, default=OUT)
    a = ap.parse_args(argv)
    from wordfreq import zipf_frequency

    by_name: dict[str, list[Place]] = defaultdict(list)
    for place in load_gazetteer():
        for name in place.names_ar:
            if name and " " not in name:
                by_name[name].append(place)
    stop = load_geo_lexicon().stop_keys
    rows: dict[str, float] = {}
    for name, places in by_name.items():
        key = normalise_key(name)
        if key in stop or key in FUNCTION_WORDS or not _small(places):
            continue
        z = zipf_frequency(name, "ar")
        if z >= a.min_zipf and rows.get(key, 0.0) < z:
            rows[key] = z
    body = "".join(f"{k}\t{z:.2f}\n" for k, z in sorted(rows.items()))
    a.out.write_text(HEADER + body, encoding="utf-8")
    print(f"{len(rows)} common-word names (zipf >= {a.min_zipf}) -> {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
