"""Format and consistency check of the packaged lexicon TSVs (used by a test and scripts/lexicon_check.py)."""

from __future__ import annotations

from pathlib import Path

from rasd.text.normalise import normalise, normalise_key

__all__ = ["LEXICON_DIR", "check_lexicon"]

LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"


def _key(path: Path, cell: str) -> str:
    # Boilerplate markers keep their punctuation ("كتب:" must not become "كتب").
    return " ".join(normalise(cell).text.split()) if path.name == "boilerplate.tsv" else normalise_key(cell)


def check_lexicon(path: Path, *, fix: bool = False) -> list[str]:
    """Problems of one lexicon (blank/padded keys, duplicates after normalisation); ``fix`` drops duplicates."""
    problems, out, seen = [], [], set()
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            out.append(line)
            continue
        cells = line.split("\t")
        if cells[0] != cells[0].strip() or not cells[0]:
            problems.append(f"{path.name} line {lineno}: blank or padded key")
        key = (_key(path, cells[0]), cells[1] if len(cells) > 1 else "")
        if key in seen:
            problems.append(f"{path.name} line {lineno}: duplicate of an earlier entry: {cells[0]}")
            continue
        seen.add(key)
        out.append(line)
    if fix and problems:
        path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return problems
