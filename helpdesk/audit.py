"""The audit log: one record per change, written in the change's own transaction, chained with
HMAC-SHA256 so that an edited, deleted or inserted record breaks the chain at that point."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import String, func, type_coerce
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from helpdesk.audit_summary import summarize
from helpdesk.errors import HelpdeskError
from helpdesk.i18n import t
from helpdesk.storage.models import AuditRecord, Meta
from helpdesk.text import clean

GENESIS = "0" * 64
HEAD_KEY = "audit_head"  # meta: the chain's head as the last append left it, HMAC'd
PENDING = "pending"  # a database from before heads were kept (migration 0023) until its next write


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
    key = secrets.token_bytes(32)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    # Made here and nowhere else: a link or file planted at the path is refused, not written.
    descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(key.hex() + "\n")
    return key


_quoted = json.encoder.encode_basestring  # JSON's string (the C encoder)


def instant_text(value: datetime | str) -> str:
    """A record's instant as its payload holds it: ISO 8601 in UTC with microseconds. The
    walk reads SQLite's stored text (naive UTC, `2026-11-24 02:00:31.000000`) without
    building a datetime for each of a million records."""
    if isinstance(value, str):
        if len(value) == 26 and value[10] == " " and value[19] == ".":
            return f"{value[:10]}T{value[11:]}+00:00"
        value = datetime.fromisoformat(value).replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def _mac(key: bytes, seq: int, at: datetime | str, actor: str, os_user: str, action: str,
         entity: str, entity_id: str, summary: str | None, prev_hash: str) -> str:
    """The HMAC of the record's payload: its fields as a compact JSON array, exactly what
    `json.dumps([...], ensure_ascii=False, separators=(",", ":"))` writes (a test holds the
    two equal), built by hand because the walk does this a million times."""
    payload = (f"[{int(seq)},{_quoted(instant_text(at))},{_quoted(actor)},{_quoted(os_user)},"
               f"{_quoted(action)},{_quoted(entity)},{_quoted(entity_id)},"
               f"{'null' if summary is None else _quoted(summary)},{_quoted(prev_hash)}]")
    return hmac.digest(key, payload.encode("utf-8"), "sha256").hex()


def _digest(key: bytes, record: Any) -> str:
    """The record's HMAC: `record` is an AuditRecord or a Core row of its columns."""
    return _mac(key, record.seq, record.at, record.actor, record.os_user, record.action,
                record.entity, record.entity_id, record.summary, record.prev_hash)


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
    head = session.get(Meta, HEAD_KEY)
    value = json.dumps({"seq": record.seq, "hash": record.hash,
                        "mac": _anchor_mac(key, record.seq, record.hash)})
    if head is None:
        session.add(Meta(key=HEAD_KEY, value=value))
    else:
        head.value = value
    session.flush()
    return record


def stored_head(session: Session, key: bytes) -> Anchor | str | None:
    """The head the database keeps of its own chain: an Anchor, PENDING, None when there is
    no row, or "invalid" when the row does not carry the key's MAC."""
    row = session.get(Meta, HEAD_KEY)
    if row is None:
        return None
    if row.value == PENDING:
        return PENDING
    try:
        data = json.loads(row.value)
        head = Anchor(int(data["seq"]), str(data["hash"]))
        if hmac.compare_digest(str(data["mac"]), _anchor_mac(key, head.seq, head.hash)):
            return head
    except (ValueError, KeyError, TypeError):
        pass
    return "invalid"


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


def anchor_may_advance(session: Session, key_path: Path, key: bytes, first_new_seq: int,
                       *, strict: bool) -> bool:
    """Inside the transaction that appended records from `first_new_seq`: may the anchor move
    to its new head? Only when the anchor still names a record of this chain (records cut
    from the end and written again would otherwise pass), or when there is no anchor yet and
    this is a new chain (a deleted anchor is not recreated by the next write: the loss shows).
    `strict` is False for a server database, whose anchor is per account."""
    try:
        current = read_anchor(key_path, key)
    except AuditKeyInvalid:
        return False
    if current is None:
        return first_new_seq == 1 or not strict
    record = session.exec(select(AuditRecord).where(col(AuditRecord.seq) == current.seq)).first()
    return record is not None and record.hash == current.hash


def write_anchor(key_path: Path, key: bytes, seq: int, head: str, *,
                 replace: bool = False) -> None:
    """After a commit: the chain's head, unless the anchor already names a later one (two
    consoles committing at once); `replace` for a restore, whose chain starts a new anchor."""

    try:
        current = read_anchor(key_path, key)
    except AuditKeyInvalid:
        current = None
    if current is not None and current.seq >= seq and not replace:
        return
    _replace_file(anchor_path(key_path),
                  json.dumps({"seq": seq, "hash": head, "mac": _anchor_mac(key, seq, head)}))


def _replace_file(path: Path, text: str) -> None:
    """`path` holds `text` (private to this account), or is left as it was."""
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.fchmod(descriptor, 0o600)
        os.write(descriptor, text.encode())
        os.close(descriptor)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)


def verified_path(key_path: Path) -> Path:
    return key_path.with_name(key_path.name + ".verified")


def _verified_mac(key: bytes, seq: int, head: str) -> str:
    return hmac.digest(key, f"verified:{seq}:{head}".encode(), "sha256").hex()


def read_verified(key_path: Path, key: bytes) -> Verified | None:
    """How far an earlier walk (another console's, another day's) found the chain sound,
    kept beside the key and the anchor, HMAC'd: the audit screen walks on from there. None
    when there is none or it does not carry the key's MAC (then the walk starts at 1)."""
    try:
        data = json.loads(verified_path(key_path).read_text(encoding="utf-8"))
        point = Verified(int(data["seq"]), str(data["hash"]))
        if hmac.compare_digest(str(data["mac"]), _verified_mac(key, point.seq, point.hash)):
            return point
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None


def write_verified(key_path: Path, key: bytes, point: Verified) -> None:
    _replace_file(verified_path(key_path), json.dumps(
        {"seq": point.seq, "hash": point.hash,
         "mac": _verified_mac(key, point.seq, point.hash)}))


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    broken_at: int | None = None
    reason: str = ""


MISSING = Anchor(0, "missing")  # `verify(anchor=MISSING)`: the anchor file should be there


def verify(session: Session, key: bytes, batch: int = 5000,
           anchor: Anchor | None = None, resume: Verified | None = None) -> ChainReport:
    """Walk the chain, then hold its end against the head the database keeps (`meta`) and
    the anchor kept outside it: records cut from the end, or cut and written again, are
    found; so is a deleted head or anchor. `resume` walks on from a point an earlier walk
    in this process found sound (its record still there with that hash)."""
    return verify_from(session, key, batch, anchor, resume)[0]


def verify_from(session: Session, key: bytes, batch: int = 5000, anchor: Anchor | None = None,
                resume: Verified | None = None,
                progress: Callable[[int], None] | None = None
                ) -> tuple[ChainReport, Verified | None]:
    """`verify`, and how far the chain is sound (to resume from next time); `progress` is
    told how many records are checked after each batch."""
    head = stored_head(session, key)  # before the walk: a commit meanwhile only adds records
    if resume is not None:
        kept = session.execute(sa_select(col(AuditRecord.hash)).where(
            col(AuditRecord.seq) == resume.seq)).scalar()
        if kept != resume.hash:  # replaced or cut since: walk it all again
            resume = None
    report, reached = _walk(session, key, batch, resume, progress)
    return _held(session, report, head, anchor), reached


def _held(session: Session, report: ChainReport, head: Any, anchor: Anchor | None
          ) -> ChainReport:
    if not report.ok or (report.checked == 0 and anchor is None):
        return report
    checked = report.checked
    if head is None and checked:
        return ChainReport(False, checked, checked,
                           t("audit.reason_head_missing"))
    if head == "invalid":
        return ChainReport(False, checked, checked,
                           t("audit.reason_head_invalid"))
    for name, end in (("head", head), ("anchor", anchor)):
        if not isinstance(end, Anchor):
            continue
        if end is MISSING:
            if checked:
                return ChainReport(False, checked, checked,
                                   t("audit.reason_anchor_missing"))
            continue
        if checked < end.seq:
            return ChainReport(False, checked, checked + 1,
                               t("audit.reason_cut", first=checked + 1, last=end.seq))
        at = session.exec(select(AuditRecord).where(col(AuditRecord.seq) == end.seq)).first()
        if at is not None and at.hash != end.hash:
            return ChainReport(False, checked, end.seq,
                               t(f"audit.reason_replaced_{name}", seq=end.seq))
    return report


# What the walk reads: plain rows of the columns, not ORM objects (building those was half the
# cost of walking a province year's million records), the instant as the database keeps it
# (SQLite's text; PostgreSQL's driver gives a datetime).
_COLUMNS = [type_coerce(getattr(AuditRecord, name), String()) if name == "at"
            else getattr(AuditRecord, name) for name in (
    "seq", "at", "actor", "os_user", "action", "entity", "entity_id", "summary", "prev_hash",
    "hash")]


@dataclass(frozen=True)
class Verified:
    """How far a walk found the chain sound: resume from here next time."""

    seq: int
    hash: str


def _walk(session: Session, key: bytes, batch: int, start: Verified | None = None,
          progress: Callable[[int], None] | None = None
          ) -> tuple[ChainReport, Verified | None]:
    expected_seq, previous, checked = (start.seq + 1, start.hash, start.seq) if start \
        else (1, GENESIS, 0)
    while True:
        rows = session.connection().execute(  # Core: no ORM loading per row
            sa_select(*_COLUMNS).where(col(AuditRecord.seq) >= expected_seq)
            .order_by(col(AuditRecord.seq)).limit(batch)).all()
        if not rows:
            return ChainReport(True, checked), Verified(checked, previous) if checked else None
        for seq, at, actor, os_user, action, entity, entity_id, summary, prev_hash, hash_ \
                in rows:
            if seq != expected_seq:
                return ChainReport(False, checked, expected_seq, t(
                    "audit.reason_gap", seq=expected_seq, next=seq)), None
            if prev_hash != previous:
                return ChainReport(False, checked, seq, t("audit.reason_link")), None
            if not hmac.compare_digest(hash_, _mac(key, seq, at, actor, os_user, action, entity,
                                                   entity_id, summary, prev_hash)):
                return ChainReport(False, checked, seq, t("audit.reason_edited")), None
            previous, expected_seq, checked = hash_, expected_seq + 1, checked + 1
        if progress is not None:
            progress(checked)


def read_anchor_for(key_path: Path, key: bytes, *, strict: bool) -> Anchor | None:
    """The anchor to verify against: MISSING when there should be one (strict: SQLite, whose
    anchor sits beside its key) and there is none."""
    anchor = read_anchor(key_path, key)
    return MISSING if anchor is None and strict else anchor


def count(session: Session) -> int:
    return int(session.exec(select(func.count()).select_from(AuditRecord)).one())



def server_report(checked: int, broken_at: int | None, reason: str, detail: int
                  ) -> ChainReport:
    """A team database's own walk (storage/team_sql.py, helpdesk_audit_verify) in the words
    of `verify`."""
    if broken_at is None:
        return ChainReport(True, checked)
    words = {"gap": lambda: t("audit.reason_gap", seq=broken_at, next=detail),
             "link": lambda: t("audit.reason_link"),
             "edited": lambda: t("audit.reason_edited"),
             "head_missing": lambda: t("audit.reason_head_missing"),
             "head_invalid": lambda: t("audit.reason_head_invalid"),
             "cut": lambda: t("audit.reason_cut", first=broken_at, last=detail),
             "replaced_head": lambda: t("audit.reason_replaced_head", seq=detail)}
    return ChainReport(False, checked, broken_at, words.get(reason, lambda: reason)())
