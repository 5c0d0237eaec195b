"""`rasd actors ...` through click's CliRunner."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from rasd.actors.cli import actors_command


@pytest.mark.parametrize(
    ("query", "first_id"),
    [("قسد", "sy-sdf"), ("هتش", "sy-hts"), ("Hezbollah", "lb-hezbollah"), ("sd-rsf", "sd-rsf"),
     ("الحشد الشعبى", "iq-pmf")],
)
def test_search(query: str, first_id: str) -> None:
    result = CliRunner().invoke(actors_command, ["search", query, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output.splitlines()[0])["id"] == first_id


def test_search_without_hit_fails() -> None:
    result = CliRunner().invoke(actors_command, ["search", "zzzzqqqq"])
    assert result.exit_code == 1


def test_show_and_unknown_id() -> None:
    ok = CliRunner().invoke(actors_command, ["show", "ir-irgc"])
    assert ok.exit_code == 0 and json.loads(ok.output)["name"] == "Islamic Revolutionary Guard Corps"
    bad = CliRunner().invoke(actors_command, ["show", "no-such-actor"])
    assert bad.exit_code == 1


def test_check_passes() -> None:
    result = CliRunner().invoke(actors_command, ["check"])
    assert result.exit_code == 0 and "0 problems" in result.output


def test_find_prints_resolved_actors() -> None:
    text = "قصفت الطائرات التركية قرية في ريف الحسكة وقتل طفل"
    result = CliRunner().invoke(actors_command, ["find", text, "--country", "SY", "--date", "2023-10-01"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["actor"]["name"] for r in rows] == ["Military Forces of Turkey (2016-)", "Civilians (Syria)"]
    assert all(text[r["start"]:r["end"]] == r["text"] for r in rows)


def test_every_command_has_an_example() -> None:
    for name, cmd in actors_command.commands.items():
        assert "Example:" in (cmd.help or ""), name
