"""Files we write (storage/files.py): never over an existing file without --force, never
through a symlink, never onto a device, a pipe, a folder or the database's own files; 0600;
a backup that fails leaves nothing that counts, and the user's command still runs."""

from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import replace
from pathlib import Path

import pytest

from helpdesk.clock import FrozenClock
from helpdesk.config import Config
from helpdesk.errors import ConfigError
from tests.cli_support import cli_runner, write_config


def test_the_cli_keeps_every_output_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "h.db"
    run = cli_runner(write_config(tmp_path), str(db), monkeypatch, capsys,
                     "2026-11-24T10:00:00+08:00")
    out = tmp_path / "m.md"
    assert run("report", "monthly", "2026-10", "--format", "md", "-o", str(out))[0] == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    first = out.read_bytes()
    code, said = run("report", "monthly", "2026-10", "--format", "md", "-o", str(out))
    assert code == 2 and "--force" in said and out.read_bytes() == first
    out.write_text("older", encoding="utf-8")
    assert run("report", "monthly", "2026-10", "--format", "md", "-o", str(out),
               "--force")[0] == 0
    # The same report, but for the chain head it prints (the first export is in the chain).
    again = out.read_text(encoding="utf-8").splitlines()
    before = first.decode("utf-8").splitlines()
    changed = [(old, new) for old, new in zip(before, again, strict=True) if old != new]
    assert len(changed) == 1 and "审计链头" in changed[0][0], changed

    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    victim.chmod(0o644)
    link = tmp_path / "link.md"
    link.symlink_to(victim)
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    own = [db, tmp_path / "audit.key", tmp_path / "audit.key.anchor", tmp_path / "h.db.lock",
           tmp_path / "h.db-wal", tmp_path / "backups" / "x.md"]
    (tmp_path / "backups").mkdir()
    keys = {path: path.read_bytes() for path in own[1:3]}
    for target, words in [(link, "符号链接"), (pipe, "不是普通文件"), (tmp_path, "不是普通文件"),
                          *((path, "数据库自身的文件") for path in own)]:
        code, said = run("report", "monthly", "2026-10", "--format", "md", "-o", str(target),
                         "--force")
        assert code == 2 and words in said and "Traceback" not in said, (target, said)
    assert victim.read_text(encoding="utf-8") == "keep me" and link.is_symlink()
    assert stat.S_ISFIFO(pipe.lstat().st_mode)
    assert {path: path.read_bytes() for path in own[1:3]} == keys
    # The database files may change (a checkpoint), but no report landed in any of them.
    assert not [path for path in own if path.is_file() and first[:40] in path.read_bytes()]
    assert run("audit", "verify")[0] == 0
    assert not (tmp_path / "backups" / "x.md").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".m.md")]


def test_backup_to_an_existing_file_or_a_link_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    run = cli_runner(write_config(tmp_path), str(tmp_path / "h.db"), monkeypatch, capsys,
                     "2026-11-24T10:00:00+08:00")
    victim = tmp_path / "victim"
    victim.write_text("keep me", encoding="utf-8")
    (tmp_path / "link.db").symlink_to(victim)
    code, said = run("backup", str(tmp_path / "link.db"))
    assert code == 2 and victim.read_text(encoding="utf-8") == "keep me"
    code, said = run("backup", str(tmp_path / "h.db"))
    assert code == 2 and "h.db" in said
    assert run("backup", str(tmp_path / "copy.db"))[0] == 0
    assert stat.S_IMODE((tmp_path / "copy.db").stat().st_mode) == 0o600


def test_a_full_disk_leaves_no_backup_that_counts_and_the_command_runs(
        config: Config, sqlite_url: str, clock: FrozenClock,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from helpdesk.app import backups
    from helpdesk.app.opening import open_workspace
    from helpdesk.doctor import run_checks

    config = replace(config, database=replace(config.database, daily_backup=True))
    ws = open_workspace(config, sqlite_url, clock=clock, os_user="tester")
    real_connect = sqlite3.connect

    class FullDisk:
        def __init__(self, path: str, timeout: float = 5.0) -> None:
            self.real = real_connect(path, timeout=timeout)

        def backup(self, target: object, pages: int = 0) -> None:
            raise sqlite3.OperationalError("database or disk is full")

        def __getattr__(self, name: str) -> object:
            return getattr(self.real, name)

    monkeypatch.setattr(sqlite3, "connect", FullDisk)
    try:
        backups.take_daily_backup(ws)  # never raises
        assert backups.newest_backup(ws) is None
        from helpdesk.services.file_export import backup_folder

        folder = backup_folder(ws)
        assert not [p for p in folder.iterdir()] if folder.is_dir() else True
        alarm = backups.backup_alarm(ws)
        assert alarm is not None and "disk is full" in alarm
        assert any(f.level == "error" and f.check == "backup" for f in run_checks(ws))
    finally:
        monkeypatch.undo()
        ws.db.dispose()


def test_a_missing_password_file_is_a_config_error(config: Config, sqlite_url: str,
                                                   clock: FrozenClock, tmp_path: Path) -> None:
    from helpdesk.app import backups
    from helpdesk.app.opening import open_workspace

    config = replace(config, database=replace(config.database, daily_backup=True,
                                              backup_password_file=str(tmp_path / "none")))
    ws = open_workspace(config, sqlite_url, clock=clock, os_user="tester")
    try:
        with pytest.raises(ConfigError) as caught:
            backups.take_daily_backup(ws)
        assert caught.value.exit_code == 2
        assert "database.backup_password_file" in str(caught.value)
    finally:
        ws.db.dispose()


def test_a_sealed_backup_streams_and_carries_its_key_sealed(
        config: Config, sqlite_url: str, clock: FrozenClock, tmp_path: Path) -> None:
    from helpdesk.app.backups import restore
    from helpdesk.app.opening import open_workspace
    from helpdesk.services.workspace import resolve_actor
    from helpdesk.storage.backup import backup_sqlite, unseal_key
    from helpdesk.storage.sealed import MAGIC

    ws = open_workspace(config, sqlite_url, clock=clock, os_user="tester")
    target = tmp_path / "out" / "sealed.db"
    target.parent.mkdir()
    backup_sqlite(ws.db, target, with_key=True, password="口令-长一些-2026", key=ws.audit_key)
    assert target.read_bytes().startswith(MAGIC)
    key_copy = target.with_name("sealed.db.key")
    assert key_copy.read_bytes().startswith(MAGIC)
    assert ws.audit_key.hex().encode() not in key_copy.read_bytes()
    assert unseal_key(key_copy, "口令-长一些-2026")[0] == ws.audit_key
    assert sorted(p.name for p in target.parent.iterdir()) == ["sealed.db", "sealed.db.key"]
    assert ws.db.path is not None
    assert not [p for p in ws.db.path.parent.iterdir() if "partial" in p.name]
    restored, result = restore(ws, resolve_actor(ws), target, "口令-长一些-2026")
    assert result.records >= 1
    restored.db.dispose()
