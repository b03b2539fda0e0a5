"""Leave (请假): requested by anyone who writes, approved or rejected by a manager. Approval is
never refused for the gap it makes (the leave is a fact), but the gaps are returned so the
manager sees them at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import col, select

from helpdesk.actor import Actor
from helpdesk.errors import NotFound, StaleEdit, UsageError
from helpdesk.i18n import t
from helpdesk.roles import can, require
from helpdesk.roster.actions import coverage_gaps
from helpdesk.roster.coverage import Gap
from helpdesk.roster.models import Leave
from helpdesk.roster.people import find_person
from helpdesk.roster.slots import LEAVE_PARTS
from helpdesk.services.workspace import Workspace, change
from helpdesk.storage.models import Staff
from helpdesk.text import clean

LEAVE_STATUSES = ("requested", "approved", "rejected", "cancelled")


@dataclass(frozen=True)
class LeaveView:
    id: int
    login: str
    name: str
    start: date
    end: date
    part: str
    reason: str
    status: str
    requested_by: str
    decided_by: str
    decided_at: datetime | None
    version: int


@dataclass(frozen=True)
class LeaveResult:
    leave: LeaveView
    gaps: tuple[Gap, ...]  # office hours the approved leave leaves uncovered


def _view(leave: Leave, staff: Staff) -> LeaveView:
    assert leave.id is not None
    return LeaveView(leave.id, staff.login, staff.name, leave.start_on, leave.end_on, leave.part,
                     leave.reason, leave.status, leave.requested_by, leave.decided_by,
                     leave.decided_at, leave.version)


def request_leave(ws: Workspace, actor: Actor, login: str, start: date, end: date, *,
                  part: str = "full", reason: str = "", approve: bool = False) -> LeaveResult:
    """Record a leave. A manager may approve it in the same step (`approve`)."""
    if part not in LEAVE_PARTS:
        raise UsageError("err.leave.part", part=part, leave_parts=', '.join(LEAVE_PARTS))
    if end < start:
        raise UsageError("err.leave.backwards", end=end, start=start)
    if part != "full" and start != end:
        raise UsageError("err.leave.half_day_one_day")
    if approve:
        require(actor.role, "manage_roster", actor.login)
    with change(ws, actor) as tx:
        staff = find_person(tx.session, login)  # a login, a name or pinyin initials
        if staff.login != actor.login and not can(actor.role, "manage_roster"):
            raise UsageError("err.leave.own_only")
        assert staff.id is not None
        overlap = tx.session.exec(select(Leave).where(
            col(Leave.staff_id) == staff.id, col(Leave.status).in_(("requested", "approved")),
            col(Leave.start_on) <= end, col(Leave.end_on) >= start)).first()
        if overlap is not None and (overlap.part == "full" or part == "full"
                                    or overlap.part == part):
            raise UsageError("err.leave.overlap",
                             name=staff.name, start_on=overlap.start_on, end_on=overlap.end_on,
                             status=t(f"roster.leave_{overlap.status}"))
        leave = Leave(staff_id=staff.id, start_on=start, end_on=end, part=part,
                      reason=clean(reason, single_line=True, max_length=200),
                      status="approved" if approve else "requested",
                      requested_by=actor.login, requested_at=tx.now,
                      decided_by=actor.login if approve else "",
                      decided_at=tx.now if approve else None)
        tx.session.add(leave)
        tx.session.flush()
        tx.record("leave.request", "leave", leave.id, after={
            "login": login, "from": start.isoformat(), "to": end.isoformat(), "part": part,
            "status": leave.status})
        view = _view(leave, staff)
    gaps = coverage_gaps(ws, actor, start, end).gaps if approve else ()
    return LeaveResult(view, tuple(gaps))


def decide_leave(ws: Workspace, actor: Actor, leave_id: int, approve: bool,
                 expected_version: int | None = None) -> LeaveResult:
    with change(ws, actor, "manage_roster") as tx:
        leave = tx.session.get(Leave, leave_id)
        if leave is None:
            raise NotFound("err.leave.not_found", leave_id=leave_id)
        if expected_version is not None and leave.version != expected_version:
            raise StaleEdit("err.leave.stale")
        if leave.status != "requested":
            raise UsageError("err.leave.already", leave_id=leave_id,
                             status=t(f"roster.leave_{leave.status}"))
        leave.status = "approved" if approve else "rejected"
        leave.decided_by, leave.decided_at = actor.login, tx.now
        leave.version += 1
        tx.session.flush()
        staff = tx.session.get(Staff, leave.staff_id)
        assert staff is not None
        tx.record("leave.decide", "leave", leave.id, after={"status": leave.status})
        view = _view(leave, staff)
    gaps = coverage_gaps(ws, actor, view.start, view.end).gaps if approve else ()
    return LeaveResult(view, tuple(gaps))


def list_leave(ws: Workspace, actor: Actor, start: date, end: date) -> list[LeaveView]:
    require(actor.role, "read", actor.login)
    with ws.db.read() as session:
        rows = session.exec(select(Leave, Staff).join(Staff, col(Staff.id) == col(Leave.staff_id))
                            .where(col(Leave.start_on) <= end, col(Leave.end_on) >= start)
                            .order_by(col(Leave.start_on), col(Leave.id))).all()
        return [_view(leave, staff) for leave, staff in rows]


def pending_leave(ws: Workspace, actor: Actor) -> list[LeaveView]:
    """Leave waiting for a manager's decision that has not ended more than a month ago, the
    soonest first (the roster's 待批请假 list)."""
    require(actor.role, "read", actor.login)
    today = ws.now().astimezone(ws.hours.zone).date()
    since = date.fromordinal(today.toordinal() - 31)
    with ws.db.read() as session:
        rows = session.exec(select(Leave, Staff).join(Staff, col(Staff.id) == col(Leave.staff_id))
                            .where(col(Leave.status) == "requested", col(Leave.end_on) >= since)
                            .order_by(col(Leave.start_on), col(Leave.id))).all()
        return [_view(leave, staff) for leave, staff in rows]
