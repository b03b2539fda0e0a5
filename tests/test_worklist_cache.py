"""The day's worklist kept between calls and brought up to date from the audit feed: asking again
with nothing changed sends one query; after changes (here or by another engineer's console) the
list equals the one computed from scratch, cut or not."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from helpdesk.app.opening import open_workspace
from helpdesk.cases import worklist_cache
from helpdesk.cases.actions import add_case, advance, extend, get_case
from helpdesk.cases.urging import record_urging
from helpdesk.cases.urging_list import Worklist, urging_worklist
from helpdesk.clock import FrozenClock
from helpdesk.config import Config
from helpdesk.questions.actions import add_question
from helpdesk.services.units import add_unit, get_unit, update_unit
from helpdesk.services.workspace import Workspace, resolve_actor
from tests.conftest import TEST_USER, local

DAY = date(2026, 11, 24)


def _accepted(ws: Workspace, number: str, accepted: date, unit_id: int | None = None) -> int:
    actor = resolve_actor(ws)
    case = add_case(ws, actor, case_number=number, registered_on=accepted, channel="online",
                    subject="物业纠纷", unit_id=unit_id)
    case = advance(ws, actor, case.id, case.version, "transferred", accepted)
    return advance(ws, actor, case.id, case.version, "accepted", accepted).id


def _fresh(ws: Workspace, limit: int) -> Worklist:
    """The list computed from scratch, the kept one left as it was."""
    kept = ws.memo.pop("worklist", None)
    try:
        return urging_worklist(ws, resolve_actor(ws), DAY, limit)
    finally:
        ws.memo["worklist"] = kept if kept is not None else ws.memo.pop("worklist")


def _listed(result: Worklist) -> list[tuple[int, str, date | None, bool]]:
    return [(i.case_id, i.unit, i.due, i.urged_today) for i in result.items]


@pytest.fixture
def statements(ws: Workspace) -> Iterator[list[str]]:
    sent: list[str] = []

    def record(*args: Any) -> None:
        if args[2].lstrip().upper().startswith("SELECT"):
            sent.append(args[2])

    event.listen(ws.db.engine, "before_cursor_execute", record)
    yield sent
    event.remove(ws.db.engine, "before_cursor_execute", record)


def test_asking_again_with_nothing_changed_sends_one_query(
        ws: Workspace, clock: FrozenClock, statements: list[str]) -> None:
    clock.set(local(2026, 11, 24, 9, 0))
    for index, day in enumerate((date(2026, 8, 20), date(2026, 9, 25), date(2026, 9, 1))):
        _accepted(ws, f"K-{index}", day)
    actor = resolve_actor(ws)
    first = urging_worklist(ws, actor, DAY)
    statements.clear()
    assert urging_worklist(ws, actor, DAY) == first
    assert len(statements) == 1 and "audit_log" in statements[0]
    # A change elsewhere (a question) is read past without touching the cases.
    add_question(ws, actor, title="打印机卡纸", category="desktop")
    statements.clear()
    assert urging_worklist(ws, actor, DAY) == first
    assert len(statements) == 1


Step = Callable[[Workspace, dict[str, int]], object]


def _urge(ws: Workspace, ids: dict[str, int]) -> None:
    record_urging(ws, resolve_actor(ws), ids["B"], step="handling", method="phone",
                  contact="李科长", agreed="下周答复", next_check=date(2026, 12, 1))


def _reply(ws: Workspace, ids: dict[str, int]) -> None:
    case = get_case(ws, resolve_actor(ws), ids["A"])
    advance(ws, resolve_actor(ws), case.id, case.version, "replied", DAY)


def _extend(ws: Workspace, ids: dict[str, int]) -> None:
    case = get_case(ws, resolve_actor(ws), ids["C"])
    # approved on the last day of its handling period (08-25 + 60 = 10-24, a Saturday: 10-26)
    extend(ws, resolve_actor(ws), case.id, case.version, 30, date(2026, 10, 26), "情况复杂")


def _new_case(ws: Workspace, ids: dict[str, int]) -> None:
    ids["N"] = _accepted(ws, "K-N", date(2026, 8, 19))  # the most overdue of all


def _rename_unit(ws: Workspace, ids: dict[str, int]) -> None:
    unit = get_unit(ws, resolve_actor(ws), ids["unit"])
    update_unit(ws, resolve_actor(ws), unit.id, unit.version, name="区住房和建设局",
                kind=unit.kind, contact=unit.contact)


STEPS: list[tuple[str, Step]] = [("urging", _urge), ("reply", _reply), ("extension", _extend),
                                 ("new case", _new_case), ("unit renamed", _rename_unit)]


@pytest.mark.parametrize("limit", [2, 3, 100])
@pytest.mark.parametrize("spare", [0, 500])
def test_the_kept_list_follows_every_change_as_a_fresh_one_would(
        ws: Workspace, clock: FrozenClock, config: Config, db_url: str,
        monkeypatch: pytest.MonkeyPatch, limit: int, spare: int) -> None:
    """Cut or not, with no spare rows kept (cases leaving force a recompute) or many; the
    changes made by a second console on the same database, as another engineer's would be."""
    monkeypatch.setattr(worklist_cache, "SPARE", spare)
    clock.set(local(2026, 11, 24, 9, 0))
    actor = resolve_actor(ws)
    unit = add_unit(ws, actor, "D02", "区人力资源局")
    ids = {"unit": unit.id}
    for name, day in (("A", date(2026, 8, 20)), ("B", date(2026, 9, 20)),
                      ("C", date(2026, 8, 25)), ("D", date(2026, 9, 1)),
                      ("E", date(2026, 8, 22)), ("F", date(2026, 9, 25))):
        ids[name] = _accepted(ws, f"K-{name}", day, unit.id if name in "BE" else None)
    other = open_workspace(config, db_url, clock=clock, os_user=TEST_USER)
    try:
        urging_worklist(ws, actor, DAY, limit)
        for _name, step in STEPS:
            step(other, ids)
            kept = urging_worklist(ws, actor, DAY, limit)
            fresh = _fresh(ws, limit)
            assert _listed(kept) == _listed(fresh)
            assert (kept.total, kept.truncated, kept.overdue, kept.supervised) == (
                fresh.total, fresh.truncated, fresh.overdue, fresh.supervised)
    finally:
        other.db.dispose()
    assert kept.items[0].case_id == ids["N"]


def test_an_import_recomputes_the_list(units: Workspace, clock: FrozenClock,
                                       tmp_path: Path) -> None:
    """One audit record for many cases: the list is computed again, not patched."""
    from helpdesk.cases.imports import import_cases
    from tests.test_case_import import HEADER

    clock.set(local(2026, 11, 24, 9, 0))
    actor = resolve_actor(units)
    _accepted(units, "K-1", date(2026, 9, 1))
    before = urging_worklist(units, actor, DAY)
    path = tmp_path / "export.csv"
    path.write_text(HEADER + "\nG-1,2026-08-18,来信,张三,,诉求一,福田街道,2026-08-19,"
                    "2026-08-20,,\n", encoding="utf-8")
    assert import_cases(units, actor, path).added == 1
    after = urging_worklist(units, actor, DAY)
    assert [i.case_number for i in after.items] == ["G-1"] + [
        i.case_number for i in before.items]
    assert _listed(after) == _listed(_fresh(units, 2000))


def test_today_counts_the_whole_list_not_its_first_page(ws: Workspace, clock: FrozenClock
                                                        ) -> None:
    from helpdesk.app.today import case_summary

    clock.set(local(2026, 11, 24, 9, 0))
    for index, day in enumerate((date(2026, 8, 20), date(2026, 8, 25), date(2026, 9, 1),
                                 date(2026, 9, 27))):
        _accepted(ws, f"K-{index}", day)
    actor = resolve_actor(ws)
    whole = urging_worklist(ws, actor, DAY, 2000)
    assert (whole.total, whole.overdue) == (4, 3)  # 09-27 + 60 days: due 11-26, not yet
    ws.memo.clear()
    cut = urging_worklist(ws, actor, DAY, 1)
    assert (len(cut.items), cut.total, cut.overdue, cut.truncated) == (1, 4, 3, True)
    summary = case_summary(ws, actor)
    assert summary is not None and (summary.to_urge, summary.overdue) == (4, 3)


def test_a_log_that_no_longer_continues_from_the_kept_record_recomputes(
        ws: Workspace, clock: FrozenClock) -> None:
    """A restore can put an older file back: its log does not hold the record the list was
    kept at (or holds another under that number), and the list is computed again."""
    from helpdesk.services.audit_memo import audit_head, changes_after

    clock.set(local(2026, 11, 24, 9, 0))
    _accepted(ws, "K-1", date(2026, 9, 1))
    seq, digest = audit_head(ws)
    assert changes_after(ws, (seq, digest), 10) == ((seq, digest), [])
    assert changes_after(ws, (seq, "0" * 64), 10) is None  # another record under that number
    assert changes_after(ws, (seq + 5, digest), 10) is None  # the log is shorter now
    assert changes_after(ws, (seq - 2, audit_head_at(ws, seq - 2)), 1) is None  # too many
    changed = changes_after(ws, (seq - 2, audit_head_at(ws, seq - 2)), 10)
    assert changed is not None and changed[0] == (seq, digest) and len(changed[1]) == 2


def audit_head_at(ws: Workspace, seq: int) -> str:
    from sqlmodel import select

    from helpdesk.storage.models import AuditRecord

    with ws.db.read() as session:
        return session.exec(select(AuditRecord.hash).where(AuditRecord.seq == seq)).one()
