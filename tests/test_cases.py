"""Petition cases: entry with ID validation, validated stage changes, extension, the next
statutory deadline over holidays, masking and audited unmasking."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pytest

from helpdesk.app.audit_feed import list_audit
from helpdesk.app.staff import add_staff
from helpdesk.cases.actions import (
    add_case,
    advance,
    extend,
    get_case,
    get_case_detail,
    record_hearing,
    unmask,
)
from helpdesk.clock import FrozenClock
from helpdesk.errors import NotAuthorized, UsageError
from helpdesk.services.workspace import Workspace, resolve_actor
from tests.conftest import local
from tests.expect import refused

VALID_ID = "11010519491231002X"


def _case(ws: Workspace, **overrides: object):  # type: ignore[no-untyped-def]
    fields: dict[str, object] = {
        "case_number": "GD2026-000123", "registered_on": date(2026, 9, 20), "channel": "letter",
        "subject": "小区噪音扰民", "petitioner_name": "张三", "id_number": VALID_ID,
        "phone": "13812345678"}
    fields.update(overrides)
    return add_case(ws, resolve_actor(ws), **fields)  # type: ignore[arg-type]


def test_entry_masks_and_schedules_the_transfer(ws: Workspace, clock: FrozenClock) -> None:
    clock.set(local(2026, 10, 12, 9, 0))
    case = _case(ws)
    assert (case.petitioner, case.id_number, case.phone) == ("张*", "110***********002X",
                                                             "138****5678")
    assert (case.next_step, case.next_due) == ("transfer", date(2026, 10, 8))


def test_invalid_id_and_duplicates_are_refused(ws: Workspace, clock: FrozenClock) -> None:
    clock.set(local(2026, 10, 12, 9, 0))
    with pytest.raises(UsageError, match="校验码"):
        _case(ws, id_number="110105194912310021")
    legacy = _case(ws, case_number="OLD-1", id_number="110105491231002")
    assert legacy.id_legacy
    with pytest.raises(UsageError, match="已存在"):
        _case(ws, case_number="OLD-1")


def test_an_extension_is_approved_within_the_period_it_extends(
        ws: Workspace, clock: FrozenClock) -> None:
    """Art. 34: accepted 08-07, the 60 days end 10-08 (10-06 in the National Day holiday)."""
    clock.set(local(2026, 10, 12, 9, 0))
    actor = resolve_actor(ws)
    case = _case(ws, registered_on=date(2026, 8, 1))
    case = advance(ws, actor, case.id, case.version, "transferred", date(2026, 8, 3))
    case = advance(ws, actor, case.id, case.version, "accepted", date(2026, 8, 7))
    with refused(UsageError, "cases.extension_late"):  # after the deadline it extends
        extend(ws, actor, case.id, case.version, 30, date(2026, 10, 9), "补批")
    with refused(UsageError, "cases.extension_late"):  # before the case was accepted
        extend(ws, actor, case.id, case.version, 30, date(2026, 8, 6), "预批")
    with refused(UsageError, "cases.extension_future"):
        extend(ws, actor, case.id, case.version, 30, date(2026, 10, 13), "未来")
    assert get_case(ws, actor, case.id).next_due == date(2026, 10, 8)  # nothing moved
    case = extend(ws, actor, case.id, case.version, 30, date(2026, 10, 8), "需现场核查")
    assert case.next_due == date(2026, 11, 5)  # on the last day it extends: accepted


def test_a_review_after_its_window_needs_a_managers_legal_ground(
        ws: Workspace, clock: FrozenClock) -> None:
    """复查 within 30 days of the reply: replied 09-01, the window ends 10-01 (a holiday:
    rolled over to 10-08)."""
    from helpdesk.actor import Actor

    clock.set(local(2026, 10, 20, 9, 0))
    actor = resolve_actor(ws)
    case = _case(ws, registered_on=date(2026, 7, 1))
    for stage, day in (("transferred", date(2026, 7, 2)), ("accepted", date(2026, 7, 3)),
                       ("replied", date(2026, 9, 1))):
        case = advance(ws, actor, case.id, case.version, stage, day)
    with refused(UsageError, "cases.request_late"):
        advance(ws, actor, case.id, case.version, "review_requested", date(2026, 10, 9))
    with refused(NotAuthorized, "roles.denied"):
        advance(ws, Actor("zhang", "张伟", "engineer"), case.id, case.version,
                "review_requested", date(2026, 10, 9), late_ground="不可抗力")
    case = advance(ws, actor, case.id, case.version, "review_requested", date(2026, 10, 9),
                   late_ground="不可抗力：台风停运期间无法递交")
    assert case.stage == "review_requested"
    in_time = _case(ws, case_number="GD2026-000124", registered_on=date(2026, 7, 1))
    for stage, day in (("transferred", date(2026, 7, 2)), ("accepted", date(2026, 7, 3)),
                       ("replied", date(2026, 9, 1)), ("review_requested", date(2026, 10, 8))):
        in_time = advance(ws, actor, in_time.id, in_time.version, stage, day)
    assert in_time.stage == "review_requested"  # the window's last day: no ground needed


def test_stage_rules_and_deadlines(ws: Workspace, clock: FrozenClock) -> None:
    clock.set(local(2026, 10, 12, 9, 0))
    actor = resolve_actor(ws)
    case = _case(ws, registered_on=date(2026, 8, 1))
    with refused(UsageError, "cases.bad_stage_step"):
        advance(ws, actor, case.id, case.version, "replied", date(2026, 8, 5))
    with refused(UsageError, "cases.date_future"):
        advance(ws, actor, case.id, case.version, "transferred", date(2026, 10, 13))
    with refused(UsageError, "cases.date_before_previous"):
        advance(ws, actor, case.id, case.version, "transferred", date(2026, 7, 30))
    case = advance(ws, actor, case.id, case.version, "transferred", date(2026, 8, 3))
    assert (case.next_step, case.next_due) == ("accept_notice", date(2026, 8, 18))
    case = advance(ws, actor, case.id, case.version, "accepted", date(2026, 8, 7))
    # 60 days from 08-07 = 10-06 (National Day) -> 10-08.
    assert (case.next_step, case.next_due) == ("handling", date(2026, 10, 8))
    case = extend(ws, actor, case.id, case.version, 30, date(2026, 9, 30), "需现场核查")
    # Art. 34, 60 + 30 in all: 08-07 + 90 = 11-05, a Thursday (not 10-08 + 30, rolled to 11-09).
    assert case.next_due == date(2026, 11, 5)
    with refused(UsageError, "cases.already_extended"):
        extend(ws, actor, case.id, case.version, 5, date(2026, 10, 1), "再次")
    case = advance(ws, actor, case.id, case.version, "replied", date(2026, 10, 9))
    assert case.next_step == "" and case.next_due is None


def test_unmask_needs_permission_and_is_audited(ws: Workspace, clock: FrozenClock) -> None:
    clock.set(local(2026, 10, 12, 9, 0))
    manager = resolve_actor(ws)
    add_staff(ws, manager, "wangjg", "王建国", "engineer")
    case = _case(ws)
    with pytest.raises(NotAuthorized):
        unmask(ws, resolve_actor(ws, "wangjg"), case.id, "核对身份")
    with refused(UsageError, "cases.unmask_reason"):
        unmask(ws, manager, case.id, " ")
    clear = unmask(ws, manager, case.id, "回访需核对身份")
    assert (clear.petitioner, clear.id_number, clear.phone) == ("张三", VALID_ID, "13812345678")
    assert get_case(ws, manager, case.id).id_number == "110***********002X"
    last = list_audit(ws, manager, limit=1)[0]
    assert last.action == "case.unmask" and "回访需核对身份" in last.summary
    assert all(VALID_ID not in record.summary and "张三" not in record.summary
               for record in list_audit(ws, manager, limit=100))


def test_list_pages_and_search_and_lookup(ws: Workspace, clock: FrozenClock) -> None:
    from helpdesk.cases.actions import find_case, list_cases
    from helpdesk.errors import NotFound

    clock.set(local(2026, 11, 24, 9, 0))
    for index in range(5):
        _case(ws, case_number=f"GD-{index}", registered_on=date(2026, 11, 1 + index),
              subject="噪音扰民" if index % 2 else "拖欠工资", id_number="")
    actor = resolve_actor(ws)
    first = list_cases(ws, actor, limit=2)
    assert [c.case_number for c in first] == ["GD-4", "GD-3"]
    after = (first[-1].registered_on, first[-1].id)
    assert [c.case_number for c in list_cases(ws, actor, after=after, limit=2)] == ["GD-2",
                                                                                  "GD-1"]
    assert {c.case_number for c in list_cases(ws, actor, search="噪音")} == {"GD-1", "GD-3"}
    assert all(c.petitioner == "张*" for c in list_cases(ws, actor))  # masked in lists
    assert find_case(ws, actor, "GD-2").subject == "拖欠工资"
    with pytest.raises(NotFound):
        find_case(ws, actor, "GD-9")


@contextmanager
def statements_run(ws: Workspace) -> Iterator[list[str]]:
    """The SQL statements the database is sent inside the block, in order."""
    from sqlalchemy import event

    statements: list[str] = []

    def capture(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(ws.db.engine, "before_cursor_execute", capture)
    try:
        yield statements
    finally:
        event.remove(ws.db.engine, "before_cursor_execute", capture)


def test_a_case_number_search_is_a_prefix_match_on_the_index(ws: Workspace,
                                                             clock: FrozenClock) -> None:

    from helpdesk.cases.actions import list_cases

    clock.set(local(2026, 11, 24, 9, 0))
    for number in ("GD440304202600012", "GD440304202600123", "GD440304202601234"):
        _case(ws, case_number=number, registered_on=date(2026, 11, 2), subject="诉求",
              id_number="")
    actor = resolve_actor(ws)
    with statements_run(ws) as statements:
        found = list_cases(ws, actor, search="GD4403042026001")
    assert [c.case_number for c in found] == ["GD440304202600123"]
    query = next(s for s in statements if "FROM petition_case" in s)
    assert "LIKE" not in query.upper() and ">=" in query  # a range on the unique index
    exact = list_cases(ws, actor, search="GD440304202601234")
    assert [c.case_number for c in exact] == ["GD440304202601234"]
    # A tail of a number matches no prefix: the search falls back to matching anywhere.
    assert [c.case_number for c in list_cases(ws, actor, search="1234")] == [
        "GD440304202601234"]


def test_a_word_search_is_shaped_for_the_index(ws: Workspace, clock: FrozenClock) -> None:
    """Issue 33: the case search scanned every case. SQLite: 3+ characters go through the
    trigram FTS5 table (0031), kept by triggers as subjects change. PostgreSQL: text that
    cannot be part of a number asks the subject alone, so its trigram index (0020) is used."""
    from sqlalchemy import text

    from helpdesk.cases.actions import list_cases

    clock.set(local(2026, 11, 24, 9, 0))
    noisy = _case(ws, case_number="GD-1", registered_on=date(2026, 11, 2),
                  subject="夜间施工噪音扰民 100% 属实", id_number="")
    _case(ws, case_number="GD-2", registered_on=date(2026, 11, 3), subject="拖欠工资",
          id_number="")
    actor = resolve_actor(ws)
    with statements_run(ws) as statements:
        assert [c.case_number for c in list_cases(ws, actor, search="施工噪音")] == ["GD-1"]
    query = next(s for s in statements if "FROM petition_case" in s)
    if ws.db.is_sqlite:
        assert "case_fts MATCH" in query and "LIKE" not in query.upper()
    else:
        assert "case_number ILIKE" not in query and "subject ILIKE" in query
    assert [c.case_number for c in list_cases(ws, actor, search="0% 属")] == ["GD-1"]  # literal
    assert list_cases(ws, actor, search="\"OR 1") == []  # no query syntax
    with ws.db.write() as session:  # as a re-import changes it
        session.execute(text("UPDATE petition_case SET subject = '占道经营' WHERE id = :id"),
                        {"id": noisy.id})
    assert list_cases(ws, actor, search="施工噪音") == []  # the index follows the row
    assert [c.case_number for c in list_cases(ws, actor, search="占道经营")] == ["GD-1"]
    assert [c.case_number for c in list_cases(ws, actor, search="工资")] == ["GD-2"]  # 2 chars



def test_a_common_word_is_found_by_reading_the_newest_cases(
        sqlite_ws: Workspace, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch) -> None:
    """A word in more cases than FTS_PROBE: reading newest first fills the page sooner than
    collecting and sorting every match (83,000 of a million: 100 ms); the hits are the same."""

    from helpdesk.cases import actions
    from helpdesk.cases.actions import list_cases

    clock.set(local(2026, 11, 24, 9, 0))
    for index in range(3):
        _case(sqlite_ws, case_number=f"GD-{index}", registered_on=date(2026, 11, 2 + index),
              subject="小区噪音扰民", id_number="")
    actor = resolve_actor(sqlite_ws)
    by_index = [c.case_number for c in list_cases(sqlite_ws, actor, search="噪音扰民")]
    monkeypatch.setattr(actions, "FTS_PROBE", 2)
    with statements_run(sqlite_ws) as statements:
        by_scan = [c.case_number for c in list_cases(sqlite_ws, actor, search="噪音扰民")]
    assert by_scan == by_index == ["GD-2", "GD-1", "GD-0"]
    page = [s for s in statements if "FROM petition_case" in s][-1]
    assert "LIKE" in page.upper() and "case_fts" not in page


def test_hearing_time_is_not_counted_in_the_rereview_period(
        ws: Workspace, clock: FrozenClock) -> None:
    """Art. 36: 复核 within 30 days of the request, hearing time not counted. Requested
    2026-11-02: 11-02 + 30 = 12-02 (a Wednesday). A hearing 11-10 to 11-12 is 3 days:
    11-02 + 33 = 12-05, a Saturday, rolled over to Monday 12-07."""
    clock.set(local(2026, 11, 20, 9, 0))
    actor = resolve_actor(ws)
    case = _case(ws, registered_on=date(2026, 7, 1))
    for stage, day in (("transferred", date(2026, 7, 2)), ("accepted", date(2026, 7, 3)),
                       ("replied", date(2026, 9, 1)), ("review_requested", date(2026, 9, 10)),
                       ("reviewed", date(2026, 10, 9))):
        case = advance(ws, actor, case.id, case.version, stage, day)
    with refused(UsageError, "cases.hearing_stage"):  # no re-review running yet
        record_hearing(ws, actor, case.id, case.version, date(2026, 10, 12),
                       date(2026, 10, 12))
    case = advance(ws, actor, case.id, case.version, "rereview_requested", date(2026, 11, 2))
    assert (case.next_step, case.next_due) == ("rereview", date(2026, 12, 2))
    with refused(UsageError, "cases.hearing_outside"):  # before the request
        record_hearing(ws, actor, case.id, case.version, date(2026, 11, 1), date(2026, 11, 3))
    with refused(UsageError, "cases.hearing_future"):
        record_hearing(ws, actor, case.id, case.version, date(2026, 11, 19), date(2026, 11, 21))
    with refused(UsageError, "cases.hearing_backwards"):
        record_hearing(ws, actor, case.id, case.version, date(2026, 11, 12), date(2026, 11, 10))
    assert get_case(ws, actor, case.id).next_due == date(2026, 12, 2)  # nothing moved
    case = record_hearing(ws, actor, case.id, case.version, date(2026, 11, 10),
                          date(2026, 11, 12), "召开听证会")
    assert case.next_due == date(2026, 12, 7)
    detail = get_case_detail(ws, actor, case.id)
    assert "33" in detail.deadline_explanation and "听证 3 天" in detail.deadline_explanation
    assert [e.kind for e in detail.events][-1] == "hearing"
    record = list_audit(ws, actor, limit=1)[0]
    assert record.action == "case.hearing" and "3" in record.summary
