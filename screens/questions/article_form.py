"""Edit a knowledge-base article (a new version each save; a stale save keeps the input)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Select, Static, TextArea

from helpdesk.i18n import t
from helpdesk.vocab import QUESTION_CATEGORIES

from ..forms import ServiceForm
from ..widgets.field_input import FieldInput
from ..widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from helpdesk.questions.kb import ArticleView


class ArticleFormScreen(ServiceForm):
    # Styles of this screen load with it (not at start-up).
    SCOPED_CSS = False
    DEFAULT_CSS = """
    ArticleFormScreen {
        align: center middle;
    }
    #article-form {
        width: 78;
    }
    #article-form TextArea {
        height: 5;
    }
    """
    def __init__(self, article: ArticleView) -> None:
        super().__init__()
        self.article = article
        self.record = ("kb_article", str(article.id))

    def compose(self) -> ComposeResult:
        article = self.article
        with Vertical(id="article-form", classes="form"):
            yield Label(t("kb.edit_title"), classes="title")
            with Horizontal(classes="row"):
                yield Label(t("kb.title"), classes="label")
                yield FieldInput(article.title, id="title", compact=True, max_length=200)
            with Horizontal(classes="row"):
                yield Label(t("kb.category"), classes="label")
                yield Select([(t(f"category.{c}"), c) for c in QUESTION_CATEGORIES],
                             value=article.category, allow_blank=False, id="category",
                             compact=True)
                yield Label(t("kb.tags"), classes="label")
                yield FieldInput(article.tags, id="tags", compact=True, max_length=200)
            yield Label(t("question.description"))
            yield TextArea(article.question, id="question", compact=True)
            yield Label(t("question.answer"))
            yield TextArea(article.answer, id="answer-text", compact=True)
            yield Static(id="form-error", classes="error")
            yield KeyFooter()

    def action_save(self) -> None:
        from helpdesk.questions.kb import save_article

        article = self.article
        title, tags = self.query_one("#title", Input).value, self.query_one("#tags", Input).value
        category = str(self.query_one("#category", Select).value)
        question = self.query_one("#question", TextArea).text
        answer = self.query_one("#answer-text", TextArea).text
        self.submit(lambda ws, actor: save_article(
            ws, actor, article.id, article.version, title=title, question=question,
            answer=answer, category=category, tags=tags))
