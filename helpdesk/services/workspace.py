"""A Workspace bundles what every service needs: config, database, clock, calendar, audit key.

Services are plain functions `f(ws, actor, ...)` that return plain data (frozen dataclasses),
never live ORM objects, so the UI can call them from worker threads."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, func, select

from helpdesk import audit
from helpdesk.actor import SYSTEM, Actor
from helpdesk.calendar import (
    BusinessHours,
    WorkCalendar,
    business_hours_from_config,
    calendar_from_config,
)
from helpdesk.clock import Clock, clock_from_env
from helpdesk.config import Config
from helpdesk.errors import (
    CalendarUnavailable,
    DatabaseBusy,
    HelpdeskError,
    UnknownOperator,
)
from helpdesk.identity import os_login
from helpdesk.roles import require
from helpdesk.storage.database import Database
from helpdesk.storage.models import Staff


@dataclass
class Workspace:
    config: Config
    db: Database
    clock: Clock
    calendar: WorkCalendar
    hours: BusinessHours
    os_user: str
    _key: bytes | None = field(default=None, repr=False)

    @property
    def audit_key(self) -> bytes:
        if self._key is None:
            with self.db.read() as session:
                empty = audit.count(session) == 0
            self._key = audit.load_key(self.db.key_path, create=empty)
        return self._key

    def now(self) -> datetime:
        return self.clock.now()


class Change:
    """One write transaction on behalf of an actor; `record` appends its audit entry."""

    def __init__(self, ws: Workspace, actor: Actor, session: Session,
                 now: datetime | None = None, root: Change | None = None) -> None:
        self.ws = ws
        self.actor = actor
        self.session = session
        self.now = now or ws.now()
        self.root = root or self
        self.head: tuple[int, str] | None = None  # the last record appended in this unit

    def record(self, action: str, entity: str, entity_id: object,
               before: dict[str, Any] | None = None, after: dict[str, Any] | None = None) -> None:
        record = audit.append(self.session, self.ws.audit_key, at=self.now,
                              actor=self.actor.login, os_user=self.ws.os_user, action=action,
                              entity=entity, entity_id=entity_id, before=before, after=after)
        self.root.head = (record.seq, record.hash)


# The write transaction open on this thread (or task), so that services compose: a `change()`
# inside another joins it instead of opening a second transaction.
_OPEN: ContextVar[Change | None] = ContextVar("helpdesk_open_change", default=None)


@contextmanager
def change(ws: Workspace, actor: Actor, permission: str = "write") -> Iterator[Change]:
    """One write transaction, or a part of the one already open on this thread: a use case
    that spans services is one unit of work (all its rows and audit records, or none). An
    error in a joined part rolls the whole unit back."""
    require(actor.role, permission, actor.login)
    outer = _OPEN.get()
    if outer is not None and outer.ws is ws:
        yield Change(ws, actor, outer.session, outer.now, outer.root)
        return
    key = ws.audit_key  # load before the lock is taken
    with ws.db.write() as session:
        tx = Change(ws, actor, session)
        token = _OPEN.set(tx)
        try:
            yield tx
        finally:
            _OPEN.reset(token)
    if tx.head is not None:  # committed: the chain's new head, kept outside the table
        audit.write_anchor(ws.db.key_path, key, *tx.head)


def database_target(config: Config, db_url: str | None) -> str:
    """--db/HELPDESK_DB as given (relative to the working folder), else the config's url
    (a relative path there is relative to the config file)."""
    if db_url:
        return db_url
    url = config.database.url
    return url if "://" in url else str(config.resolve_path(url))


def require_existing(config: Config, db_url: str | None) -> None:
    """Refuse a database that does not exist yet: a mistyped --db must not silently start an
    empty one (and make whoever typed it its manager). `helpdesk init` and `helpdesk demo`
    create one; a PostgreSQL database counts as existing once it holds the schema."""
    from pathlib import Path

    from helpdesk.errors import UsageError

    target = database_target(config, db_url)
    if "://" not in target:
        path = Path(target).expanduser()
        if not path.is_file():
            raise UsageError("err.db.missing", path=str(path.resolve()))
        return
    from sqlalchemy import create_engine, inspect
    from sqlalchemy.exc import SQLAlchemyError

    engine = create_engine(target)
    try:
        with engine.connect() as connection:
            present = inspect(connection).has_table("alembic_version")
    except SQLAlchemyError:
        return  # cannot tell here: opening it reports the connection problem itself
    finally:
        engine.dispose()
    if not present:
        raise UsageError("err.db.missing", path=make_url_safe(target))


def make_url_safe(url: str) -> str:
    """A database URL without its password, for messages."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def open_workspace(config: Config, db_url: str | None = None, *, clock: Clock | None = None,
                   migrate: bool = True, os_user: str | None = None,
                   durable: bool = True, daily_backup: bool = True) -> Workspace:
    """`daily_backup=False` leaves the day's copy to the caller (the console takes it after
    its first screen has loaded, so that nobody waits on it)."""
    db = Database(database_target(config, db_url),
                  busy_timeout_ms=config.database.busy_timeout_ms,
                  key_file=str(config.resolve_path(config.security.audit_key_file))
                  if config.security.audit_key_file else "", durable=durable)
    calendar = calendar_from_config(config)
    ws = Workspace(config, db, clock or clock_from_env(), calendar,
                   business_hours_from_config(config, calendar),
                   os_user or os_login(config.security.service_account))
    if migrate:
        from helpdesk.storage.migrate import upgrade

        backup_dir = config.resolve_path(config.database.backup_dir) \
            if config.database.backup_dir else None
        upgrade(db, backup_dir, stamp=ws.now().strftime("-%Y%m%dT%H%M%SZ"))
        bootstrap(ws)
        heal_deadlines(ws)
        if daily_backup:
            take_daily_backup(ws)
    return ws


def take_daily_backup(ws: Workspace) -> None:
    """The day's copy, when configured; never fails a start (doctor reports a stale one)."""
    if not (ws.config.database.daily_backup and ws.db.path is not None and ws.db.durable):
        return
    from helpdesk.services.backups import daily_backup

    with suppress(HelpdeskError, OSError):
        daily_backup(ws, SYSTEM)


def heal_deadlines(ws: Workspace) -> None:
    """Stored deadlines follow the calendar's data (services/calendar_sync.py). A start never
    fails on it: a broken table or a busy database leaves them for the next start, and
    `helpdesk doctor` says so."""
    from helpdesk.services.calendar_sync import sync_calendar

    with suppress(CalendarUnavailable, DatabaseBusy):
        sync_calendar(ws)


def bootstrap(ws: Workspace) -> None:
    """A new database registers the account that creates it as its first manager."""
    with ws.db.read() as session:
        if session.exec(select(func.count()).select_from(Staff)).one():
            return
    with ws.db.write() as session:
        if session.exec(select(func.count()).select_from(Staff)).one():
            return
        staff = Staff(login=ws.os_user, name=ws.os_user, role="manager", created_at=ws.now())
        session.add(staff)
        session.flush()
        audit.append(session, ws.audit_key, at=ws.now(), actor=SYSTEM.login,
                     os_user=ws.os_user, action="staff.bootstrap", entity="staff",
                     entity_id=staff.id, after={"login": staff.login, "role": "manager"})


def resolve_actor(ws: Workspace, login: str | None = None) -> Actor:
    login = login or ws.os_user
    with ws.db.read() as session:
        staff = session.exec(select(Staff).where(col(Staff.login) == login)).first()
    if staff is None or not staff.active:
        raise UnknownOperator(login)
    return Actor(staff.login, staff.name, staff.role)


def db_label(ws: Workspace) -> str:
    return str(ws.db.path) if ws.db.path else ws.db.engine.url.render_as_string(True)

