"""The audit log: one record per change, written in the change's own transaction, chained with
HMAC-SHA256 so that an edited, deleted or inserted record breaks the chain at that point."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from helpdesk.audit_summary import summarize
from helpdesk.errors import HelpdeskError
from helpdesk.storage.database import create_private_file
from helpdesk.storage.models import AuditRecord
from helpdesk.text import clean

GENESIS = "0" * 64


class AuditKeyInvalid(HelpdeskError):
    """The key file exists but holds no usable key: nothing is written with it."""

    exit_code = 2


class AuditKeyMissing(HelpdeskError):
    exit_code = 1


def load_key(path: Path, *, create: bool) -> bytes:
    if path.is_file():
        from helpdesk.i18n import t

        try:
            key = bytes.fromhex(path.read_text(encoding="ascii").strip())
        except (UnicodeDecodeError, ValueError):
            raise AuditKeyInvalid(t("audit.key_not_hex", path=str(path))) from None
        if len(key) < 16:  # an empty or truncated key would sign with (almost) nothing
            raise AuditKeyInvalid(t("audit.key_too_short", path=str(path), size=len(key)))
        return key
    if not create:
        raise AuditKeyMissing(
            f"audit key file {path} is missing: the audit chain cannot be extended or checked. "
            "Restore it from the backup taken with the database."
        )
    create_private_file(path)
    key = secrets.token_bytes(32)
    path.write_text(key.hex() + "\n", encoding="ascii")
    return key


def _digest(key: bytes, record: AuditRecord) -> str:
    payload = json.dumps(
        [record.seq, record.at.astimezone(UTC).isoformat(timespec="microseconds"), record.actor,
         record.os_user, record.action, record.entity, record.entity_id, record.summary,
         record.prev_hash],
        ensure_ascii=False, separators=(",", ":"),
    )
    return hmac.new(key, payload.encode("utf-8"), hashlib.sha256).hexdigest()


def append(session: Session, key: bytes, *, at: datetime, actor: str, os_user: str,
           action: str, entity: str, entity_id: object,
           before: dict[str, Any] | None = None, after: dict[str, Any] | None = None
           ) -> AuditRecord:
    """Append one record. Call inside a write transaction (writers are serialised)."""
    last = session.exec(
        select(AuditRecord).order_by(col(AuditRecord.seq).desc()).limit(1)
    ).first()
    record = AuditRecord(
        seq=(last.seq + 1) if last else 1,
        at=at.astimezone(UTC),
        actor=actor,
        os_user=clean(os_user, single_line=True, max_length=64),
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        summary=summarize(before, after),
        prev_hash=last.hash if last else GENESIS,
        hash="",
    )
    record.hash = _digest(key, record)
    session.add(record)
    session.flush()
    return record


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    broken_at: int | None = None
    reason: str = ""


def verify(session: Session, key: bytes, batch: int = 5000) -> ChainReport:
    expected_seq, previous, checked = 1, GENESIS, 0
    while True:
        rows = session.exec(
            select(AuditRecord).where(col(AuditRecord.seq) >= expected_seq)
            .order_by(col(AuditRecord.seq)).limit(batch)
        ).all()
        if not rows:
            return ChainReport(True, checked)
        for record in rows:
            if record.seq != expected_seq:
                return ChainReport(False, checked, expected_seq,
                                   f"record {expected_seq} is missing (next is {record.seq})")
            if record.prev_hash != previous:
                return ChainReport(False, checked, record.seq,
                                   "link to the previous record does not match")
            if not hmac.compare_digest(record.hash, _digest(key, record)):
                return ChainReport(False, checked, record.seq,
                                   "record content does not match its HMAC (edited?)")
            previous, expected_seq, checked = record.hash, expected_seq + 1, checked + 1


def count(session: Session) -> int:
    return int(session.exec(select(func.count()).select_from(AuditRecord)).one())

