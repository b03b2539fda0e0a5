"""The compliance ledger and acceptance: a missed inspection and a training shortfall appear as
breaches with the right amounts; more than three breaches make termination possible; the
acceptance pack holds the checklist, the ledger, the evidence and the year's figures."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, time
from pathlib import Path

import pytest

from helpdesk.app.opening import open_workspace
from helpdesk.clock import FrozenClock
from helpdesk.config import Config
from helpdesk.contract.acceptance import acceptance, write_pack
from helpdesk.contract.ledger import compute_ledger, totals_text
from helpdesk.contract.records import add_breach
from helpdesk.inspection.actions import (
    finish_inspection,
    record_result,
    set_usage,
    start_inspection,
)
from helpdesk.inspection.usage import UsageFigures
from helpdesk.services.workspace import Workspace, resolve_actor
from helpdesk.training.actions import plan_session, set_status
from tests.conftest import TEST_USER, local

MONTHS = [f"2025-{m:02d}" for m in (10, 11, 12)] + [f"2026-{m:02d}" for m in range(1, 10)]


# The first five obligations, worked out by hand here; the service and confidentiality rows
# have their own tests (test_ledger_service.py, test_ledger_security.py).
FIRST_FIVE = ("onsite", "inspection", "training", "response", "resolution")


@pytest.fixture
def ended(config: Config, db_url: str, clock: FrozenClock, tmp_path: Path
          ) -> Iterator[Workspace]:
    """A contract 2025-10-01 .. 2026-09-30, looked at on 2026-10-10 (over, before acceptance
    of the next). On-site coverage bar at 0 % (no roster in this test); a one-item checklist."""
    checklist = tmp_path / "checklist.toml"
    checklist.write_text('[[section]]\nkey = "env"\ntitle = "环境"\nitems = ["网络连通"]\n',
                         encoding="utf-8")
    config = replace(config, contract=replace(config.contract, start=date(2025, 10, 1),
                                              end=date(2026, 9, 30),
                                              onsite_coverage_percent=0.0),
                     inspection=replace(config.inspection, checklist_file=str(checklist)))
    workspace = open_workspace(config, db_url, clock=clock, os_user=TEST_USER)
    yield workspace
    workspace.db.dispose()


def _inspect(ws: Workspace, clock: FrozenClock, month: str) -> None:
    actor = resolve_actor(ws)
    year, number = int(month[:4]), int(month[5:])
    clock.set(local(year + number // 12, number % 12 + 1, 2, 10))  # on time: early next month
    view = start_inspection(ws, actor, month)
    record_result(ws, actor, view.results[0].id, None, "ok")
    set_usage(ws, actor, view.id, None, UsageFigures(10, 9, 100, 0, 80))
    finish_inspection(ws, actor, view.id, None)


def _train(ws: Workspace, clock: FrozenClock, day: date) -> None:
    actor = resolve_actor(ws)
    clock.set(local(day.year, day.month, day.day, 16))
    saved = plan_session(ws, actor, kind="business", day=day, start=time(9, 30), place="会议室")
    set_status(ws, actor, saved.session.id, None, "held")


def test_missed_inspection_and_training_shortfall_are_risks_not_breaches(
        ended: Workspace, clock: FrozenClock) -> None:
    for month in MONTHS:
        if month != "2026-05":
            _inspect(ended, clock, month)
    _train(ended, clock, date(2026, 1, 15))  # first half-year only
    clock.set(local(2026, 10, 10, 10, 30))
    ledger = compute_ledger(ended, resolve_actor(ended))
    assert ledger.months == tuple(MONTHS)
    assert ledger.cell("inspection", "2026-05").state == "not_met"
    assert ledger.cell("inspection", "2026-04").state == "met"
    # 2次/年 over the service year: one session held by its last month is one short
    assert ledger.cell("training", "2026-03").state == "none"
    assert ledger.cell("training", "2026-09").state == "not_met"
    assert ledger.cell("training", "2026-06").state == "none"
    assert ledger.cell("response", "2026-06").state == "met"  # no questions: nothing missed
    # Detected misses are risks under their clause; the bureau asserted none: no penalty.
    assert sorted((r.obligation, r.month) for r in ledger.risks
                  if r.obligation in FIRST_FIVE) == [
        ("inspection", "2026-05"), ("training", "2026-09")]
    assert ledger.risks[0].clause.startswith("附件一")
    assert ledger.breaches == () and ledger.penalties == 0
    # no urging was recorded in this test: every month of the daily-urging row is a risk
    assert {r.month for r in ledger.risks if r.obligation == "urging"} == set(MONTHS)
    # the worst case, by hand: each open risk × 198,000 × 10 % = 19,800
    assert ledger.worst_case == 19_800.0 * len(ledger.open_risks)
    assert ledger.payment is not None and ledger.payment.breaches == 0
    accept = acceptance(ended, resolve_actor(ended))
    states = {item.key: item.state for item in accept.items}
    # a detected miss the bureau has not asserted is a risk at acceptance, not a failure
    assert states["inspection"] == "risk" and states["breaches"] == "ok"
    assert states["onsite"] == "ok" and accept.day == date(2026, 8, 31)
    add_breach(ended, resolve_actor(ended), date(2026, 6, 3), "附件一 巡检服务",
               risk="inspection:2026-05")
    asserted = {item.key: item.state for item in acceptance(ended, resolve_actor(ended)).items}
    assert asserted["inspection"] == "fail" and asserted["breaches"] == "fail"


def test_the_readme_worked_example(ended: Workspace, clock: FrozenClock) -> None:
    """README, "Risk, breach, target": 198,000 yuan, 10 % per breach, final payment 20 %."""
    from helpdesk.contract.records import add_breach

    for month in MONTHS:
        if month != "2026-05":
            _inspect(ended, clock, month)
    _train(ended, clock, date(2026, 1, 15))  # the second half-year holds no session
    clock.set(local(2026, 10, 10, 10, 30))
    boss = resolve_actor(ended)
    before = compute_ledger(ended, boss)
    assert [r.key for r in before.open_risks if r.obligation in FIRST_FIVE] == [
        "inspection:2026-05", "training:2026-09"]
    assert before.penalties == 0 and before.payment is not None
    assert before.payment.net_final_payment == 39_600.0  # 198,000 × 20 %, nothing deducted
    add_breach(ended, boss, date(2026, 9, 20), "附件一 服务3", notice="信访函〔2026〕9号",
               risk="inspection:2026-05")
    after = compute_ledger(ended, boss)
    assert [(b.risk, b.amount) for b in after.breaches] == [("inspection:2026-05", 19_800.0)]
    assert after.penalties == 19_800.0  # 198,000 × 10 %
    assert after.payment is not None and after.payment.net_final_payment == 19_800.0
    assert [r.key for r in after.open_risks if r.obligation in FIRST_FIVE] == [
        "training:2026-09"]
    # worst case: the one breach + every risk still open, 19,800 each
    assert after.worst_case == 19_800.0 * (1 + len(after.open_risks))


def test_termination_needs_breaches_the_bureau_asserted(ended: Workspace) -> None:
    ledger = compute_ledger(ended, resolve_actor(ended), date(2026, 10, 10))
    # no inspection at all: eleven months missing (September is due on Oct 13), and the
    # service year ended without its two trainings: twelve risks, but not one breach
    first_five = [r for r in ledger.risks if r.obligation in FIRST_FIVE]
    assert len(first_five) == 12 and not ledger.termination_possible
    assert ledger.termination_if_asserted  # the worst case says it, as a worst case
    assert "如全部认定" in totals_text(ledger) and "甲方可解除合同" in totals_text(ledger)
    assert ledger.worst_case == len(ledger.open_risks) * 19_800.0


def test_running_contract_is_pending_and_names_the_next_due(ws: Workspace) -> None:
    ledger = compute_ledger(ws, resolve_actor(ws))  # 2026-10-10 in 2025-12-09 .. 2026-12-08
    assert ledger.cell("inspection", "2026-10").state == "pending"
    assert ledger.cell("inspection", "2026-09").state == "pending"  # due Oct 13
    assert ledger.next_due is not None and ledger.next_due.day == date(2026, 10, 13)
    assert any("2026-09" in line for line in ledger.at_risk)


def test_acceptance_pack_xlsx_and_markdown(ended: Workspace, clock: FrozenClock,
                                           tmp_path: Path) -> None:
    from openpyxl import load_workbook

    _inspect(ended, clock, "2026-01")
    clock.set(local(2026, 10, 10, 10, 30))
    accept, xlsx, md = write_pack(ended, resolve_actor(ended), tmp_path / "pack")
    assert md is not None and xlsx.path.suffix == ".xlsx"
    book = load_workbook(xlsx.path)
    # The risks (more than a page of them here) print on a sheet of their own, the ledger's
    # last tables after them, each under its header (tests/test_print_pages.py).
    assert book.sheetnames[:6] == ["验收清单", "履约台账", "检出风险（局方尚未认定）",
                                   "履约台账（续）", "证据清单", "概况"]
    ledger_sheet = [row for row in book["履约台账"].iter_rows(values_only=True)]
    assert any(row[0] == "月度巡检" for row in ledger_sheet)
    text = md.path.read_text(encoding="utf-8")
    # The page the bureau signs carries the chain's head as it was; it checks out later.
    from helpdesk.services.audit_log import PrintedHead, verify_chain

    printed = text.split("审计链头（核对：helpdesk audit verify --head）：`", 1)[1].split("`")[0]
    assert verify_chain(ended, PrintedHead.parse(printed)).ok
    summary = {row[0]: row[1] for row in book["概况"].iter_rows(values_only=True) if row[0]}
    assert summary["审计链头（核对：helpdesk audit verify --head）"] == printed
    breaches = len(accept.ledger.breaches)
    assert "# 验收清单" in text and f"违约 {breaches} 次" in text
    inspections = text.split("### 巡检记录", 1)[1].split("###", 1)[0]
    assert "| 2026-01 |" in inspections and "#" not in inspections  # the month, not an id
    _accept, _xlsx, md_again = write_pack(ended, resolve_actor(ended), tmp_path / "secret",
                                          password="acceptance-2026")
    assert md_again is None and not (tmp_path / "secret.md").exists()


def test_the_ledger_is_kept_until_a_change_or_five_minutes(ws: Workspace,
                                                           clock: FrozenClock) -> None:
    """Today's contract line and the ledger screen share one computation: asked again with
    nothing committed since, it is one query; a breach recorded (here or by another console)
    or five minutes of the clock compute it again."""
    from datetime import timedelta

    from sqlalchemy import event

    from helpdesk.contract.records import add_breach

    actor = resolve_actor(ws)
    selects: list[str] = []

    def record(*args: object) -> None:
        if str(args[2]).lstrip().upper().startswith("SELECT"):
            selects.append(str(args[2]))

    first = compute_ledger(ws, actor)
    event.listen(ws.db.engine, "before_cursor_execute", record)
    try:
        assert compute_ledger(ws, actor) is first
        assert len(selects) == 1 and "audit_log" in selects[0]
        add_breach(ws, actor, date(2026, 10, 9), "十一.8", notice="信访函〔2026〕12号")
        second = compute_ledger(ws, actor)
        assert len(second.breaches) == len(first.breaches) + 1
        assert compute_ledger(ws, actor) is second
        clock.set(clock.now() + timedelta(minutes=5))
        assert compute_ledger(ws, actor) is not second
    finally:
        event.remove(ws.db.engine, "before_cursor_execute", record)


def test_today_says_when_the_service_period_ends_and_once_it_is_over(
        ws: Workspace, clock: FrozenClock) -> None:
    """The shipped period ends 2026-12-08: a month before, Today says so; after it, Today
    names the ended period instead of counting obligations under it (issue 32)."""
    from helpdesk.app.today import contract_summary
    from screens.today.today import contract_line

    boss = resolve_actor(ws)
    clock.set(local(2026, 10, 10, 10, 30))
    assert "剩" not in contract_line(contract_summary(ws, boss)).plain
    clock.set(local(2026, 11, 20, 10, 0))  # 18 days before 12-08
    summary = contract_summary(ws, boss)
    assert summary.running and summary.days_left == 18
    assert contract_line(summary).plain.startswith("履约 第1年度12-08止，剩18天未续签 · ")
    clock.set(local(2026, 12, 20, 10, 0))
    over = contract_summary(ws, boss)
    assert not over.running and over.next_due is None and over.breaches == 0
    assert contract_line(over).plain == (
        "履约 第 1 服务年度 2025-12-09 至 2026-12-08 已结束：台账不再计数；续签请用 helpdesk "
        "contract renew")
