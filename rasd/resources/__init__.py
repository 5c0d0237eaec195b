"""Packaged knowledge (lexicons, KB, gazetteer) and the loader of its plain-text data files."""

from __future__ import annotations

from importlib import resources

from rasd.errors import ResourceError

__all__ = ["read_tsv", "resource_path"]


def resource_path(relpath: str) -> resources.abc.Traversable:
    """The packaged file ``rasd/resources/<relpath>``."""
    return resources.files("rasd.resources").joinpath(relpath)


def read_tsv(relpath: str, *, columns: int | None = None) -> list[list[str]]:
    """Rows of a packaged TSV, skipping blank lines and ``#`` comments.

    With ``columns``, short rows are padded with "" and longer rows are an error that
    names the file and line.
    """
    path = resource_path(relpath)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ResourceError(f"missing resource file {relpath}") from exc
    rows = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if columns is not None:
            if len(cells) > columns:
                raise ResourceError(f"{relpath} line {lineno}: {len(cells)} columns, expected {columns}")
            cells += [""] * (columns - len(cells))
        rows.append(cells)
    return rows
