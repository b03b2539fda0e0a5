"""Knowledge-base articles matching what is typed, searched live in a worker: the intake shows
them under the title, the reply form under its own search line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..host import host_of
from ..render import plain

if TYPE_CHECKING:
    from helpdesk.questions.kb import ArticleView

# The search matches a phrase: a long title would match nothing, so shorter and shorter
# beginnings of it are tried until one finds articles.
QUERY_CHARS = (12, 6, 4, 2)
SHOWN = 5


class KbSuggestions(OptionList):
    def __init__(self, *, id: str = "kb-options") -> None:
        super().__init__(id=id, markup=False, compact=True)
        self.articles: list[ArticleView] = []

    def search(self, text: str) -> None:
        self._search(text.strip())

    @work(thread=True, exclusive=True, group="kb-suggest")
    def _search(self, text: str) -> None:
        from helpdesk.questions.kb import search_articles

        app = host_of(self.app)
        if app.ws is None or app.actor is None:
            return
        found: list[ArticleView] = []
        for query in dict.fromkeys(text[:size] for size in QUERY_CHARS if text):
            found = search_articles(app.ws, app.actor, query, limit=SHOWN)
            if found:
                break
        self.app.call_from_thread(self._show, found)

    def _show(self, articles: list[ArticleView]) -> None:
        self.articles = articles
        self.clear_options()
        self.add_options([Option(plain(f"{a.title} — {a.answer}", limit=120), id=str(a.id))
                          for a in articles])
        if articles:
            self.highlighted = 0

    @property
    def chosen(self) -> ArticleView | None:
        if self.highlighted is None or not 0 <= self.highlighted < len(self.articles):
            return None
        return self.articles[self.highlighted]
