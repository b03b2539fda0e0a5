"""The inspection screen by keys: starting a month's inspection makes a record, so it asks."""

from __future__ import annotations

from pathlib import Path

from helpdesk.clock import FrozenClock
from helpdesk.config import Config
from screens.confirm import ConfirmScreen
from screens.inspection.inspection import InspectionScreen
from tests.app_support import demo_app, settle, wait_until
from tests.test_app import screen_text


async def test_starting_a_months_inspection_asks_first(config: Config, tmp_path: Path,
                                                       clock: FrozenClock) -> None:
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("i")  # opens on September, the month still to finish
        await wait_until(pilot, lambda: isinstance(app.screen, InspectionScreen)
                         and "2026-09" in screen_text(app), "September")
        await pilot.press("right_square_bracket")
        await wait_until(pilot, lambda: "2026-10 尚未开始巡检" in screen_text(app),
                         "October, not started")
        inspection = app.screen
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "y/n")
        await pilot.press("n")
        await wait_until(pilot, lambda: app.screen is inspection, "back, nothing made")
        await settle(pilot)
        assert "尚未开始巡检" in screen_text(app)
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "y/n again")
        await pilot.press("y")
        await wait_until(pilot, lambda: app.screen is inspection
                         and "尚未开始巡检" not in screen_text(app), "the month started")
