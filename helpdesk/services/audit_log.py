"""Reading the audit log (auditors and managers) and checking its chain."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, select

from helpdesk import audit
from helpdesk.actor import Actor
from helpdesk.roles import require
from helpdesk.services.workspace import Workspace
from helpdesk.storage.models import AuditRecord


@dataclass(frozen=True)
class AuditView:
    seq: int
    at: datetime
    actor: str
    os_user: str
    action: str
    entity: str
    entity_id: str
    summary: str


def list_audit(ws: Workspace, actor: Actor, *, before_seq: int | None = None,
               limit: int = 50, permission: str = "read_audit") -> list[AuditView]:
    """Newest first; page on with before_seq = the last seq shown (keyset)."""
    require(actor.role, permission, actor.login)
    query = select(AuditRecord).order_by(col(AuditRecord.seq).desc()).limit(limit)
    if before_seq is not None:
        query = query.where(col(AuditRecord.seq) < before_seq)
    with ws.db.read() as session:
        return [AuditView(r.seq, r.at, r.actor, r.os_user, r.action, r.entity, r.entity_id,
                          r.summary) for r in session.exec(query).all()]


def verify_chain(ws: Workspace) -> audit.ChainReport:
    key = audit.load_key(ws.db.key_path, create=False)
    with ws.db.read() as session:
        return audit.verify(session, key, anchor=audit.read_anchor(ws.db.key_path, key))
