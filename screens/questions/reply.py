"""答复: the answer that resolves a question, with time spent. Keeps what was typed on error.
The knowledge base is searched live (from the question's title, then what is typed on the search
line); Ctrl+R inserts the highlighted article's answer and links the article to the question."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static, TextArea

from helpdesk.errors import HelpdeskError
from helpdesk.i18n import t
from helpdesk.typed import typed_whole

from ..confirm import leave_form, typed_values
from ..forms import warn_if_changed
from ..keys import bindings, localize
from ..render import plain
from ..widgets.field_input import FieldInput
from ..widgets.kb_suggestions import KbSuggestions
from ..widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.app.live import ChangeNotice
    from helpdesk.services.workspace import Workspace


@dataclass(frozen=True)
class Reply:
    answer: str
    minutes: int
    article_ids: tuple[int, ...] = ()  # knowledge-base articles the answer was taken from


class ReplyScreen(ModalScreen[Reply | None]):
    # Styles of this screen load with it (not at start-up).
    SCOPED_CSS = False
    DEFAULT_CSS = """
    ReplyScreen {
        align: center middle;
    }
    #reply {
        width: 72;
    }
    #answer {
        height: 6;
    }
    #reply #kb-options {
        height: auto;
        max-height: 4;
    }
    """
    BINDINGS = bindings("form.save", "reply.use_article", "form.cancel")

    def __init__(self, number: str, answer: str = "", title: str = "",
                 question_id: int | None = None,
                 save: Callable[[Workspace, Actor, Reply], object] | None = None) -> None:
        super().__init__()
        # The save runs from here: a refused one (someone changed the question meanwhile)
        # leaves the form open with the answer typed, not a closed form and a lost answer.
        self.save = save
        self.opened_with: tuple[object, ...] | None = None
        localize(self)
        self.number = number
        self.answer = answer
        self.question_title = title
        self.linked: dict[int, str] = {}  # article id -> title, in the order inserted
        self.record = ("question", str(question_id)) if question_id is not None else None

    def records_changed(self, notices: list[ChangeNotice]) -> None:
        warn_if_changed(self, self.record, notices, lambda message: self.query_one(
            "#form-error", Static).update(plain(message, limit=300)))

    def compose(self) -> ComposeResult:
        with Vertical(id="reply", classes="form"):
            yield Label(t("reply.title", number=self.number), classes="title", markup=False)
            yield FieldInput(self.question_title, id="kb-search", compact=True,
                             placeholder=t("reply.kb_search"))
            yield KbSuggestions()
            yield Static(id="linked", classes="hint")
            yield TextArea(self.answer, id="answer", placeholder=t("reply.answer"))
            yield Label(t("reply.minutes"))
            yield FieldInput("0", id="minutes", compact=True, restrict=r"[0-9]*", max_length=4)
            yield Static(id="form-error", classes="error")
            yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#answer", TextArea).focus()
        self.query_one(KbSuggestions).search(self.question_title)
        self.call_after_refresh(self._remember_typed)

    @on(Input.Changed, "#kb-search")
    def _search_typed(self, event: Input.Changed) -> None:
        self.query_one(KbSuggestions).search(event.value)

    def action_use_article(self) -> None:
        article = self.query_one(KbSuggestions).chosen
        if article is None:
            self.query_one("#form-error", Static).update(plain(t("intake.no_suggestion")))
            return
        answer = self.query_one("#answer", TextArea)
        answer.insert(article.answer if not answer.text.strip() else "\n" + article.answer,
                      answer.document.end)
        self.linked[article.id] = article.title
        articles = t("app.list_sep").join(f"#{article_id} {title}"
                                          for article_id, title in self.linked.items())
        self.query_one("#linked", Static).update(plain(t("reply.linked", articles=articles),
                                                       limit=200))
        self.query_one("#form-error", Static).update("")
        answer.focus()

    def _remember_typed(self) -> None:
        self.opened_with = typed_values(self)

    def action_save(self) -> None:
        answer = self.query_one("#answer", TextArea).text.strip()
        if not answer:
            self.query_one("#form-error", Static).update(plain(t("reply.empty")))
            return
        try:
            minutes = typed_whole(self.query_one("#minutes", Input).value, t("reply.minutes"),
                                  empty=0)
        except HelpdeskError as err:
            self.query_one("#form-error", Static).update(plain(str(err), limit=300))
            return
        reply = Reply(answer, minutes, tuple(self.linked))
        if self.save is None:
            self.dismiss(reply)
        else:
            self._save(reply)

    @work(thread=True, exclusive=True, group="save")
    def _save(self, reply: Reply) -> None:
        from ..host import host_of

        app = host_of(self.app)
        assert app.ws is not None and app.actor is not None and self.save is not None
        try:
            self.save(app.ws, app.actor, reply)
        except HelpdeskError as err:
            message = f"{err} {t('form.keeps_input')}"
            self.app.call_from_thread(
                lambda: self.query_one("#form-error", Static).update(plain(message, limit=300)))
            return
        self.app.call_from_thread(self.dismiss, reply)

    def action_cancel(self) -> None:
        leave_form(self, self.opened_with, lambda: self.dismiss(None))
