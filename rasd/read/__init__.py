"""Readers: JSONL, .txt, .html, directories and stdin (and feeds/Telegram exports) to Articles."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from rasd.errors import InputError
from rasd.model import Article
from rasd.read.decode import decode_bytes
from rasd.read.html import article_from_html
from rasd.read.jsonl import read_jsonl_lines
from rasd.read.rss import is_feed, read_feed
from rasd.read.telegram import is_telegram_export, read_telegram_export

__all__ = ["read_articles", "read_path"]

_TEXT_SUFFIXES = {".txt", ".text", ".md"}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_JSONL_SUFFIXES = {".jsonl", ".ndjson"}
MAX_BYTES = 50_000_000  # larger files are refused, not truncated


def _raise(err: InputError) -> None:
    raise err


def read_articles(
    sources: Sequence[str],
    *,
    pub_date: dt.date | None = None,
    on_error: Callable[[InputError], None] | None = None,
) -> Iterator[Article]:
    """Articles from each source in order: a file, a directory (recursively, sorted), ``-`` (stdin JSONL),
    an RSS/Atom feed (file or URL) or a Telegram Desktop export (``result.json`` or its folder)."""
    report = on_error or _raise
    for source in sources:
        if source == "-":
            yield from read_jsonl_lines(sys.stdin, name="<stdin>", on_error=report)
            continue
        if is_feed(source) or is_telegram_export(source):
            reader = read_feed if is_feed(source) else read_telegram_export
            try:
                yield from reader(source)
            except InputError as err:
                report(err)
            continue
        path = Path(source)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            for p in files:
                yield from read_path(p, pub_date=pub_date, on_error=report, id_base=path)
        elif path.exists():
            yield from read_path(path, pub_date=pub_date, on_error=report)
        else:
            report(InputError("no such file or directory", where=source))


def read_path(
    path: Path,
    *,
    pub_date: dt.date | None = None,
    on_error: Callable[[InputError], None],
    id_base: Path | None = None,
) -> Iterator[Article]:
    """Articles of one file, chosen by its suffix (unknown suffixes are read as text).

    JSON Lines are streamed line by line (any size); a single article file may hold at most
    MAX_BYTES."""
    suffix = path.suffix.lower()
    where = str(path)
    if suffix in _JSONL_SUFFIXES:
        yield from _stream_jsonl(path, on_error=on_error)
        return
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InputError(f"file is larger than {MAX_BYTES} bytes", where=where)
        data = path.read_bytes()
    except OSError as exc:
        on_error(InputError(f"cannot read: {exc.strerror}", where=where))
        return
    except InputError as err:
        on_error(err)
        return
    text, _encoding = decode_bytes(data)
    art_id = str(path.relative_to(id_base)) if id_base else path.stem
    try:
        if suffix == ".json" and text.lstrip().startswith("{\"id\""):
            yield from read_jsonl_lines(text.splitlines(), name=where, on_error=on_error)
        elif suffix in _HTML_SUFFIXES:
            yield article_from_html(text, art_id=art_id, where=where, pub_date=pub_date)
        elif suffix in _TEXT_SUFFIXES or suffix == "":
            yield Article(id=art_id, text=text, pub_date=pub_date, origin=where)
        else:
            raise InputError(f"unsupported file type {suffix!r}", where=where)
    except InputError as err:
        on_error(err)


def _stream_jsonl(path: Path, *, on_error: Callable[[InputError], None]) -> Iterator[Article]:
    """A JSONL file read lazily, each line decoded on its own (UTF-8, else Windows-1256)."""
    try:
        with path.open("rb") as fh:
            lines = (decode_bytes(raw)[0] for raw in fh)
            yield from read_jsonl_lines(lines, name=str(path), on_error=on_error)
    except OSError as exc:
        on_error(InputError(f"cannot read: {exc.strerror}", where=str(path)))
