"""Edit a knowledge-base article (a new version each save; a stale save keeps the input)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Select, Static, TextArea

from helpdesk.errors import HelpdeskError
from helpdesk.i18n import t
from helpdesk.vocab import QUESTION_CATEGORIES
from screens.keys import bindings, localize
from screens.render import plain

if TYPE_CHECKING:
    from helpdesk.services.kb import ArticleView


class ArticleFormScreen(ModalScreen[bool]):
    BINDINGS = bindings("form.save", "form.cancel")

    def __init__(self, article: ArticleView) -> None:
        super().__init__()
        localize(self)
        self.article = article

    def compose(self) -> ComposeResult:
        article = self.article
        with Vertical(id="article-form", classes="form"):
            yield Label(t("kb.edit_title"), classes="title")
            with Horizontal(classes="row"):
                yield Label(t("kb.title"), classes="label")
                yield Input(article.title, id="title", compact=True, max_length=200)
            with Horizontal(classes="row"):
                yield Label(t("kb.category"), classes="label")
                yield Select([(t(f"category.{c}"), c) for c in QUESTION_CATEGORIES],
                             value=article.category, allow_blank=False, id="category",
                             compact=True)
                yield Label(t("kb.tags"), classes="label")
                yield Input(article.tags, id="tags", compact=True, max_length=200)
            yield Label(t("question.description"))
            yield TextArea(article.question, id="question", compact=True)
            yield Label(t("question.answer"))
            yield TextArea(article.answer, id="answer-text", compact=True)
            yield Static(id="form-error", classes="error")
            yield Footer()

    def action_save(self) -> None:
        self.save(self.query_one("#title", Input).value,
                  str(self.query_one("#category", Select).value),
                  self.query_one("#tags", Input).value,
                  self.query_one("#question", TextArea).text,
                  self.query_one("#answer-text", TextArea).text)

    @work(thread=True, exclusive=True, group="save")
    def save(self, title: str, category: str, tags: str, question: str, answer: str) -> None:
        from helpdesk.services.kb import save_article
        from screens.app import HelpdeskApp

        app = self.app
        assert isinstance(app, HelpdeskApp) and app.ws is not None and app.actor is not None
        try:
            save_article(app.ws, app.actor, self.article.id, self.article.version, title=title,
                         question=question, answer=answer, category=category, tags=tags)
        except HelpdeskError as err:
            app.call_from_thread(self.query_one("#form-error", Static).update,
                                 plain(str(err), limit=300))
            return
        app.call_from_thread(self.dismiss, True)

    def action_cancel(self) -> None:
        self.dismiss(False)
