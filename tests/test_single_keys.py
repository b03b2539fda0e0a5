"""Issue 34: no single key creates, moves or signs anything without asking. On the demo, every
unmodified key of every area's root, every palette place and the detail screens they open is
pressed once; after each press the audit log's head must be where it was (a change asks y/n
or opens a form first, and writes only once that is answered). Then the walk goes back."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from textual.screen import ModalScreen, Screen
from textual.widgets import Input, TextArea

from helpdesk.app.live import latest_seq
from helpdesk.areas import AREAS, PLACES
from helpdesk.clock import FrozenClock
from helpdesk.config import Config
from screens.app import HelpdeskApp
from tests.app_support import demo_app, settle, wait_until

# Keys no screen may own for a change without asking: printable characters, Enter, Space,
# Delete. Ctrl+S, F-keys and the like are deliberate (a modified key is the other way).
SPECIAL = {"enter", "space", "delete", "backspace"}
# Keys that leave the screen, whatever it is: walked by the area-letter test instead.
LEAVING = {"escape"} | {area.key for area in AREAS}
# The detail screens, from a list's first row: (area letter, keys that open the detail).
DETAILS = (("q", ("enter",)), ("h", ("enter",)), ("p", ("enter",)), ("k", ("enter",)),
           ("r", ("enter",)))


def _single(key: str) -> bool:
    return len(key) == 1 or key in SPECIAL or key in {
        "plus", "minus", "slash", "left_square_bracket", "right_square_bracket", "asterisk"}


def _screen_class(target: str) -> type[Screen[Any]]:
    module, name = target.split(":")
    cls: type[Screen[Any]] = getattr(importlib.import_module(f"screens.{module}"), name)
    return cls


async def _walk_keys(pilot: Any, app: HelpdeskApp, arrive: Any, label: str,
                     wrote: list[str]) -> None:
    """Press each single key of the screen `arrive` brings up, coming back after each."""
    await arrive()
    target = app.screen
    keys = sorted({key for key, entries in target._bindings.key_to_bindings.items()
                   if _single(key) and key not in LEAVING
                   and any(entry.show or entry.action != "back" for entry in entries)})
    assert app.ws is not None
    for key in keys:
        if app.screen is not target:
            await arrive()
            target = app.screen
        focused = app.focused
        if isinstance(focused, Input | TextArea):
            app.set_focus(None)  # a key for the screen, not a character for a field
        head = latest_seq(app.ws)
        await pilot.press(key)
        await settle(pilot)
        if latest_seq(app.ws) != head:
            wrote.append(f"{label} ({type(target).__name__}): {key!r}")
        for _ in range(4):  # back: close what it opened (nothing was typed into it)
            if app.screen is target:
                break
            await pilot.press("escape")
            await settle(pilot)
            if isinstance(app.screen, ModalScreen) and app.screen is not target:
                continue


async def _close_dialogs(pilot: Any, app: HelpdeskApp) -> None:
    """An area letter keeps a dialog on top (it may hold typing): the walk closes them."""
    for _ in range(4):
        if not isinstance(app.screen, ModalScreen):
            return
        await pilot.press("escape")
        await settle(pilot)


async def test_no_single_key_writes_without_asking(config: Config, tmp_path: Path,
                                                   clock: FrozenClock) -> None:
    app = demo_app(config, tmp_path, clock)
    wrote: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)

        def area_root(area: Any) -> Any:
            root = _screen_class(area.screen)

            async def arrive() -> None:
                await _close_dialogs(pilot, app)
                app.action_goto(area.name)
                await wait_until(pilot, lambda: type(app.screen) is root
                                 and getattr(app.screen, "loaded", True), area.name)
            return arrive

        def place(where: Any) -> Any:
            cls = _screen_class(where.screen)

            async def arrive() -> None:
                await _close_dialogs(pilot, app)
                app.open_place(where)
                await wait_until(pilot, lambda: type(app.screen) is cls
                                 and getattr(app.screen, "loaded", True), where.screen)
            return arrive

        def detail(letter: str, keys: tuple[str, ...]) -> Any:
            area = next(a for a in AREAS if a.key == letter)
            root = area_root(area)

            async def arrive() -> None:
                await root()
                listing = app.screen
                await pilot.press(*keys)
                await wait_until(pilot, lambda: app.screen is not listing
                                 and getattr(app.screen, "loaded", True), f"{letter} detail")
            return arrive

        # The details first: a list's own keys (filters, searches) would change its first row.
        for letter, keys in DETAILS:
            await _walk_keys(pilot, app, detail(letter, keys), f"{letter} detail", wrote)
        for area in AREAS:
            await _walk_keys(pilot, app, area_root(area), area.name, wrote)
        for where in PLACES:
            await _walk_keys(pilot, app, place(where), where.screen, wrote)
    assert wrote == [], "\n".join(wrote)
