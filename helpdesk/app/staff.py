"""Staff: the engineers, managers, auditors and viewers who may use the console."""

from __future__ import annotations

import re
from datetime import date

from sqlmodel import Session, col, func, select

from helpdesk.actor import Actor
from helpdesk.app.staff_views import StaffView
from helpdesk.errors import NotFound, StaleEdit, UsageError
from helpdesk.i18n import joined
from helpdesk.security.register_entries import held_by
from helpdesk.services.workspace import Change, Workspace, change
from helpdesk.storage.models import ROLES, Staff
from helpdesk.storage.team import grant_staff, is_team
from helpdesk.text import clean

_LOGIN = re.compile(r"^[a-z_][a-z0-9_.-]{0,63}$")


def _view(staff: Staff) -> StaffView:
    assert staff.id is not None
    return StaffView(staff.id, staff.login, staff.name, staff.role, staff.phone, staff.active,
                     staff.created_at, staff.version)


def _today(ws: Workspace) -> date:
    return ws.now().astimezone(ws.hours.zone).date()


def valid_login(login: str) -> str:
    login = login.strip()
    if not _LOGIN.match(login):
        raise UsageError("err.staff.bad_login", login=login)
    return login


def _follow_in_database(ws: Workspace, tx: Change, staff: Staff) -> None:
    """A team database (storage/team.py) grants the login role what the staff row says, in
    the same transaction: a deactivated person's role keeps no group and opens nothing."""
    if is_team(ws.db):
        grant_staff(tx.session, staff.login, staff.role if staff.active else "")


def add_staff(ws: Workspace, actor: Actor, login: str, name: str, role: str,
              phone: str = "") -> StaffView:
    login = valid_login(login)
    name = clean(name, single_line=True, max_length=64).strip()
    if role not in ROLES:
        raise UsageError("err.staff.role", role=role, roles=', '.join(ROLES))
    if not name:
        raise UsageError("err.staff.name_empty")
    with change(ws, actor, "manage_staff") as tx:
        if tx.session.exec(select(Staff).where(col(Staff.login) == login)).first():
            raise UsageError("err.staff.duplicate", login=login)
        staff = Staff(login=login, name=name, role=role,
                      phone=clean(phone, single_line=True, max_length=32), created_at=tx.now)
        tx.session.add(staff)
        tx.session.flush()
        _follow_in_database(ws, tx, staff)
        tx.record("staff.add", "staff", staff.id, after={"login": login, "name": name,
                                                         "role": role})
        return _view(staff)


def update_staff(ws: Workspace, actor: Actor, staff_id: int, expected_version: int, *,
                 name: str | None = None, role: str | None = None,
                 active: bool | None = None) -> StaffView:
    if role is not None and role not in ROLES:
        raise UsageError("err.staff.role", role=role, roles=', '.join(ROLES))
    with change(ws, actor, "manage_staff") as tx:
        staff = tx.session.get(Staff, staff_id)
        if staff is None:
            raise UsageError("err.staff.not_found", staff_id=staff_id)
        if staff.version != expected_version:
            raise StaleEdit(
                "err.staff.stale", name=staff.name
            )
        before = {"name": staff.name, "role": staff.role, "active": staff.active}
        if name is not None:
            staff.name = clean(name, single_line=True, max_length=64).strip() or staff.name
        if role is not None:
            staff.role = role
        if active is not None:
            if not active and staff.active:
                _refuse_if_holding(tx.session, staff)
            if active != staff.active:
                staff.inactive_since = None if active else _today(ws)
            staff.active = active
        staff.version += 1
        tx.session.flush()
        _follow_in_database(ws, tx, staff)
        tx.record("staff.update", "staff", staff.id, before=before,
                  after={"name": staff.name, "role": staff.role, "active": staff.active})
        return _view(staff)


def _refuse_if_holding(session: Session, staff: Staff) -> None:
    """十一.12: whoever leaves hands every registered item over or has it destroyed first,
    on the record."""

    assert staff.id is not None
    held = held_by(session, staff.id)
    if held:
        raise UsageError("err.staff.holds_items", login=staff.login, count=len(held),
                         items=joined(entry.number for entry in held[:5]),
                         command=f"helpdesk security offboard {staff.login} --to LOGIN "
                                 "--date YYYY-MM-DD")


def set_active(ws: Workspace, actor: Actor, login: str, active: bool, reason: str) -> StaffView:
    """Deactivate (or reactivate) a person, with the reason: a deactivated person can do
    nothing, keeps their history and drops out of roster generation. A manager cannot lock
    out themselves, nor the last active manager."""

    reason = clean(reason, single_line=True, max_length=200).strip()
    if not reason:
        raise UsageError("staff.reason_needed")
    with change(ws, actor, "manage_staff") as tx:
        staff = tx.session.exec(select(Staff).where(col(Staff.login) == login)).first()
        if staff is None:
            raise NotFound("staff.no_such", login=login)
        if staff.active == active:
            raise UsageError("staff.already_active" if active else "staff.already_inactive",
                               login=login)
        if not active and staff.login == actor.login:
            raise UsageError("staff.not_yourself")
        if not active and staff.role == "manager" and tx.session.exec(
                select(func.count()).select_from(Staff).where(
                    col(Staff.role) == "manager", col(Staff.active))).one() <= 1:
            raise UsageError("staff.last_manager")
        if not active:
            _refuse_if_holding(tx.session, staff)
        staff.active = active
        staff.inactive_since = None if active else _today(ws)
        staff.version += 1
        tx.session.flush()
        _follow_in_database(ws, tx, staff)
        tx.record("staff.reactivate" if active else "staff.deactivate", "staff", staff.id,
                  after={"login": login, "reason": reason})
        return _view(staff)
