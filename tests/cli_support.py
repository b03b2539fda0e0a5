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
