"""Instructions per article (valgrind callgrind) of extraction and of issue #12's floor, caches warm.

    python scripts/instructions.py                      # 60 real articles of data/corpus/events, <= 1,000 chars
    python scripts/instructions.py --generated --articles 60

Wall-clock rates on a shared machine swing 2x with the other jobs; instruction counts repeat to
~0.1 %. Each figure is the difference of two runs under callgrind: one that loads the pipeline
and extracts every article once (warming the per-name caches), and one that then extracts them
all a second time; the difference, divided by the number of articles, is one warm pass. The
floor (read + NFKC + ``\\w+`` tokenise, as in ``rasd bench``) is measured the same way. Needs
``valgrind`` on PATH; takes a few minutes (the pipeline runs ~50x slower under callgrind).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _rows(generated: bool, n: int) -> list[str]:
    from rasd.bench import make_corpus, real_corpus

    rows = make_corpus(n, 7) if generated else real_corpus([str(ROOT / "data/corpus/events/*.jsonl")], n)
    return [json.dumps(r, ensure_ascii=False) for r in rows]


def _child(mode: str, passes: int, generated: bool, n: int) -> None:
    """One measured process: warm pass, then ``passes`` more."""
    lines = _rows(generated, n)
    if mode == "floor":
        token = re.compile(r"\w+")

        def run() -> None:
            for line in lines:
                token.findall(unicodedata.normalize("NFKC", json.loads(line)["text"]))
    else:
        from rasd.parallel import extract_row
        from rasd.pipeline import load_pipeline
        from rasd.read.jsonl import parse_article

        pipeline = load_pipeline()
        pipeline.resources.warm()

        def run() -> None:
            for line in lines:
                json.dumps(extract_row(pipeline, parse_article(json.loads(line), where="bench")), ensure_ascii=False)
    for _ in range(1 + passes):
        run()


def _instructions(mode: str, passes: int, generated: bool, n: int) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/out", sys.executable, __file__,
               "--child", mode, str(passes), "--articles", str(n), *(["--generated"] if generated else [])]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
        out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env, check=True).stderr
    m = re.search(r"refs:\s*([\d,]+)", out)
    if m is None:
        raise RuntimeError("no instruction count in valgrind's output:\n" + out[-2000:])
    return int(m.group(1).replace(",", ""))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=60)
    ap.add_argument("--generated", action="store_true", help="the bench's generated corpus (seed 7)")
    ap.add_argument("--child", nargs=2, metavar=("MODE", "PASSES"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(args.child[0], int(args.child[1]), args.generated, args.articles)
        return
    per = {}
    for mode in ("floor", "extract"):
        per[mode] = (_instructions(mode, 1, args.generated, args.articles)
                     - _instructions(mode, 0, args.generated, args.articles)) / args.articles
        print(f"{mode:8} {per[mode] / 1e6:8.3f} M instructions/article", flush=True)
    print(f"extract  {per['extract'] / per['floor']:8.1f} x the floor")


if __name__ == "__main__":
    main()
