"""A team database (storage/team.py) on the test server, as its superuser: the server signs
records exactly as the program does, so a database used before it was a team's keeps its
chain, and either side checks the other's records. Real Unix users and peer authentication:
tests/test_shared_host.py."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from helpdesk import audit
from helpdesk.app.opening import open_workspace
from helpdesk.app.team import setup_sql, setup_team
from helpdesk.clock import FrozenClock
from helpdesk.config import Config
from helpdesk.errors import UsageError
from helpdesk.services.audit_log import verify_chain
from helpdesk.services.units import add_unit
from helpdesk.services.workspace import change, resolve_actor
from helpdesk.storage import team
from helpdesk.storage.team_sql import GROUPS
from tests.conftest import PG_URL
from tests.expect import refused

pytestmark = pytest.mark.skipif(not PG_URL, reason="HELPDESK_TEST_PG_URL is not set")
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
# A login role of its own per worker: roles are the cluster's, and the fixture drops it.
MANAGER = f"tk_manager{WORKER}"


def _server(sql: str) -> None:
    engine = create_engine(make_url(PG_URL).set(database="postgres"),
                           isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(sql))
    engine.dispose()


@pytest.fixture
def team_url() -> Iterator[str]:
    name = f"{make_url(PG_URL).database}_tk{WORKER}"
    _server(f'DROP DATABASE IF EXISTS "{name}"')
    _server(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        _server(f'DROP DATABASE IF EXISTS "{name}"')
        for role in [f"{name}_owner", *(f"{name}_{group}" for group in GROUPS),
                     f"{name}_plain", MANAGER]:
            _server(f'DROP ROLE IF EXISTS "{role}"')


def _config(config: Config, tmp_path: Path) -> Config:
    return replace(config, security=replace(config.security,
                                            audit_key_file=str(tmp_path / "team.key")))


# What the JSON texts of the two sides must agree on: quotes, backslashes, control
# characters, CJK, characters outside the BMP, line and paragraph separators.
AWKWARD = ['引号"与\\反斜杠', "tab\there", "控制\x01字符\x1f", "表情😀", "行\u2028段\u2029",
           "</script>", "空格  两个"]


def test_a_chain_signed_by_the_program_is_kept_and_checked_by_the_server(
        config: Config, team_url: str, tmp_path: Path, clock: FrozenClock) -> None:
    config = _config(config, tmp_path)
    ws = open_workspace(config, team_url, clock=clock, os_user=MANAGER)
    try:
        boss = resolve_actor(ws)
        with change(ws, boss) as tx:
            for number, word in enumerate(AWKWARD):
                tx.record("unit.edit", "unit", word, before={"name": word},
                          after={"name": word[::-1], "n": number})
    finally:
        ws.db.dispose()
    with refused(UsageError, "team.key_needed"):
        setup_team(team_url, MANAGER, clock)
    done = setup_team(team_url, MANAGER, clock, Path(config.security.audit_key_file))
    assert (done.records, done.created_manager) == (len(AWKWARD) + 1, False)

    ws = open_workspace(config, team_url, clock=clock, os_user=MANAGER)
    try:
        assert ws.team
        report = verify_chain(ws)
        assert (report.ok, report.checked) == (True, len(AWKWARD) + 1), report.reason
        assert ws.os_user == "postgres"  # the server says who is connected
        add_unit(ws, resolve_actor(ws, MANAGER), "S01", "福田街道")  # the server signs it
        with ws.db.read() as session:
            server_checked = team.verify(session)
            key = bytes(session.execute(text("SELECT key FROM audit_secret")).scalar_one())
            program_checked = audit.verify(session, key)
    finally:
        ws.db.dispose()
    assert server_checked.broken_at is None and server_checked.checked == len(AWKWARD) + 2
    assert program_checked.ok and program_checked.checked == len(AWKWARD) + 2
    assert key == audit.load_key(Path(config.security.audit_key_file), create=False)


def test_setup_is_the_superusers_and_can_be_read_first(team_url: str,
                                                       clock: FrozenClock) -> None:
    script = setup_sql(team_url, MANAGER)
    name = make_url(team_url).database
    assert f'CREATE ROLE "{name}_owner" NOLOGIN' in script
    assert "helpdesk_audit_append" in script and "REVOKE ALL ON audit_secret" in script
    _server(f'CREATE ROLE "{name}_plain" LOGIN')
    plain = make_url(team_url).set(username=f"{name}_plain").render_as_string(False)
    with refused(UsageError, "team.not_superuser"):
        setup_team(plain, MANAGER, clock)
    with refused(UsageError, "team.not_postgres"):
        setup_team("/tmp/x.db", MANAGER, clock)
    first = setup_team(team_url, MANAGER, clock)
    again = setup_team(team_url, MANAGER, clock)  # repairs, adds nothing
    assert (first.created_manager, again.created_manager) == (True, False)
    assert again.records == 1
