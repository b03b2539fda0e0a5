"""The daily urging worklist (催办清单) and the urging log that is its evidence.

Derived for a working day from the tracked cases: statutory steps due within the configured
number of working days or overdue, replied cases whose petitioner has not rated yet, and
return-visit forms not back. A recorded urging hides its case until the agreed next check, unless
the deadline passes first. Nothing is urged on a rest day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, or_
from sqlmodel import col, select

from helpdesk.actor import Actor
from helpdesk.errors import NotFound, UsageError
from helpdesk.i18n import t
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


def _workdays_left(ws: Workspace, on: date, due: date) -> int:
    if due >= on:
        return ws.calendar.working_days_between(date.fromordinal(on.toordinal() + 1), due)
    return -ws.calendar.working_days_between(date.fromordinal(due.toordinal() + 1), on)


def worklist(ws: Workspace, actor: Actor, on: date, limit: int = 2000) -> list[UrgingItem]:
    require(actor.role, "read", actor.login)
    if not ws.calendar.is_working_day(on):
        return []
    soon = ws.config.cases.due_soon_workdays
    # In an unpublished year the expected count is the later one: look that far rather than
    # miss a deadline that make-up days could bring forward.
    horizon = ws.calendar.add_working_days(on, soon).expected_day if soon else on
    last_check = select(Urging.case_id, func.max(Urging.next_check).label("next_check")) \
        .group_by(col(Urging.case_id)).subquery()
    settings = ws.config.cases
    wanted = [col(PetitionCase.next_due) <= horizon,
              (col(PetitionCase.stage) == "transferred")
              & (col(PetitionCase.objection_due) >= on)
              & (col(PetitionCase.objection_due) <= horizon)]
    if settings.urge_rating:
        wanted.append((col(PetitionCase.stage) == "replied")
                      & (col(PetitionCase.rating) != "expired")
                      & (col(PetitionCase.replied_on)
                         >= on - timedelta(days=settings.rating_window_days)))
    if settings.urge_revisit:
        wanted.append(col(PetitionCase.stage).in_(("replied", "rated"))
                      & (col(PetitionCase.revisit_status) != "returned")
                      & (col(PetitionCase.replied_on)
                         >= on - timedelta(days=settings.revisit_window_days)))
    query = (
        select(PetitionCase, Unit.name, last_check.c.next_check)
        .join(Unit, col(Unit.id) == col(PetitionCase.unit_id), isouter=True)
        .join(last_check, last_check.c.case_id == PetitionCase.id, isouter=True)
        .where(col(PetitionCase.stage) != "closed", or_(*wanted))
        .limit(limit)
    )
    items: list[UrgingItem] = []
    with ws.db.read() as session:
        for case, unit, next_check in session.exec(query).all():
            assert case.id is not None
            overdue = case.next_due is not None and case.next_due < on
            if next_check is not None and next_check > on and not overdue:
                continue  # hidden until the agreed check, unless the deadline passed
            objection = case.objection_due if case.stage == "transferred" else None
            if objection is not None and on <= objection <= horizon and (
                    case.next_due is None or objection <= case.next_due):
                step, due = "objection", objection
            elif case.next_step and case.next_due is not None and case.next_due <= horizon:
                step, due = case.next_step, case.next_due
            elif case.stage == "replied" and settings.urge_rating and case.replied_on and \
                    case.rating != "expired" and \
                    case.replied_on >= on - timedelta(days=settings.rating_window_days):
                step, due = "rating", None
            else:
                step, due = "revisit", None
            provisional = case.due_provisional and step == case.next_step
            items.append(UrgingItem(
                case.id, case.case_number, unit or "", step, due,
                _workdays_left(ws, on, due) if due else None,
                case.supervised, bool(case.extension_days), provisional,
                case.next_due_expected if provisional else None))
    items.sort(key=lambda i: (i.workdays_left is None, i.workdays_left or 0, not i.supervised,
                              i.unit, i.case_number))
    return items


def record_urging(ws: Workspace, actor: Actor, case_id: int, *, step: str, method: str,
                  contact: str, agreed: str, next_check: date) -> None:
    """Evidence of one urging: whom, how, what was promised, when to check again."""
    if method not in URGING_METHODS:
        raise UsageError(t("urging.method_invalid", method=method,
                           methods=", ".join(URGING_METHODS)))
    today = ws.now().astimezone(ws.hours.zone).date()
    if next_check <= today or not ws.calendar.is_working_day(next_check):
        raise UsageError(t("urging.next_check_invalid"))
    with change(ws, actor) as tx:
        case = tx.session.get(PetitionCase, case_id)
        if case is None:
            raise NotFound(f"no case {case_id}")
        tx.session.add(Urging(case_id=case_id, at=tx.now, actor=actor.login,
                              step=clean(step, single_line=True, max_length=24),
                              contact=clean(contact, single_line=True, max_length=64),
                              method=method, agreed=clean(agreed, max_length=2000),
                              next_check=next_check))
        tx.record("case.urge", "petition_case", case_id,
                  after={"step": step, "method": method, "next_check": next_check.isoformat()})
