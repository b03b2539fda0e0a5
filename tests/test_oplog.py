"""日志管理与分析 on a hand-worked fixture (the clock: Saturday 2026-10-10, a make-up working
day; October 1-7 the National Day holiday; office hours 9-12 and 14-18):

accounts   a1 园岭街道 enabled, last login 10-01 · a2 园岭街道 enabled, never logged in
           b1 区司法局 enabled · b2 区司法局 disabled
log        a1 10-08 09:30 登录 (in hours) · a1 10-08 10:00 登记 · a1 10-09 20:00 办理 (off hours)
           b1 10-03 10:00 登录 (a holiday: off hours) · the first line again (one entry)

October 1-9: 4 operations, 2 off hours; 2 of 3 enabled accounts used (66.7 %); 园岭街道 1/2
(50.0 %), 3 operations on 2 days; 区司法局 1/1, 1 operation. Dormant after 5 days on 10-10:
b1 (7 days idle) then a2 (never); a1 was used the day before; b2 is disabled."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from helpdesk.app.desk import dormant_request
from helpdesk.clock import FrozenClock
from helpdesk.config import Config
from helpdesk.monitoring.oplog import dormant_accounts, oplog_usage
from helpdesk.monitoring.oplog_import import import_oplog
from helpdesk.questions.actions import find_by_number, get_question
from helpdesk.questions.config_requests import get_request
from helpdesk.services.units import add_unit
from helpdesk.services.workspace import Workspace, resolve_actor
from tests.cli_support import CliRun, cli_runner, write_config

ACCOUNTS = ("账号,姓名,单位,账号状态,开通日期,最后登录时间\n"
            "a1,胡敏,园岭街道,启用,2025-01-01,2026-10-01\n"
            "a2,李娜,园岭街道,启用,2025-01-01,\n"
            "b1,王强,区司法局,正常,2025-01-01,\n"
            "b2,赵刚,区司法局,停用,2025-01-01,2026-09-30\n")
LOG = ("省信访信息系统操作日志（2026年10月）\n"
       "操作时间,账号,姓名,单位,操作类型\n"
       "2026-10-08 09:30:00,a1,胡敏,园岭街道,登录\n"
       "2026/10/08 10:00,a1,胡敏,园岭街道,登记\n"
       "2026-10-09 20:00:00,a1,胡敏,园岭街道,办理\n"
       "2026年10月3日 10:00,b1,王强,区司法局,登录\n"
       "2026-10-08 09:30:00,a1,胡敏,园岭街道,登录\n")


@pytest.fixture
def fixture(ws: Workspace, tmp_path: Path) -> Workspace:
    actor = resolve_actor(ws)
    add_unit(ws, actor, "S01", "园岭街道", "street")
    add_unit(ws, actor, "D01", "区司法局", "department")
    accounts = tmp_path / "accounts.csv"
    accounts.write_text(ACCOUNTS, encoding="utf-8")
    assert import_oplog(ws, actor, accounts).written
    log = tmp_path / "log.csv"
    log.write_bytes(LOG.encode("gbk"))  # the province's exports are often GBK
    report = import_oplog(ws, actor, log)
    assert (report.kind, report.rows, report.added, report.unchanged) == ("log", 5, 4, 1)
    return ws


def test_usage_by_hand(fixture: Workspace) -> None:
    usage = oplog_usage(fixture, resolve_actor(fixture), date(2026, 10, 1), date(2026, 10, 9))
    total = usage.total
    assert (total.operations, total.off_hours, total.active_accounts, total.accounts) == (
        4, 2, 2, 3)
    assert total.usage.percent() == "66.7%" and total.off_hours_share.percent() == "50.0%"
    street, department = usage.units[1], usage.units[0]  # by name: 区司法局 first
    assert (street.label, street.accounts, street.active_accounts, street.operations,
            street.active_days, street.off_hours) == ("园岭街道", 2, 1, 3, 2, 1)
    assert street.usage.percent() == "50.0%"
    assert dict(street.by_kind) == {"登录": 1, "登记": 1, "办理": 1}
    assert (department.label, department.usage.percent(), department.off_hours) == (
        "区司法局", "100.0%", 1)
    assert [(k.label, k.accounts, k.active_accounts) for k in usage.kinds] == [
        ("street", 2, 1), ("department", 1, 1)]


def test_people_of_a_unit(fixture: Workspace) -> None:
    actor = resolve_actor(fixture)
    unit = next(u for u in oplog_usage(fixture, actor, date(2026, 10, 1),
                                       date(2026, 10, 9)).units if u.label == "园岭街道")
    assert unit.operations == 3
    from helpdesk.services.units import find_units

    unit_id = find_units(fixture, actor, "园岭街道")[0].id
    people = oplog_usage(fixture, actor, date(2026, 10, 1), date(2026, 10, 9), unit_id).people
    assert [(p.label, p.operations, p.active_days) for p in people] == [("胡敏 a1", 3, 2)]


def test_import_again_adds_nothing_and_bad_rows_refuse_the_file(fixture: Workspace,
                                                                tmp_path: Path) -> None:
    actor = resolve_actor(fixture)
    again = tmp_path / "again.csv"
    again.write_bytes(LOG.encode("gbk"))
    report = import_oplog(fixture, actor, again)
    assert (report.added, report.unchanged) == (0, 5)
    bad = tmp_path / "bad.csv"
    bad.write_text("操作时间,账号,单位,操作类型\n2026-10-09 09:00,a1,园岭街道,查询\n"
                   "昨天,a1,园岭街道,查询\n2026-10-09 09:05,,园岭街道,查询\n"
                   "2026-10-09 09:06,a9,月亮街道,查询\n", encoding="utf-8")
    refused = import_oplog(fixture, actor, bad)
    assert not refused.written and [row for row, _r in refused.errors] == [3, 4, 5]
    assert refused.unknown_units == {"月亮街道"}
    usage = oplog_usage(fixture, actor, date(2026, 10, 1), date(2026, 10, 9))
    assert usage.total.operations == 4  # nothing of the refused file


def test_dormant_accounts_and_the_request_to_disable_them(fixture: Workspace) -> None:
    actor = resolve_actor(fixture)
    dormant = dormant_accounts(fixture, actor, 5)
    assert [(d.account, d.idle_days) for d in dormant] == [("b1", 7), ("a2", None)]
    assert dormant_accounts(fixture, actor, 8) == [d for d in dormant if d.account == "a2"]
    number, count = dormant_request(fixture, actor, 5)
    assert count == 2
    question = get_question(fixture, actor, find_by_number(fixture, actor, number))
    assert question.row.category == "configuration" and "b1" in question.description
    request = get_request(fixture, actor, question.row.id)
    assert request is not None and request.kind == "disable_account"


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> CliRun:
    return cli_runner(write_config(tmp_path), str(tmp_path / "helpdesk.db"), monkeypatch,
                      capsys, "2026-10-10T10:30:00+08:00")


def test_oplog_from_the_cli(cli: CliRun, tmp_path: Path) -> None:
    assert cli("unit", "add", "S01", "--name", "园岭街道", "--kind", "street")[0] == 0
    log = tmp_path / "log.csv"
    log.write_text("操作时间,账号,单位,操作类型\n2026-10-09 09:00,a1,园岭街道,查询\n",
                   encoding="utf-8")
    code, out = cli("oplog", "import", str(log), "--dry-run", "--json")
    assert code == 0 and json.loads(out)["written"] is False
    code, out = cli("oplog", "import", str(log), "--json")
    assert code == 0 and json.loads(out)["added"] == 1
    code, out = cli("oplog", "usage", "--from", "2026-10-01", "--to", "2026-10-31", "--json")
    assert code == 0 and json.loads(out)["total"]["operations"] == 1
    code, out = cli("oplog", "dormant", "--days", "0")
    assert code == 2


async def test_log_analysis_by_keys(config: Config, tmp_path: Path,
                                    clock: FrozenClock) -> None:
    """From the inspection (its status line carries the month's usage) to the analysis, a
    unit's people, the dormant accounts and the request to disable them (asked first)."""
    from screens.inspection.oplog import DormantScreen, OplogScreen
    from tests.app_support import demo_app, settle, wait_until
    from tests.test_app import screen_text

    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await wait_until(pilot, lambda: "日志：使用率" in screen_text(app), "the log line")
        await pilot.press("g")
        await wait_until(pilot, lambda: isinstance(app.screen, OplogScreen)
                         and "全区" in screen_text(app), "the analysis")
        assert "街道" in screen_text(app) and "部门" in screen_text(app)
        screen = app.screen
        assert isinstance(screen, OplogScreen)
        table = screen.table
        table.move_cursor(row=3)  # the first unit, under the district and its two kinds
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, OplogScreen)
                         and app.screen.unit is not None and "的人员" in screen_text(app),
                         "a unit's people")
        await pilot.press("escape", "z")
        await wait_until(pilot, lambda: isinstance(app.screen, DormantScreen)
                         and "从未使用" in screen_text(app), "the dormant accounts")
        await pilot.press("g")
        from screens.confirm import ConfirmScreen

        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await pilot.press("y")
        await wait_until(pilot, lambda: "申请停用" in screen_text(app), "the notice")
