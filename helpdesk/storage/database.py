"""Opening the database, and the two kinds of transaction every service uses.

SQLite: WAL, synchronous=FULL, foreign_keys=ON, busy_timeout, and writes opened with
BEGIN IMMEDIATE. pysqlite's default lets a read-modify-write start as a reader and fail or lose
the update when it upgrades to a writer; taking the write lock first serialises writers and the
busy timeout makes them queue instead of erroring. PostgreSQL: writers take one transaction-level
advisory lock, which gives the same one-writer-at-a-time order (and a gap-free audit chain).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import DBAPIError, OperationalError

if TYPE_CHECKING:
    from sqlmodel import Session

from helpdesk.errors import DatabaseBusy, NotAuthorized
from helpdesk.paths import user_data_dir

WRITE_LOCK_ID = 727_001
# A write of this many rows (an import, a recompute) refreshes the planner's statistics after
# it (refresh_statistics): a province's morning export can double a table.
BULK_ROWS = 1000  # the PostgreSQL advisory lock that serialises writers
_BUSY_RETRIES = 3


def to_url(path_or_url: str) -> str:
    if "://" in path_or_url:
        return path_or_url
    return f"sqlite:///{Path(path_or_url).expanduser().resolve()}"


def create_private_file(path: Path) -> None:
    """Create an empty file readable by its owner only, unless it exists (a folder it needs
    is made owner-only too)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    os.close(descriptor)


def interrupted(err: DBAPIError) -> bool:
    """The statement was stopped by `Database.interrupt` (SQLite: "interrupted"; PostgreSQL:
    query_canceled)."""
    return getattr(err.orig, "sqlstate", None) == "57014" or "interrupted" in str(err.orig)


@contextmanager
def _server_refusals() -> Iterator[None]:
    """A team database (storage/team.py) refuses what the session's role may not do: said in
    words, with the server's reason, never a traceback."""

    try:
        yield
    except DBAPIError as err:
        if getattr(err.orig, "sqlstate", None) != "42501":  # insufficient_privilege
            raise

        reason = str(err.orig).strip().splitlines()[0][:300]
        raise NotAuthorized("err.db.refused", reason=reason) from None


class Database:
    def __init__(self, path_or_url: str, *, busy_timeout_ms: int = 30_000,
                 key_file: str = "", durable: bool = True) -> None:
        self.url = to_url(path_or_url)
        parsed = make_url(self.url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        self.path: Path | None = Path(parsed.database) if self.is_sqlite and parsed.database \
            else None
        self.busy_timeout_ms = busy_timeout_ms
        self.durable = durable  # False only for throwaway data (demo builds): no fsync
        self.key_path = Path(key_file) if key_file else self._default_key_path()
        self._presence: int | None = None
        self.team: bool | None = None  # storage/team.py: whether the server keeps the audit
        if self.path is not None:
            create_private_file(self.path)
            self._announce_presence()
        self.engine = self._create_engine()
        self._writer = self.engine.execution_options(helpdesk_write=True)
        # The read statement each thread is running now, by thread: a superseded search (a new
        # keystroke) is stopped with interrupt() instead of running on to the end.
        self._reading: dict[int, Any] = {}
        self._stopping: set[int] = set()  # SQLite: threads whose statement is to stop
        event.listen(self.engine, "before_cursor_execute", self._statement_started)
        event.listen(self.engine, "after_cursor_execute", self._statement_ended)
        event.listen(self.engine, "handle_error", self._statement_failed)
        event.listen(self.engine, "checkin", self._returned)

    def _statement_started(self, connection: Connection, *_args: Any) -> None:
        if not connection.get_execution_options().get("helpdesk_write", False):
            self._reading[threading.get_ident()] = connection.connection.driver_connection

    def _statement_ended(self, _connection: Connection, *_args: Any) -> None:
        self._reading.pop(threading.get_ident(), None)

    def _statement_failed(self, _context: Any) -> None:
        self._reading.pop(threading.get_ident(), None)
        self._stopping.discard(threading.get_ident())

    def _returned(self, *_args: Any) -> None:
        # A stop asked between two statements (after BEGIN, before the search) holds until
        # the thread's reading is over: its connection back in the pool.
        self._stopping.discard(threading.get_ident())

    def _keep_going(self) -> int:
        """SQLite's progress handler: non-zero stops the statement ("interrupted"). A flag
        rather than sqlite3_interrupt, which is ignored when it comes before the statement
        has begun to run."""
        return int(threading.get_ident() in self._stopping)

    def interrupt(self, thread: int) -> bool:
        """Stop the read statement `thread` is running, if it runs one: it fails at once
        (SQLite's interrupt, PostgreSQL's cancel), and the caller that no longer wants its
        result drops the error. Writes are never interrupted (they hold the write lock and
        are short)."""
        driver = self._reading.get(thread)
        if driver is None:
            return False
        if self.is_sqlite:
            self._stopping.add(thread)
        else:
            driver.cancel()
        return True

    @property
    def lock_path(self) -> Path:
        assert self.path is not None
        return self.path.with_name(self.path.name + ".lock")

    def _announce_presence(self) -> None:
        """Every process with the database open holds a shared lock on `<db>.lock`, so that
        a restore can tell that nobody else has it open (it needs the lock exclusively)."""

        create_private_file(self.lock_path)
        descriptor = os.open(self.lock_path, os.O_RDONLY)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)

            raise DatabaseBusy("backup.restore_under_way", path=str(self.path)) from None
        self._presence = descriptor

    def _default_key_path(self) -> Path:
        if self.path is not None:
            return self.path.with_name(self.path.name + ".key")
        return self.server_key_path(self.url)

    @staticmethod
    def server_key_path(url: str) -> Path:
        """A server database's audit key: in the user data directory, one per URL."""

        tag = hashlib.sha256(make_url(url).render_as_string(False).encode()).hexdigest()
        return user_data_dir() / f"audit-{tag[:16]}.key"

    def _create_engine(self) -> Engine:
        if not self.is_sqlite:
            return create_engine(self.url, pool_pre_ping=True)
        engine = create_engine(
            self.url,
            connect_args={"timeout": self.busy_timeout_ms / 1000, "check_same_thread": False},
        )
        timeout = self.busy_timeout_ms
        synchronous = "FULL" if self.durable else "OFF"

        @event.listens_for(engine, "connect")
        def _configure(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute(f"PRAGMA synchronous={synchronous}")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={int(timeout)}")
            cursor.close()
            dbapi_connection.set_progress_handler(self._keep_going, 10_000)

        @event.listens_for(engine, "begin")
        def _begin(connection: Connection) -> None:
            write = connection.get_execution_options().get("helpdesk_write", False)
            connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

        return engine

    @contextmanager
    def snapshot(self) -> Iterator[Connection]:
        """A read-only snapshot for Core selects (storage/core_tables.py): what a command that
        only reads uses, without importing the ORM."""
        with self.engine.connect() as connection, _server_refusals():
            yield connection

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only snapshot; nothing is committed."""
        from sqlmodel import Session

        with Session(self.engine, expire_on_commit=False) as session, _server_refusals():
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: commits on success, rolls back on any exception."""
        session = self._open_writer()
        try:
            with _server_refusals():
                yield session
                session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def _open_writer(self) -> Session:
        from sqlmodel import Session

        for attempt in range(_BUSY_RETRIES):
            session = Session(self._writer, expire_on_commit=False)
            try:
                if self.is_sqlite:
                    session.connection()  # BEGIN IMMEDIATE now, waiting up to busy_timeout
                else:
                    session.execute(text(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_ID})"))
                return session
            except OperationalError as err:
                session.close()
                if "locked" not in str(err).lower() and "busy" not in str(err).lower():
                    raise
                time.sleep(0.05 * (attempt + 1))
        raise DatabaseBusy(
            "err.database.busy"
        )

    @contextmanager
    def write_connection(self) -> Iterator[Connection]:
        """A raw connection holding the write lock (for migrations); the caller commits."""
        with self._writer.connect() as connection:
            if self.is_sqlite:
                connection.exec_driver_sql("SELECT 1")  # opens BEGIN IMMEDIATE
            else:
                connection.execute(text(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_ID})"))
            yield connection

    def refresh_statistics(self, *tables: str) -> None:
        """After a bulk write (an import, a recompute of stored deadlines): the planner's
        statistics for `tables`, or the next query may scan what an index would answer
        (issue 33: 2-10x slower on PostgreSQL until VACUUM; nothing ran ANALYZE). SQLite:
        ANALYZE, sampled (analysis_limit) so a million rows take a fraction of a second.
        PostgreSQL: VACUUM (ANALYZE), outside a transaction; it also renews the visibility map
        that lets a covering index answer alone. Only the table's owner may: another role's
        attempt is skipped (autovacuum comes later)."""
        if self.is_sqlite:
            with self.write_connection() as connection:
                connection.exec_driver_sql("PRAGMA analysis_limit = 2000")
                for table in tables:
                    connection.exec_driver_sql(f'ANALYZE "{table}"')
                connection.commit()
            return
        with self.engine.connect() as connection:
            autocommit = connection.execution_options(isolation_level="AUTOCOMMIT")
            for table in tables:
                try:
                    autocommit.exec_driver_sql(f'VACUUM (ANALYZE) "{table}"')
                except DBAPIError:
                    continue

    def dispose(self) -> None:
        self.engine.dispose()
        if self._presence is not None:
            os.close(self._presence)  # releases the shared lock
            self._presence = None
