"""A Workspace bundles what every service needs: config, database, clock, calendar, audit key.

Services are plain functions `f(ws, actor, ...)` that return plain data (frozen dataclasses),
never live ORM objects, so the UI can call them from worker threads."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from helpdesk.actor import Actor
from helpdesk.audit_summary import summarize
from helpdesk.calendar import (
    BusinessHours,
    WorkCalendar,
)
from helpdesk.clock import Clock
from helpdesk.config import Config
from helpdesk.errors import (
    UnknownOperator,
)
from helpdesk.roles import require
from helpdesk.storage import team
from helpdesk.storage.core_tables import staff as staff_table
from helpdesk.storage.database import Database

if TYPE_CHECKING:
    from sqlmodel import Session

# audit (and with it the ORM models) is imported where a record is written or the key
# read: a command that only reads never needs it.


@dataclass
class Workspace:
    config: Config
    db: Database
    clock: Clock
    calendar: WorkCalendar
    hours: BusinessHours
    os_user: str
    _key: bytes | None = field(default=None, repr=False)
    # What a service keeps for this process between calls (the day's worklist), by name.
    memo: dict[str, object] = field(default_factory=dict, repr=False, compare=False)
    # Run once, before this process's first write transaction (the CLI's day backup: a
    # command that only reads writes nothing, not even a backup).
    before_first_write: Callable[[], None] | None = field(default=None, repr=False,
                                                          compare=False)
    # The audit records this process committed: the live feed leaves out only these, so the
    # same engineer's CLI in another pane, a cron import or a second console shows up.
    own_seqs: set[int] = field(default_factory=set, repr=False, compare=False)

    @property
    def audit_key(self) -> bytes:
        if self._key is None:
            # the audit module brings the ORM models: only where a record is written
            from helpdesk import audit

            with self.db.read() as session:
                empty = audit.count(session) == 0
            self._key = audit.load_key(self.db.key_path, create=empty)
        return self._key

    @property
    def team(self) -> bool:
        """A team database (storage/team.py): the server writes and checks the audit."""
        return team.is_team(self.db)

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
        self.first_seq = 0  # the first record appended in this unit
        self.seqs: list[int] = []  # every record appended in this unit

    def record(self, action: str, entity: str, entity_id: object,
               before: dict[str, Any] | None = None, after: dict[str, Any] | None = None) -> None:
        if self.ws.team:  # the server writes it: its clock, its session's login, its key
            head = team.append(self.session, self.actor.login, action, entity, entity_id,
                               summarize(before, after))
        else:
            # (the ORM models with it: a write)
            from helpdesk import audit

            record = audit.append(self.session, self.ws.audit_key, at=self.now,
                                  actor=self.actor.login, os_user=self.ws.os_user,
                                  action=action, entity=entity, entity_id=entity_id,
                                  before=before, after=after)
            head = (record.seq, record.hash)
        self.root.head = head
        self.root.seqs.append(head[0])
        if not self.root.first_seq:
            self.root.first_seq = head[0]


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
    hook, ws.before_first_write = ws.before_first_write, None
    if hook is not None:
        hook()
    # (the ORM models with it: a write)
    from helpdesk import audit

    # A team database keeps its key and head on the server: no key or anchor file here.
    key = None if ws.team else ws.audit_key  # loaded before the lock is taken
    advance = False
    with ws.db.write() as session:
        tx = Change(ws, actor, session)
        token = _OPEN.set(tx)
        try:
            yield tx
        finally:
            _OPEN.reset(token)
        if tx.head is not None and key is not None:
            advance = audit.anchor_may_advance(session, ws.db.key_path, key, tx.first_seq,
                                               strict=ws.db.is_sqlite)
    ws.own_seqs.update(tx.seqs)  # committed
    if tx.head is not None and key is not None and advance:  # committed: the new head
        audit.write_anchor(ws.db.key_path, key, *tx.head)


def resolve_actor(ws: Workspace, login: str | None = None) -> Actor:
    login = login or ws.os_user
    with ws.db.snapshot() as connection:
        staff = connection.execute(
            select(staff_table.c.login, staff_table.c.name, staff_table.c.role,
                   staff_table.c.active).where(staff_table.c.login == login)).first()
    if staff is None or not staff.active:
        raise UnknownOperator(login)
    return Actor(staff.login, staff.name, staff.role)


def db_label(ws: Workspace) -> str:
    return str(ws.db.path) if ws.db.path else ws.db.engine.url.render_as_string(True)

