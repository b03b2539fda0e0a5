"""The service rows of the ledger on a contract that began 2026-10-08, by hand:
- urging: October's working days are 10-08, 10-09, 10-10 (make-up Saturday), 10-12..16,
  10-19..23, 10-26..30; each has an urging or a "nothing due" except 10-20;
- data_due: a request delivered the day after its due day;
- problems: one resolved in time, one never followed up;
- reports: October's monthly report due by the 10th working day of November (11-13), handed
  over on 11-16."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from helpdesk.cases.actions import add_case
from helpdesk.cases.models import WorklistDay
from helpdesk.cases.urging import record_nothing_due, record_urging
from helpdesk.clock import FrozenClock
from helpdesk.config import Config
from helpdesk.contract.ledger import compute_ledger
from helpdesk.contract.records import deliver
from helpdesk.data.requests import add_request, deliver_file
from helpdesk.errors import UsageError
from helpdesk.questions.requirement_docs import confirm_requirement
from helpdesk.questions.trackers import advance, find_item, raise_item
from helpdesk.services.workspace import Workspace, resolve_actor
from tests.conftest import local
from tests.expect import refused


@pytest.fixture
def config(config: Config) -> Config:
    return replace(config, contract=replace(config.contract, start=date(2026, 10, 8),
                                            end=date(2027, 10, 7)))


def test_service_rows_by_hand(ws: Workspace, clock: FrozenClock, tmp_path: Path) -> None:
    boss = resolve_actor(ws)
    clock.set(local(2026, 10, 8, 9, 0))
    case = add_case(ws, boss, case_number="GD2026-001", registered_on=date(2026, 10, 8),
                    channel="online", subject="物业纠纷")
    record_urging(ws, boss, case.id, step="transfer", method="phone", contact="经办人",
                  agreed="本周转送", next_check=date(2026, 10, 9))
    request = add_request(ws, boss, title="10月统计", due_workdays=3)
    late = raise_item(ws, boss, "problem", title="扫描仪驱动报错")
    kept = raise_item(ws, boss, "problem", title="打印机无法连接")
    kept = advance(ws, boss, kept.id, kept.version, "following")
    waiting = raise_item(ws, boss, "requirement", title="批量导出回访表")
    answered = raise_item(ws, boss, "requirement", title="督办件增加提醒")
    for status in ("analysed", "verified"):
        answered = advance(ws, boss, answered.id, answered.version, status)
    confirm_requirement(ws, boss, answered.id, answered.version, name="张主任",
                        unit="区信访局办公室")
    answered = find_item(ws, boss, "requirement", answered.number)
    answered = advance(ws, boss, answered.id, answered.version, "fed_back",
                       province_ref="省需求2026-031")
    clock.set(local(2026, 10, 9, 9, 0))
    advance(ws, boss, kept.id, kept.version, "resolved")
    with ws.db.write() as session:  # the rest of October: nothing due, except 10-20
        day = date(2026, 10, 9)
        while day <= date(2026, 10, 31):
            if ws.calendar.is_working_day(day) and day != date(2026, 10, 20):
                session.add(WorklistDay(day=day, recorded_by=boss.login,
                                        recorded_at=datetime.combine(day, time(17),
                                                                     tzinfo=ws.hours.zone)))
            day += timedelta(days=1)
    delivered = request.due_on + timedelta(days=1)
    clock.set(datetime.combine(delivered, time(10), tzinfo=ws.hours.zone))
    answer = tmp_path / "统计.xlsx"
    answer.write_bytes(b"PK\x03\x04 not really")
    deliver_file(ws, boss, request.id, None, answer)
    clock.set(local(2026, 11, 16, 10, 0))
    deliver(ws, boss, "monthly_report", "2026-10", "张主任", delivered_on=date(2026, 11, 16))
    clock.set(local(2026, 12, 1, 10, 0))

    ledger = compute_ledger(ws, boss)
    october = {name: ledger.cell(name, "2026-10")
               for name in ("urging", "data_due", "problem_due", "reports")}
    assert october["urging"].state == "not_met" and october["urging"].evidence == ("10-20",)
    assert october["data_due"].state == "not_met"
    assert october["data_due"].evidence == (f"{request.number} {delivered:%m-%d} 才交付",)
    problems = ledger.cell("problem_due", f"{late.follow_up_due:%Y-%m}")
    assert problems.state == "not_met"
    assert problems.evidence == (f"{late.number} 扫描仪驱动报错",)
    assert october["reports"].state == "met"  # October's report is due in November
    november = ledger.cell("reports", "2026-11")
    assert november.state == "not_met"
    assert november.evidence == ("2026-10 月报 11-16 才交付",)
    assert ledger.cell("urging", "2026-11").state == "not_met"  # nothing recorded at all
    # 20 working days after 10-08: 10-09, 10-10 (make-up), 10-12..16, 10-19..23, 10-26..30,
    # 11-02..04: due 11-04; the one fed back on its first day is fine
    requirements = ledger.cell("requirements", "2026-11")
    assert requirements.state == "not_met"
    assert requirements.evidence == (f"{waiting.number} 批量导出回访表",)
    assert ledger.cell("urging", "2026-12").state == "pending"


def test_nothing_due_only_when_nothing_is(ws: Workspace, clock: FrozenClock) -> None:
    boss = resolve_actor(ws)
    clock.set(local(2026, 10, 12, 9, 0))
    assert record_nothing_due(ws, boss, "清单为空") == date(2026, 10, 12)
    with refused(UsageError, "urging.already_recorded"):
        record_nothing_due(ws, boss)
    clock.set(local(2026, 10, 11, 9, 0))  # a Sunday
    with refused(UsageError, "urging.rest_day"):
        record_nothing_due(ws, boss)
    clock.set(local(2026, 10, 13, 9, 0))
    case = add_case(ws, boss, case_number="GD2026-002", registered_on=date(2026, 9, 1),
                    channel="online", subject="物业纠纷")
    assert case.id
    with refused(UsageError, "urging.not_empty"):
        record_nothing_due(ws, boss)


def test_the_curriculum_covered_by_the_contract_end(config: Config, db_url: str,
                                                    clock: FrozenClock) -> None:
    """A contract 2026-08-01 .. 2026-09-30: business training held in full, operation training
    held without 复查复核操作, no administrator training; looked at on 2026-10-10."""
    from datetime import time as clock_time

    from helpdesk.app.opening import open_workspace
    from helpdesk.training.actions import plan_session, set_status
    from tests.conftest import TEST_USER

    short = replace(config, contract=replace(config.contract, start=date(2026, 8, 1),
                                             end=date(2026, 9, 30)))
    ws = open_workspace(short, db_url, clock=clock, os_user=TEST_USER)
    try:
        boss = resolve_actor(ws)
        for kind, day, contents in (
                ("business", date(2026, 8, 20), None),
                ("operation", date(2026, 9, 17), ["信访业务基本办理操作", "督察督办操作", "答疑",
                                                  "培训效果评价"])):
            clock.set(datetime.combine(day, clock_time(16), tzinfo=ws.hours.zone))
            saved = plan_session(ws, boss, kind=kind, day=day, start=clock_time(9, 30),
                                 place="会议室", contents=contents)
            set_status(ws, boss, saved.session.id, None, "held")
        clock.set(local(2026, 10, 10, 10, 30))
        ledger = compute_ledger(ws, boss)
        assert ledger.cell("curriculum", "2026-08").state == "met"  # counted at the end
        cell = ledger.cell("curriculum", "2026-09")
        assert cell.state == "not_met"
        assert cell.evidence == (
            "操作培训未覆盖：复查复核操作",
            "系统管理员培训未覆盖：用户与机构初始化、角色与权限设置、答疑、培训效果评价")
    finally:
        ws.db.dispose()
