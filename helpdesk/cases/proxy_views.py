"""The proxy-work log as plain data (信访业务办理): the rows a case, the log screen and the CLI
show. Kept apart from the writes (cases/proxy_work.py), which register cases through
cases/actions.py, so that the case detail can list a case's proxy work without a loop."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import tuple_
from sqlmodel import col, select

from helpdesk.actor import Actor
from helpdesk.cases.models import ProxyWork
from helpdesk.roles import require
from helpdesk.services.workspace import Workspace
from helpdesk.storage.models import Unit


@dataclass(frozen=True)
class ProxyView:
    id: int
    case_number: str
    case_id: int | None
    unit: str
    action: str
    on_behalf_of: str
    authorised_by: str
    note: str
    done_at: datetime
    recorded_by: str
    confirmed_at: datetime | None  # a hand registration the province's export has confirmed


def list_proxy(ws: Workspace, actor: Actor, *, case_number: str | None = None,
               start: datetime | None = None, end: datetime | None = None,
               before: tuple[datetime, int] | None = None, limit: int = 100
               ) -> list[ProxyView]:
    """The most recently done first, a keyset page at a time (before: the last row's
    (done_at, id) of the page before)."""
    require(actor.role, "read", actor.login)
    p = ProxyWork
    query = select(p.id, p.case_number, p.case_id, Unit.name, p.action,  # type: ignore[call-overload]
                   p.on_behalf_of, p.authorised_by, p.note, p.done_at, p.recorded_by,
                   p.confirmed_at).outerjoin(Unit, col(Unit.id) == col(p.unit_id))
    if case_number:
        query = query.where(col(p.case_number) == case_number.strip())
    if start is not None:
        query = query.where(col(p.done_at) >= start)
    if end is not None:
        query = query.where(col(p.done_at) < end)
    if before is not None:
        query = query.where(tuple_(col(p.done_at), col(p.id)) < tuple_(*before))
    query = query.order_by(col(p.done_at).desc(), col(p.id).desc()).limit(limit)
    with ws.db.read() as session:
        return [ProxyView(row[0], row[1], row[2], row[3] or "", *row[4:])
                for row in session.execute(query).all()]
