"""The confidentiality rows of the compliance ledger on a hand-built year: a shift kept for an
engineer who failed the exam, a borrowing returned late, an export without a copy approval, a
leak reported late and closed the month after. Each month not met is one breach (19,800)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from helpdesk.app.staff import add_staff
from helpdesk.clock import FrozenClock
from helpdesk.contract.acceptance import acceptance
from helpdesk.contract.ledger import compute_ledger
from helpdesk.reports.export import write_report
from helpdesk.roster.actions import generate_roster
from helpdesk.security.exams import record_exam
from helpdesk.security.register_entries import add_entry, close_entry
from helpdesk.services.workspace import Workspace, resolve_actor
from tests.conftest import local


def test_confidentiality_months_by_hand(ws: Workspace, clock: FrozenClock,
                                        tmp_path: Path) -> None:
    boss = resolve_actor(ws)
    clock.set(local(2026, 9, 10, 9, 0))
    for login, name in (("zhang", "张伟"), ("wang", "王芳")):
        add_staff(ws, boss, login, name, "engineer")
        record_exam(ws, boss, login, date(2026, 1, 5), passed=True)
    loan = add_entry(ws, boss, "borrow", {"title": "2025年信访档案", "holder": "zhang",
                                          "approved_by": "张主任", "start_on": date(2026, 9, 10),
                                          "due_on": date(2026, 9, 20)})
    approval = add_entry(ws, boss, "copy", {"title": "8月报表", "approved_by": "张主任",
                                            "approved_on": date(2026, 9, 10)})
    write_report(ws, boss, "monthly", "2026-08", "md", tmp_path / "aug.md",
                 approval=approval.number)  # September: approved
    clock.set(local(2026, 9, 30, 17, 0))
    generate_roster(ws, boss, date(2026, 10, 1), date(2026, 10, 31))
    clock.set(local(2026, 10, 3, 9, 0))
    close_entry(ws, boss, loan.number, closed_on=date(2026, 10, 3), outcome="returned")
    clock.set(local(2026, 10, 8, 9, 0))
    leak = add_entry(ws, boss, "incident", {"title": "台账误发", "start_on": date(2026, 10, 5),
                                            "reported_to": "张主任",
                                            "reported_on": date(2026, 10, 8)})
    clock.set(local(2026, 10, 12, 9, 0))
    record_exam(ws, boss, "wang", date(2026, 10, 12), passed=False)  # shifts already rostered
    clock.set(local(2026, 10, 20, 9, 0))
    write_report(ws, boss, "monthly", "2026-09", "md", tmp_path / "sep.md")  # no approval
    clock.set(local(2026, 11, 3, 9, 0))
    close_entry(ws, boss, leak.number, closed_on=date(2026, 11, 3), outcome="closed")
    clock.set(local(2026, 11, 10, 9, 0))

    ledger = compute_ledger(ws, boss)
    states = {name: {m: ledger.cell(name, m).state for m in ("2026-09", "2026-10", "2026-11")}
              for name in ("exam", "borrowing", "copy", "incident")}
    assert states == {
        "exam": {"2026-09": "met", "2026-10": "not_met", "2026-11": "pending"},
        "borrowing": {"2026-09": "not_met", "2026-10": "not_met", "2026-11": "pending"},
        "copy": {"2026-09": "met", "2026-10": "not_met", "2026-11": "pending"},
        "incident": {"2026-09": "met", "2026-10": "not_met", "2026-11": "pending"},
    }
    exam = ledger.cell("exam", "2026-10")
    assert exam.evidence and all(e.endswith("王芳") for e in exam.evidence)
    assert min(exam.evidence) >= "10-12"  # from the day of the failed exam on
    assert ledger.cell("borrowing", "2026-09").evidence == ("JY2026-0001 2025年信访档案",)
    assert ledger.cell("incident", "2026-10").evidence == ("SM2026-0001 台账误发",)
    assert not ledger.cell("incident", "2026-11").at_risk  # closed on 11-03
    security = [r for r in ledger.risks
                if r.obligation in ("exam", "borrowing", "copy", "incident")]
    assert len(security) == 5 and all(r.clause == "保密条款" for r in security)
    assert ledger.breaches == ()  # risks until the bureau asserts them
    # 十一.8: the reports written without a password are files kept unprotected, each month
    # they are held from the day they were written
    media = {m: ledger.cell("media", m) for m in ("2026-08", "2026-09", "2026-10")}
    assert {m: c.state for m, c in media.items()} == {
        "2026-08": "met", "2026-09": "not_met", "2026-10": "not_met"}
    assert len(media["2026-09"].evidence) == 1 and len(media["2026-10"].evidence) == 2
    item = next(i for i in acceptance(ws, boss).items if i.key == "security")
    assert item.state == "risk"  # detected, not asserted by the bureau
    assert "借用归还 2026-09、2026-10" in item.detail
