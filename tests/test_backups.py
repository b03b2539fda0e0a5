"""Backups that keep themselves, and a way back: daily generations pruned to what is kept, and
a restore that checks a backup before it replaces anything, keeps the replaced database, and
refuses while someone else has the database open."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from helpdesk.app.backups import daily_backup, newest_backup, restore, take_daily_backup
from helpdesk.app.opening import open_workspace
from helpdesk.clock import FrozenClock
from helpdesk.config import Config
from helpdesk.errors import UsageError
from helpdesk.services.audit_log import verify_chain
from helpdesk.services.units import add_unit, list_units
from helpdesk.services.workspace import resolve_actor
from helpdesk.storage.backup import backup_sqlite
from tests.conftest import TEST_USER, local


def _config(config: Config, keep_daily: int = 3, keep_monthly: int = 2) -> Config:
    return replace(config, database=replace(config.database, daily_backup=True,
                                            keep_daily=keep_daily, keep_monthly=keep_monthly))


def test_daily_generations_are_taken_once_and_pruned(config: Config, sqlite_url: str,
                                                     clock: FrozenClock) -> None:
    config = _config(config)
    days = [date(2026, 8, 31), date(2026, 9, 30), date(2026, 10, 28), date(2026, 10, 29),
            date(2026, 10, 30), date(2026, 10, 31)]
    for day in days:
        clock.set(local(day.year, day.month, day.day, 9, 0))
        ws = open_workspace(config, sqlite_url, clock=clock, os_user=TEST_USER)
        take_daily_backup(ws)  # what the first command or console of the day does
        assert daily_backup(ws, resolve_actor(ws)) is None  # once a day
        ws.db.dispose()
    folder = Path(sqlite_url).parent / "backups"
    kept = sorted(path.name for path in folder.glob("*.db"))
    # The last 3 days, and the newest of each of the last 2 months (Oct 31 and Sep 30).
    assert kept == ["helpdesk-20260930.db", "helpdesk-20261029.db", "helpdesk-20261030.db",
                    "helpdesk-20261031.db"]
    ws = open_workspace(config, sqlite_url, clock=clock, os_user=TEST_USER)
    newest = newest_backup(ws)
    assert newest is not None and newest[0] == date(2026, 10, 31)
    ws.db.dispose()


def test_the_days_head_goes_to_the_system_log(config: Config, sqlite_url: str,
                                              clock: FrozenClock, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import syslog

    from helpdesk.services import audit_log

    sent: list[tuple[int, str]] = []
    monkeypatch.setattr(syslog, "syslog", lambda priority, message: sent.append(
        (priority, message)))
    monkeypatch.setattr(audit_log, "SYSTEM_LOG", tmp_path / "no-log")
    ws = open_workspace(_config(config), sqlite_url, clock=clock, os_user=TEST_USER)
    try:
        take_daily_backup(ws)
        assert sent == []  # a host without a system log: nothing, and no error
        (tmp_path / "log").touch()
        monkeypatch.setattr(audit_log, "SYSTEM_LOG", tmp_path / "log")
        clock.set(local(2026, 10, 11, 9, 0))
        take_daily_backup(ws)
        head = audit_log.head_text(audit_log.chain_head(ws))
        assert sent == [(syslog.LOG_NOTICE, f"audit head {head} database {sqlite_url}")]
        assert audit_log.verify_chain(ws, audit_log.PrintedHead.parse(head)).ok
    finally:
        ws.db.dispose()


def test_restore_a_backup_taken_during_writes(config: Config, sqlite_url: str,
                                              clock: FrozenClock, tmp_path: Path) -> None:
    ws = open_workspace(config, sqlite_url, clock=clock, os_user=TEST_USER)
    actor = resolve_actor(ws)
    add_unit(ws, actor, "S00", "园岭街道", "street")
    writer = open_workspace(config, sqlite_url, clock=clock, os_user=TEST_USER)

    def write() -> None:
        for index in range(1, 40):
            add_unit(writer, actor, f"S{index:02d}", f"街道{index}", "street")

    thread = threading.Thread(target=write)
    thread.start()
    copy = backup_sqlite(ws.db, tmp_path / "during.db", key=ws.audit_key)
    thread.join()
    writer.db.dispose()
    with sqlite3.connect(copy) as connection:
        units_in_copy = connection.execute("SELECT count(*) FROM unit").fetchone()[0]
    add_unit(ws, actor, "X99", "恢复后应消失", "street")
    restored, result = restore(ws, actor, copy)
    try:
        assert result.records >= 1 and Path(result.kept_as).is_file()
        assert len(list_units(restored, actor, limit=1000)) == units_in_copy
        assert verify_chain(restored).ok  # the restored chain, plus the restore's record
        kept = open_workspace(config, result.kept_as, clock=clock, os_user=TEST_USER)
        assert any(u.code == "X99" for u in list_units(kept, actor, limit=1000))
        kept.db.dispose()
    finally:
        restored.db.dispose()


def test_restore_refuses_a_bad_backup_or_a_busy_database(config: Config, sqlite_url: str,
                                                         clock: FrozenClock,
                                                         tmp_path: Path) -> None:
    ws = open_workspace(config, sqlite_url, clock=clock, os_user=TEST_USER)
    actor = resolve_actor(ws)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(UsageError):
        restore(ws, actor, junk)
    good = backup_sqlite(ws.db, tmp_path / "good.db", key=ws.audit_key)
    other = open_workspace(config, sqlite_url, clock=clock, os_user=TEST_USER)  # a colleague
    with pytest.raises(UsageError, match="其他控制台"):
        restore(ws, actor, good)
    other.db.dispose()
    again = open_workspace(config, sqlite_url, clock=clock, os_user=TEST_USER)
    restored, _result = restore(again, resolve_actor(again), good)
    restored.db.dispose()


def test_a_sealed_backup_restores_only_with_its_password(config: Config, sqlite_url: str,
                                                         clock: FrozenClock,
                                                         tmp_path: Path) -> None:
    from helpdesk.storage.sealed import MAGIC

    secret = tmp_path / "backup.pass"
    secret.write_text("正确的口令-2026\n", encoding="utf-8")
    secret.chmod(0o644)
    sealed_config = replace(_config(config), database=replace(
        _config(config).database, backup_password_file=str(secret)))
    ws = open_workspace(sealed_config, sqlite_url, clock=clock, os_user=TEST_USER)
    assert newest_backup(ws) is None  # a password file others can read seals nothing
    secret.chmod(0o600)
    actor = resolve_actor(ws)
    taken = daily_backup(ws, actor)
    assert taken is not None and taken.read_bytes().startswith(MAGIC)
    assert b"audit_log" not in taken.read_bytes()
    with pytest.raises(UsageError, match="需要口令"):
        restore(ws, actor, taken)
    with pytest.raises(UsageError, match="口令不对"):
        restore(ws, actor, taken, "错误的口令-0000")
    restored, result = restore(ws, actor, taken, "正确的口令-2026")
    assert result.records >= 1 and verify_chain(restored).ok
    restored.db.dispose()


def test_a_command_that_only_reads_writes_nothing(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """No backup and no audit row for a look; the first command that writes takes the day's
    copy before its change."""
    import sqlite3

    from tests.cli_support import cli_runner

    config = tmp_path / "config.toml"
    config.write_text(f'[security]\naudit_key_file = "{tmp_path / "audit.key"}"\n'
                      f'[calendar]\nlocal_tables_dir = "{tmp_path}"\n'
                      '[database]\ndaily_backup = true\n', encoding="utf-8")
    db = tmp_path / "h.db"
    run = cli_runner(config, str(db), monkeypatch, capsys, "2026-11-24T10:00:00+08:00")
    folder = tmp_path / "backups"

    def records() -> list[str]:
        with sqlite3.connect(db) as connection:
            return [row[0] for row in connection.execute(
                "SELECT action FROM audit_log ORDER BY seq")]

    before = records()
    for look in (("unit", "list"), ("ledger", "--json"), ("doctor",), ("audit", "verify"),
                 ("case", "urging")):
        run(*look)
    assert records() == before
    assert not folder.exists() or not list(folder.glob("*.db"))
    assert run("unit", "add", "S01", "--name", "福田街道")[0] == 0
    assert [path.name for path in folder.glob("*.db")] == ["h-20261124.db"]
    assert records()[len(before):] == ["database.backup", "unit.add"]
