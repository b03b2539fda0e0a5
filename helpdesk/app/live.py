"""Several engineers on one database: what the others changed since we last looked, and who else
has the console open.

Every change writes its audit record in the same transaction, so the audit log is an exact feed
of committed changes on SQLite and PostgreSQL alike: a console keeps the highest `seq` it has
seen and asks for the records after it (one indexed `max(seq)` while nothing happens). The
records also say who changed which record, which a bare "the file changed" signal (SQLite's
data_version, a NOTIFY without payload) would not."""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, update
from sqlalchemy import select as select_columns
from sqlmodel import col, select

from helpdesk.actor import Actor
from helpdesk.app.audit_feed import reference_names
from helpdesk.roles import require
from helpdesk.services.workspace import Workspace
from helpdesk.storage.models import AuditRecord, ConsoleSession, Staff

# A console whose heartbeat is older than this is taken for closed (killed, network gone).
PRESENCE_TIMEOUT = timedelta(seconds=90)


@dataclass(frozen=True)
class ChangeNotice:
    seq: int
    actor: str  # login
    actor_name: str
    action: str
    entity: str
    entity_id: str
    reference: str  # the record's number or name where it has one
    summary: str = ""  # the audit record's summary (helpdesk.audit_summary.describe reads it)


@dataclass(frozen=True)
class Changes:
    latest: int  # the highest seq now: ask again from here
    notices: list[ChangeNotice]  # by others, oldest first


def latest_seq(ws: Workspace) -> int:
    with ws.db.read() as session:
        return int(session.execute(select_columns(func.coalesce(
            func.max(AuditRecord.seq), 0))).scalar_one())


def changes_since(ws: Workspace, actor: Actor, seq: int, limit: int = 200) -> Changes:
    """The changes committed after `seq` by anyone but this console (its own are its own
    business: its screens reload after they save); the same engineer's other consoles, CLI
    commands and cron jobs count as others."""
    require(actor.role, "read", actor.login)
    latest = latest_seq(ws)
    if latest <= seq:
        return Changes(latest, [])
    # what the console has seen is never asked for again: its own seqs up to there can go
    ws.own_seqs.difference_update([own for own in list(ws.own_seqs) if own <= seq])
    with ws.db.read() as session:
        records = [r for r in session.exec(
            select(AuditRecord).where(col(AuditRecord.seq) > seq)
            .order_by(col(AuditRecord.seq)).limit(limit)).all() if r.seq not in ws.own_seqs]
        names = reference_names(session, [(r.entity, r.entity_id) for r in records])
        logins = {r.actor for r in records}
        people: dict[str, str] = {
            str(login): str(name) for login, name in session.execute(select_columns(
                col(Staff.login), col(Staff.name)).where(col(Staff.login).in_(sorted(logins))))
        } if logins else {}
    return Changes(latest, [
        ChangeNotice(r.seq, r.actor, people.get(r.actor, r.actor), r.action, r.entity,
                     r.entity_id, names.get((r.entity, r.entity_id), ""), r.summary)
        for r in records])


def open_console(ws: Workspace, actor: Actor) -> int:
    """Register this console; returns its session id for heartbeats and closing."""
    now = ws.now()
    with ws.db.write() as session:
        row = ConsoleSession(login=actor.login, host=socket.gethostname()[:128],
                             pid=os.getpid(), started_at=now, seen_at=now)
        session.add(row)
        session.flush()
        assert row.id is not None
        # Consoles that died without closing: gone once their heartbeat is long past.
        session.execute(delete(ConsoleSession).where(
            col(ConsoleSession.seen_at) < now - 10 * PRESENCE_TIMEOUT))
        return row.id


def heartbeat(ws: Workspace, session_id: int) -> None:
    with ws.db.write() as session:
        session.execute(update(ConsoleSession).where(col(ConsoleSession.id) == session_id)
                        .values(seen_at=ws.now()))


def close_console(ws: Workspace, session_id: int) -> None:
    with ws.db.write() as session:
        session.execute(delete(ConsoleSession).where(col(ConsoleSession.id) == session_id))


@dataclass(frozen=True)
class Present:
    login: str
    name: str
    since: datetime


def others_present(ws: Workspace, actor: Actor) -> list[Present]:
    """Engineers other than `actor` with a console open now, each once, longest first."""
    require(actor.role, "read", actor.login)
    cutoff = ws.now() - PRESENCE_TIMEOUT
    with ws.db.read() as session:
        rows = session.execute(
            select_columns(col(ConsoleSession.login), func.min(ConsoleSession.started_at),
                           func.coalesce(Staff.name, ConsoleSession.login))
            .join(Staff, col(Staff.login) == col(ConsoleSession.login), isouter=True)
            .where(col(ConsoleSession.seen_at) >= cutoff,
                   col(ConsoleSession.login) != actor.login)
            .group_by(col(ConsoleSession.login), col(Staff.name))
            .order_by(func.min(ConsoleSession.started_at))).all()
    return [Present(str(login), str(name), _instant(since)) for login, since, name in rows]


def _instant(value: object) -> datetime:
    assert isinstance(value, datetime), value
    return value
