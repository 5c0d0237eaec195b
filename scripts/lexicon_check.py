#!/usr/bin/env python3
"""Check (or --fix) the engine's lexicon TSVs: no blank/padded keys, no duplicates after normalisation."""

from __future__ import annotations

import argparse
import sys

from rasd.resources.check import LEXICON_DIR, check_lexicon


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fix", action="store_true", help="drop duplicate entries (the first one is kept)")
    a = ap.parse_args(argv)
    problems = [p for f in sorted(LEXICON_DIR.glob("*.tsv")) for p in check_lexicon(f, fix=a.fix)]
    for p in problems:
        print(p)
    return 1 if problems and not a.fix else 0


if __name__ == "__main__":
    sys.exit(main())
