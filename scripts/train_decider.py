"""Fit the learned decision layer on the coded corpus and write the packaged model.

usage: python scripts/train_decider.py [--no-dev] [--output rasd/resources/models/decider.json.gz]

Reads ``data/corpus/events/*.jsonl`` and ``../shared/eval/train.jsonl`` (when present) as the
training corpus, ``data/corpus/sentences/sentences.jsonl`` as labelled sentences, and scores the
fitted model on ``../shared/eval/dev.jsonl`` (never trained on). Writes the weights with their
figures (5-fold cross-validated, training-set, dev, rules-only) to the model file and a readable
copy of the figures to ``decider_training.json`` beside it. Needs scikit-learn (``rasd[train]``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rasd.decide.train import load_articles, load_sentences, train  # noqa: E402

SHARED = ROOT.parent / "shared" / "eval"
CORPUS = ROOT / "data" / "corpus"
DEFAULT_OUTPUT = ROOT / "rasd" / "resources" / "models" / "decider.json.gz"


def corpus_files() -> list[Path]:
    """The training corpus: the project's coded articles plus the shared training file."""
    files = sorted((CORPUS / "events").glob("*.jsonl"))
    if (SHARED / "train.jsonl").exists():
        files.append(SHARED / "train.jsonl")
    return files


def sentence_files() -> list[Path]:
    """The labelled sentence files of the corpus."""
    return sorted((CORPUS / "sentences").glob("*.jsonl"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    ap.add_argument("--no-dev", action="store_true", help="do not score the development set")
    a = ap.parse_args(argv)
    articles = load_articles(corpus_files())
    sentences = load_sentences(sentence_files())
    dev_path = SHARED / "dev.jsonl"
    dev = load_articles([dev_path]) if dev_path.exists() and not a.no_dev else []
    model = train(articles, sentences, dev=dev)
    a.output.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(model, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    a.output.write_bytes(gzip.compress(payload, mtime=0))
    figures = {"version": model["version"], **model["training"]}
    text = json.dumps(figures, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    (a.output.parent / "decider_training.json").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
