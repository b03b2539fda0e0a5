"""Reading the staff list: Core selects into plain rows, no ORM (a `staff list` is mostly its
start-up; app/staff.py changes staff)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from helpdesk.actor import Actor
from helpdesk.roles import require
from helpdesk.services.workspace import Workspace
from helpdesk.storage.core_tables import staff


@dataclass(frozen=True)
class StaffView:
    id: int
    login: str
    name: str
    role: str
    phone: str
    active: bool
    created_at: datetime
    version: int


def list_staff(ws: Workspace, actor: Actor) -> list[StaffView]:
    require(actor.role, "read", actor.login)
    columns = staff.c
    with ws.db.snapshot() as connection:
        rows = connection.execute(
            select(columns.id, columns.login, columns.name, columns.role, columns.phone,
                   columns.active, columns.created_at, columns.version)
            .order_by(columns.login)).all()
    return [StaffView(*row) for row in rows]
