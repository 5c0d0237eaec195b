"""Output digests: the exact bytes `rasd extract` prints for the example, test and corpus articles are pinned.

Speed work must not change a single output byte (issue #12), and the learned layer's features
must stay the ones it was trained on. For each corpus this pins the sha256 of

- ``extract``: the JSON Lines the shipped pipeline prints (``rasd extract``),
- ``rules``: the same for the rule engine alone (every candidate, before the learned layer),
- ``features``: the learned layer's feature lists of every candidate (one JSON line per article).

After a deliberate output change, re-pin with ``pytest tests/digest --update-golden`` and say why
in the commit message.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from rasd.bench import make_corpus
from rasd.decide.features import features_of
from rasd.decide.model import focus_country
from rasd.model import Article
from rasd.parallel import extract_row
from rasd.pipeline import Pipeline
from rasd.read import read_articles
from rasd.read.jsonl import parse_article

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden.json"
CORPORA: dict[str, list[Path]] = {
    "examples": [ROOT / "rasd" / "examples" / "articles.jsonl"],
    "tests-cluster-reports": [ROOT / "tests" / "data" / "cluster_reports.jsonl"],
    "corpus-events": sorted((ROOT / "data" / "corpus" / "events").glob("*.jsonl")),
    "corpus-sentences": sorted((ROOT / "data" / "corpus" / "sentences").glob("*.jsonl")),
}
GENERATED = 150  # articles of the bench's generated corpus (seed 7)


def _articles(name: str) -> list[Article]:
    if name == "generated":
        return [parse_article(row, where=f"generated {i}") for i, row in enumerate(make_corpus(GENERATED, 7))]
    return list(read_articles([str(p) for p in CORPORA[name]]))


def _lines(kind: str, articles: list[Article], rules: Pipeline, full: Pipeline) -> Iterator[str]:
    for article in articles:
        if kind == "features":
            doc = rules.analyse(article)
            events = rules.candidates_of(doc)
            # a feature list is a set to the model (binary features); its order follows set iteration
            feats = features_of(doc, events, focus=focus_country(events))
            row: object = {"id": article.id, "features": [sorted(f) for f in feats]}
        else:
            row = extract_row(full if kind == "extract" else rules, article)
        yield json.dumps(row, ensure_ascii=False) + "\n"


def _digest(kind: str, articles: list[Article], rules: Pipeline, full: Pipeline) -> str:
    h = hashlib.sha256()
    for line in _lines(kind, articles, rules, full):
        h.update(line.encode("utf-8"))
    return h.hexdigest()


NAMES = [*CORPORA, "generated"]


@pytest.mark.parametrize("name", NAMES)
def test_outputs_match_pinned_digests(name: str, pipeline: Pipeline, full_pipeline: Pipeline,
                                      request: pytest.FixtureRequest) -> None:
    articles = _articles(name)
    assert articles, f"corpus {name} is empty"
    got = {kind: _digest(kind, articles, pipeline, full_pipeline) for kind in ("extract", "rules", "features")}
    pinned = json.loads(GOLDEN.read_text(encoding="utf-8")) if GOLDEN.exists() else {}
    if request.config.getoption("--update-golden"):
        pinned[name] = {"articles": len(articles), **got}
        GOLDEN.write_text(json.dumps(dict(sorted(pinned.items())), indent=1) + "\n", encoding="utf-8")
    assert name in pinned, "no pinned digest: run pytest tests/digest --update-golden"
    assert pinned[name] == {"articles": len(articles), **got}
