"""``rasd geocode`` command (tested directly with click's CliRunner)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from rasd.geo.cli import geocode_command


def test_geocode_command_shows_candidates_and_choice() -> None:
    result = CliRunner().invoke(geocode_command, ["قصف على قرية مراط بريف دير الزور"])
    assert result.exit_code == 0, result.output
    assert "Mrat" in result.output
    assert "choice:" in result.output and "geo_precision=1" in result.output


def test_geocode_command_json_lines() -> None:
    result = CliRunner().invoke(geocode_command, ["انفجار في ريف البوكمال", "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert len(rows) == 1
    assert rows[0]["text"] == "ريف البوكمال" and rows[0]["qualifier"] == "ريف"
    assert rows[0]["location"]["geo_precision"] == 2 and rows[0]["location"]["geonameid"] == 174448


def test_geocode_command_without_places() -> None:
    result = CliRunner().invoke(geocode_command, ["لا شيء هنا"])
    assert result.exit_code == 0 and "no place mentions" in result.output
