"""答复: the answer that resolves a question, with time spent. Keeps what was typed on error."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static, TextArea

from helpdesk.i18n import t
from screens.confirm import leave_form, typed_values
from screens.keys import bindings, localize
from screens.render import plain
from screens.widgets.key_footer import KeyFooter


@dataclass(frozen=True)
class Reply:
    answer: str
    minutes: int


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
        height: 8;
    }
    """
    BINDINGS = bindings("form.save", "form.cancel")

    def __init__(self, number: str, answer: str = "") -> None:
        super().__init__()
        self.opened_with: tuple[object, ...] | None = None
        localize(self)
        self.number = number
        self.answer = answer

    def compose(self) -> ComposeResult:
        with Vertical(id="reply", classes="form"):
            yield Label(t("reply.title", number=self.number), classes="title", markup=False)
            yield TextArea(self.answer, id="answer", placeholder=t("reply.answer"))
            yield Label(t("reply.minutes"))
            yield Input("0", id="minutes", compact=True, restrict=r"[0-9]*", max_length=4)
            yield Static(id="form-error", classes="error")
            yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#answer", TextArea).focus()
        self.call_after_refresh(self._remember_typed)

    def _remember_typed(self) -> None:
        self.opened_with = typed_values(self)

    def action_save(self) -> None:
        answer = self.query_one("#answer", TextArea).text.strip()
        if not answer:
            self.query_one("#form-error", Static).update(plain(t("reply.empty")))
            return
        minutes = int(self.query_one("#minutes", Input).value or 0)
        self.dismiss(Reply(answer, minutes))

    def action_cancel(self) -> None:
        leave_form(self, self.opened_with, lambda: self.dismiss(None))
