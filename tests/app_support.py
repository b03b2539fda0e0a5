"""Building the console on a fresh demo database for pilot and snapshot tests."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from helpdesk.clock import FrozenClock
from helpdesk.config import Config
from helpdesk.demo import build_demo
from helpdesk.services.workspace import open_workspace
from screens.app import HelpdeskApp
from tests.conftest import TEST_USER


def demo_app(config: Config, tmp_path: Path, clock: FrozenClock, *, os_user: str = TEST_USER,
             **ui: Any) -> HelpdeskApp:
    path = tmp_path / "demo.db"
    if not path.exists():
        ws = open_workspace(config, str(path), clock=clock, os_user=TEST_USER, durable=False)
        build_demo(ws, clock)
        ws.db.dispose()
    if ui:
        config = replace(config, ui=replace(config.ui, **ui))
    return HelpdeskApp(config, str(path), clock=clock, os_user=os_user)


async def settle(pilot: Pilot[Any]) -> None:
    """Let workers finish and their results reach the screen."""
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def wait_until(pilot: Pilot[Any], condition: Callable[[], bool], what: str,
                     timeout: float = 15.0) -> None:
    """Settle until the condition holds; a loaded CI machine may need several rounds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what} on {pilot.app.screen!r}, "
                                 f"focused {pilot.app.focused!r}")
        await settle(pilot)
        await pilot.pause(0.05)
