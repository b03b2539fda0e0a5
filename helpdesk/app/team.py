"""Making a PostgreSQL database a team's (storage/team.py), and keeping it one: the
administrator's `helpdesk team setup` and `helpdesk team upgrade`. Run by a PostgreSQL
superuser (the `postgres` account, over the local socket), who is not staff: the first
manager is named, and every later change is a manager's, in the database."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlmodel import func, select

from helpdesk import audit
from helpdesk.actor import SYSTEM
from helpdesk.app.staff import valid_login
from helpdesk.audit_summary import summarize
from helpdesk.clock import Clock
from helpdesk.errors import UsageError
from helpdesk.storage import team
from helpdesk.storage.database import Database
from helpdesk.storage.migrate import upgrade
from helpdesk.storage.models import AuditRecord, Staff


@dataclass(frozen=True)
class TeamSetup:
    database: str
    manager: str
    records: int  # audit records the chain held before (kept, signed with the same key)
    created_manager: bool


def setup_sql(url: str, manager: str) -> str:
    db = _server(url)
    try:
        return team.plan(team.database_name(db), _login(manager)).text
    finally:
        db.dispose()


def setup_team(url: str, manager: str, clock: Clock, key_file: Path | None = None
               ) -> TeamSetup:
    """Roles, schema as the owner, the server-side audit and the first manager; a second run
    on a team database repairs grants and functions and changes nothing else."""
    manager = _login(manager)
    db = _server(url)
    try:
        with db.engine.connect() as connection:
            if not connection.execute(text(
                    "SELECT rolsuper FROM pg_roles WHERE rolname = session_user")).scalar():
                raise UsageError("err.team.not_superuser",
                                 login=str(connection.execute(text("SELECT session_user"))
                                           .scalar()))
        steps = team.plan(team.database_name(db), manager)
        team.create_roles(db, steps)
        upgrade(db, as_owner=True)
        with db.read() as session:
            records = int(session.exec(select(func.count()).select_from(AuditRecord)).one())
        key = audit.load_key(key_file, create=False) if key_file is not None else None
        already = team.is_team(db)
        if records and key is None and not already:
            raise UsageError("err.team.key_needed", records=records)
        team.install(db, steps, key)
        created = _first_manager(db, manager, clock)
        return TeamSetup(team.database_name(db), manager, records, created)
    finally:
        db.dispose()


def _first_manager(db: Database, manager: str, clock: Clock) -> bool:
    with db.write() as session:
        if session.exec(select(Staff).where(Staff.login == manager)).first() is not None:
            return False
        staff = Staff(login=manager, name=manager, role="manager", created_at=clock.now())
        session.add(staff)
        session.flush()
        team.append(session, SYSTEM.login, "staff.bootstrap", "staff", staff.id,
                    summarize(None, {"login": manager, "role": "manager"}))
        team.grant_staff(session, manager, "manager")
    return True


def _server(url: str) -> Database:
    db = Database(url)
    if db.is_sqlite:
        db.dispose()
        raise UsageError("err.team.not_postgres")
    return db


def _login(login: str) -> str:
    return valid_login(login)


def upgrade_team(url: str) -> tuple[str | None, str]:
    """The administrator's migration of a team database, as its owner; grants follow."""
    db = _server(url)
    try:
        result = upgrade(db)
        return result.before, result.after
    finally:
        db.dispose()
