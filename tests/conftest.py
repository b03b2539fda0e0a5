"""Shared fixtures: a frozen clock, a config isolated from the machine, and workspaces on SQLite
and (when HELPDESK_TEST_PG_URL is set) PostgreSQL."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from helpdesk.app.opening import open_workspace
from helpdesk.cli import log
from helpdesk.clock import FrozenClock, allow_environment_clock
from helpdesk.config import Config
from helpdesk.config.schema import CalendarConfig, DatabaseConfig, UiConfig
from helpdesk.data.settings import DataServiceConfig
from helpdesk.i18n import set_locale
from helpdesk.security.settings import SecurityConfig
from helpdesk.services.workspace import Workspace

SHANGHAI = ZoneInfo("Asia/Shanghai")
# The suite's own processes take HELPDESK_NOW on any database (helpdesk/clock.py); programs it
# starts do so through tests/run_as.py, or on a database marked for it (cli_support.py).
allow_environment_clock()
PG_URL = os.environ.get("HELPDESK_TEST_PG_URL", "")
# Under pytest-xdist each worker has its own PostgreSQL database (the tests drop and recreate
# its schema), named after the given one: helpdesk_ci_123 -> helpdesk_ci_123_gw0.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
TEST_USER = "tester"


def cli(user: str = TEST_USER) -> list[str]:
    """The command line that runs `helpdesk` as `user` (tests/run_as.py)."""
    return [sys.executable, "-m", "tests.run_as", user]


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


# No test reads the real clock: a program a test starts (a subprocess included) sees this
# instant unless the test sets its own. `.ci/run` runs the any-day tests again with
# HELPDESK_TEST_NOW inside a year whose holidays are unpublished.
TEST_NOW = os.environ.get("HELPDESK_TEST_NOW", "2026-10-10T10:30:00+08:00")


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch,
                  tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    for name in ("HELPDESK_DB", "HELPDESK_CONFIG", "SUDO_USER", "TMUX"):
        monkeypatch.delenv(name, raising=False)
    # The user data and config directories (platformdirs follows XDG): never the tester's own.
    home = tmp_path_factory.getbasetemp() / "xdg"
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))  # the command log
    monkeypatch.setenv("HELPDESK_NOW", TEST_NOW)
    set_locale("zh_CN")
    yield
    set_locale("zh_CN")
    log.stop()  # the next test's command opens the log in its own XDG_STATE_HOME


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(local(2026, 10, 10, 10, 30))  # a make-up Saturday, in office hours


@pytest.fixture
def config(tmp_path: Path) -> Config:
    tables = tmp_path / "calendar"
    tables.mkdir()
    return replace(
        Config(),
        calendar=CalendarConfig(local_tables_dir=str(tables)),
        security=replace(SecurityConfig(), audit_key_file=str(tmp_path / "audit.key")),
        database=replace(DatabaseConfig(), daily_backup=False),  # tests/test_backups.py
        data_service=replace(DataServiceConfig(), export_dir=str(tmp_path / "exports")),
        # A steady cursor: a blinking one is on or off depending on when a snapshot is taken.
        # No background polling for other consoles' changes: tests/test_live.py turns it on.
        ui=replace(UiConfig(), cursor_blink=False, live_refresh_seconds=0),
    )


def reset_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def backends() -> list[str]:
    return ["sqlite", "postgresql"] if PG_URL else ["sqlite"]


@pytest.fixture(scope="session")
def pg_url() -> str:
    """This worker's PostgreSQL database (created on first use)."""
    if not _WORKER:
        return PG_URL
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = make_url(PG_URL)
    name = f"{base.database}_{_WORKER}"
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        if connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"),
                              {"name": name}).first() is None:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(params=backends())
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgresql":
        url: str = request.getfixturevalue("pg_url")
        reset_postgres(url)
        return url
    return str(tmp_path / "helpdesk.db")


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return str(tmp_path / "helpdesk.db")


@pytest.fixture
def ws(config: Config, db_url: str, clock: FrozenClock) -> Iterator[Workspace]:
    workspace = open_workspace(config, db_url, clock=clock, os_user=TEST_USER)
    yield workspace
    workspace.db.dispose()


@pytest.fixture
def sqlite_ws(config: Config, sqlite_url: str, clock: FrozenClock) -> Iterator[Workspace]:
    workspace = open_workspace(config, sqlite_url, clock=clock, os_user=TEST_USER)
    yield workspace
    workspace.db.dispose()


@pytest.fixture
def units(ws: Workspace, clock: FrozenClock) -> Workspace:
    """The units data/samples/provincial_export.csv names, on 2026-11-24."""
    from helpdesk.services.units import add_unit
    from helpdesk.services.workspace import resolve_actor

    clock.set(local(2026, 11, 24, 10, 0))
    actor = resolve_actor(ws)
    for code, name in (("S03", "福田街道"), ("D02", "区人力资源局"), ("D04", "区教育局"),
                       ("D07", "区城市管理和综合执法局"), ("D05", "区卫生健康局")):
        add_unit(ws, actor, code, name)
    return ws
