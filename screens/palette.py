"""Textual's command palette with its own words (placeholder, "no matches") in the UI's
language. Textual is pinned exactly: the override follows its private countdown method."""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from helpdesk.i18n import t


class Palette(CommandPalette):
    def __init__(self) -> None:
        super().__init__(id="--command-palette", placeholder=t("nav.palette_placeholder"))

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(Option(
                    Align.center(Text(t("nav.palette_no_match"), style="not bold")),
                    disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
