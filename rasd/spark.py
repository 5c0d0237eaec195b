"""Run the extraction pipeline on Apache Spark (`rasd spark extract`): mapPartitions over the articles.

Each executor's Python worker builds one pipeline (resources load once, ~0.5 s)
and streams its partitions' articles through it, exactly as ``rasd extract``
does; rows are written as JSON Lines part files (one line per article, in input
order) or as Parquet. PySpark is an optional extra: ``pip install 'rasd[spark]'``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

import click

from rasd.errors import ConfigError, InputError
from rasd.parallel import extract_row
from rasd.pipeline import Pipeline, load_pipeline
from rasd.read.jsonl import parse_article

if TYPE_CHECKING:
    from pyspark import Accumulator
    from pyspark.sql import SparkSession

__all__ = ["EVENTS_DDL", "SparkRun", "spark_command", "spark_extract", "spark_session"]

INSTALL_HINT = "PySpark is not installed: pip install 'rasd[spark]' (needs Java 17+)"
# Error messages kept for the driver to print (the count is always exact).
MAX_ERROR_MESSAGES = 1000

_ACTOR = "STRUCT<name: STRING, text: STRING, type: STRING, country: STRING, id: STRING>"
_LOCATION = ("STRUCT<name: STRING, text: STRING, lat: DOUBLE, lon: DOUBLE, admin1: STRING, admin2: STRING, "
             "country: STRING, geo_precision: INT, geonameid: BIGINT>")
# The CONTRACT row as a Spark schema (dates stay ISO strings, as in the JSON output).
EVENTS_DDL = (
    "id STRING, events ARRAY<STRUCT<event_type: STRING, sub_event_type: STRING, date: STRING, "
    f"time_precision: INT, actor1: {_ACTOR}, actor2: {_ACTOR}, assoc_actors1: ARRAY<{_ACTOR}>, "
    f"assoc_actors2: ARRAY<{_ACTOR}>, location: {_LOCATION}, fatalities: INT, injuries: INT, "
    f"weapons: ARRAY<STRING>, sources: ARRAY<STRING>, claimed_by: {_ACTOR}, "
    "evidence: ARRAY<STRUCT<start: INT, end: INT>>, confidence: DOUBLE>>"
)
_ARTICLE_FIELDS = ("id", "text", "pub_date", "url", "outlet")


@dataclass(frozen=True, slots=True)
class SparkRun:
    """What a Spark extraction did: rows written, input errors (first messages) and timings."""

    rows: int
    events: int
    errors: int
    messages: tuple[str, ...]
    seconds: float
    output: str


def _import_pyspark() -> Any:
    try:
        import pyspark
    except ImportError as exc:
        raise ConfigError(INSTALL_HINT) from exc
    return pyspark


def spark_session(master: str | None = None, *, app_name: str = "rasd") -> SparkSession:
    """A SparkSession: ``master`` if given, else spark-submit's ``--master``, else ``local[*]``."""
    _import_pyspark()
    from pyspark.sql import SparkSession

    # Local runs: the Python workers must be this interpreter (the one that has rasd installed).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name).config("spark.ui.showConsoleProgress", "false")
    if master:
        builder = builder.master(master)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    return spark


def _messages_param() -> Any:
    from pyspark.accumulators import AccumulatorParam

    class _Messages(AccumulatorParam):
        def zero(self, value: list[str]) -> list[str]:
            return []

        def addInPlace(self, a: list[str], b: list[str]) -> list[str]:  # PySpark's method name
            return (a + b)[:MAX_ERROR_MESSAGES]

    return _Messages()


def _article_from_json(line: str, where: str) -> Any:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg} (column {exc.colno})", where=where) from None
    return parse_article(obj, where=where)


def _article_from_row(row: Any, where: str) -> Any:
    obj = row.asDict() if hasattr(row, "asDict") else dict(row)
    obj = {k: obj.get(k) for k in _ARTICLE_FIELDS if k in obj}
    if isinstance(obj.get("pub_date"), dt.date):
        obj["pub_date"] = obj["pub_date"].isoformat()
    return parse_article(obj, where=where)


class _ExecutorPipeline:
    """The pipeline a Spark Python worker holds across tasks (Spark reuses its Python workers by default,
    ``spark.python.worker.reuse``), so resources load once per executor process, not once per partition."""

    pipeline: Pipeline | None = None

    @classmethod
    def get(cls) -> Pipeline:
        if cls.pipeline is None:
            cls.pipeline = load_pipeline()
        return cls.pipeline


def _extract_partition(
    records: Iterable[Any], *, name: str, kind: str, counter: Accumulator, messages: Accumulator
) -> Iterator[dict[str, Any]]:
    """Runs on an executor: the executor's pipeline, one row per readable article.

    JSONL records are ``(line, index)``; Parquet records are Rows with ``_file`` and ``_row``.
    """
    pipeline = _ExecutorPipeline.get()
    problems: list[str] = []
    try:
        for record in records:
            try:
                if kind == "jsonl":
                    line, index = record
                    if not line.strip():
                        continue
                    article = _article_from_json(line, f"{name} line {index + 1}")
                else:
                    where = f"{PurePosixPath(record['_file']).name} row {record['_row'] + 1}"
                    article = _article_from_row(record, where)
            except InputError as err:
                problems.append(str(err))
                continue
            yield extract_row(pipeline, article, on_error=lambda err: problems.append(str(err)))
    finally:
        if problems:
            counter.add(len(problems))
            messages.add(problems[:MAX_ERROR_MESSAGES])


def _parquet_records(spark: SparkSession, input_path: str, n_parts: int) -> Any:
    """Article rows in file-then-row order, range-partitioned into ``n_parts`` (Parquet's row index)."""
    from pyspark.sql import functions as F

    df = spark.read.parquet(input_path)
    missing = {"id", "text"} - set(df.columns)
    if missing:
        raise InputError(f"missing column(s) {', '.join(sorted(missing))}", where=input_path)
    cols = [c for c in _ARTICLE_FIELDS if c in df.columns]
    df = df.select(*cols, F.col("_metadata.file_path").alias("_file"), F.col("_metadata.row_index").alias("_row"))
    return df.repartitionByRange(n_parts, "_file", "_row").sortWithinPartitions("_file", "_row").rdd


def _input_kind(path: str, input_format: str | None) -> str:
    if input_format:
        return input_format
    p = Path(path)
    if p.suffix.lower() == ".parquet" or (p.is_dir() and any(p.glob("*.parquet"))):
        return "parquet"
    return "jsonl"


def spark_extract(
    input_path: str,
    output: str,
    *,
    spark: SparkSession,
    fmt: str = "jsonl",
    input_format: str | None = None,
    partitions: int | None = None,
) -> SparkRun:
    """Extract events from JSONL or Parquet articles at ``input_path`` into the folder ``output``.

    ``fmt``: ``jsonl`` (part files, one ``{"id", "events"}`` line per article) or ``parquet``
    (columns ``id`` and ``events``, schema EVENTS_DDL). ``partitions``: minimum number of
    input partitions (default: 4 per core of the session).
    """
    if fmt not in ("jsonl", "parquet"):
        raise ConfigError(f"unknown output format {fmt!r}: use jsonl or parquet")
    kind = _input_kind(input_path, input_format)
    if kind not in ("jsonl", "parquet"):
        raise ConfigError(f"unknown input format {kind!r}: use jsonl or parquet")
    if "://" not in input_path and not Path(input_path).exists():
        raise InputError("no such file or directory", where=input_path)
    if "://" not in output and Path(output).exists():
        raise ConfigError(f"output {output!r} already exists; Spark writes a new folder")
    sc = spark.sparkContext
    n_parts = partitions or 4 * sc.defaultParallelism
    t0 = time.perf_counter()
    if kind == "jsonl":
        records = sc.textFile(input_path, minPartitions=n_parts).zipWithIndex()
    else:
        records = _parquet_records(spark, input_path, n_parts)
    counter = sc.accumulator(0)
    messages = sc.accumulator([], _messages_param())
    fn = partial(_extract_partition, name=Path(input_path).name, kind=kind, counter=counter, messages=messages)
    rows = records.mapPartitions(fn)
    events = sc.accumulator(0)

    def _count(row: dict[str, Any]) -> dict[str, Any]:
        events.add(len(row["events"]))
        return row

    rows = rows.map(_count)
    if fmt == "jsonl":
        rows.map(lambda row: json.dumps(row, ensure_ascii=False)).saveAsTextFile(output)
    else:
        spark.createDataFrame(rows, schema=EVENTS_DDL, verifySchema=False).write.parquet(output)
    seconds = time.perf_counter() - t0
    n_rows = _count_rows(spark, output, fmt)
    return SparkRun(rows=n_rows, events=events.value, errors=counter.value, messages=tuple(messages.value),
                    seconds=seconds, output=output)


def _count_rows(spark: SparkSession, output: str, fmt: str) -> int:
    if "://" not in output:
        out = Path(output)
        if fmt == "jsonl":
            return sum(1 for part in sorted(out.glob("part-*")) for _ in part.open(encoding="utf-8"))
        import pyarrow.parquet as pq

        return sum(pq.ParquetFile(p).metadata.num_rows for p in sorted(out.glob("*.parquet")))
    reader = spark.read.text if fmt == "jsonl" else spark.read.parquet
    return reader(output).count()


@click.group("spark", context_settings={"help_option_names": ["-h", "--help"]})
def spark_command() -> None:
    """Run Rasd on Apache Spark (optional extra: pip install 'rasd[spark]').

    Example: rasd spark extract articles.jsonl events_out/ --master local[2]
    """


@spark_command.command("extract")
@click.argument("input_path", metavar="INPUT")
@click.argument("output", metavar="OUTPUT")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "parquet"]), default="jsonl", show_default=True,
              help="jsonl: part files, one {id, events} line per article; parquet: id + nested events.")
@click.option("--input-format", type=click.Choice(["jsonl", "parquet"]), default=None,
              help="Input format (default: from the name: .parquet or a folder of them, else JSONL).")
@click.option("--master", default=None,
              help="Spark master (local[2], spark://host:7077, yarn, k8s://...); default: spark-submit's or local[*].")
@click.option("--partitions", type=click.IntRange(1, 1_000_000), default=None,
              help="Minimum input partitions (default 4 per core).")
def extract_command(input_path: str, output: str, fmt: str, input_format: str | None, master: str | None,
                    partitions: int | None) -> None:
    """Extract events from JSONL or Parquet articles into the folder OUTPUT, on Spark.

    Malformed articles are reported as "rasd: FILE line N: ..." on stderr (first 1000)
    and skipped; the exit code is then 1.

    Example: rasd spark extract articles.jsonl events_out/ --master local[2]
    """
    try:
        spark = spark_session(master, app_name="rasd-extract")
        try:
            run = spark_extract(input_path, output, spark=spark, fmt=fmt, input_format=input_format,
                                partitions=partitions)
        finally:
            spark.stop()
    except (ConfigError, InputError) as err:
        raise click.ClickException(str(err)) from err
    for message in run.messages:
        click.echo(f"rasd: {message}", err=True)
    click.echo(json.dumps({"rows": run.rows, "events": run.events, "errors": run.errors,
                           "seconds": round(run.seconds, 2), "output": run.output}), err=True)
    if run.errors:
        click.echo(f"rasd: {run.errors} input error(s)", err=True)
        sys.exit(1)


if __name__ == "__main__":  # spark-submit "$(python -c 'import rasd.spark as m; print(m.__file__)')" extract IN OUT
    spark_command()
