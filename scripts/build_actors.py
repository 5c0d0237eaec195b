#!/usr/bin/env python3
"""Check the actor KB and rewrite it in canonical form (sorted, deduplicated aliases, fixed header).

usage: python scripts/build_actors.py [--check]

Without --check the file is rewritten in place; with --check nothing is written and the
exit status is 1 when the KB has problems or the committed file is not canonical.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rasd.actors.kb import canonical_actor_text, parse_actor_rows, parse_country_rows, validate_entries
from rasd.actors.knowledge import ACTORS_FILE, COUNTRIES_FILE
from rasd.resources import read_tsv, resource_path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only check; exit 1 on problems or drift")
    args = ap.parse_args(argv)
    entries = parse_actor_rows(read_tsv(ACTORS_FILE, columns=15))
    countries = parse_country_rows(read_tsv(COUNTRIES_FILE, columns=6))
    problems = validate_entries(entries, countries)
    for p in problems:
        print(f"problem: {p}", file=sys.stderr)
    path = Path(str(resource_path(ACTORS_FILE)))
    canonical = canonical_actor_text(entries)
    current = path.read_text(encoding="utf-8")
    if args.check:
        if current != canonical:
            print(f"{path} is not in canonical form: run python scripts/build_actors.py", file=sys.stderr)
            return 1
    elif current != canonical:
        path.write_text(canonical, encoding="utf-8")
        print(f"rewrote {path}")
    print(f"{len(entries)} actors, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
