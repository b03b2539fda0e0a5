"""Every dialog at 80×24, in Chinese and English: it lies within the screen (nothing of it off
the edge), its footer is whole items within its own width, and no two of its fields share a
label."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pytest
from rich.cells import cell_len
from textual.screen import ModalScreen

from helpdesk.clock import FrozenClock
from helpdesk.config import Config
from screens.widgets.key_footer import GAP, KeyFooter
from tests.app_support import demo_app, settle, wait_until

DIALOGS = {
    "intake": ("q", "n"), "reply": ("q", "o", "ctrl+r"), "confirm": ("q", "o", "w"),
    "question filter": ("q", "F"), "leave": ("b", "l"), "inspection usage": ("i", "u"),
    "unit": ("u", "e"), "data request": ("o", "n"), "data correction": ("o", "down", "down", "e"),
    "exam": ("m", "n"), "register entry": ("m", "g", "n"), "scan finding": ("m", "f", "a"),
    "register close": ("m", "g", "right_square_bracket", "down", "c"),
    "training session": ("p", "n"), "urging": ("c", "y"), "help": ("u", "f1"),
}


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
async def test_every_dialog_fits_80_by_24(locale: Literal["zh_CN", "en"], config: Config,
                                          tmp_path: Path, clock: FrozenClock) -> None:
    app = demo_app(config, tmp_path, clock, locale=locale)
    outside: list[str] = []
    shared: list[str] = []
    labels_seen = 0
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for name, keys in DIALOGS.items():
            app.action_goto("today")
            while len(app.screen_stack) > 1:
                app.pop_screen()
            await settle(pilot)
            for key in keys:
                await pilot.press(key)
                await settle(pilot)
            await wait_until(pilot, lambda: isinstance(app.screen, ModalScreen) or
                             type(app.screen).__name__ == "HelpScreen", name)
            screen = app.screen
            for widget in screen.children:
                region = widget.region
                if region.right > 80 or region.bottom > 24 or region.x < 0 or region.y < 0:
                    outside.append(f"{name}: {widget!r} at {region}")
            names = [str(label.render()) for label in screen.query("Label.label")]
            labels_seen += len(names)
            twice = sorted({name for name in names if names.count(name) > 1})
            if twice:  # issue 34: two "Institutions" on the usage form
                shared.append(f"{name}: {twice}")
            for footer in screen.query(KeyFooter):
                items = footer.items(footer.size.width - 1)
                line = GAP.join(f"{item.key} {item.label}" for item in items)
                assert cell_len(line) <= max(footer.size.width - 1, 0), (name, line)
    assert outside == []
    assert shared == [] and labels_seen > 40
