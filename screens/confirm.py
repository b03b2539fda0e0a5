"""Ask before anything that cannot be undone or that throws away typing: y or Enter goes ahead,
n or Esc keeps everything as it was. The question is the caller's text, shown literally."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from helpdesk.i18n import t

from .keys import bindings, localize
from .widgets.key_footer import KeyFooter


class ConfirmScreen(ModalScreen[bool]):
    SCOPED_CSS = False
    DEFAULT_CSS = """
    ConfirmScreen {
        align: center middle;
    }
    .confirm {
        width: 60;
        max-width: 100%;
    }
    """
    BINDINGS = bindings("confirm.yes", "confirm.no")

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__()
        localize(self)
        self.question = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(classes="form confirm"):
            yield Label(Text(self.question, style="bold"), classes="title", id="confirm-question")
            if self.detail:
                yield Static(Text(self.detail), id="confirm-detail")
            yield KeyFooter()

    def action_yes(self) -> None:
        self.dismiss(True)

    def action_no(self) -> None:
        self.dismiss(False)


def ask(screen: Widget, question: str, then: Callable[[], object], detail: str = "") -> None:
    """Run `then` once the user said yes to `question`."""

    def answered(yes: bool | None) -> None:
        if yes:
            then()

    screen.app.push_screen(ConfirmScreen(question, detail), answered)


def typed_values(root: Widget) -> tuple[object, ...]:
    """Everything a form holds that a user can type or choose, in order: compared with the values
    the form opened with, it tells whether leaving would throw typing away."""
    values: list[object] = []
    for widget in root.query("Input, TextArea, Select"):
        if isinstance(widget, Input):
            values.append(widget.value)
        elif isinstance(widget, TextArea):
            values.append(widget.text)
        elif isinstance(widget, Select):
            values.append(widget.value)
    return tuple(values)


def leave_form(screen: Widget, opened_with: tuple[object, ...] | None,
               leave: Callable[[], object]) -> None:
    """Leave at once when nothing was typed since the form opened, otherwise ask first."""
    if opened_with is None or typed_values(screen) == opened_with:
        leave()
    else:
        ask(screen, t("confirm.discard"), leave)
