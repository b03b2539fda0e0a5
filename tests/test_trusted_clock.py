"""HELPDESK_NOW freezes the clock of a demo database only: a real one refuses it, so nobody
can backdate an answer, an urging or a delivery (helpdesk/clock.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpdesk import clock
from helpdesk.errors import UsageError
from tests.cli_support import marked_database
from tests.expect import refused


def _helpdesk(*args: str, now: str | None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HELPDESK_CONFIG": ""}
    env.pop("HELPDESK_NOW", None)
    if now is not None:
        env["HELPDESK_NOW"] = now
    return subprocess.run([sys.executable, "-m", "helpdesk", *args], capture_output=True,
                          text=True, timeout=120, env=env)


def test_a_real_database_refuses_the_environment_clock(tmp_path: Path) -> None:
    db = tmp_path / "real.db"
    marked_database(db)
    from sqlalchemy import create_engine, text

    engine = create_engine(f"sqlite:///{db}")
    with engine.begin() as connection:  # as `helpdesk init` leaves it: no mark
        connection.execute(text("DELETE FROM meta WHERE key = 'clock'"))
    engine.dispose()
    backdated = _helpdesk("--db", str(db), "unit", "add", "S01", "--name", "福田街道",
                          now="2020-01-01T10:00:00+08:00")
    assert backdated.returncode == 2
    assert "HELPDESK_NOW" in backdated.stderr and "Traceback" not in backdated.stderr
    listed = _helpdesk("--db", str(db), "unit", "list", "--json", now=None)
    assert listed.returncode == 0, listed.stderr
    assert "S01" not in listed.stdout  # nothing was written


def test_a_demo_database_takes_it(tmp_path: Path) -> None:
    db = tmp_path / "marked.db"
    marked_database(db)
    added = _helpdesk("--db", str(db), "unit", "add", "S01", "--name", "福田街道",
                      now="2026-11-24T10:00:00+08:00")
    assert added.returncode == 0, added.stderr
    listed = _helpdesk("--db", str(db), "audit", "list", "--json",
                       now="2026-11-24T10:00:00+08:00")
    records = json.loads(listed.stdout)
    assert records[0]["action"] == "unit.add" and records[0]["at"].startswith("2026-11-24")


def test_outside_the_suite_the_mark_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "_allowed_in_process", False)
    monkeypatch.setenv("HELPDESK_NOW", "2026-11-24T10:00:00+08:00")
    with refused(UsageError, "clock.environment_refused"):
        clock.clock_for_database(lambda: False)
    assert clock.clock_for_database(lambda: True).now().isoformat() == "2026-11-24T02:00:00+00:00"
    monkeypatch.setenv("HELPDESK_NOW", "yesterday")
    with refused(UsageError, "clock.bad_environment"):
        clock.clock_for_database(lambda: True)
    monkeypatch.delenv("HELPDESK_NOW")

    def never_asked() -> bool:
        raise AssertionError("the mark is read only when HELPDESK_NOW is set")

    assert isinstance(clock.clock_for_database(never_asked), clock.SystemClock)
