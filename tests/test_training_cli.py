"""`helpdesk training ...` end to end: plan (holiday refused, make-up Saturday allowed), import
the sign-in list and evaluation forms (dry run, row-numbered errors), report, obligation; in
Chinese and in English."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_support import CliRun, cli_runner, write_config


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> CliRun:
    config = tmp_path / "config.toml"

    def configure(locale: str) -> None:
        write_config(tmp_path, f'[ui]\nlocale = "{locale}"\n')

    configure("zh_CN")
    db = str(tmp_path / "helpdesk.db")
    run = cli_runner(config, db, monkeypatch, capsys, "2026-10-10T10:30:00+08:00")

    run("config", "check")
    from helpdesk.app.opening import open_workspace
    from helpdesk.config import load_config
    from helpdesk.services.units import add_unit
    from helpdesk.services.workspace import resolve_actor

    ws = open_workspace(load_config(str(config)), db, os_user="tester")
    add_unit(ws, resolve_actor(ws), "S01", "园岭街道", "street")
    ws.db.dispose()
    run.configure = configure  # type: ignore[attr-defined]
    return run


def test_training_from_plan_to_report(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out = cli("training", "add", "--kind", "business", "--date", "2026-10-05",
                    "--time", "09:30", "--place", "会议室")
    assert code == 2 and "国庆节" in out
    code, out = cli("training", "add", "--kind", "business", "--date", "2026-10-10",
                    "--time", "14:30", "--place", "三楼会议室", "--trainer", "王建国",
                    "--unit", "园岭街道", "--json")
    assert code == 0
    planned = json.loads(out)
    assert planned["starts_at"] == "2026-10-10T14:30:00+08:00"
    assert planned["invited_units"] == ["园岭街道"] and planned["warnings"] == []
    session = str(planned["id"])
    code, out = cli("training", "obligation")
    # any two in the service year: none held, one planned, the year not near its end
    assert code == 0 and "待安排" in out and "0/2" in out
    signin = tmp_path / "signin.csv"
    signin.write_text("姓名,单位,签到\n张伟,园岭街道,已签到\n李娜,园岭街道,\n,园岭街道,已签到\n",
                      encoding="gbk")
    code, out = cli("training", "attendees", "import", session, str(signin), "--dry-run")
    assert code == 1 and "第 4 行：缺少姓名" in out and "试运行：未写入" in out
    signin.write_text("姓名,单位,签到\n张伟,园岭街道,已签到\n李娜,园岭街道,缺席\n",
                      encoding="gbk")
    code, out = cli("training", "attendees", "import", session, str(signin), "--dry-run")
    assert code == 0 and "试运行" in out
    assert json.loads(cli("training", "show", session, "--json")[1])["attendee_list"] == []
    assert cli("training", "attendees", "import", session, str(signin))[0] == 0
    forms = tmp_path / "forms.csv"
    forms.write_text("姓名,内容,讲师,实用性,总体,意见\n张伟,5,4,4,5,很实用\n,4,4,3,4,\n",
                     encoding="utf-8")
    code, out = cli("training", "evaluations", "import", session, str(forms), "--json")
    assert code == 0 and json.loads(out)["added"] == 2
    code, out = cli("training", "status", session, "held", now="2026-10-10T17:00:00+08:00")
    assert code == 0 and "已举办" in out
    shown = json.loads(cli("training", "show", session, "--json")[1])
    assert shown["evaluation"]["responses"] == 2
    assert shown["evaluation"]["response_rate"] == 2.0  # one signed in, one anonymous form
    assert shown["evaluation"]["questions"]["content"]["mean"] == 4.5
    out_file = tmp_path / "report.xlsx"
    code, out = cli("training", "report", session, "--format", "xlsx", "-o", str(out_file))
    assert code == 0 and out_file.exists()
    code, out = cli("training", "list", "--year", "2026", "--json")
    assert [s["status"] for s in json.loads(out)] == ["held"]
    assert cli("training", "list", "--year", "2025", "--json")[1].strip() == "[]"
    cli.configure("en")
    code, out = cli("training", "list")
    assert code == 0 and "Business training" in out and "held" in out
    code, out = cli("training", "obligation", "--date", "2026-10-20")
    assert "1 of 2 trainings held" in out and "to plan" in out  # 49 days left of the year
    code, out = cli("training", "obligation", "--date", "2026-12-09")  # the year is over
    assert code == 1 and "1 of 2 trainings held" in out and "missed" in out
