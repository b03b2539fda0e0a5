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

        try:
            key = bytes.fromhex(path.read_text(encoding="ascii").strip())
        except (UnicodeDecodeError, ValueError):
            raise AuditKeyInvalid("audit.key_not_hex", path=str(path)) from None
        if len(key) < 16:  # an empty or truncated key would sign with (almost) nothing
            raise AuditKeyInvalid("audit.key_too_short", path=str(path), size=len(key))
        return key
    if not create:
        raise AuditKeyMissing("err.audit.key_missing", path=str(path))
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
class Anchor:
    """Where the chain had got to, kept outside the table (beside the key, HMAC'd): records
    cut off the end, or the whole table emptied, no longer pass as an intact chain."""

    seq: int
    hash: str


def anchor_path(key_path: Path) -> Path:
    return key_path.with_name(key_path.name + ".anchor")


def _anchor_mac(key: bytes, seq: int, head: str) -> str:
    return hmac.new(key, f"anchor:{seq}:{head}".encode(), hashlib.sha256).hexdigest()


def read_anchor(key_path: Path, key: bytes) -> Anchor | None:
    path = anchor_path(key_path)
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        anchor = Anchor(int(data["seq"]), str(data["hash"]))
        valid = hmac.compare_digest(str(data["mac"]), _anchor_mac(key, anchor.seq, anchor.hash))
    except (ValueError, KeyError, TypeError):
        valid = False
    if not valid:

        raise AuditKeyInvalid("audit.anchor_invalid", path=str(path))
    return anchor


def write_anchor(key_path: Path, key: bytes, seq: int, head: str) -> None:
    """After a commit: the chain's head, unless the anchor already names a later one (two
    consoles committing at once)."""
    import os
    import tempfile

    try:
        current = read_anchor(key_path, key)
    except AuditKeyInvalid:
        current = None
    if current is not None and current.seq >= seq:
        return
    path = anchor_path(key_path)
    text = json.dumps({"seq": seq, "hash": head, "mac": _anchor_mac(key, seq, head)})
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.fchmod(descriptor, 0o600)
        os.write(descriptor, text.encode())
        os.close(descriptor)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    broken_at: int | None = None
    reason: str = ""


def verify(session: Session, key: bytes, batch: int = 5000,
           anchor: Anchor | None = None) -> ChainReport:
    """Walk the chain; with the anchor, records missing from its end are found too."""
    expected_seq, previous, checked = 1, GENESIS, 0
    while True:
        rows = session.exec(
            select(AuditRecord).where(col(AuditRecord.seq) >= expected_seq)
            .order_by(col(AuditRecord.seq)).limit(batch)
        ).all()
        if not rows:
            if anchor is not None and checked < anchor.seq:
                return ChainReport(False, checked, checked + 1,
                                   f"records {checked + 1} to {anchor.seq} are missing: the "
                                   f"chain had reached {anchor.seq} (cut off?)")
            return ChainReport(True, checked)
        if anchor is not None:
            at_anchor = next((r for r in rows if r.seq == anchor.seq), None)
            if at_anchor is not None and at_anchor.hash != anchor.hash:
                return ChainReport(False, checked, anchor.seq,
                                   "the record the anchor names was replaced")
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

