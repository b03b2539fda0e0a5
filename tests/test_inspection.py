"""Monthly inspection: checklist from the template, results, usage figures and their import,
finishing, issues to desk problems, and the month-by-month obligation."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from helpdesk.app.desk import inspection_problem
from helpdesk.calendar.periods import parse_period
from helpdesk.clock import FrozenClock
from helpdesk.errors import StaleEdit, UsageError
from helpdesk.inspection.actions import (
    checklist,
    due_day,
    finish_inspection,
    get_inspection,
    inspection_obligation,
    record_result,
    set_usage,
    start_inspection,
)
from helpdesk.inspection.imports import import_usage
from helpdesk.inspection.obligation import inspection_months
from helpdesk.inspection.usage import UsageFigures, coverage, usage
from helpdesk.reports.gather import build_report
from helpdesk.reports.markdown import report_markdown
from helpdesk.services.workspace import Workspace, resolve_actor
from helpdesk.storage.models import AuditRecord
from tests.conftest import local
from tests.expect import refused

FIGURES = UsageFigures(40, 38, 500, 20, 410)


def _complete(ws: Workspace, month: str = "2026-09") -> int:
    actor = resolve_actor(ws)
    view = start_inspection(ws, actor, month)
    for item in view.results:
        record_result(ws, actor, item.id, item.version, "ok")
    view = set_usage(ws, actor, view.id, None, FIGURES)
    return view.id


def test_usage_rates_follow_the_configured_denominator() -> None:
    rates = coverage(FIGURES), usage(FIGURES), usage(FIGURES, "enabled")
    assert [rate.percent() if rate else None for rate in rates] == [
        "95.0%", "82.0%", "85.4%"]  # 19/20; 410/500; 410/480
    assert coverage(UsageFigures()) is None
    assert UsageFigures(10, 11, 5, 0, 6).problems() == [
        "已接入机构数大于应接入机构数", "活跃账号数大于已开通账号数"]


def test_due_day_skips_the_national_day_holiday(ws: Workspace) -> None:
    # September's inspection: 5th working day of October 2026 = Oct 8, 9, 10 (make-up Sat),
    # 12, 13 (Oct 1-7 are the National Day holiday).
    assert due_day(ws, 2026, 9) == (date(2026, 10, 13), False)


def test_obligation_states() -> None:
    def due(year: int, month: int) -> tuple[date, bool]:
        return date(year + month // 12, month % 12 + 1, 7), False

    done = {"2026-01": (1, date(2026, 2, 3)), "2026-02": (2, date(2026, 3, 9)),
            "2026-04": (3, None)}
    rows = {r.month: r for r in inspection_months(date(2025, 12, 9), date(2026, 12, 8), done,
                                                  date(2026, 5, 5), due)}
    assert len(rows) == 13
    assert rows["2025-12"].start == date(2025, 12, 9)
    assert rows["2026-12"].end == date(2026, 12, 8)
    assert [rows[m].state for m in ("2025-12", "2026-01", "2026-02", "2026-03", "2026-04",
                                    "2026-05", "2026-06")] == \
        ["missing", "met", "late", "missing", "due", "open", "future"]
    assert rows["2026-03"].breached and not rows["2026-02"].breached


def test_an_inspection_from_start_to_finish(ws: Workspace) -> None:
    actor = resolve_actor(ws)
    view = start_inspection(ws, actor, "2026-09")
    total = sum(len(s.items) for s in checklist(ws))
    assert len(view.results) == total and view.status == "open"
    assert any("超过 90 天未登录" in r.item for r in view.results)  # placeholder filled
    with refused(UsageError, "inspection.exists"):
        start_inspection(ws, actor, "2026-09")
    with refused(UsageError, "inspection.not_started"):
        start_inspection(ws, actor, "2026-11")
    first = view.results[0]
    with refused(UsageError, "inspection.issue_note"):
        record_result(ws, actor, first.id, first.version, "issue")
    issue = record_result(ws, actor, first.id, first.version, "issue", "3 台终端无法访问省系统")
    with pytest.raises(StaleEdit):
        record_result(ws, actor, first.id, first.version, "ok")
    with refused(UsageError, "inspection.unchecked"):
        finish_inspection(ws, actor, view.id, None)
    for item in view.results[1:]:
        record_result(ws, actor, item.id, item.version, "na" if item.position == 2 else "ok")
    with refused(UsageError, "inspection.usage_first"):
        finish_inspection(ws, actor, view.id, None)
    set_usage(ws, actor, view.id, None, FIGURES)
    done = finish_inspection(ws, actor, view.id, None, "整体运行正常")
    assert done.status == "done" and done.count("issue") == 1 and done.count("na") == 1
    assert done.coverage is not None and done.coverage.percent() == "95.0%"
    linked = inspection_problem(ws, actor, issue.id)
    assert linked.problem_number.startswith("P2026-")
    with refused(UsageError, "inspection.already_problem"):
        inspection_problem(ws, actor, issue.id)
    with ws.db.read() as session:
        actions = [e.action for e in session.exec(select(AuditRecord)).all()]
    assert {"inspection.start", "inspection.check", "inspection.usage", "inspection.finish",
            "inspection.problem", "problem.add"} <= set(actions)


def test_obligation_from_the_records(ws: Workspace, clock: FrozenClock) -> None:
    actor = resolve_actor(ws)
    inspection_id = _complete(ws, "2026-09")
    clock.set(local(2026, 10, 12, 10))  # before September's due day (Oct 13)
    finish_inspection(ws, actor, inspection_id, None)
    rows = {r.month: r for r in inspection_obligation(ws, actor, date(2026, 10, 14))}
    assert rows["2026-09"].state == "met" and rows["2026-09"].inspection_id == inspection_id
    assert rows["2026-08"].state == "missing"
    assert rows["2026-10"].state == "open"


def test_usage_import_sums_the_export_and_refuses_bad_rows(ws: Workspace, tmp_path: Path
                                                           ) -> None:
    actor = resolve_actor(ws)
    view = start_inspection(ws, actor, "2026-09")
    good = tmp_path / "usage.csv"
    good.write_text("机构名称,是否接入,开通账号数,停用账号数,活跃账号数\n"
                    "福田街道,是,30,2,25\n沙头街道,否,0,0,0\n区教育局,是,12,0,9\n",
                    encoding="utf-8")
    report, _ = import_usage(ws, actor, view.id, good, dry_run=True)
    assert report.figures == UsageFigures(3, 2, 42, 2, 34) and not report.imported
    assert get_inspection(ws, actor, view.id).figures == UsageFigures()
    report, updated = import_usage(ws, actor, view.id, good)
    assert report.imported and updated is not None and updated.usage_source == "usage.csv"
    assert updated.usage is not None and updated.usage.percent() == "81.0%"
    assert updated.unconnected == ("沙头街道",) and len(updated.institutions) == 3
    figures = build_report(ws, actor, parse_period("monthly", "2026-09"))
    text = report_markdown(figures)
    assert "未接入机构：沙头街道" in text
    assert "使用率偏低的机构" not in text  # 25/30 and 9/12 are above 50 %
    bad = tmp_path / "bad.csv"
    bad.write_text("机构名称,是否接入,开通账号数,活跃账号数\n福田街道,是,30,25\n"
                   "沙头街道,也许,3,1\n区教育局,是,5,9\n福田街道,是,1,1\n", encoding="utf-8")
    report, _ = import_usage(ws, actor, view.id, bad)
    assert [line for line, _ in report.errors] == [3, 4, 5]
    assert get_inspection(ws, actor, view.id).figures == UsageFigures(3, 2, 42, 2, 34)
    typed = set_usage(ws, actor, view.id, None, UsageFigures(3, 3, 42, 2, 34))
    assert typed.institutions == () and typed.usage_source == ""  # typed figures replace it
