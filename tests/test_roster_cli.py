"""`helpdesk roster ...` and `helpdesk handover ...` end to end, including the xlsx grid and
an .ics that a real iCalendar parser reads with Asia/Shanghai times."""

from __future__ import annotations

import json
from datetime import datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.cli_support import CliRun, cli_runner, write_config


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> CliRun:
    run = cli_runner(write_config(tmp_path), str(tmp_path / "helpdesk.db"), monkeypatch, capsys,
                     "2026-11-30T17:00:00+08:00")
    run("config", "check")
    for login, name in (("zhang", "张伟"), ("li", "李娜"), ("wang", "王芳")):
        assert run("staff", "add", login, "--name", name, "--role", "engineer")[0] == 0
        assert run("security", "exam", "add", login, "--date", "2026-06-01",
                   "--result", "pass")[0] == 0
    return run


def test_roster_cycle_from_the_cli(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out = cli("roster", "generate", "--month", "2026-12", "--dry-run", "--json")
    preview = json.loads(out)
    assert code == 0 and preview["dry_run"] and preview["working_days"] == 23
    assert json.loads(cli("roster", "show", "--month", "2026-12", "--json")[1])["days"][0][
        "shifts"] == []
    code, out = cli("roster", "generate", "--month", "2026-12")
    assert code == 0 and "created 23 shifts" in out
    week = json.loads(cli("roster", "show", "--week", "2026-W50", "--json")[1])
    assert week["days"][0]["date"] == "2026-12-07"
    assert all(len(d["shifts"]) == 1 for d in week["days"][:5])
    assert cli("roster", "gaps", "--from", "2026-12-01", "--to", "2026-12-31")[0] == 0
    monday = week["days"][0]["shifts"][0]
    code, out = cli("roster", "leave", "add", monday["login"], "--from", "2026-12-07",
                    "--approve", "--reason", "病假")
    assert code == 1 and "GAP 2026-12-07 09:00-12:00" in out
    code, out = cli("roster", "gaps", "--from", "2026-12-01", "--to", "2026-12-31", "--json")
    assert code == 1
    assert [(g["date"], g["hours"]) for g in json.loads(out)["gaps"]] == [
        ("2026-12-07", "09:00-12:00"), ("2026-12-07", "14:00-18:00")]
    other = next(login for login in ("zhang", "li", "wang") if login != monday["login"])
    code, out = cli("roster", "assign", str(monday["id"]), other, "--reason", "顶班")
    assert code == 0
    assert cli("roster", "gaps", "--from", "2026-12-01", "--to", "2026-12-31")[0] == 0

    grid = tmp_path / "roster.xlsx"
    assert cli("roster", "export", "--format", "xlsx", "--month", "2026-12", "-o",
               str(grid))[0] == 0
    from openpyxl import load_workbook

    sheet = load_workbook(grid).active
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.cell(2, 2).value == 1 and sheet.cell(2, 32).value == 31
    names = [sheet.cell(row, 1).value for row in range(4, 7)]
    assert sorted(names) == sorted(["张伟", "李娜", "王芳"])
    totals = [sheet.cell(row, 33).value for row in range(4, 7)]
    assert sum(totals) == 23
    assert grid.stat().st_mode & 0o777 == 0o600

    ics = tmp_path / "roster.ics"
    assert cli("roster", "export", "--format", "ics", "--month", "2026-12", "--engineer",
               other, "-o", str(ics))[0] == 0
    from icalendar import Calendar

    calendar = Calendar.from_ical(ics.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert events and len(events) == next(t for n, t in zip(names, totals, strict=True)
                                          if n == {"zhang": "张伟", "li": "李娜",
                                                   "wang": "王芳"}[other])
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    start = events[0].decoded("DTSTART")
    assert isinstance(start, datetime) and start.tzinfo is not None
    assert start.tzinfo.utcoffset(start).total_seconds() == 8 * 3600  # type: ignore[union-attr]
    assert start.timetz().replace(tzinfo=None) == time(9, 0)
    assert events[0].decoded("DTEND").astimezone(ZoneInfo("Asia/Shanghai")).time() == time(18)
    assert "驻场值班" in str(events[0]["SUMMARY"])
    assert all(str(e["UID"]).endswith("@helpdesk") for e in events)
    assert {int(str(e["SEQUENCE"])) for e in events} <= {0, 1}  # the reassigned one is 1
    code, out = cli("roster", "export", "--format", "ics", "--month", "2026-12", "--engineer",
                    "nobody", "-o", str(tmp_path / "none.ics"))
    assert code == 6 and not (tmp_path / "none.ics").exists()


def test_xlsx_export_needs_a_whole_month(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out = cli("roster", "export", "--format", "xlsx", "--from", "2026-12-01", "--to",
                    "2026-12-10", "-o", str(tmp_path / "x.xlsx"))
    assert code == 2 and "xlsx 排班表按自然月输出" in out


def test_handover_cycle_from_the_cli(cli) -> None:  # type: ignore[no-untyped-def]
    cli("roster", "generate", "--month", "2026-12")
    day = json.loads(cli("roster", "show", "--from", "2026-12-01", "--to", "2026-12-02",
                         "--json")[1])["days"]
    outgoing, incoming = day[0]["shifts"][0]["login"], day[1]["shifts"][0]["login"]
    now = "2026-12-01T17:50:00+08:00"
    draft = json.loads(cli("handover", "draft", "--json", now=now, user=outgoing)[1])
    assert draft["window"] == ["2026-12-01T09:00:00+08:00", "2026-12-01T17:50:00+08:00"]
    code, out = cli("handover", "sign", "--note", "平安无事", "--attention", "明早停电",
                    "--json", now=now, user=outgoing)
    signed = json.loads(out)
    assert code == 0 and signed["carried"] == 1
    code, out = cli("handover", "ack", str(signed["id"]), now="2026-12-02T09:10:00+08:00",
                    user=incoming)
    assert code == 2 and "还有 1 项未逐项确认" in out
    code, out = cli("handover", "ack", str(signed["id"]), "--all", "taken",
                    now="2026-12-02T09:10:00+08:00", user=incoming)
    assert code == 0, out
    code, out = cli("handover", "show", str(signed["id"]))
    assert "# 交接班记录" in out and "- [x] 明早停电（已接收）" in out and "平安无事" in out
    rows = json.loads(cli("handover", "list", "--week", "2026-W49", "--json")[1])
    assert [(r["id"], r["incoming"], r["ack_delay_minutes"]) for r in rows] == [
        (signed["id"], incoming, 10)]
