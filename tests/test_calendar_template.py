"""`helpdesk calendar template YEAR`: a table to correct against the official notice, in the
shape `calendar load` accepts, never overwriting a file."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from helpdesk.calendar.estimate import STATUTORY_DAYS, statutory_festivals
from helpdesk.calendar.tables import parse_year_table
from helpdesk.calendar.template import year_template
from helpdesk.cli.main import main


@pytest.mark.parametrize("year", [2027, 2031])
def test_the_template_loads_and_holds_every_statutory_day(year: int) -> None:
    text = year_template(year, "第一行\n\nline three")
    assert text.startswith("# 第一行\n#\n# line three\n")
    table = parse_year_table(text, f"{year}.toml", year)
    assert set(statutory_festivals(year)) <= set(table.holidays)
    assert table.makeup_workdays == {}
    data = tomllib.loads(text)
    assert data["source"] == "estimate" and data["makeup_workdays"] == []
    # A day holding two festivals (中秋 on 国庆 in 2031) names both, in Chinese.
    names = {name for entry in data["holidays"] for name in entry["name"].split("、")}
    assert names == set(STATUTORY_DAYS)


def test_runs_of_days_become_one_entry() -> None:
    data = tomllib.loads(year_template(2027, ""))
    national = [e for e in data["holidays"] if e["name"] == "国庆节"]
    assert len(national) == 1 and national[0]["from"] == date(2027, 10, 1)
    assert national[0]["to"] >= date(2027, 10, 3)


def test_the_command_writes_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["--config", "/dev/null", "calendar", "template", "2027"]) == 0
    written = tmp_path / "2027.toml"
    assert "helpdesk calendar load" in capsys.readouterr().out
    assert parse_year_table(written.read_text(encoding="utf-8"), "2027.toml", 2027)
    written.write_text("mine", encoding="utf-8")
    assert main(["--config", "/dev/null", "calendar", "template", "2027"]) == 2
    assert "已存在" in capsys.readouterr().err and written.read_text() == "mine"
    assert main(["--config", "/dev/null", "calendar", "template", "2027", "--out", "-"]) == 0
    assert capsys.readouterr().out.startswith("# 2027 年节假日表的起点")


def test_two_festivals_on_one_day_are_named_in_the_ui_language() -> None:
    from helpdesk.calendar.names import festival_label
    from helpdesk.i18n import set_locale

    assert statutory_festivals(2031)[date(2031, 10, 1)] == "中秋节、国庆节"
    assert festival_label("中秋节、国庆节") == "中秋节、国庆节"
    set_locale("en")
    assert festival_label("中秋节、国庆节") == "Mid-autumn Festival and National Day"
