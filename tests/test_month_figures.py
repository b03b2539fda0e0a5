"""Stored SLA figures of ended months (the ledger's): counted once, read back; a question
changed inside a stored month, or a clock of it running out, counts it again; a change racing the
count keeps it from being stored (SQLite, and PostgreSQL when HELPDESK_TEST_PG_URL is set)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlmodel import select

from helpdesk.app.opening import open_workspace
from helpdesk.clock import FrozenClock
from helpdesk.config import Config
from helpdesk.contract import month_figures
from helpdesk.contract.figure_models import MonthFigure
from helpdesk.contract.month_figures import Span, sla_by_month
from helpdesk.questions.actions import add_question, get_question, resolve
from helpdesk.reports.figures import SlaCounts
from helpdesk.reports.gather import sla_counts
from helpdesk.services.workspace import Workspace, resolve_actor
from tests.conftest import TEST_USER, local

JULY = (local(2026, 7, 1), local(2026, 8, 1))
AUGUST = (local(2026, 8, 1), local(2026, 9, 1))
OCTOBER = (local(2026, 10, 1), local(2026, 11, 1))  # still running on 2026-10-10


def _live(ws: Workspace, spans: list[Span], now: datetime) -> list[SlaCounts]:
    with ws.db.read() as session:
        return [sla_counts(session, start, end, now) for start, end in spans]


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[Span]:
    """The spans the service counts (rather than reads back)."""
    spans: list[Span] = []

    def counting(session: Any, start: datetime, end: datetime, now: datetime) -> SlaCounts:
        spans.append((start, end))
        return sla_counts(session, start, end, now)

    monkeypatch.setattr(month_figures, "sla_counts", counting)
    return spans


def _question(ws: Workspace, received: datetime) -> int:
    return add_question(ws, resolve_actor(ws), title="打印机脱机", category="desktop",
                        received_at=received).id


def test_ended_months_are_counted_once_then_read_back(ws: Workspace, clock: FrozenClock,
                                                      counted: list[Span]) -> None:
    for received in (local(2026, 7, 6, 10), local(2026, 8, 3, 9), local(2026, 8, 20, 15),
                     local(2026, 10, 9, 10)):
        _question(ws, received)
    spans = [JULY, AUGUST, OCTOBER]
    now = clock.now()
    assert sla_by_month(ws, spans, now) == _live(ws, spans, now)
    assert counted == spans
    counted.clear()
    again = sla_by_month(ws, spans, now)
    assert again == _live(ws, spans, now) and counted == [OCTOBER]  # the running month only
    assert [counts.questions for counts in again] == [1, 2, 1]


def test_a_question_changed_in_a_stored_month_counts_it_again(
        ws: Workspace, clock: FrozenClock, counted: list[Span]) -> None:
    """Resolved late, or backdated into the month by an import: the trigger marks the month in
    the same transaction, whatever code changed the row."""
    july = _question(ws, local(2026, 7, 6, 10))
    now = clock.now()
    sla_by_month(ws, [JULY, AUGUST], now)
    resolve(ws, resolve_actor(ws), july, None, answer="已重启打印服务")
    _question(ws, local(2026, 8, 31, 23, 59))
    counted.clear()
    figures = sla_by_month(ws, [JULY, AUGUST], now)
    assert counted == [JULY, AUGUST]
    assert figures == _live(ws, [JULY, AUGUST], now)
    assert figures[0].resolution_total == 1 and figures[1].questions == 1


def test_a_clock_running_out_unrecorded_counts_the_month_again(
        ws: Workspace, clock: FrozenClock, counted: list[Span]) -> None:
    """No row changes when an unanswered question's response time runs out, but it now counts
    as late: the stored figure holds only until then."""
    clock.set(local(2026, 9, 30, 16, 0))
    question = _question(ws, local(2026, 9, 30, 15, 59))
    span = (local(2026, 9, 1), clock.now())
    sla_by_month(ws, [span], clock.now())
    due = get_question(ws, resolve_actor(ws), question).row.response.due_at
    assert due is not None and due > clock.now()
    with ws.db.read() as session:
        stored = session.exec(select(MonthFigure)).one()
    assert stored.valid_until == due
    counted.clear()
    before = sla_by_month(ws, [span], due - timedelta(minutes=1))
    assert counted == [] and before[0].response_total == 0
    after = sla_by_month(ws, [span], due + timedelta(minutes=1))
    assert counted == [span] and after[0].response_total == 1
    assert after == _live(ws, [span], due + timedelta(minutes=1))


def test_a_change_racing_the_count_keeps_the_month_from_being_stored(
        ws: Workspace, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another console adds a July question while this one counts July: what was counted may
    miss it, so it is not kept; the next look counts again and sees it."""
    _question(ws, local(2026, 7, 6, 10))
    now = clock.now()

    def racing(session: Any, start: datetime, end: datetime, at: datetime) -> SlaCounts:
        figures = sla_counts(session, start, end, at)
        _question(ws, local(2026, 7, 20, 10))  # committed meanwhile, in its own transaction
        return figures

    monkeypatch.setattr(month_figures, "sla_counts", racing)
    sla_by_month(ws, [JULY], now)
    with ws.db.read() as session:
        row = session.exec(select(MonthFigure)).one()
    assert row.stale > 0 and row.body == ""
    monkeypatch.setattr(month_figures, "sla_counts", sla_counts)
    assert sla_by_month(ws, [JULY], now)[0].questions == 2


def test_a_second_console_counting_the_same_month_takes_it_over(
        ws: Workspace, clock: FrozenClock, config: Config, db_url: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """This console counts July; a question is added to July; a second console then begins
    counting July too (its row reset) and stores what it saw. This console's older count must
    not overwrite it."""
    _question(ws, local(2026, 7, 6, 10))
    now = clock.now()
    other = open_workspace(config, db_url, clock=clock, os_user=TEST_USER)
    raced: list[bool] = []

    def racing(session: Any, start: datetime, end: datetime, at: datetime) -> SlaCounts:
        figures = sla_counts(session, start, end, at)
        if not raced:
            raced.append(True)
            _question(ws, local(2026, 7, 20, 10))
            assert sla_by_month(other, [JULY], now)[0].questions == 2
        return figures

    monkeypatch.setattr(month_figures, "sla_counts", racing)
    try:
        assert sla_by_month(ws, [JULY], now)[0].questions == 1  # what it counted, not kept
    finally:
        other.db.dispose()
    monkeypatch.setattr(month_figures, "sla_counts", sla_counts)
    assert sla_by_month(ws, [JULY], now)[0].questions == 2
