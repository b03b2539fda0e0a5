"""Operations: online backup, doctor's findings, and the deterministic demo database."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import threading
from pathlib import Path

import pytest

from helpdesk.app.opening import open_workspace
from helpdesk.app.staff_views import list_staff
from helpdesk.config import Config
from helpdesk.demo.build import build_demo, is_demo_database, remove_demo_files
from helpdesk.doctor import run_checks
from helpdesk.errors import UsageError
from helpdesk.services.units import add_unit, list_units
from helpdesk.services.workspace import Workspace, resolve_actor
from helpdesk.storage.backup import backup_sqlite
from tests.conftest import PG_URL, TEST_USER, cli
from tests.expect import refused


def test_online_backup_while_another_thread_writes(sqlite_ws: Workspace, tmp_path: Path) -> None:
    actor = resolve_actor(sqlite_ws)
    stop = threading.Event()

    def keep_writing() -> None:
        index = 0
        while not stop.is_set():
            add_unit(sqlite_ws, actor, f"W{index:04d}", f"单位{index}")
            index += 1

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        copy = backup_sqlite(sqlite_ws.db, tmp_path / "copy.db", key=sqlite_ws.audit_key)
    finally:
        stop.set()
        writer.join()
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    connection = sqlite3.connect(copy)
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    connection.close()
    assert not (tmp_path / "copy.db.key").exists()  # the key travels only sealed
    assert [p.name for p in tmp_path.iterdir() if ".partial" in p.name] == []
    with refused(UsageError, "backup.exists"):
        backup_sqlite(sqlite_ws.db, copy)


def test_doctor_healthy_then_finds_problems(sqlite_ws: Workspace) -> None:
    findings = run_checks(sqlite_ws)
    levels = {f.check: f.level for f in findings if f.level != "ok"}
    assert levels == {"calendar": "warning"}  # only next year's schedule (2027) is missing
    assert sqlite_ws.db.path is not None
    os.chmod(sqlite_ws.db.path, 0o644)
    problems = [f for f in run_checks(sqlite_ws) if f.level == "error"]
    assert [f.check for f in problems] == ["permissions"]
    assert problems[0].fix == f"chmod 600 {sqlite_ws.db.path}"


def test_doctor_reports_missing_key(sqlite_ws: Workspace) -> None:
    sqlite_ws.audit_key  # noqa: B018
    sqlite_ws.db.key_path.unlink()
    audit_findings = [f for f in run_checks(sqlite_ws) if f.check == "audit"]
    assert audit_findings[0].level == "error" and "missing" in audit_findings[0].message


def _demo(config: Config, path: Path, clock: object) -> tuple[list[str], list[str]]:
    remove_demo_files(path)
    ws = open_workspace(config, str(path), clock=clock, os_user=TEST_USER)  # type: ignore[arg-type]
    build_demo(ws)
    actor = resolve_actor(ws)
    result = ([f"{u.code}:{u.name}:{u.contact}" for u in list_units(ws, actor)],
              [f"{s.login}:{s.role}" for s in list_staff(ws, actor)])
    ws.db.dispose()
    return result


def test_demo_is_deterministic_and_replaces_only_demo_files(
        config: Config, tmp_path: Path, clock: object) -> None:
    path = tmp_path / "demo.db"
    first = _demo(config, path, clock)
    assert is_demo_database(path)
    assert _demo(config, path, clock) == first
    units, staff = first
    assert "S03:福田街道" in [u.rsplit(":", 1)[0] for u in units]
    assert len(units) == 24 and f"{TEST_USER}:manager" in staff and "wangjg:engineer" in staff
    other = tmp_path / "real.db"
    other.write_bytes(b"")
    with refused(UsageError, "demo.not_demo_database"):
        remove_demo_files(other)


def test_cli_doctor_and_help(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    env = dict(os.environ)
    env.pop("HELPDESK_CONFIG", None)
    help_text = subprocess.run([*cli(TEST_USER), "--help"], capture_output=True,
                               text=True, timeout=60, env=env).stdout
    for command in ("demo", "doctor", "backup", "calendar", "staff", "audit", "config"):
        assert command in help_text
    demo = subprocess.run([*cli(TEST_USER), "demo", "--db", str(db)],
                          capture_output=True, text=True, timeout=120, env=env)
    assert demo.returncode == 0, demo.stderr
    doctor = subprocess.run([*cli(TEST_USER), "doctor", "--db",
                             str(db)],
                            capture_output=True, text=True, timeout=120, env=env)
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    assert "audit chain intact" in doctor.stdout


def test_cli_staff_backup_and_env_database(tmp_path: Path) -> None:
    db = tmp_path / "env.db"
    env = {**os.environ, "HELPDESK_DB": str(db)}
    env.pop("HELPDESK_CONFIG", None)

    def run(*args: str, user: str = TEST_USER) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*cli(user), *args],
                              capture_output=True, text=True, timeout=120, env=env)

    # A database that does not exist is refused, and not created, until `helpdesk init`.
    missing = run("staff", "list")
    assert missing.returncode == 2 and "helpdesk init --db" in missing.stderr
    assert not db.exists()
    created = run("init")
    assert created.returncode == 0 and db.is_file() and "tester" in created.stdout
    again = run("init", "--json")
    assert json.loads(again.stdout) == {"database": str(db), "created": False, "manager": None}
    added = run("staff", "add", "lixy", "--name", "李晓燕", "--role", "engineer",
                "--phone", "13812345678")
    assert added.returncode == 0, added.stderr
    listing = run("staff", "list", "--json")
    assert '"phone": "138****5678"' in listing.stdout  # masked
    refused = run("staff", "add", "x1", "--name", "某", "--role", "engineer", user="lixy")
    assert refused.returncode == 4 and "manage_staff" in refused.stderr
    stranger = run("staff", "list", user="nobody")
    assert stranger.returncode == 4 and "helpdesk staff add nobody" in stranger.stderr
    for who in ("nobody", "lixy"):  # an unknown account, an engineer: no backup
        refused = run("backup", str(tmp_path / f"{who}.db"), user=who)
        assert refused.returncode == 4 and not (tmp_path / f"{who}.db").exists()
    copy = tmp_path / "copy.db"
    backup = run("backup", str(copy))
    assert backup.returncode == 0 and copy.is_file()
    assert not (tmp_path / "copy.db.key").exists()  # the key only when asked
    keyed = tmp_path / "keyed.db"
    unsealed = run("backup", str(keyed), "--with-key")  # the key never travels in the clear
    assert unsealed.returncode == 2 and "--password" in unsealed.stderr
    assert not keyed.exists() and not (tmp_path / "keyed.db.key").exists()


@pytest.mark.skipif(not PG_URL, reason="HELPDESK_TEST_PG_URL not set")
def test_demo_on_postgresql_by_url(pg_url: str, tmp_path: Path) -> None:
    """`helpdesk demo --db postgresql+psycopg://…` builds the demo in that database (never a
    SQLite file named after the URL); a database holding anything but a demo is refused."""
    from sqlalchemy import create_engine, text

    engine = create_engine(pg_url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
        connection.execute(text("CREATE TABLE payroll (id int)"))
    env = {**os.environ, "HELPDESK_DB": pg_url, "XDG_DATA_HOME": str(tmp_path),
           "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    env.pop("HELPDESK_CONFIG", None)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*cli(), *args], capture_output=True, text=True, timeout=300,
                              env=env, cwd=tmp_path)

    refused_run = run("demo")
    assert refused_run.returncode == 2 and "不是演示数据库" in refused_run.stderr
    with engine.begin() as connection:
        assert connection.execute(text("SELECT count(*) FROM payroll")).scalar() == 0
        connection.execute(text("DROP TABLE payroll"))
    engine.dispose()
    built = run("demo")
    assert built.returncode == 0, built.stderr
    assert "postgresql+psycopg://" in built.stdout and not list(tmp_path.glob("postgresql*"))
    listed = run("staff", "list", "--json")
    assert listed.returncode == 0 and "wangjg" in listed.stdout
    assert run("audit", "verify").returncode == 0


def test_the_demo_is_not_replaced_under_an_open_console(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    """A console holds a shared lock on `<db>.lock` (storage/database.py); `helpdesk demo`
    refuses to replace that database, naming who has it open (issue 34)."""
    import fcntl

    from helpdesk.cli.main import main
    from helpdesk.demo.build import lock_unused

    db = tmp_path / "demo.db"
    connection = sqlite3.connect(db)
    connection.executescript(
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
        "INSERT INTO meta VALUES ('demo', '1');"
        "CREATE TABLE console_session (login TEXT, host TEXT);"
        "INSERT INTO console_session VALUES ('lixy', 'jump1');")
    connection.close()
    console = os.open(tmp_path / "demo.db.lock", os.O_RDONLY | os.O_CREAT, 0o600)
    fcntl.flock(console, fcntl.LOCK_SH)
    try:
        assert main(["demo", "--db", str(db)]) == 2
        assert "lixy@jump1" in capsys.readouterr().err
        assert is_demo_database(db)  # untouched
    finally:
        os.close(console)
    held = lock_unused(db)
    assert held is not None  # nobody has it open now
    os.close(held)
