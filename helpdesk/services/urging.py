"""The daily urging worklist (催办清单) and the urging log that is its evidence.

Derived for a working day from the tracked cases: statutory steps due within the configured
number of working days or overdue, replied cases whose petitioner has not rated yet, and
return-visit forms not back. A recorded urging hides its case until the agreed next check, unless
the deadline passes first. Nothing is urged on a rest day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import and_, case, func, literal, or_
from sqlalchemy import select as select_columns
from sqlmodel import col, select

from helpdesk.actor import Actor
from helpdesk.errors import NotFound, UsageError
from helpdesk.roles import require
from helpdesk.services.workspace import Workspace, change
from helpdesk.storage.case_models import PetitionCase, Urging
from helpdesk.storage.models import Unit
from helpdesk.text import clean

URGING_METHODS = ("phone", "system", "written")


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


def worklist(ws: Workspace, actor: Actor, on: date, limit: int = 2000) -> list[UrgingItem]:
    return urging_worklist(ws, actor, on, limit).items


def urging_worklist(ws: Workspace, actor: Actor, on: date, limit: int = 2000) -> Worklist:
    """The day's worklist in urgency order, decided in SQL before the cut: the step due
    soonest (overdue first), supervised cases first among equals, then unit and number; the
    rating and return-visit reminders (no deadline) after them. A recorded urging hides its
    case until the agreed check unless the deadline has passed."""
    require(actor.role, "read", actor.login)
    if not ws.calendar.is_working_day(on):
        return Worklist([], 0, False)
    soon = ws.config.cases.due_soon_workdays
    # In an unpublished year the expected count is the later one: look that far rather than
    # miss a deadline that make-up days could bring forward.
    horizon = ws.calendar.add_working_days(on, soon).expected_day if soon else on
    settings = ws.config.cases
    c = PetitionCase
    last_check = select(Urging.case_id, func.max(Urging.next_check).label("next_check"),
                        func.max(Urging.at).label("last_at")) \
        .group_by(col(Urging.case_id)).subquery()
    day_start = datetime.combine(on, time(0), ws.hours.zone).astimezone(UTC)
    urged_today = func.coalesce(last_check.c.last_at >= day_start, False)
    objection = (col(c.stage) == "transferred") & (col(c.objection_due) >= on) \
        & (col(c.objection_due) <= horizon)
    statutory = col(c.next_due) <= horizon
    wanted = [statutory, objection]
    rating = (col(c.stage) == "replied") & (col(c.rating) != "expired") \
        & (col(c.replied_on) >= on - timedelta(days=settings.rating_window_days))
    if settings.urge_rating:
        wanted.append(rating)
    if settings.urge_revisit:
        wanted.append(col(c.stage).in_(("replied", "rated"))
                      & (col(c.revisit_status) != "returned")
                      & (col(c.replied_on) >= on - timedelta(days=settings.revisit_window_days)))
    # The step shown and its due day: the objection window when it closes first.
    objection_first = objection & (col(c.next_due).is_(None)
                                   | (col(c.objection_due) <= col(c.next_due)))
    due = case((objection_first, col(c.objection_due)), (statutory, col(c.next_due)),
               else_=None)
    reminder = [(rating, literal("rating"))] if settings.urge_rating else []
    step = case((objection_first, literal("objection")), (statutory, col(c.next_step)),
                *reminder, else_=literal("revisit"))
    overdue = col(c.next_due) < on
    visible = and_(col(c.stage) != "closed", or_(*wanted), or_(
        last_check.c.next_check.is_(None), last_check.c.next_check <= on, overdue))
    base = select(c.id).join(last_check, last_check.c.case_id == c.id, isouter=True) \
        .where(visible)
    query = (
        select_columns(*map(col, (c.id, c.case_number, Unit.name, c.next_step, c.supervised,
                                  c.extension_days, c.due_provisional, c.next_due_expected)),
                       due.label("due"), step.label("step"), urged_today.label("urged_today"))
        .join(Unit, col(Unit.id) == col(c.unit_id), isouter=True)
        .join(last_check, last_check.c.case_id == c.id, isouter=True)
        .where(visible)
        .order_by(due.is_(None), due, col(c.supervised).desc(), func.coalesce(Unit.name, ""),
                  col(c.case_number))
        .limit(limit + 1)
    )
    items: list[UrgingItem] = []
    with ws.db.read() as session:
        rows = session.execute(query).all()
        truncated = len(rows) > limit
        total = len(rows) if not truncated else int(session.execute(
            select(func.count()).select_from(base.subquery())).scalar_one())
    for row in rows[:limit]:
        shown = _day(row.due)
        provisional = bool(row.due_provisional) and row.step == row.next_step
        items.append(UrgingItem(
            row.id, row.case_number, row.name or "", row.step, shown,
            _workdays_left(ws, on, shown) if shown else None, bool(row.supervised),
            bool(row.extension_days), provisional,
            _day(row.next_due_expected) if provisional else None, bool(row.urged_today)))
    return Worklist(items, total, truncated)


def _day(value: object) -> date | None:
    """A date column as read through a CASE (SQLite hands back text there)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def record_urging(ws: Workspace, actor: Actor, case_id: int, *, step: str, method: str,
                  contact: str, agreed: str, next_check: date) -> None:
    """Evidence of one urging: whom, how, what was promised, when to check again."""
    if method not in URGING_METHODS:
        raise UsageError("urging.method_invalid", method=method,
                           methods=", ".join(URGING_METHODS))
    today = ws.now().astimezone(ws.hours.zone).date()
    if next_check <= today or not ws.calendar.is_working_day(next_check):
        raise UsageError("urging.next_check_invalid")
    with change(ws, actor) as tx:
        case = tx.session.get(PetitionCase, case_id)
        if case is None:
            raise NotFound("err.cases.not_found", case_id=case_id)
        tx.session.add(Urging(case_id=case_id, at=tx.now, actor=actor.login,
                              step=clean(step, single_line=True, max_length=24),
                              contact=clean(contact, single_line=True, max_length=64),
                              method=method, agreed=clean(agreed, max_length=2000),
                              next_check=next_check))
        tx.record("case.urge", "petition_case", case_id,
                  after={"step": step, "method": method, "next_check": next_check.isoformat()})


def record_nothing_due(ws: Workspace, actor: Actor, note: str = "") -> date:
    """Today's worklist was looked at and holds nothing to urge (今日无需催办): the evidence for
    a working day without an urging. Refused while the worklist has items."""
    from helpdesk.storage.case_models import WorklistDay

    today = ws.now().astimezone(ws.hours.zone).date()
    if not ws.calendar.is_working_day(today):
        raise UsageError("err.urging.rest_day", day=today)
    pending = urging_worklist(ws, actor, today, 1).total
    if pending:
        raise UsageError("err.urging.not_empty", count=pending)
    with change(ws, actor) as tx:
        if tx.session.get(WorklistDay, today) is not None:
            raise UsageError("err.urging.already_recorded", day=today)
        tx.session.add(WorklistDay(day=today, note=clean(note, single_line=True,
                                                         max_length=200),
                                   recorded_by=actor.login, recorded_at=tx.now))
        tx.record("worklist.nothing_due", "worklist_day", today.isoformat(),
                  after={"note": note[:200]})
    return today
