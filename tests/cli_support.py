"""Running `helpdesk ...` in-process for the CLI tests: a config in tmp_path, one database,
a frozen `HELPDESK_NOW` and an OS user per call (the database created by `helpdesk init` as
"tester"), stdout and stderr together."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from helpdesk import identity
from helpdesk.cli.main import main

CliRun = Callable[..., tuple[int, str]]


def write_config(tmp_path: Path, extra: str = "") -> Path:
    config = tmp_path / "config.toml"
    config.write_text(f'[security]\naudit_key_file = "{tmp_path / "audit.key"}"\n'
                      f'[calendar]\nlocal_tables_dir = "{tmp_path}"\n'
                      '[database]\ndaily_backup = false\n' + extra,
                      encoding="utf-8")
    return config


def cli_runner(config: Path, db: str, monkeypatch: pytest.MonkeyPatch,
               capsys: pytest.CaptureFixture[str], now: str) -> CliRun:
    default_now = now

    def run(*args: str, now: str = default_now, user: str = "tester") -> tuple[int, str]:
        monkeypatch.setenv("HELPDESK_NOW", now)
        monkeypatch.setattr(identity, "_real_account", lambda: user)
        capsys.readouterr()
        code = main(["--db", db, "--config", str(config), *args])
        out = capsys.readouterr()
        return code, out.out + out.err

    code, out = run("init")  # commands refuse a database that does not exist yet
    assert code == 0, out
    return run


def marked_database(path: Path, config: Path | None = None, login: str | None = None) -> None:
    """A database whose programs take HELPDESK_NOW (meta.clock, helpdesk/clock.py), created at
    the suite's frozen instant with `login` (the real account by default) as its manager, so
    that a real `helpdesk` process started by a test reads no real clock."""
    from helpdesk.app.opening import open_workspace
    from helpdesk.clock import MARK_KEY, MARK_VALUE, FrozenClock, environment_instant
    from helpdesk.config.load import load_config
    from helpdesk.storage.models import Meta

    instant = environment_instant()
    assert instant is not None
    ws = open_workspace(load_config(str(config) if config else None), str(path),
                        clock=FrozenClock(instant), os_user=login or identity.os_login())
    try:
        with ws.db.write() as session:
            session.merge(Meta(key=MARK_KEY, value=MARK_VALUE))
    finally:
        ws.db.dispose()
