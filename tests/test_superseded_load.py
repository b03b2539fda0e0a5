"""Issue 33: a screen's new load (the next keystroke of a search) stops the one still reading
for it (Database.interrupt) instead of letting it run on; the stopped one shows nothing and
fails nothing."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from sqlalchemy import text
from textual.app import ComposeResult
from textual.widgets import Static

from helpdesk.actor import Actor
from helpdesk.clock import FrozenClock
from helpdesk.config import Config
from helpdesk.services.workspace import Workspace
from screens.base import DataScreen
from tests.app_support import demo_app, settle, wait_until

SLOW = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300000000) "
        "SELECT count(*) FROM n")


class _SlowFirst(DataScreen[str]):
    def __init__(self) -> None:
        super().__init__()
        self.calls = 0
        self.shown: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static(id="page")

    def fetch(self, ws: Workspace, actor: Actor) -> str:
        self.calls += 1
        if self.calls == 1:  # the search a keystroke later made pointless
            with ws.db.snapshot() as connection:
                connection.execute(text(SLOW)).all()
            return "slow"
        return "fast"

    def show(self, data: str) -> None:
        self.shown.append(data)


async def test_a_new_load_stops_the_one_it_supersedes(config: Config, tmp_path: Path,
                                                      clock: FrozenClock) -> None:
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = _SlowFirst()
        app.push_screen(screen)
        # Not settle(): it waits for the workers, and this one reads for half a minute.
        started = time.monotonic()
        while not (screen._loading_thread is not None and app.ws is not None
                   and screen._loading_thread in app.ws.db._reading):
            assert time.monotonic() - started < 10, "the slow read never started"
            await asyncio.sleep(0.01)
        started = time.monotonic()
        screen.reload()
        await wait_until(pilot, lambda: screen.shown == ["fast"], "the newer page")
        await settle(pilot)  # the stopped one has ended too
        assert time.monotonic() - started < 5 and screen.shown == ["fast"]
        assert app.is_running
