"""Opening a workspace: the database a command or the console names (refusing one that does
not exist), its schema migrated, its first manager registered, its stored deadlines healed.
Kept apart from services/workspace.py, which every service imports: opening reaches into
calendar_sync, which reaches into the services."""

from __future__ import annotations

from contextlib import suppress

from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from helpdesk.actor import SYSTEM
from helpdesk.app.calendar_check import changed_years, rules_changed
from helpdesk.app.calendar_store import adopt_folder_tables, refresh_calendar
from helpdesk.calendar import business_hours_from_config, calendar_from_config
from helpdesk.clock import MARK_KEY, MARK_VALUE, Clock, clock_for_database
from helpdesk.config import Config
from helpdesk.errors import CalendarUnavailable, DatabaseBusy
from helpdesk.identity import os_login, refuse_sudo
from helpdesk.services.workspace import Workspace
from helpdesk.storage.core_tables import staff as staff_table
from helpdesk.storage.database import Database
from helpdesk.storage.migrate import upgrade
from helpdesk.storage.target import database_target
from helpdesk.storage.team import session_login


def open_workspace(config: Config, db_url: str | None = None, *, clock: Clock | None = None,
                   migrate: bool = True, os_user: str | None = None,
                   durable: bool = True) -> Workspace:
    """The workspace of a database, its schema brought up to date, its first manager
    registered and its stored deadlines following the calendar. The day's backup is the
    caller's (services/backups.take_daily_backup): the console takes it after its first
    screen has loaded, a command before it runs."""
    refuse_sudo()
    db = Database(database_target(config, db_url),
                  busy_timeout_ms=config.database.busy_timeout_ms,
                  key_file=str(config.resolve_path(config.security.audit_key_file))
                  if config.security.audit_key_file else "", durable=durable)
    try:
        clock = clock or clock_for_database(lambda: takes_environment_clock(db))
    except BaseException:
        db.dispose()
        raise
    calendar = calendar_from_config(config)
    ws = Workspace(config, db, clock, calendar, business_hours_from_config(config, calendar),
                   os_user or os_login())
    if ws.team:  # the server says who this is: the login role peer authentication vouched for
        ws.os_user = session_login(db)
    if migrate:

        backup_dir = config.resolve_path(config.database.backup_dir) \
            if config.database.backup_dir else None
        upgrade(db, backup_dir, stamp=ws.now().strftime("-%Y%m%dT%H%M%SZ"))
        bootstrap(ws)
        with suppress(DatabaseBusy):
            adopt_folder_tables(ws)
    refresh_calendar(ws)  # the tables the database holds: the same for every process
    if migrate:
        heal_deadlines(ws)
    return ws


def takes_environment_clock(db: Database) -> bool:
    """The database's own mark (helpdesk/clock.py): a demo's, or a test's. A database without
    the meta table yet (being created) has none."""

    try:
        with db.engine.connect() as connection:
            value = connection.execute(text("SELECT value FROM meta WHERE key = :key"),
                                       {"key": MARK_KEY}).scalar()
    except DBAPIError:
        return False
    return value == MARK_VALUE


def heal_deadlines(ws: Workspace) -> None:
    """Stored deadlines follow the calendar's data (app/calendar_sync.py). A start never
    fails on it: a broken table or a busy database leaves them for the next start, and
    `helpdesk doctor` says so."""

    with suppress(CalendarUnavailable, DatabaseBusy):
        rules = rules_changed(ws)
        if rules or changed_years(ws):
            # The recompute (and the ORM it writes with) only when something changed.
            from helpdesk.app.calendar_sync import recompute

            recompute(ws, SYSTEM, force=rules, all_steps=rules)


def bootstrap(ws: Workspace) -> None:
    """A new database registers the account that creates it as its first manager (a team
    database's first manager is named by `helpdesk team setup`)."""
    if ws.team:
        return
    with ws.db.snapshot() as connection:
        if connection.execute(select(func.count()).select_from(staff_table)).scalar():
            return
    # A new database's first write: only then the ORM models and the audit chain.
    from helpdesk import audit
    from helpdesk.storage.models import Staff

    with ws.db.write() as session:
        if session.execute(select(func.count()).select_from(staff_table)).scalar():
            return
        staff = Staff(login=ws.os_user, name=ws.os_user, role="manager", created_at=ws.now())
        session.add(staff)
        session.flush()
        record = audit.append(session, ws.audit_key, at=ws.now(), actor=SYSTEM.login,
                              os_user=ws.os_user, action="staff.bootstrap", entity="staff",
                              entity_id=staff.id, after={"login": staff.login, "role": "manager"})
        head = (record.seq, record.hash)
    if head[0] == 1:  # a new chain: its anchor starts here (never recreated later)
        audit.write_anchor(ws.db.key_path, ws.audit_key, *head)
