"""Leaving the post (脱密, contract 十一.3 and 12): everything a person holds on the registers —
files and media, borrowings, meeting records, and the copies and recordings made under their
name — passes to the project lead (a manager) or to a successor the manager names, in one
audited step that lists every item; only then may the person be deactivated."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import col, select

from helpdesk.actor import Actor
from helpdesk.errors import NotFound, UsageError
from helpdesk.i18n import t
from helpdesk.security.register_entries import EntryView, entry_view, held_by
from helpdesk.services.workspace import Workspace, change
from helpdesk.storage.models import Staff
from helpdesk.text import clean


@dataclass(frozen=True)
class Handover:
    login: str
    to_login: str
    to_name: str
    on: date
    items: tuple[EntryView, ...]  # as they now stand, held by the successor


def hand_over_all(ws: Workspace, actor: Actor, login: str, to: str, on: date, *,
                  note: str = "") -> Handover:
    """Only a manager runs it (naming a successor here is the manager's approval); the
    successor is an active member of staff other than the leaver."""
    today = ws.now().astimezone(ws.hours.zone).date()
    if on > today:
        raise UsageError("err.registers.in_future", field=t("registers.field_handed_on"), day=on)
    note = clean(note, single_line=True, max_length=200).strip()
    with change(ws, actor, "manage_staff") as tx:
        leaver = tx.session.exec(select(Staff).where(col(Staff.login) == login)).first()
        if leaver is None or leaver.id is None:
            raise NotFound("err.common.staff_not_found", login=login)
        successor = tx.session.exec(select(Staff).where(col(Staff.login) == to)).first()
        if successor is None or successor.id is None:
            raise NotFound("err.common.staff_not_found", login=to)
        if successor.id == leaver.id:
            raise UsageError("err.registers.handover_to_self", login=login)
        if not successor.active:
            raise UsageError("err.registers.handover_to_inactive", login=to)
        items = held_by(tx.session, leaver.id)
        if not items:
            raise UsageError("err.registers.nothing_held", login=login)
        for entry in items:
            entry.staff_id, entry.holder = successor.id, successor.name
            entry.version += 1
        tx.session.flush()
        tx.record("register.handover", "staff", leaver.id, after={
            "from": login, "to": to, "on": on.isoformat(), "approved_by": actor.login,
            "items": [entry.number for entry in items], "note": note})
        return Handover(login, to, successor.name, on,
                        tuple(entry_view(tx.session, entry) for entry in items))
