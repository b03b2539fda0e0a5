"""The idle lock: after [security] idle_lock_minutes without a key, cover everything on screen
(petitioners' data must not sit on an unattended terminal)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static

from helpdesk.i18n import t

from .keys import bindings, localize


class LockScreen(ModalScreen[None]):
    # Styles of this screen load with it (not at start-up).
    SCOPED_CSS = False
    DEFAULT_CSS = """
    LockScreen {
        align: center middle;
        background: $background;
    }
    #lock-box {
        width: 60;
        max-width: 100%;
        height: auto;
        border: thick $warning;
        padding: 1 2;
        text-align: center;
    }
    """
    # Ctrl+Q still quits under the cover (a modal screen does not pass the app's keys on).
    BINDINGS = bindings("lock.unlock", "app.quit")

    def __init__(self, minutes: int) -> None:
        super().__init__()
        localize(self)
        self.minutes = minutes

    def compose(self) -> ComposeResult:
        yield Static(Text(t("app.locked", minutes=self.minutes), style="bold"), id="lock-box")

    def action_unlock(self) -> None:
        self.dismiss(None)

    async def action_quit(self) -> None:
        await self.app.action_quit()
