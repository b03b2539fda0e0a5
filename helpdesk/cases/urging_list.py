"""The daily urging worklist (催办清单), read: derived for a working day from the tracked cases
(statutory steps due within the configured number of working days or overdue, replied cases
whose petitioner has not rated yet, return-visit forms not back), as Core selects with no ORM
(a `case urging` is mostly its start-up). A recorded urging hides its case until the agreed
next check, unless the deadline comes first (the due day itself lists it). Nothing is urged
on a rest day. Recording an urging is cases/urging.py."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Row, Select, and_, case, func, literal, or_, select

from helpdesk.actor import Actor
from helpdesk.cases.worklist_cache import (
    MOST_CHANGED,
    RECOMPUTE,
    DayList,
    WorklistMemo,
    urgency,
)
from helpdesk.roles import require
from helpdesk.services.audit_memo import audit_head, changes_after
from helpdesk.services.workspace import Workspace
from helpdesk.storage.core_tables import petition_case, unit, urging


@dataclass(frozen=True)
class UrgingItem:
    case_id: int
    case_number: str
    unit: str
    step: str  # a statutory step (the objection window too), or "rating" / "revisit"
    due: date | None  # the earliest possible day while provisional: urging acts on it
    workdays_left: int | None  # negative when overdue
    supervised: bool
    extended: bool
    provisional: bool = False  # the deadline reaches a year whose schedule is unpublished
    expected: date | None = None  # then: the day the statutory holidays alone give
    urged_today: bool = False  # an urging was recorded today (an overdue case stays listed)


def _workdays_left(ws: Workspace, on: date, due: date) -> int:
    if due >= on:
        return ws.calendar.working_days_between(date.fromordinal(on.toordinal() + 1), due)
    return -ws.calendar.working_days_between(date.fromordinal(due.toordinal() + 1), on)


@dataclass(frozen=True)
class Worklist:
    items: list[UrgingItem]  # the most urgent first, at most `limit`
    total: int  # every item due today, before the cut
    truncated: bool
    overdue: int = 0  # of the total: past their due day
    supervised: int = 0  # of the total: 督办 cases


def worklist(ws: Workspace, actor: Actor, on: date, limit: int = 2000) -> list[UrgingItem]:
    return urging_worklist(ws, actor, on, limit).items


def urging_worklist(ws: Workspace, actor: Actor, on: date, limit: int = 2000) -> Worklist:
    """The day's worklist in urgency order, decided in SQL before the cut: the step due
    soonest (overdue first), supervised cases first among equals, then unit and number; the
    rating and return-visit reminders (no deadline) after them. A recorded urging hides its
    case until the agreed check unless the deadline has passed.

    Kept for the day in this process and brought up to date from the audit feed
    (helpdesk.cases.worklist_cache): asking again with nothing changed costs one query."""
    require(actor.role, "read", actor.login)
    if not ws.calendar.is_working_day(on):
        return Worklist([], 0, False)
    memo = ws.memo.setdefault("worklist", WorklistMemo[UrgingItem]())
    assert isinstance(memo, WorklistMemo)
    identity = (ws.config, ws.calendar)
    with memo.lock:
        kept = memo.current
        if kept is None or (kept.day, kept.limit) != (on, limit) or any(
                a is not b for a, b in zip(kept.identity, identity, strict=True)) \
                or not _caught_up(ws, on, kept):
            kept = memo.current = _computed(ws, on, limit, identity)
        return Worklist(kept.shown, len(kept.candidates), len(kept.candidates) > limit,
                        len(kept.overdue), len(kept.supervised))


def _caught_up(ws: Workspace, on: date, kept: DayList[UrgingItem]) -> bool:
    """Bring the kept list up to the audit feed's head; False when only recomputing can."""
    changes = changes_after(ws, kept.head, MOST_CHANGED)
    if changes is None:
        return False
    head, changed = changes
    if any(entity in RECOMPUTE for entity, _id in changed):
        return False
    touched = [entity_id for entity, entity_id in changed if entity == "petition_case"]
    if not all(entity_id.isdigit() for entity_id in touched):
        return False  # an import: many cases under one record
    case_ids = sorted({int(entity_id) for entity_id in touched})
    if case_ids:
        query, _ids = _worklist_queries(ws, on)
        with ws.db.snapshot() as connection:
            rows = connection.execute(query.where(petition_case.c.id.in_(case_ids))).all()
        if not kept.replace(case_ids, _items(ws, on, rows)):
            return False
    kept.head = head
    return True


def _computed(ws: Workspace, on: date, limit: int, identity: tuple[object, ...]
              ) -> DayList[UrgingItem]:
    query, candidates = _worklist_queries(ws, on)
    # The feed's head is read first: a change committed meanwhile is looked at again.
    kept: DayList[UrgingItem] = DayList(on, identity, limit, audit_head(ws))
    with ws.db.snapshot() as connection:
        rows = connection.execute(query.limit(kept.capacity)).all()
        listed = connection.execute(candidates)
        kept.fill(listed.cursor.fetchall())  # the driver's tuples: no Row for each of 85,000
        listed.close()
    kept.kept = [(urgency(item), item) for item in _items(ws, on, rows)]
    return kept


def _items(ws: Workspace, on: date, rows: Sequence[Row[Any]]) -> list[UrgingItem]:
    items = []
    for row in rows:
        shown = _day(row.due)
        provisional = bool(row.due_provisional) and row.step == row.next_step
        items.append(UrgingItem(
            row.id, row.case_number, row.name or "", row.step, shown,
            _workdays_left(ws, on, shown) if shown else None, bool(row.supervised),
            bool(row.extension_days), provisional,
            _day(row.next_due_expected) if provisional else None, bool(row.urged_today)))
    return items


def _worklist_queries(ws: Workspace, on: date
                      ) -> tuple[Select[*tuple[Any, ...]], Select[int | None, bool, bool]]:
    """The day's listed cases in urgency order, and their ids (with whether each is overdue
    and supervised, for the counts)."""
    soon = ws.config.cases.due_soon_workdays
    # In an unpublished year the expected count is the later one: look that far rather than
    # miss a deadline that make-up days could bring forward.
    horizon = ws.calendar.add_working_days(on, soon).expected_day if soon else on
    settings = ws.config.cases
    c = petition_case.c
    last_check = select(urging.c.case_id, func.max(urging.c.next_check).label("next_check"),
                        func.max(urging.c.at).label("last_at")) \
        .group_by(urging.c.case_id).subquery()
    day_start = datetime.combine(on, time(0), ws.hours.zone).astimezone(UTC)
    urged_today = func.coalesce(last_check.c.last_at >= day_start, False)
    objection = (c.stage == "transferred") & (c.objection_due >= on) \
        & (c.objection_due <= horizon)
    statutory = c.next_due <= horizon
    wanted = [statutory, objection]
    rating = (c.stage == "replied") & (c.rating != "expired") \
        & (c.replied_on >= on - timedelta(days=settings.rating_window_days))
    if settings.urge_rating:
        wanted.append(rating)
    if settings.urge_revisit:
        wanted.append(c.stage.in_(("replied", "rated"))
                      & (c.revisit_status != "returned")
                      & (c.replied_on >= on - timedelta(days=settings.revisit_window_days)))
    # The step shown and its due day: the objection window when it closes first.
    objection_first = objection & (c.next_due.is_(None)
                                   | (c.objection_due <= c.next_due))
    due = case((objection_first, c.objection_due), (statutory, c.next_due),
               else_=None)
    reminder = [(rating, literal("rating"))] if settings.urge_rating else []
    step = case((objection_first, literal("objection")), (statutory, c.next_step),
                *reminder, else_=literal("revisit"))
    overdue = c.next_due < on
    # An urging hides its case until the agreed check, but never on or past its due day: a
    # case is on the list the day its deadline falls, urged earlier or not.
    due_now = c.next_due <= on
    visible = and_(c.stage != "closed", or_(*wanted), or_(
        last_check.c.next_check.is_(None), last_check.c.next_check <= on, due_now))
    # Read from the driver as they are (0/1 on SQLite; an objection window listed is never
    # past, so overdue is the statutory step's).
    ids = select(c.id, func.coalesce(overdue, False), c.supervised) \
        .select_from(petition_case.join(last_check, last_check.c.case_id == c.id,
                                        isouter=True)).where(visible)
    # Names and numbers compare code point by code point, as worklist_cache.urgency does.
    bytewise = ws.db.engine.dialect.name == "postgresql"
    unit_name = func.coalesce(unit.c.name, "")
    number = c.case_number
    query = (
        select(c.id, c.case_number, unit.c.name, c.next_step, c.supervised, c.extension_days,
               c.due_provisional, c.next_due_expected,
               due.label("due"), step.label("step"), urged_today.label("urged_today"))
        .select_from(petition_case.join(unit, unit.c.id == c.unit_id, isouter=True)
                     .join(last_check, last_check.c.case_id == c.id, isouter=True))
        .where(visible)
        .order_by(due.is_(None), due, c.supervised.desc(),
                  unit_name.collate("C") if bytewise else unit_name,
                  number.collate("C") if bytewise else number, c.id)
    )
    return query, ids


def _day(value: object) -> date | None:
    """A date column as read through a CASE (SQLite hands back text there)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
