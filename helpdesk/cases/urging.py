"""The urging log that is the daily worklist's evidence (cases/urging_list.py reads the
worklist): an urging recorded, or a working day recorded as having nothing to urge."""

from __future__ import annotations

from datetime import date

from helpdesk.actor import Actor
from helpdesk.cases.models import PetitionCase, Urging, WorklistDay
from helpdesk.cases.urging_list import urging_worklist
from helpdesk.errors import NotFound, UsageError
from helpdesk.services.workspace import Workspace, change
from helpdesk.text import clean

URGING_METHODS = ("phone", "system", "written")


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
