"""The article texts of the repository's corpora (data/corpus/*/*.jsonl and the bundled examples),
read by the tests that compare a fast path with its reference implementation."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def corpus_texts() -> list[str]:
    """Every ``text`` field of the corpora, in file order."""
    out = []
    for path in [*sorted((ROOT / "data" / "corpus").glob("*/*.jsonl")), ROOT / "rasd" / "examples" / "articles.jsonl"]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                obj = json.loads(line)
                if isinstance(obj, dict) and isinstance(obj.get("text"), str):
                    out.append(obj["text"])
    return out
