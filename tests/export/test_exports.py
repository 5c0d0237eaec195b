"""`rasd export`: each format read back with pandas/pyarrow/a GeoJSON validator; ACLED columns and codes."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from rasd.export import ACLED_COLUMNS, export_incidents, interaction_code, load_export_tables
from rasd.export.cli import export_command
from rasd.store import EventQuery

pd = pytest.importorskip("pandas")
pq = pytest.importorskip("pyarrow.parquet")


@pytest.mark.parametrize(("inter1", "inter2", "code"), [
    (1, 2, 12), (2, 1, 12), (8, 2, 28), (1, 1, 11), (3, 7, 37), (6, None, 60), (None, 7, 70), (None, None, None),
])
def test_interaction_code(inter1, inter2, code):
    assert interaction_code(inter1, inter2) == code


@pytest.mark.parametrize(("actor", "inter"), [
    ({"name": "Global Coalition against Daesh", "type": "external_forces", "id": "global-coalition"}, 8),
    ({"name": "Unidentified Armed Group (Syria)", "type": "unidentified", "id": "uag-sy"}, 3),
    ({"name": "Unidentified Military Forces", "type": "unidentified", "id": None}, 8),
    ({"name": "Some armed men", "type": "unidentified", "id": None}, 3),
    ({"name": "Protesters (Iraq)", "type": "protesters", "id": None}, 6),
    ({"name": "Rioters (Iraq)", "type": "rioters", "id": None}, 5),
    (None, None),
])
def test_inter_codes_from_kb_then_type(actor, inter):
    assert load_export_tables().inter(actor) == inter


def _csv(store_path: Path, tmp_path: Path, *args: str):
    out = tmp_path / "events.csv"
    res = CliRunner().invoke(export_command, ["--db", str(store_path), "--format", "acled-csv",
                                              "--output", str(out), *args])
    assert res.exit_code == 0, res.output
    return out


def test_acled_csv_has_acleds_columns_and_codes(store_path, tmp_path):
    out = _csv(store_path, tmp_path)
    with out.open(encoding="utf-8", newline="") as fh:
        assert tuple(next(csv.reader(fh))) == ACLED_COLUMNS
    df = pd.read_csv(out, keep_default_na=False, dtype=str)
    assert list(df.columns) == list(ACLED_COLUMNS) and len(df) == 5
    rows = {r["sub_event_type"]: r for r in df.to_dict("records")}
    strike = rows["Air/drone strike"]
    assert strike["event_id_cnty"].startswith("SYR") and strike["event_id_cnty"][3:].isdigit()

    def cols(row, *names):
        return tuple(row[n] for n in names)

    assert cols(strike, "event_date", "year", "time_precision") == ("2023-10-30", "2023", "1")
    assert cols(strike, "disorder_type", "inter1", "inter2", "interaction") == ("Political violence", "8", "3", "38")
    assert cols(strike, "iso", "region", "country") == ("760", "Middle East", "Syria")
    assert cols(strike, "admin1", "admin2", "location") == ("Deir ez-Zor", "Abu Kamal", "Al-Sukkariyah")
    assert cols(strike, "latitude", "longitude", "geo_precision") == ("34.49", "40.87", "1")
    assert strike["source"] == "Syrian Observatory for Human Rights; Furat Post"
    assert cols(strike, "fatalities", "civilian_targeting", "admin3", "source_scale") == ("5", "", "", "")
    assert strike["notes"].startswith("On 30 October 2023, Global Coalition against Daesh carried out")
    assert int(strike["timestamp"]) > 1_600_000_000
    civ = rows["Attack"]
    assert cols(civ, "civilian_targeting", "interaction", "geo_precision") == ("Civilian targeting", "37", "2")
    protest = rows["Peaceful protest"]
    assert cols(protest, "disorder_type", "inter1", "actor2", "inter2", "interaction") == \
           ("Demonstrations", "6", "", "", "60")
    assert protest["tags"] == "crowd size=no report" and protest["event_id_cnty"].startswith("IRQ")
    force = rows["Excessive force against protesters"]
    assert cols(force, "disorder_type", "interaction") == ("Political violence; Demonstrations", "16")
    arrest = rows["Arrests"]
    assert cols(arrest, "event_date", "year", "latitude", "country") == ("", "", "", "")
    assert arrest["event_id_cnty"].startswith("XXX")


@pytest.mark.parametrize(("args", "expected"), [
    (["--country", "SY"], {"Air/drone strike", "Attack"}),
    (["--event-type", "Protests"], {"Peaceful protest", "Excessive force against protesters"}),
    (["--date-from", "2024-01-01", "--date-to", "2024-02-28"], {"Attack"}),
    (["--min-fatalities", "3"], {"Air/drone strike"}),
    (["--actor", "فاطميون"], {"Air/drone strike"}),
    (["--bbox", "36,32,37,33"], {"Attack"}),
])
def test_export_filters_like_the_api(store_path, tmp_path, args, expected):
    df = pd.read_csv(_csv(store_path, tmp_path, *args), keep_default_na=False)
    assert set(df["sub_event_type"]) == expected


def test_export_pages_through_every_incident(store):
    from rasd.export.rows import iter_incidents

    ids = [item["id"] for item in iter_incidents(store, EventQuery(), page=2)]
    assert len(ids) == 5 and ids == sorted(ids)


def test_geojson_is_valid_and_leaves_out_unlocated(store, tmp_path):
    gj = pytest.importorskip("geojson_pydantic")
    out = tmp_path / "events.geojson"
    summary = export_incidents(store, fmt="geojson", path=out)
    data = json.loads(out.read_text(encoding="utf-8"))
    gj.FeatureCollection.model_validate(data)
    assert (summary.rows, summary.skipped, len(data["features"])) == (4, 1, 4)
    strike = next(f for f in data["features"] if f["properties"]["sub_event_type"] == "Air/drone strike")
    assert strike["geometry"]["coordinates"] == [40.87, 34.49]  # lon, lat (RFC 7946)
    assert strike["properties"]["notes"].startswith("On 30 October 2023")
    assert strike["properties"]["reports"][0]["article_id"] == "a-strike"


def test_plover_maps_type_mode_and_actors(store, tmp_path):
    out = tmp_path / "events.plover.jsonl"
    assert export_incidents(store, fmt="plover", path=out).rows == 5
    recs = {r["acled"]["sub_event_type"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    strike = recs["Air/drone strike"]
    assert (strike["event"], strike["mode"], strike["dead"]) == ("FIGHT", "aerial", 5)
    assert [(a["name"], a["code"], a["sector"]) for a in strike["source"]] == \
           [("Global Coalition against Daesh", "USA", "MIL")]
    assert strike["target"][0]["actorText"] == "ميليشيا فاطميون"
    assert (recs["Attack"]["event"], recs["Attack"]["mode"]) == ("ASSAULT", "primitive")
    assert (recs["Peaceful protest"]["event"], recs["Peaceful protest"]["target"]) == ("PROTEST", [])
    assert (recs["Arrests"]["event"], recs["Arrests"]["mode"], recs["Arrests"]["location"]) == \
           ("COERCE", "arrest", None)


def test_parquet_round_trip_with_types(store, tmp_path):
    out = tmp_path / "events.parquet"
    assert export_incidents(store, fmt="parquet", path=out).rows == 5
    table = pq.read_table(out)
    assert table.column_names[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    assert str(table.schema.field("fatalities").type) == "int32"
    assert str(table.schema.field("latitude").type) == "double"
    df = table.to_pandas()
    strike = df[df["sub_event_type"] == "Air/drone strike"].iloc[0]
    assert (strike["interaction"], strike["fatalities"], list(strike["weapons"])) == (38, 5, ["airstrike"])
    assert list(strike["article_ids"]) == ["a-strike"]


def test_jsonl_export_keeps_incidents_and_adds_notes(store, tmp_path):
    out = tmp_path / "events.jsonl"
    assert export_incidents(store, fmt="jsonl", path=out).rows == 5
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert all(r["notes"] and r["reports"] for r in rows)
    assert sorted(r["id"] for r in rows) == [r["id"] for r in rows]


def test_export_command_errors(store_path, tmp_path):
    runner = CliRunner()
    res = runner.invoke(export_command, ["--db", str(store_path), "--format", "parquet", "--output", "-"])
    assert res.exit_code == 1 and "stdout" in res.output
    res = runner.invoke(export_command, ["--db", str(store_path), "--format", "jsonl", "--output", "-",
                                         "--date-from", "2024-05-01", "--date-to", "2024-01-01"])
    assert res.exit_code == 1 and "after" in res.output
