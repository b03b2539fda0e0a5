"""The README's commands on any day of the year: `.ci/run` runs this file a second time with
HELPDESK_TEST_NOW inside a year whose holidays are unpublished (and under libfaketime, so a
subprocess that read the system clock would be caught too). The default instant is
2026-12-01, when 2027's schedule is not in chinese-calendar."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import datetime
from pathlib import Path

from textual.widgets import Static

from helpdesk.clock import FrozenClock
from helpdesk.config import Config
from screens.app import HelpdeskApp
from tests.app_support import wait_until
from tests.conftest import TEST_USER, cli

NOW = os.environ.get("HELPDESK_TEST_NOW", "2026-12-01T10:00:00+08:00")


def _run(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HELPDESK_NOW": NOW}
    env.pop("HELPDESK_CONFIG", None)
    return subprocess.run([*cli(TEST_USER), *args, "--db", str(db)],
                          capture_output=True, text=True, timeout=300, env=env)


def test_demo_doctor_worklist_and_rates_on_this_day(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    demo = _run("demo", db=db)
    assert demo.returncode == 0, demo.stderr
    assert not list(tmp_path.glob(".demo.db.building*"))
    doctor = _run("doctor", "--json", db=db)
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    findings = json.loads(doctor.stdout)
    calendar = [f for f in findings if f["check"] == "calendar"]
    year = datetime.fromisoformat(NOW).year
    assert any(str(year + 1) in f["message"] for f in calendar)
    urging = _run("case", "urging", "--json", db=db)
    assert urging.returncode == 0, urging.stderr
    items = json.loads(urging.stdout)["items"]
    assert all(item["provisional"] == bool(item["expected"]) for item in items)
    rates = _run("case", "rates", "--from", f"{year}-01-01", "--to", NOW[:10], "--json", db=db)
    assert rates.returncode == 0, rates.stderr
    assert json.loads(rates.stdout)["basis"]["participation"] == "replied"
    report = _run("report", "monthly", NOW[:7], "--format", "md", "-o",
                  str(tmp_path / "month.md"), db=db)
    assert report.returncode == 0, report.stderr


async def test_the_console_opens_on_today(config: Config, tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    assert _run("demo", db=db).returncode == 0
    clock = FrozenClock(datetime.fromisoformat(NOW))
    app = HelpdeskApp(config, str(db), clock=clock, os_user=TEST_USER)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.current_mode == "today"
                         and NOW[:10] in _text(app), "the Today dashboard with its date")
        banner = app.screen.query_one("#banner", Static)
        if banner.display:  # one line at most, so Today still fits 80x24
            assert "\n" not in str(banner.render())
        await pilot.press("c")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "WorklistScreen",
                         "the urging worklist")


def _text(app: HelpdeskApp) -> str:
    from tests.test_app import screen_text

    return screen_text(app)
