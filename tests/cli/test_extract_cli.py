"""`rasd extract` end to end through the command line: CONTRACT output, errors, odd inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from rasd.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "rasd" / "examples" / "articles.jsonl"
SENTENCE = "قصفت طائرات حربية روسية، فجر اليوم الأحد، بلدة كفرنبل في ريف إدلب الجنوبي، ما أسفر عن مقتل مدنيين اثنين."


def _run(args: list[str], stdin: str | None = None):
    return CliRunner().invoke(main, args, input=stdin, catch_exceptions=False)


def _rows(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_extract_examples_contract_shape(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    res = _run(["extract", str(EXAMPLES), "--format", "jsonl", "--output", str(out)])
    assert res.exit_code == 0, res.output
    rows = _rows(out.read_text(encoding="utf-8"))
    articles = [json.loads(line) for line in EXAMPLES.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == [a["id"] for a in articles]
    texts = {a["id"]: a["text"] for a in articles}
    assert sum(len(r["events"]) for r in rows) >= 5
    keys = {"event_type", "sub_event_type", "date", "time_precision", "actor1", "actor2", "assoc_actors1",
            "assoc_actors2", "location", "fatalities", "injuries", "weapons", "sources", "claimed_by",
            "evidence", "confidence"}
    for row in rows:
        for ev in row["events"]:
            assert keys <= set(ev)
            assert ev["evidence"] and all(0 <= s["start"] < s["end"] <= len(texts[row["id"]]) for s in ev["evidence"])
            assert 0.0 <= ev["confidence"] <= 1.0 and ev["time_precision"] in (1, 2, 3)
            if ev["location"]:
                assert set(ev["location"]) >= {"name", "text", "lat", "lon", "admin1", "admin2", "country",
                                               "geo_precision", "geonameid"}


def test_extract_bad_lines_reported_rest_processed(tmp_path: Path) -> None:
    f = tmp_path / "in.jsonl"
    f.write_text("\n".join([
        json.dumps({"id": "ok1", "text": SENTENCE, "pub_date": "2024-03-10"}, ensure_ascii=False),
        "{oops",
        json.dumps({"id": "bad", "pub_date": "2024-03-10"}),
        json.dumps({"id": "ok2", "text": SENTENCE, "pub_date": None}, ensure_ascii=False),
    ]), encoding="utf-8")
    res = CliRunner().invoke(main, ["extract", str(f)])
    assert res.exit_code == 1
    assert f"rasd: {f} line 2: invalid JSON" in res.stderr
    assert f"rasd: {f} line 3: missing field 'text'" in res.stderr
    assert [r["id"] for r in _rows(res.stdout)] == ["ok1", "ok2"]


@pytest.mark.parametrize(
    "text",
    ["", "   \n\n ", "Police arrested two men in Paris on Monday.", "١٢٣٤ ، ، ؟؟", "قصف" * 3,
     "\u200f\u200e" + SENTENCE[:40]],
)
def test_extract_odd_texts_do_not_crash(text: str) -> None:
    res = _run(["extract", "-"], stdin=json.dumps({"id": "x", "text": text, "pub_date": "2024-03-10"}))
    assert res.exit_code == 0
    assert _rows(res.stdout)[0]["id"] == "x"


def test_extract_large_text(tmp_path: Path) -> None:
    big = (SENTENCE + "\n") * (10_000_000 // (len(SENTENCE) * 2))
    f = tmp_path / "big.txt"
    f.write_text(big, encoding="utf-8")
    res = _run(["extract", str(f), "--pub-date", "2024-03-10"])
    assert res.exit_code == 0
    assert _rows(res.stdout)[0]["id"] == "big"


def test_extract_invalid_utf8_and_cp1256(tmp_path: Path) -> None:
    (tmp_path / "cp.txt").write_bytes(SENTENCE.encode("cp1256"))
    (tmp_path / "broken.txt").write_bytes(SENTENCE.encode("utf-8")[:-3] + b"\xff\xfe" + "تم.".encode())
    res = _run(["extract", str(tmp_path), "--pub-date", "2024-03-10"])
    assert res.exit_code == 0
    rows = {r["id"]: r for r in _rows(res.stdout)}
    assert set(rows) == {"cp.txt", "broken.txt"}
    assert rows["cp.txt"]["events"], "cp1256 text must be decoded and read"


def test_extract_single_sentence_without_pub_date() -> None:
    res = _run(["extract", "-"], stdin=json.dumps({"id": "s", "text": SENTENCE, "pub_date": None}))
    assert res.exit_code == 0
    events = _rows(res.stdout)[0]["events"]
    assert events and events[0]["date"] is None


def test_extract_json_format_and_explain(tmp_path: Path) -> None:
    f = tmp_path / "one.txt"
    f.write_text(SENTENCE, encoding="utf-8")
    res = _run(["extract", str(f), "--format", "json", "--pub-date", "2024-03-10"])
    assert json.loads(res.stdout)[0]["id"] == "one"
    res = _run(["explain", str(f), "--pub-date", "2024-03-10"])
    assert res.exit_code == 0 and "Air/drone strike" in res.stdout and "event_type" in res.stdout


def test_bad_pub_date_option(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["extract", "-", "--pub-date", "yesterday"], input="")
    assert res.exit_code == 2 and "not an ISO date" in res.stderr
