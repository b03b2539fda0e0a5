"""Storage that loses nothing: pragmas, UTC instants, private files, append-only audit, schema."""

from __future__ import annotations

import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlmodel import SQLModel, select

import helpdesk.app.tables  # noqa: F401  (every table, for the schema comparison)
from helpdesk.services.workspace import Workspace
from helpdesk.storage.migrate import current_revision, is_schema_object, upgrade
from helpdesk.storage.models import AuditRecord, Staff
from helpdesk.storage.revisions import head_revision


def test_sqlite_pragmas(sqlite_ws: Workspace) -> None:
    with sqlite_ws.db.read() as session:
        connection = session.connection()
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30_000


def test_writes_take_the_write_lock_at_begin(sqlite_ws: Workspace) -> None:
    """BEGIN IMMEDIATE: while one writer holds the lock, another cannot even start."""
    import sqlite3

    assert sqlite_ws.db.path is not None
    with sqlite_ws.db.write():
        other = sqlite3.connect(sqlite_ws.db.path, timeout=0.1, isolation_level=None)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.close()


def test_instants_round_trip_as_utc(ws: Workspace) -> None:
    shanghai = datetime.fromisoformat("2026-11-24T09:30:00+08:00")
    with ws.db.write() as session:
        session.add(Staff(login="utc", name="时区", role="viewer", created_at=shanghai))
    with ws.db.read() as session:
        stored = session.exec(select(Staff).where(Staff.login == "utc")).one().created_at
    assert stored == shanghai
    assert stored.tzinfo == UTC and stored.hour == 1


def test_naive_datetimes_are_refused(ws: Workspace) -> None:
    with pytest.raises(Exception, match="naive"), ws.db.write() as session:
        session.add(Staff(login="naive", name="x", role="viewer",
                          created_at=datetime(2026, 1, 1)))
        session.flush()
    with ws.db.read() as session:  # nothing half-written
        assert session.exec(select(Staff).where(Staff.login == "naive")).first() is None


def test_new_database_and_key_files_are_private(sqlite_ws: Workspace) -> None:
    assert sqlite_ws.db.path is not None
    sqlite_ws.audit_key  # noqa: B018  (creates the key on first use)
    for path in (sqlite_ws.db.path, sqlite_ws.db.key_path):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_audit_rows_cannot_be_updated_or_deleted(ws: Workspace) -> None:
    for statement in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log"):
        with pytest.raises((IntegrityError, DBAPIError), match="append-only"), \
                ws.db.write() as session:
            session.execute(text(statement))
    with ws.db.read() as session:
        assert session.exec(select(AuditRecord)).first() is not None


def test_migrated_schema_equals_the_models(ws: Workspace) -> None:
    with ws.db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_object": is_schema_object, "compare_type": True})
        diff = compare_metadata(context, SQLModel.metadata)
    assert diff == []
    # The comparison above does not look at INCLUDE: the worklist's index-only scan needs it.
    if ws.db.engine.dialect.name == "postgresql":
        indexes = {index["name"]: index for index in
                   inspect(ws.db.engine).get_indexes("petition_case")}
        assert indexes["ix_case_worklist"]["dialect_options"]["postgresql_include"] == ["id"]


def test_the_head_read_from_the_scripts_is_alembics() -> None:
    from alembic.script import ScriptDirectory

    from helpdesk.storage.revisions import MIGRATIONS_DIR

    assert head_revision() == ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()


def test_second_upgrade_is_a_no_op(ws: Workspace) -> None:
    result = upgrade(ws.db)
    assert result.before == result.after == head_revision()
    assert result.backup is None
    assert current_revision(ws.db) == head_revision()


def test_upgrade_of_an_older_database_takes_a_backup_first(tmp_path: Path) -> None:
    import sqlite3

    from alembic import command

    from helpdesk.storage.database import Database
    from helpdesk.storage.migrate import _alembic_config

    db = Database(str(tmp_path / "old.db"), key_file=str(tmp_path / "old.key"))
    with db.write_connection() as connection:
        command.upgrade(_alembic_config(connection), "0001")  # type: ignore[arg-type]
        connection.exec_driver_sql(
            "INSERT INTO staff (login, name, role, phone, active, created_at, version) "
            "VALUES ('old', '老员工', 'engineer', '', 1, '2026-01-05 01:00:00', 1)")
        connection.commit()
    result = upgrade(db, tmp_path / "backups", stamp="-t")
    assert (result.before, result.after) == ("0001", head_revision())
    assert result.backup == tmp_path / "backups" / f"old.db.pre-{head_revision()}-t.bak"
    assert stat.S_IMODE(result.backup.stat().st_mode) == 0o600
    copy = sqlite3.connect(result.backup)
    assert copy.execute("SELECT name FROM staff").fetchall() == [("老员工",)]
    assert copy.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
    copy.close()
    with db.read() as session:  # the data survived the upgrade itself too
        assert session.exec(select(Staff.name)).all() == ["老员工"]
    db.dispose()


def test_bulk_rows_are_stored_as_sqlalchemy_stores_them(ws: Workspace) -> None:
    """storage.bulk converts values itself: dates, UTC instants and flags read back the same,
    down to the text SQLite holds."""
    from datetime import UTC, date, datetime

    from helpdesk.cases.actions import add_case
    from helpdesk.cases.models import CaseEvent
    from helpdesk.services.workspace import resolve_actor
    from helpdesk.storage.bulk import insert_rows

    case = add_case(ws, resolve_actor(ws), case_number="B-1", registered_on=date(2026, 10, 9),
                    channel="online", subject="噪音扰民")
    table = CaseEvent.__table__  # type: ignore[attr-defined]
    values = {"case_id": case.id, "at": datetime(2026, 10, 10, 2, 30, tzinfo=UTC),
              "actor": "tester", "kind": "imported", "stage": "registered",
              "on_date": date(2026, 10, 9), "detail": "=1+1 第 2 行"}
    with ws.db.write_connection() as connection:
        connection.execute(table.insert(), [{**values, "kind": "by-sqlalchemy"}])
        insert_rows(connection, table, [{**values, "kind": "by-bulk"}])
        connection.commit()
        stored = {row[0]: row[1:] for row in connection.exec_driver_sql(
            "SELECT kind, case_id, at, actor, stage, on_date, detail FROM case_event")}
    assert stored["by-bulk"] == stored["by-sqlalchemy"]


def test_every_search_index_is_kept_by_its_triggers_at_head(sqlite_ws: Workspace) -> None:
    """The FTS5 tables (questions, knowledge base, cases) follow their rows through triggers:
    a migration that rebuilt a table in batch mode would drop them silently."""
    from sqlalchemy import text

    with sqlite_ws.db.engine.connect() as connection:
        triggers = set(connection.execute(text(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars())
    for fts in ("question_fts", "kb_fts", "case_fts"):
        assert {f"{fts}_ai", f"{fts}_ad", f"{fts}_au"} <= triggers, fts


def test_a_read_another_thread_runs_can_be_interrupted(ws: Workspace) -> None:
    """Issue 33: a superseded search (the next keystroke) is stopped instead of running on
    for seconds; the thread that ran it gets an error at once, and writes are never touched."""
    import threading
    import time

    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    slow = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
            "WHERE i < 100000000) SELECT count(*) FROM n" if ws.db.is_sqlite
            else "SELECT pg_sleep(30)")
    outcome: list[str] = []
    ident: list[int] = []

    def read() -> None:
        ident.append(threading.get_ident())
        try:
            with ws.db.snapshot() as connection:
                connection.execute(text(slow)).all()
            outcome.append("finished")
        except DBAPIError:
            outcome.append("interrupted")

    worker = threading.Thread(target=read)
    started = time.monotonic()
    worker.start()
    while not ident or not ws.db.interrupt(ident[0]):  # once its statement runs
        assert time.monotonic() - started < 10, "the read never started"
        time.sleep(0.01)
    worker.join(timeout=5)
    if not ws.db.is_sqlite:  # a cancel that reached the server before the statement did
        while worker.is_alive() and time.monotonic() - started < 10:
            ws.db.interrupt(ident[0])
            worker.join(timeout=0.2)
    assert outcome == ["interrupted"] and time.monotonic() - started < 10
    assert not ws.db.interrupt(ident[0])  # nothing running on that thread any more
    with ws.db.snapshot() as connection:  # the pool's connection still works
        assert connection.execute(text("SELECT 1")).scalar() == 1

