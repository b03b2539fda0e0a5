"""`helpdesk inspection | report | data | ledger` end to end, with the password asked at the
terminal (never an argument)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from helpdesk.storage.encrypted import decrypt, is_encrypted
from tests.cli_support import CliRun, cli_runner, write_config


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> CliRun:
    config = write_config(tmp_path, f'[data_service]\nexport_dir = "{tmp_path / "exports"}"\n')
    run = cli_runner(config, str(tmp_path / "helpdesk.db"), monkeypatch, capsys,
                     "2026-10-10T10:30:00+08:00")
    run("config", "check")
    return run


def _passwords(monkeypatch: pytest.MonkeyPatch, *answers: str) -> None:
    replies = iter(answers)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(replies))
    # as typed at a terminal: the suite's standard input is none
    monkeypatch.setattr("helpdesk.cli.password._terminal", lambda: None)


def test_inspection_by_command(cli) -> None:  # type: ignore[no-untyped-def]
    code, out = cli("inspection", "start", "2026-09")
    assert code == 0 and "2026-09 open" in out
    code, out = cli("inspection", "check", "2026-09", "1", "issue")
    assert code == 2 and "异常项请写明情况" in out
    assert cli("inspection", "check", "2026-09", "1", "issue", "--note", "断网")[0] == 0
    for item in range(2, 17):
        assert cli("inspection", "check", "2026-09", str(item), "ok")[0] == 0
    code, out = cli("inspection", "finish", "2026-09")
    assert code == 2 and "请先录入使用情况数据" in out
    assert cli("inspection", "usage", "2026-09", "--expected", "40", "--connected", "38",
               "--issued", "500", "--active", "410")[0] == 0
    code, out = cli("inspection", "finish", "2026-09", "--summary", "正常")
    assert code == 0 and "coverage 95.0%  usage 82.0%" in out
    code, out = cli("inspection", "problem", "2026-09", "1")
    assert code == 0 and out.startswith("P2026-")
    code, out = cli("inspection", "list", "--json")
    months = {row["month"]: row["state"] for row in json.loads(out)}
    assert code == 1  # earlier months of the contract are missing
    assert months["2026-09"] == "met" and months["2026-08"] == "missing"


def test_report_with_a_password_prompt(cli, tmp_path: Path,  # type: ignore[no-untyped-def]
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "2026-09.xlsx"
    _passwords(monkeypatch, "monthly-2026", "monthly-2026")
    code, out = cli("report", "monthly", "2026-09", "--format", "xlsx", "-o", str(target),
                    "--password")
    assert code == 0 and "(encrypted)" in out
    data = target.read_bytes()
    assert is_encrypted(data)
    book = load_workbook(io.BytesIO(decrypt(data, "monthly-2026")))
    assert "概况" in book.sheetnames
    _passwords(monkeypatch, "monthly-2026", "different-2026")
    code, out = cli("report", "monthly", "2026-09", "--format", "xlsx", "-o", str(target),
                    "--password")
    assert code == 2 and "两次输入的口令不一致" in out
    monkeypatch.setattr("getpass.getpass", lambda prompt="": pytest.fail("asked for nothing"))
    code, out = cli("report", "monthly", "2026-09", "--format", "md", "-o", "x.md",
                    "--password")
    assert code == 2 and "只有 xlsx 可加密" in out  # refused before the password is asked
    code, out = cli("report", "quarterly", "2026-Q5", "--format", "md", "-o", "x.md")
    assert code == 2 and "2026-Q4" in out
    code, out = cli("report", "annual", "2026", "--format", "md", "-o",
                    str(tmp_path / "2026.md"), "--json")
    assert code == 0 and json.loads(out)["period"] == "2026"
    assert "2026 年度巡检报告" in (tmp_path / "2026.md").read_text(encoding="utf-8")


def test_data_request_and_ledger(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out = cli("data", "add", "--title", "三季度各街道信访件", "--asker", "刘主任",
                    "--json")
    assert code == 0 and json.loads(out)["due_on"] == "2026-10-14"
    code, out = cli("data", "edit", "1", "--due-days", "5", "--format", "xlsx，按街道分列",
                    "--json")
    edited = json.loads(out)
    assert code == 0 and (edited["due_on"], edited["format"]) == ("2026-10-16", "xlsx，按街道分列")
    code, out = cli("data", "edit", "1", "--due-days", "5")
    assert code == 2 and "未作修改" in out
    by_number = cli("data", "show", "DS2026-0001", "--json")
    assert by_number[0] == 0 and json.loads(by_number[1])["id"] == 1
    assert json.loads(cli("data", "show", "ds2026-0001", "--json")[1])["id"] == 1
    missing = cli("data", "show", "DS2026-9999", "--json")
    assert missing[0] == 6
    assert json.loads(missing[1].splitlines()[0])["error"]["code"] == \
        "data_service.number_not_found"
    code, out = cli("data", "show", "1")
    assert code == 0 and "2026-10-10 + 5 (工作日) = 2026-10-16" in out
    assert "2026-10-11 周日（休息日）" in out and "刘**" in out and "刘主任" not in out
    code, out = cli("data", "fulfil", "1", "cases_by_unit", "--from", "2026-07-01", "--to",
                    "2026-09-30", "--unit-kind", "street")
    assert code == 0 and "DS2026-0001  fulfilled" in out
    assert (tmp_path / "exports" / "DS2026-0001.xlsx").exists()
    (tmp_path / "手工表.csv").write_text("街道,件数\n", encoding="utf-8")
    code, out = cli("data", "add", "--title", "手工统计")
    code, out = cli("data", "deliver", "2", str(tmp_path / "手工表.csv"))
    assert code == 0 and "DS2026-0002  fulfilled" in out
    assert (tmp_path / "exports" / "DS2026-0002-手工表.csv").exists()
    code, out = cli("data", "deliver", "2", str(tmp_path / "手工表.csv"))
    assert code == 2 and "已交付" in out
    code, out = cli("ledger", "--json")
    ledger = json.loads(out)
    # Nothing recorded since December: many risks, none asserted by the bureau.
    assert code == 1 and ledger["breaches"] == [] and ledger["penalties"] == 0
    assert ledger["worst_case"] == 19_800.0 * len(ledger["risks"])
    assert ledger["termination_possible"] is False and ledger["termination_if_asserted"]
    code, out = cli("ledger", "acceptance")
    assert code == 1 and "NOT ready" in out
    code, out = cli("ledger", "pack", "-o", str(tmp_path / "pack"))
    assert code == 0 and (tmp_path / "pack.xlsx").exists() and (tmp_path / "pack.md").exists()
