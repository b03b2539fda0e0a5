"""Checking the audit log's chain, printing its head and re-anchoring it (auditors and
managers); reading the log as people do is app/audit_feed.py."""

from __future__ import annotations

import syslog
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, col, select

from helpdesk import audit
from helpdesk.actor import Actor
from helpdesk.errors import UsageError
from helpdesk.i18n import t
from helpdesk.roles import require
from helpdesk.services.workspace import Workspace, change, db_label
from helpdesk.storage import team
from helpdesk.storage.models import AuditRecord
from helpdesk.text import clean

VERIFIED = "audit.verified"  # ws.memo: how far this process found the chain sound


def kept_chain(ws: Workspace, session: Session, *, incremental: bool = False,
               progress: Callable[[int], None] | None = None) -> audit.ChainReport:
    """The chain against its kept head and anchor: walked here with the key file, or by the
    server of a team database, which alone holds the key. `incremental` walks on from where
    a walk last found it sound (that record still there with its hash): this process's, or
    any earlier one's, kept beside the key (audit.read_verified), so the audit screen pays
    for the new records only, even on a million-record chain; doctor and `audit verify`
    walk it all. Every sound walk moves the kept point on."""
    if ws.team:
        found = team.verify(session)
        return audit.server_report(found.checked, found.broken_at, found.reason, found.detail)
    key = audit.load_key(ws.db.key_path, create=False)
    start = (ws.memo.get(VERIFIED) or audit.read_verified(ws.db.key_path, key)) \
        if incremental else None
    report, reached = audit.verify_from(session, key, anchor=audit.read_anchor_for(
        ws.db.key_path, key, strict=ws.db.is_sqlite),
        resume=start if isinstance(start, audit.Verified) else None, progress=progress)
    if report.ok and reached is not None:
        if ws.memo.get(VERIFIED) != reached:
            audit.write_verified(ws.db.key_path, key, reached)
        ws.memo[VERIFIED] = reached
    return report


def verify_chain(ws: Workspace, printed: PrintedHead | None = None, *,
                 incremental: bool = False, progress: Callable[[int], None] | None = None
                 ) -> audit.ChainReport:
    """The chain walked and held against its kept head and anchor; with `printed`, also
    against a head printed on a page the bureau signed (a report, a bulletin, the pack).
    `progress` hears the count checked as the walk goes (a key-file walk; a team database's
    server walks it in one call)."""
    with ws.db.read() as session:
        report = kept_chain(ws, session, incremental=incremental, progress=progress)
        if not report.ok or printed is None:
            return report
        record = session.exec(select(AuditRecord).where(
            col(AuditRecord.seq) == printed.seq)).first()
    if record is None:
        return audit.ChainReport(False, report.checked, printed.seq,
                                 t("audit.reason_printed_missing", seq=printed.seq))
    if not record.hash.startswith(printed.hash):
        return audit.ChainReport(False, report.checked, printed.seq,
                                 t("audit.reason_printed_replaced", seq=printed.seq))
    return report


@dataclass(frozen=True)
class PrintedHead:
    """`SEQ:HASH` as printed on a page: the hash may be shortened to its first 16 digits."""

    seq: int
    hash: str

    @staticmethod
    def parse(text: str) -> PrintedHead:
        seq, _, digest = text.strip().partition(":")
        digest = digest.strip().lower()
        if not (seq.isdigit() and 16 <= len(digest) <= 64
                and all(c in "0123456789abcdef" for c in digest)):
            raise UsageError("err.audit.bad_head", value=text)
        return PrintedHead(int(seq), digest)


def chain_head(ws: Workspace) -> PrintedHead | None:
    """The chain's newest record, as printed on the pages the bureau signs."""
    with ws.db.read() as session:
        record = session.exec(select(AuditRecord).order_by(
            col(AuditRecord.seq).desc()).limit(1)).first()
    return PrintedHead(record.seq, record.hash[:16]) if record else None


def head_text(head: PrintedHead | None) -> str:
    return f"{head.seq}:{head.hash}" if head else "0:-"


SYSTEM_LOG = Path("/dev/log")  # syslog's socket; journald listens on it too


def log_head(ws: Workspace) -> bool:
    """The chain's head, sent to the system log with the day's backup: a copy outside the
    account's reach (root's log) that a cut made later cannot take back. Nothing when the
    host has no system log."""
    if not SYSTEM_LOG.exists():
        return False

    syslog.openlog("helpdesk", syslog.LOG_PID, syslog.LOG_USER)
    syslog.syslog(syslog.LOG_NOTICE,
                  f"audit head {head_text(chain_head(ws))} database {db_label(ws)}")
    return True


@dataclass(frozen=True)
class Reanchored:
    seq: int
    hash: str
    previous: str  # what the anchor said before: "missing", "damaged" or SEQ:HASH


def reanchor(ws: Workspace, actor: Actor, reason: str) -> Reanchored:
    """A manager's answer to a lost or damaged anchor file (a database moved without it, a
    disk restored): the chain is walked first and must hold up to the head the database
    keeps; then a record says who re-anchored, why and what the anchor said, and the anchor
    starts again at that record. The act stays in the chain for any auditor to read."""

    require(actor.role, "reanchor", actor.login)
    if not ws.db.is_sqlite:
        raise UsageError("err.audit.reanchor_server")
    reason = clean(reason, single_line=True, max_length=200).strip()
    if not reason:
        raise UsageError("err.audit.reanchor_reason")
    key = audit.load_key(ws.db.key_path, create=False)
    try:
        anchor = audit.read_anchor(ws.db.key_path, key)
        previous = "missing" if anchor is None else f"{anchor.seq}:{anchor.hash[:16]}"
    except audit.AuditKeyInvalid:
        previous = "damaged"
    with ws.db.read() as session:
        walked = audit.verify(session, key)  # the chain and its kept head, not the anchor
    if not walked.ok:
        raise UsageError("err.audit.reanchor_broken", seq=walked.broken_at or 0,
                         reason=walked.reason)
    with change(ws, actor, "reanchor") as tx:
        tx.record("audit.reanchor", "audit", "anchor",
                  after={"reason": reason, "previous": previous})
    assert tx.root.head is not None
    audit.write_anchor(ws.db.key_path, key, *tx.root.head, replace=True)
    return Reanchored(tx.root.head[0], tx.root.head[1], previous)
