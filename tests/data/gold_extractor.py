"""Test extractor: returns the hand-coded events of tests/data/cluster_reports.jsonl.

Used with ``rasd ingest --extractor gold_extractor:load_extractor`` (tests put this
folder on PYTHONPATH) so store, CLI, API and browser tests do not depend on the
rule-based pipeline's current accuracy. An article whose text starts with a
fixture article's text gets that article's events (offsets stay valid); any
other article gets none.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from rasd.model import Article, Event
from rasd.store.records import event_from_dict

FIXTURE = Path(__file__).with_name("cluster_reports.jsonl")


def load_extractor() -> Callable[[Article], list[Event]]:
    table: dict[str, list[Event]] = {}
    for line in FIXTURE.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        table[d["text"]] = [event_from_dict(e) for e in d["events"]]
    by_length = sorted(table, key=len, reverse=True)

    def extract(article: Article) -> list[Event]:
        for text in by_length:
            if article.text.startswith(text):
                return table[text]
        return []

    return extract
