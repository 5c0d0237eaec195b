"""The small public Python API: pinned names, and the same pipeline the CLI uses."""

from __future__ import annotations

import json

from click.testing import CliRunner

import rasd
from rasd.cli import main

TEXT = "قصفت طائرات حربية، فجر أمس الإثنين، بلدة مراط بريف دير الزور الشرقي، ما أسفر عن مقتل مدنيين اثنين."


def test_public_names_are_pinned() -> None:
    assert sorted(rasd.__all__) == sorted(
        ["Actor", "Article", "Event", "Location", "Pipeline", "Span", "__version__", "extract", "load_pipeline"]
    )


def test_extract_returns_events_like_the_cli(full_pipeline: rasd.Pipeline) -> None:
    events = rasd.extract(TEXT, pub_date="2023-10-31", pipeline=full_pipeline)
    assert [e.sub_event_type for e in events] == ["Air/drone strike"]
    assert events[0].date is not None and events[0].date.isoformat() == "2023-10-30"
    res = CliRunner().invoke(main, ["extract", "-"], input=json.dumps({"id": "x", "text": TEXT,
                                                                       "pub_date": "2023-10-31"}))
    assert json.loads(res.stdout)["events"] == [e.to_dict() for e in events]
