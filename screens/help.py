"""F1 / ?: the keys that work on the screen underneath, including the focused widget's."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from helpdesk.i18n import t, t_or

from .keys import bindings, localize


def describe_keys(screen: Screen[object]) -> list[tuple[str, list[tuple[str, str]]]]:
    """The enabled bindings active on `screen`, grouped: this screen, the focused widget, global.
    Each group is a list of (key, description)."""
    groups: dict[str, list[tuple[str, str]]] = {"screen": [], "widget": [], "app": []}
    seen: set[tuple[str, str]] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description or not active.enabled:
            continue
        description = t_or(f"textual.{binding.description}", binding.description)
        row = (screen.app.get_key_display(binding), description)
        if row in seen:
            continue
        seen.add(row)
        if active.node is screen.app:
            groups["app"].append(row)
        elif active.node is screen:
            groups["screen"].append(row)
        else:
            groups["widget"].append(row)
    return [(name, rows) for name, rows in groups.items() if rows]


class HelpScreen(ModalScreen[None]):
    # Styles of this screen load with it (not at start-up).
    SCOPED_CSS = False
    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    #help-box {
        width: 70;
        height: auto;
        max-height: 90%;
    }
    """
    BINDINGS = bindings("help.close")

    def __init__(self, target: Screen[object], title: str) -> None:
        super().__init__()
        localize(self)
        self.target = target
        self.title_text = title

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, pad_edge=False, expand=True)
        table.add_column(style="bold cyan", no_wrap=True, width=14)
        table.add_column(ratio=1)
        for group, rows in describe_keys(self.target):
            table.add_row(Text(t(f"app.help_{group}"), style="bold underline"), Text(""))
            for key, description in rows:
                table.add_row(Text(key), Text(description))
        with VerticalScroll(id="help-box", classes="form"):
            yield Static(Text(t("app.help_title", screen=self.title_text), style="bold"))
            yield Static(table)
            yield Static(Text(t("app.help_close"), style="dim"))

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
