"""Alarms stand out without colour: with NO_COLOR every ✘ is bold or reversed, never dim, and
as bright as ordinary text; in 16 colours the same attributes carry it (issue 18)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.segment import Segment
from textual._compositor import LayoutUpdate
from textual.app import App
from textual.color import Color

from helpdesk.clock import FrozenClock
from helpdesk.config import Config
from tests.app_support import demo_app, settle, wait_until

# Areas whose demo data holds alarms: missed SLAs, overdue cases, gaps, overdue registers.
AREAS_WITH_ALARMS = ("today", "questions", "cases", "handover", "ledger", "trackers")


def rendered_segments(app: App[Any]) -> Iterator[Segment]:
    """The screen as the terminal receives it: composed, then through the app's line filters
    (where NO_COLOR is applied)."""
    update = app.screen._compositor.render_update(full=True,
                                                  screen_stack=app._background_screens)
    assert isinstance(update, LayoutUpdate)
    background = Color(0, 0, 0)
    for line in update.strips:
        for strip in line:
            for line_filter in app.get_line_filters():
                strip = strip.apply_filter(line_filter, background)
            yield from strip


def brightness(segment: Segment) -> int:
    assert segment.style is not None and segment.style.color is not None
    red, green, blue = segment.style.color.get_truecolor()
    return max(red, green, blue)


@pytest.mark.parametrize("no_color", [True, False], ids=["NO_COLOR", "colour"])
async def test_every_alarm_stands_out(no_color: bool, config: Config, tmp_path: Path,
                                      clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
                                      ) -> None:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for area in AREAS_WITH_ALARMS:
            app.action_goto(area)
            await wait_until(pilot, lambda: any("✘" in s.text for s in rendered_segments(app)),
                             f"an alarm on {area}")
            segments = [s for s in rendered_segments(app) if s.text.strip() and s.style]
            alarms = [s for s in segments if "✘" in s.text]
            text = sorted(brightness(s) for s in segments if s.style and s.style.color
                          and not s.style.dim and "✘" not in s.text)
            ordinary = text[len(text) // 2]
            for alarm in alarms:
                assert alarm.style is not None
                assert alarm.style.bold or alarm.style.reverse, (area, alarm)
                assert not alarm.style.dim, (area, alarm)
                if no_color:
                    assert brightness(alarm) >= ordinary, (area, alarm, ordinary)
