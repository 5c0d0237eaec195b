"""Articles from JSON Lines (CONTRACT input): one object per line with id, text, pub_date, url, outlet."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator

from rasd.errors import InputError
from rasd.model import Article

__all__ = ["parse_article", "parse_pub_date", "read_jsonl_lines"]


def parse_pub_date(value: object, *, where: str) -> dt.date | None:
    """An ISO date (``YYYY-MM-DD``, or a longer ISO timestamp) or None."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(f"field 'pub_date' must be a string or null, got {type(value).__name__}", where=where)
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        raise InputError(f"field 'pub_date' is not an ISO date: {value!r}", where=where) from None


def parse_article(obj: object, *, where: str) -> Article:
    """Validate one decoded JSON object as an Article."""
    if not isinstance(obj, dict):
        raise InputError(f"expected a JSON object, got {type(obj).__name__}", where=where)
    if "text" not in obj:
        raise InputError("missing field 'text'", where=where)
    text = obj["text"]
    if not isinstance(text, str):
        raise InputError(f"field 'text' must be a string, got {type(text).__name__}", where=where)
    art_id = obj.get("id")
    if art_id is None:
        raise InputError("missing field 'id'", where=where)
    if not isinstance(art_id, str | int) or isinstance(art_id, bool):
        raise InputError(f"field 'id' must be a string, got {type(art_id).__name__}", where=where)
    for name in ("url", "outlet"):
        if obj.get(name) is not None and not isinstance(obj[name], str):
            raise InputError(f"field '{name}' must be a string or null", where=where)
    return Article(
        id=str(art_id),
        text=text,
        pub_date=parse_pub_date(obj.get("pub_date"), where=where),
        url=obj.get("url"),
        outlet=obj.get("outlet"),
        origin=where,
    )


def read_jsonl_lines(
    lines: Iterable[str], *, name: str, on_error: Callable[[InputError], None]
) -> Iterator[Article]:
    """Articles of a JSONL stream; a bad line is reported to ``on_error`` and skipped."""
    seen: set[str] = set()
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{name} line {lineno}"
        try:
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"invalid JSON: {exc.msg} (column {exc.colno})", where=where) from None
            article = parse_article(obj, where=where)
            if article.id in seen:
                raise InputError(f"duplicate id {article.id!r}", where=where)
            seen.add(article.id)
        except InputError as err:
            on_error(err)
            continue
        yield article
