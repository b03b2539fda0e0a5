"""A one-line question to the user (a reference number, a reason). Returns the text or None."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from .keys import bindings, localize
from .widgets.field_input import FieldInput
from .widgets.key_footer import KeyFooter


class PromptScreen(ModalScreen[str | None]):
    # Styles of this screen load with it (not at start-up).
    SCOPED_CSS = False
    DEFAULT_CSS = """
    PromptScreen {
        align: center middle;
    }
    .prompt {
        width: 60;
    }
    """
    BINDINGS = bindings("form.cancel")

    def __init__(self, title: str, placeholder: str = "", value: str = "", *,
                 password: bool = False, allow_empty: bool = False) -> None:
        super().__init__()
        localize(self)
        self.prompt_title = title
        self.placeholder = placeholder
        self.value = value
        self.password = password
        self.allow_empty = allow_empty

    def compose(self) -> ComposeResult:
        with Vertical(classes="form prompt"):
            yield Label(self.prompt_title, classes="title", markup=False)
            yield FieldInput(self.value, placeholder=self.placeholder, id="prompt-input",
                             password=self.password)
            yield KeyFooter()

    @on(Input.Submitted)
    def _done(self, event: Input.Submitted) -> None:
        value = event.value if self.password else event.value.strip()
        self.dismiss(value if value else ("" if self.allow_empty else None))

    def action_cancel(self) -> None:
        self.dismiss(None)
