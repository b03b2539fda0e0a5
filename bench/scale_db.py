"""The province-scale bench database: N cases and M questions, built once and reused by path.

    .venv/bin/python bench/scale_db.py [--db /tmp/helpdesk-scale.db] [--cases 1000000]
                                       [--questions 200000] [--rebuild]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import cases as case_bench  # noqa: E402
import questions as question_bench  # noqa: E402

from helpdesk.app.opening import open_workspace  # noqa: E402
from helpdesk.clock import FrozenClock  # noqa: E402
from helpdesk.config import Config  # noqa: E402
from helpdesk.services.workspace import Workspace  # noqa: E402

NOW = question_bench.NOW
DEFAULT = "/tmp/helpdesk-scale.db"


def open_bench(path: Path | str) -> Workspace:
    return open_workspace(Config(), str(path), clock=FrozenClock(NOW), os_user="bench",
                          durable=False)


def ensure(path: Path | str, cases: int, questions: int, rebuild: bool = False) -> Workspace:
    """The database at `path`, built first when missing (or `rebuild`); a PostgreSQL URL is
    filled from the SQLite database of the same size (built first if need be)."""
    if isinstance(path, str) and "://" in path:
        return ensure_postgres(path, cases, questions, rebuild)
    path = Path(path)
    if rebuild or not path.exists():
        for suffix in ("", "-wal", "-shm", ".key"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        ws = open_bench(path)
        started = time.perf_counter()
        question_bench.populate(ws, questions)
        case_bench.populate(ws, cases)
        print(f"built {path}: {questions:,} questions and {cases:,} cases in "
              f"{time.perf_counter() - started:.1f} s", flush=True)
        ws.db.engine.dispose()
    started = time.perf_counter()
    ws = open_bench(path)  # derives what the raw inserts left out (stored step deadlines)
    print(f"opened {path} in {time.perf_counter() - started:.1f} s", flush=True)
    let_the_console_in(ws)
    return ws


def let_the_console_in(ws: Workspace) -> None:
    """The console runs as this machine's account (the kernel's word): make it a manager."""
    from helpdesk.app.staff import add_staff
    from helpdesk.app.staff_views import list_staff
    from helpdesk.clock import MARK_KEY, MARK_VALUE
    from helpdesk.identity import os_login
    from helpdesk.services.workspace import resolve_actor
    from helpdesk.storage.models import Meta

    actor = resolve_actor(ws)
    with ws.db.write() as session:  # a bench database: the console's clock is frozen too
        session.merge(Meta(key=MARK_KEY, value=MARK_VALUE))
    login = os_login()
    if login not in {member.login for member in list_staff(ws, actor)}:
        add_staff(ws, actor, login, "值班工程师", "manager")


def ensure_postgres(url: str, cases: int, questions: int, rebuild: bool) -> Workspace:
    from sqlalchemy import func, select

    from helpdesk.cases.models import PetitionCase

    ws = open_bench(url)
    with ws.db.read() as session:
        present = session.execute(select(func.count()).select_from(PetitionCase)).scalar_one()
    if present and not rebuild:
        print(f"reusing {ws.db.url.split('@')[-1]}: {present:,} cases", flush=True)
        let_the_console_in(ws)
        return ws
    source = Path(DEFAULT if cases == 1_000_000 else f"/tmp/helpdesk-scale-{cases}.db")
    ensure(source, cases, questions).db.engine.dispose()
    started = time.perf_counter()
    copy_tables(source, ws, ("unit", "question", "petition_case"))
    # What autovacuum would do soon after: statistics, and the visibility map without which
    # no covering index can answer alone (index-only scans).
    raw = ws.db.engine.raw_connection()
    raw.driver_connection.autocommit = True
    raw.cursor().execute("VACUUM ANALYZE")
    raw.close()
    print(f"copied {source} into PostgreSQL in {time.perf_counter() - started:.1f} s", flush=True)
    let_the_console_in(ws)
    return ws


def copy_tables(source: Path, ws: Workspace, tables: tuple[str, ...]) -> None:
    """Rows of `tables` from the SQLite bench database, by COPY, ids kept (bench only: no
    audit; the target's own rows of those tables are replaced)."""
    import sqlite3

    raw = sqlite3.connect(source)
    target = ws.db.engine.raw_connection()
    cursor = target.cursor()
    cursor.execute("SET TIME ZONE 'UTC'")
    for table in reversed(tables):
        cursor.execute(f"DELETE FROM {table}")
    for table in tables:
        mine = {row[0] for row in cursor.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s",
            (table,)).fetchall()}
        columns = [row[1] for row in raw.execute(f"PRAGMA table_info({table})")
                   if row[1] in mine]
        names = ", ".join(columns)
        with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in raw.execute(f"SELECT {names} FROM {table}"):
                copy.write_row(row)
        cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                       f"(SELECT max(id) FROM {table}))")
    target.commit()
    target.close()
    raw.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default=DEFAULT)
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--questions", type=int, default=200_000)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    ensure(args.db if "://" in args.db else Path(args.db), args.cases, args.questions,
           args.rebuild)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
