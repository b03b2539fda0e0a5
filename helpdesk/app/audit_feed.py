"""The audit log as people read it: newest first, each record beside the number or name a user
knows it by (a case number, a question number, a unit's name), looked up in each area's own
table: so it sits above the areas. The chain's checks are in services/audit_log.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select

from helpdesk.actor import Actor
from helpdesk.cases.models import PetitionCase
from helpdesk.data.models import DataRequest
from helpdesk.questions.models import KbArticle, Question, TrackerItem
from helpdesk.roles import require
from helpdesk.security.models import SecurityScan
from helpdesk.services.workspace import Workspace
from helpdesk.storage.models import AuditRecord, Staff, Unit
from helpdesk.training.models import TrainingSession


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
    reference: str = ""  # what a person calls the record (GD4403…, Q2026-00212, 福田街道)
    actor_name: str = ""  # the person's name, when the login is a registered one


# The column that names a record, by the entity kind the audit records use: the log keeps the
# internal id (stable, chained); the screen shows the number a user knows.
REFERENCE_COLUMNS: dict[str, Any] = {
    "petition_case": (PetitionCase.id, PetitionCase.case_number),
    "question": (Question.id, Question.number),
    "data_request": (DataRequest.id, DataRequest.number),
    "tracker_item": (TrackerItem.id, TrackerItem.number),
    "security_scan": (SecurityScan.id, SecurityScan.number),
    "training_session": (TrainingSession.id, TrainingSession.title),
    "unit": (Unit.id, Unit.name),
    "kb_article": (KbArticle.id, KbArticle.title),
}


def list_audit(ws: Workspace, actor: Actor, *, before_seq: int | None = None,
               limit: int = 50, permission: str = "read_audit") -> list[AuditView]:
    """Newest first; page on with before_seq = the last seq shown (keyset)."""
    require(actor.role, permission, actor.login)
    query = select(AuditRecord).order_by(col(AuditRecord.seq).desc()).limit(limit)
    if before_seq is not None:
        query = query.where(col(AuditRecord.seq) < before_seq)
    with ws.db.read() as session:
        records = session.exec(query).all()
        names = reference_names(session, [(r.entity, r.entity_id) for r in records])
        people = dict(session.execute(select_columns(col(Staff.login), col(Staff.name)).where(
            col(Staff.login).in_(sorted({r.actor for r in records})))).all())
        return [AuditView(r.seq, r.at, r.actor, r.os_user, r.action, r.entity, r.entity_id,
                          r.summary, names.get((r.entity, r.entity_id), ""),
                          people.get(r.actor, ""))
                for r in records]


def reference_names(session: Session, entities: list[tuple[str, str]]
                    ) -> dict[tuple[str, str], str]:
    """What users call each (entity, id): one query per kind, by primary key."""
    wanted: dict[str, set[int]] = {}
    for entity, entity_id in entities:
        if entity in REFERENCE_COLUMNS and entity_id.isdigit():
            wanted.setdefault(entity, set()).add(int(entity_id))
    names: dict[tuple[str, str], str] = {}
    for entity, ids in wanted.items():
        key, name = REFERENCE_COLUMNS[entity]
        for row_id, value in session.execute(
                select_columns(key, name).where(col(key).in_(sorted(ids)))).all():
            names[(entity, str(row_id))] = str(value)
    return names
