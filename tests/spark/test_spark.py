"""`rasd spark extract` on local[2]: the same rows as `rasd extract`, JSONL and Parquet in and out."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("pyspark")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
if shutil.which("java") is None:
    pytest.skip("Spark needs Java (java not on PATH)", allow_module_level=True)

from rasd.cli import main as rasd_main  # noqa: E402
from rasd.spark import spark_command, spark_extract, spark_session  # noqa: E402

# Written for these tests in news style; line 4 is malformed on purpose.
ARTICLES = [
    {"id": "s1", "pub_date": "2024-02-12",
     "text": "قصفت طائرات مسيرة تركية أمس الأحد موقعاً لقوات سوريا الديمقراطية قرب بلدة عين عيسى شمالي الرقة، "
             "ما أسفر عن مقتل عنصرين."},
    {"id": "s2", "pub_date": "2024-02-13",
     "text": "اعتقلت قوات الأمن العراقية اليوم ثلاثة مطلوبين في قضاء الطارمية شمالي بغداد."},
    {"id": "s3", "pub_date": "2024-02-14", "text": "عقد مجلس المحافظة اجتماعه الدوري لمناقشة الموازنة."},
    None,
    {"id": "s5", "pub_date": "2024-02-15",
     "text": "تظاهر العشرات أمس في مدينة السويداء للمطالبة بالإفراج عن المعتقلين."},
    {"id": "s6", "pub_date": None,
     "text": "سقطت قذائف صاروخية على حي سكني في مدينة الفاشر، وقتل أربعة مدنيين وأصيب سبعة آخرون."},
]


@pytest.fixture(scope="module")
def spark():
    session = spark_session("local[2]", app_name="rasd-test")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("in") / "articles.jsonl"
    lines = ["{not json" if a is None else json.dumps(a, ensure_ascii=False) for a in ARTICLES]
    path.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def expected(corpus) -> list[dict]:
    res = CliRunner().invoke(rasd_main, ["extract", str(corpus)])
    assert res.exit_code == 1  # the malformed line
    return [json.loads(line) for line in res.stdout.splitlines() if line.startswith("{")]


def _jsonl_parts(folder: Path) -> list[dict]:
    return [json.loads(line) for p in sorted(folder.glob("part-*")) for line in p.open(encoding="utf-8")]


def test_jsonl_output_equals_rasd_extract(spark, corpus, expected, tmp_path):
    run = spark_extract(str(corpus), str(tmp_path / "out"), spark=spark, partitions=3)
    assert _jsonl_parts(tmp_path / "out") == expected
    assert [r["id"] for r in expected] == ["s1", "s2", "s3", "s5", "s6"]
    assert run.rows == 5 and run.events == sum(len(r["events"]) for r in expected) > 0
    assert run.errors == 1 and run.messages[0].startswith("articles.jsonl line 4: invalid JSON")


def test_parquet_in_and_out(spark, expected, tmp_path):
    src = tmp_path / "articles.parquet"
    pq.write_table(pa.Table.from_pylist([a for a in ARTICLES if a]), src)
    run = spark_extract(str(src), str(tmp_path / "out"), spark=spark, fmt="parquet", partitions=3)
    assert run.errors == 0 and run.rows == 5
    assert pq.read_table(tmp_path / "out").to_pylist() == expected  # same rows, same order


def test_command_reports_errors_and_refuses_existing_output(corpus, expected, tmp_path):
    runner = CliRunner()
    out = tmp_path / "cli-out"
    res = runner.invoke(spark_command, ["extract", str(corpus), str(out), "--master", "local[2]"])
    assert res.exit_code == 1, res.output
    assert "rasd: articles.jsonl line 4: invalid JSON" in res.output
    assert _jsonl_parts(out) == expected
    res = runner.invoke(spark_command, ["extract", str(corpus), str(out), "--master", "local[2]"])
    assert res.exit_code == 1 and "already exists" in res.output
