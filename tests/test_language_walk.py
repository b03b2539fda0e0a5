"""Every area of the console, its "new …" form where it has one, and its F1 help, walked in
each locale on a database with no records yet (so whatever text shows is the UI's own, not
data): no English words in the Chinese UI, no Chinese characters in the English UI."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Literal

import pytest

from helpdesk import resources
from helpdesk.areas import AREA_NAMES
from helpdesk.clock import FrozenClock
from helpdesk.config import Config
from helpdesk.config.schema import DatabaseConfig, UiConfig
from helpdesk.security.settings import SecurityConfig
from helpdesk.training.curriculum import load_curriculum
from screens.app import HelpdeskApp
from tests.app_support import settle, wait_until
from tests.conftest import TEST_USER, local

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
WORD = re.compile(r"[A-Za-z][A-Za-z_'-]{2,}")
# Words that are the same in every language: key names the footer shows, the operator's login.
UNIVERSAL = {"esc", "ctrl", "tab", "enter", "shift", "super", "home", "end", "pgup", "pgdn",
             "delete", "backspace", "insert", "space", "left", "right", "up", "down", TEST_USER,
             "ftjd",  # the unit filter's example of pinyin initials
             "xlsx"}


def screen_lines(app: HelpdeskApp) -> list[str]:
    """The text of the screen as a user reads it, row by row, from Textual's own screenshot."""
    rows: dict[float, list[tuple[float, str]]] = {}
    for match in re.finditer(r'<text[^>]*x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>',
                             app.export_screenshot(), re.S):
        text = html.unescape(re.sub("<[^>]+>", "", match.group(3))).replace("\xa0", " ")
        rows.setdefault(float(match.group(2)), []).append((float(match.group(1)), text))
    return ["".join(text for _x, text in sorted(cells)) for _y, cells in sorted(rows.items())]


def _back_on(app: HelpdeskApp, screen: object) -> Callable[[], bool]:
    return lambda: app.screen is screen


@cache
def _configured_content() -> frozenset[str]:
    """Text the bureau configures, not the UI's (the training curriculum is Chinese)."""
    courses = load_curriculum(resources.path("curriculum.toml"))
    return frozenset(item for course in courses.values() for item in course.contents)


def leaks(locale: str, lines: list[str]) -> list[str]:
    if locale == "en":
        content = _configured_content()
        return [line.strip() for line in lines
                if CJK.search(line) and not any(item in line for item in content)]
    return [line.strip() for line in lines
            if any(word.lower() not in UNIVERSAL for word in WORD.findall(line))]


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
async def test_every_screen_speaks_one_language(locale: Literal["zh_CN", "en"],
                                                tmp_path: Path) -> None:
    config = replace(Config(), ui=UiConfig(locale=locale),
                     security=replace(SecurityConfig(), audit_key_file=str(tmp_path / "key")),
                     database=replace(DatabaseConfig(), daily_backup=False))
    app = HelpdeskApp(config, str(tmp_path / "empty.db"),
                      clock=FrozenClock(local(2026, 10, 12, 10, 30)), os_user=TEST_USER)
    found: dict[str, list[str]] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.ws is not None, "the workspace")
        for area in AREA_NAMES:
            app.action_goto(area)

            def arrived(area: str = area) -> bool:
                return bool(app.current_mode == area)

            await wait_until(pilot, arrived, area)
            await settle(pilot)
            found[area] = leaks(locale, screen_lines(app))
            area_screen = app.screen
            for key in ("n", "plus"):  # the area's "new …" form, where it has one
                if key in area_screen._bindings.key_to_bindings:
                    await pilot.press(key)
                    await settle(pilot)
                    if app.screen is area_screen:  # nothing to create here yet
                        found[f"{area} {key}"] = leaks(locale, screen_lines(app))
                        break
                    found[f"{area} {key}"] = leaks(locale, screen_lines(app))
                    await pilot.press("escape")
                    await wait_until(pilot, _back_on(app, area_screen), "form closed")
                    break
            await pilot.press("f1")
            await wait_until(pilot, lambda: type(app.screen).__name__ == "HelpScreen", "help")
            found[f"{area} F1"] = leaks(locale, screen_lines(app))
            await pilot.press("escape")
            await wait_until(pilot, lambda: type(app.screen).__name__ != "HelpScreen",
                             "help closed")
        # screens reached from an area rather than by an area key, and their forms
        for path in (("m", "g"), ("m", "g", "n"), ("m", "g", "right_square_bracket"),
                     ("m", "f"), ("m", "f", "n"), ("m", "f", "a"), ("m", "w")):
            app.action_goto("today")
            await settle(pilot)
            for key in path:
                await pilot.press(key)
                await settle(pilot)
            found[" ".join(path)] = leaks(locale, screen_lines(app))
            while len(app.screen_stack) > 1:
                await pilot.press("escape")
                await settle(pilot)
    assert {area: lines for area, lines in found.items() if lines} == {}
