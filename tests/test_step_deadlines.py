"""The step deadlines stored on every case (the acceptance notice's and the handling deadline,
whatever the stage), which the rates judge by: kept with every change, filled at the first
start of a migrated database, and refreshed when the calendar's data or the rules change."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import col, select

from helpdesk.app.calendar_tables import load_table
from helpdesk.app.opening import open_workspace
from helpdesk.cases.actions import add_case, advance, extend, get_case
from helpdesk.cases.models import PetitionCase
from helpdesk.cases.rate_figures import case_rates
from helpdesk.cases.settings import DeadlinesConfig, StepRule
from helpdesk.clock import FrozenClock
from helpdesk.config import Config
from helpdesk.services.workspace import Workspace, resolve_actor
from helpdesk.storage.models import AuditRecord
from tests.conftest import TEST_USER, local

TABLE_2027 = Path(__file__).parent / "fixtures" / "calendar-2027.toml"


def _stored(ws: Workspace, number: str) -> tuple[date | None, date | None]:
    with ws.db.read() as session:
        case = session.exec(select(PetitionCase).where(
            col(PetitionCase.case_number) == number)).one()
        return case.notice_due, case.handling_due


def _replied(ws: Workspace, number: str, received: date, accepted: date,
             replied: date | None = None) -> int:
    actor = resolve_actor(ws)
    case = add_case(ws, actor, case_number=number, registered_on=received, channel="letter",
                    subject="诉求")
    case = advance(ws, actor, case.id, case.version, "transferred", received)
    case = advance(ws, actor, case.id, case.version, "accepted", accepted)
    if replied is not None:
        case = advance(ws, actor, case.id, case.version, "replied", replied)
    return case.id


def test_every_change_keeps_both_deadlines(ws: Workspace, clock: FrozenClock) -> None:
    clock.set(local(2026, 11, 30, 17, 0))
    actor = resolve_actor(ws)
    case = add_case(ws, actor, case_number="S1", registered_on=date(2026, 9, 8),
                    channel="letter", subject="诉求")
    assert _stored(ws, "S1") == (None, None)
    case = advance(ws, actor, case.id, case.version, "transferred", date(2026, 9, 8))
    # Received Tue 09-08: 15 days -> 09-23 (a Wednesday), by hand.
    assert _stored(ws, "S1") == (date(2026, 9, 23), None)
    case = advance(ws, actor, case.id, case.version, "accepted", date(2026, 9, 10))
    # Accepted 09-10: 60 days -> 11-09 (a Monday).
    assert _stored(ws, "S1") == (date(2026, 9, 23), date(2026, 11, 9))
    case = extend(ws, actor, case.id, case.version, 30, date(2026, 11, 2), "情况复杂")
    # 09-10 + 90 days = 12-09 (a Wednesday).
    assert _stored(ws, "S1") == (date(2026, 9, 23), date(2026, 12, 9))
    advance(ws, actor, case.id, case.version, "replied", date(2026, 11, 20))
    # Replied: the deadlines stay, so the rates can judge the reply against them.
    assert _stored(ws, "S1") == (date(2026, 9, 23), date(2026, 12, 9))


def test_a_migrated_database_is_filled_at_its_first_start(
        ws: Workspace, config: Config, db_url: str, clock: FrozenClock) -> None:
    clock.set(local(2026, 11, 30, 17, 0))
    _replied(ws, "M1", date(2026, 9, 8), date(2026, 9, 10), date(2026, 11, 6))
    before = case_rates(ws, resolve_actor(ws), date(2026, 11, 1), date(2026, 11, 30))
    assert before.overall.on_time_completion.denominator == 1
    with ws.db.write() as session:  # as migration 0019 leaves it: columns empty, no stamp
        session.execute(text("UPDATE petition_case SET notice_due = NULL, handling_due = NULL"))
        session.execute(text("DELETE FROM meta WHERE key = 'step_deadlines'"))
    emptied = case_rates(ws, resolve_actor(ws), date(2026, 11, 1), date(2026, 11, 30))
    assert emptied.overall.on_time_completion.denominator == 0
    again = open_workspace(config, db_url, clock=clock, os_user=TEST_USER)
    try:
        assert _stored(again, "M1") == (date(2026, 9, 23), date(2026, 11, 9))
        after = case_rates(again, resolve_actor(again), date(2026, 11, 1), date(2026, 11, 30))
        assert after == before
    finally:
        again.db.dispose()


def test_new_rules_move_every_stored_deadline_at_the_next_start(
        ws: Workspace, config: Config, db_url: str, clock: FrozenClock) -> None:
    clock.set(local(2026, 11, 30, 17, 0))
    _replied(ws, "R1", date(2026, 9, 8), date(2026, 9, 10), date(2026, 11, 6))
    steps = dict(config.deadlines.steps)
    steps["handling"] = StepRule(30, steps["handling"].rule)
    shorter = replace(config, deadlines=replace(DeadlinesConfig(), steps=steps))
    again = open_workspace(shorter, db_url, clock=clock, os_user=TEST_USER)
    try:
        # Accepted 09-10 + 30 days = 10-10, a make-up Saturday (a working day): due that day.
        assert _stored(again, "R1") == (date(2026, 9, 23), date(2026, 10, 10))
        rates = case_rates(again, resolve_actor(again), date(2026, 10, 1), date(2026, 10, 31))
        # Now due in October and replied 11-06: late.
        assert (rates.overall.on_time_completion.numerator,
                rates.overall.on_time_completion.denominator) == (0, 1)
        with again.db.read() as session:
            record = session.exec(select(AuditRecord).where(
                col(AuditRecord.action) == "calendar.recompute")
                .order_by(col(AuditRecord.seq).desc())).first()
        assert record is not None and '"step_deadlines_changed": 1' in record.summary
    finally:
        again.db.dispose()


def test_a_loaded_year_moves_the_deadlines_of_replied_cases_too(
        ws: Workspace, clock: FrozenClock) -> None:
    clock.set(local(2026, 12, 10, 10, 0))
    # Accepted 12-10 and already replied: no open step counts through 2027 any more, but the
    # handling deadline the rates judge by does (+60 = 2027-02-08, in 春节).
    _replied(ws, "Y1", date(2026, 12, 10), date(2026, 12, 10), date(2026, 12, 10))
    assert _stored(ws, "Y1")[1] == date(2027, 2, 9)  # estimate: 02-09 could be worked
    load_table(ws, resolve_actor(ws), TABLE_2027)
    # The table's 春节 holiday runs 02-05..02-12: rolled to Monday 02-15.
    assert _stored(ws, "Y1")[1] == date(2027, 2, 15)


def test_a_day_the_calendar_cannot_count_keeps_what_was_stored(
        ws: Workspace, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch) -> None:
    """A broken year's table must not wipe the deadlines the rates judge by: the refresh
    leaves such a case as it was, like a single change does."""
    from helpdesk.cases import step_deadlines
    from helpdesk.errors import CalendarTableInvalid
    from helpdesk.services.workspace import change

    clock.set(local(2026, 11, 30, 17, 0))
    _replied(ws, "B1", date(2026, 9, 8), date(2026, 9, 10), date(2026, 11, 6))
    _replied(ws, "B2", date(2026, 9, 9), date(2026, 9, 11), date(2026, 11, 6))
    with ws.db.write() as session:  # both stale, as after a rules change
        session.execute(text("UPDATE petition_case SET notice_due = '2026-01-01'"))
    from helpdesk.cases.deadlines import step_deadline

    def refusing(calendar: object, rules: object, step: str, start: date) -> object:
        if start == date(2026, 9, 8):
            raise CalendarTableInvalid(2026, "broken")
        return step_deadline(calendar, rules, step, start)  # type: ignore[arg-type]

    monkeypatch.setattr(step_deadlines, "step_deadline", refusing)
    with change(ws, resolve_actor(ws)) as tx:
        assert step_deadlines.refresh_step_deadlines(ws, tx) == 1
    assert _stored(ws, "B1")[0] == date(2026, 1, 1)  # kept, not emptied
    assert _stored(ws, "B2")[0] == date(2026, 9, 24)  # received 09-09 + 15 days


def test_a_transfer_rule_change_reaches_the_stored_due_day_at_the_next_start(
        ws: Workspace, config: Config, db_url: str, clock: FrozenClock) -> None:
    """Issue 32: a change to `[deadlines] transfer` (not only accept_notice and handling) moves
    the stored due day of every case waiting on that step, in one audited recompute."""
    clock.set(local(2026, 11, 30, 17, 0))
    actor = resolve_actor(ws)
    case = add_case(ws, actor, case_number="T1", registered_on=date(2026, 11, 23),
                    channel="letter", subject="诉求")
    before = case.next_due
    steps = dict(config.deadlines.steps)
    steps["transfer"] = StepRule(steps["transfer"].days + 10, steps["transfer"].rule)
    longer = replace(config, deadlines=replace(DeadlinesConfig(), steps=steps))
    again = open_workspace(longer, db_url, clock=clock, os_user=TEST_USER)
    try:
        moved = get_case(again, resolve_actor(again), case.id)
        assert moved.next_step == "transfer" and before is not None
        assert moved.next_due is not None and moved.next_due > before
        with again.db.read() as session:
            actions = [r.action for r in session.exec(select(AuditRecord)).all()]
        assert actions.count("calendar.recompute") == 1
    finally:
        again.db.dispose()
