"""The command palette (Ctrl+P): every area and every key of the current screen in the UI's
language, found by words of the title, by the words a user may say for it (案件 finds 催办,
三率 finds the rates: [palette_words] in the locale files) and by pinyin initials (jjb finds
交接班). Textual's own palette words (placeholder, "no matches") are translated too; Textual is
pinned exactly: the override follows its private countdown method."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.widgets.option_list import Option

from helpdesk.fuzzy import match_score, pinyin_initials
from helpdesk.i18n import t


@dataclass(frozen=True)
class PaletteEntry:
    title: str
    help: str
    callback: Callable[[], object]
    words: str = ""  # more words that find it, space-separated

    def searched(self) -> list[str]:
        return [self.title, *self.words.split(), pinyin_initials(self.title)]

    def score(self, query: str) -> float:
        """0 when a word of the query matches nothing, up to 1 for exact matches of all."""
        terms = query.split()
        if not terms:
            return 0.0
        scores = [max(match_score(term, part, part) or 0 for part in self.searched())
                  for term in terms]
        return 0.0 if not all(scores) else sum(scores) / (100 * len(scores))


class HelpdeskCommands(Provider):
    def _entries(self) -> list[PaletteEntry]:
        entries: Callable[[object], list[PaletteEntry]] | None = getattr(
            self.app, "palette_entries", None)
        return entries(self.screen) if entries else []

    async def discover(self) -> Hits:
        for entry in self._entries():
            yield DiscoveryHit(entry.title, entry.callback, help=entry.help)

    async def search(self, query: str) -> Hits:
        for entry in self._entries():
            if score := entry.score(query):
                yield Hit(score, Text(entry.title), entry.callback, help=entry.help)


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
