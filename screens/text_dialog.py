"""A text to read or select with the terminal's own selection (tmux copy mode, a mouse drag in
the SSH client): shown literally, closed with Esc or Enter."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea

from .keys import bindings, localize
from .widgets.key_footer import KeyFooter


class TextDialog(ModalScreen[None]):
    SCOPED_CSS = False
    DEFAULT_CSS = """
    TextDialog {
        align: center middle;
    }
    .text-dialog {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
    }
    #dialog-text {
        height: auto;
        max-height: 14;
    }
    """
    BINDINGS = bindings("dialog.close", priority=True)

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        localize(self)
        self.title_text = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="form text-dialog"):
            yield Label(self.title_text, classes="title", markup=False)
            # Read-only TextArea: shown as typed (no markup), and its selection can be copied.
            yield TextArea(self.text, read_only=True, soft_wrap=True, id="dialog-text",
                           show_line_numbers=False)
            yield KeyFooter()

    def action_close(self) -> None:
        self.dismiss(None)
