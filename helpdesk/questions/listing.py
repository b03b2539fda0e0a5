"""Listing questions: keyset pages, SLA-state counts and the search over them, as Core selects
(storage/core_tables.py) into plain rows; no ORM, so a `question list` starts in about half
the time. Changing a question is questions/actions.py."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import Select, and_, func, or_, select, tuple_

from helpdesk.actor import Actor
from helpdesk.errors import UsageError
from helpdesk.questions import search as question_search
from helpdesk.questions.sla import current_state, read_clock
from helpdesk.questions.views import Cursor, QuestionFilter, QuestionPage, QuestionRow
from helpdesk.roles import require
from helpdesk.services.workspace import Workspace
from helpdesk.storage.core_tables import question, sla_breach, staff, unit
from helpdesk.vocab import OPEN_STATUSES

# What a list row needs, read as plain columns (no ORM object, no description text), in the
# order `listed` unpacks them.
ROW_NAMES = ("id", "number", "received_at", "title", "status", "category", "priority",
             "channel", "asker_name", "version", "first_response_at", "response_due_at",
             "response_risk_at", "resolved_at", "resolve_due_at", "resolve_risk_at",
             "resolve_paused_seconds")
ROW_COLUMNS = tuple(question.c[name] for name in ROW_NAMES)


def targets(ws: Workspace, category: str, priority: str) -> tuple[timedelta, timedelta]:
    target = ws.config.sla.targets[category][priority]
    return timedelta(hours=target.response_hours), timedelta(hours=target.resolve_hours)


def listed(ws: Workspace, now: datetime, values: Sequence[Any], unit_name: str,
           assignee: str) -> QuestionRow:
    """A row of ROW_COLUMNS with its SLA readings (positional: a page reads 100 at once)."""
    (question_id, number, received_at, title, status, category, priority, channel, asker,
     version, responded_at, response_due, response_risk, resolved_at, resolve_due,
     resolve_risk, paused) = values[:len(ROW_NAMES)]
    response_target, resolve_target = targets(ws, category, priority)
    response = read_clock(ws.hours, now=now, target=response_target, done_at=responded_at,
                          due_at=response_due, risk_at=response_risk, paused_remaining=None)
    resolution = read_clock(
        ws.hours, now=now, target=resolve_target, done_at=resolved_at, due_at=resolve_due,
        risk_at=resolve_risk,
        paused_remaining=timedelta(seconds=paused) if paused is not None else None)
    return QuestionRow(
        question_id, number, received_at, title, status, category, priority, channel,
        unit_name, asker, assignee, response, resolution,
        current_state(response.state, resolution.state), version)


@cache
def _page_query() -> Select[*tuple[Any, ...]]:
    """A list page's columns and joins, built once (a statement is immutable; each page adds
    its filters and order to a copy)."""
    return select(*ROW_COLUMNS, unit.c.name.label("unit_name"),
                  staff.c.name.label("assignee_name")).select_from(
        question.join(unit, unit.c.id == question.c.unit_id, isouter=True)
        .join(staff, staff.c.id == question.c.assignee_id, isouter=True))


def list_questions(ws: Workspace, actor: Actor, filters: QuestionFilter | None = None,
                   after: Cursor | None = None, limit: int = 100) -> QuestionPage:
    """One keyset page. Newest first, or (sort="due") the soonest resolution deadline first."""
    require(actor.role, "read", actor.login)
    filters = filters or QuestionFilter()
    now = ws.now()
    columns = question.c
    query = _page_query()
    if filters.statuses:
        query = query.where(columns.status.in_(filters.statuses))
    if filters.category:
        query = query.where(columns.category == filters.category)
    if filters.unit_id is not None:
        query = query.where(columns.unit_id == filters.unit_id)
    if filters.assignee:
        query = query.where(staff.c.login == filters.assignee)
    if filters.sla_state:
        query = query.where(sla_condition(filters.sla_state, now))
    if filters.due_within is not None:
        horizon = ws.hours.add(now, filters.due_within).end
        query = query.where(columns.status.in_(OPEN_STATUSES), or_(
            and_(columns.first_response_at.is_(None), columns.response_due_at <= horizon),
            columns.resolve_due_at <= horizon))
    if filters.search.strip():
        query = query.where(question_search.condition(ws, filters.search))
    if filters.sort == "due":
        key_column = columns.resolve_due_at
        # `resolved_at IS NULL` lets SQLite use the partial index of running clocks.
        query = query.where(key_column.is_not(None), columns.resolved_at.is_(None))
        if after is not None:
            query = query.where(tuple_(key_column, columns.id) > tuple_(after.key, after.id))
        query = query.order_by(key_column, columns.id)
    else:
        key_column = columns.received_at
        if after is not None:
            query = query.where(tuple_(key_column, columns.id) < tuple_(after.key, after.id))
        query = query.order_by(key_column.desc(), columns.id.desc())
    with ws.db.snapshot() as connection:
        results = connection.execute(query.limit(limit)).all()
    rows = [listed(ws, now, row, row.unit_name or "", row.assignee_name or "")
            for row in results]
    cursor = None
    if len(results) == limit:
        last = rows[-1]
        key = results[-1].resolve_due_at if filters.sort == "due" else last.received_at
        cursor = Cursor(key, last.id)
    return QuestionPage(rows, cursor)


def sla_condition(state: str, now: datetime) -> Any:
    """SQL for the state of the clock that runs now. Every comparison is NULL-safe: a NULL
    deadline (a paused clock) must not turn NOT(...) into NULL and hide the row."""
    columns = question.c

    def passed(column: Any) -> Any:
        return and_(column.is_not(None), column <= now)

    response_open = columns.first_response_at.is_(None)
    resolve_open = columns.resolved_at.is_(None)
    is_open = columns.status.in_(OPEN_STATUSES)
    breached = or_(and_(response_open, passed(columns.response_due_at)),
                   and_(resolve_open, passed(columns.resolve_due_at)))
    at_risk = or_(and_(response_open, passed(columns.response_risk_at)),
                  and_(resolve_open, passed(columns.resolve_risk_at)))
    paused = and_(~response_open, resolve_open, columns.resolve_due_at.is_(None))
    conditions = {
        "breached": and_(is_open, breached),
        "at_risk": and_(is_open, ~breached, at_risk),
        "paused": and_(is_open, ~breached, paused),
        "on_track": and_(is_open, ~breached, ~at_risk, ~paused),
    }
    if state not in conditions:
        raise UsageError("err.questions.sla_state", state=state, conditions=', '.join(conditions))
    return conditions[state]


def count_by_sla(ws: Workspace, actor: Actor) -> dict[str, int]:
    """Open questions per SLA state, counted in SQL."""

    require(actor.role, "read", actor.login)
    now = ws.now()
    with ws.db.snapshot() as connection:
        return {state: int(connection.execute(select(func.count()).select_from(question).where(
            sla_condition(state, now))).scalar_one())
            for state in ("breached", "at_risk", "on_track", "paused")}


def _not_recorded(clock: str) -> Any:
    return ~select(sla_breach.c.id).where(sla_breach.c.question_id == question.c.id,
                                          sla_breach.c.clock == clock).exists()


def unrecorded_breaches(ws: Workspace, limit: int = 5000) -> list[int]:
    """Open questions whose clock ran out with no breach recorded yet (questions/actions.py
    sweep_breaches records them): a read, so that a list with nothing to record writes
    nothing and loads no ORM."""
    now = ws.now()
    columns = question.c
    with ws.db.snapshot() as connection:
        return list(connection.execute(select(columns.id).where(
            columns.status.in_(OPEN_STATUSES),
            or_(and_(columns.first_response_at.is_(None), columns.response_due_at < now,
                     _not_recorded("response")),
                and_(columns.resolved_at.is_(None), columns.resolve_due_at < now,
                     _not_recorded("resolution"))),
        ).limit(limit)).scalars())
