"""终端清单: the terminals at the bureau and its units by machine name, a keyset page at a time,
✘ where a plug-in, driver or browser is older than the province's minimum (`v` shows only
those); the highlighted one's plug-ins below. `i` imports the inventory from a spreadsheet
(checked first; all or nothing)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from helpdesk.i18n import t

from ..keys import bindings
from ..lists import PagedListScreen
from ..render import plain
from ..widgets.paged_table import fill

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.monitoring.inventory import TerminalView
    from helpdesk.services.workspace import Workspace


def plugins_text(view: TerminalView) -> Text:
    """PageOffice 5.4.0.12 · 身份证读卡器 3.2.1, an outdated one in red with the minimum."""
    stale = {item.name: item for item in view.outdated}
    text = Text(no_wrap=True, overflow="ellipsis")
    for index, (name, version) in enumerate(view.plugins):
        text.append(" · " if index else "", style="dim")
        item = stale.get(name)
        if item is None:
            text.append_text(plain(f"{name} {version}"))
        else:
            text.append_text(plain(f"✘{name} {version}<{item.required}", style="bold red"))
    return text


class InventoryScreen(PagedListScreen["list[TerminalView]", str]):
    SCOPED_CSS = False
    DEFAULT_CSS = """
    #inventory-detail { height: 2; padding: 0 1; color: $text-muted; }
    """
    help_key = "inventory.title"
    BINDINGS = bindings("inventory.outdated", "inventory.import")
    COLUMNS = (("inventory.machine", 10), ("inventory.unit", 10), ("inventory.user", 6),
               ("inventory.browser", 10), ("inventory.plugins", 20), ("inventory.visit", 5))
    WATCHES = frozenset(("terminal",))
    GROW = ("inventory.plugins", "inventory.unit")

    def __init__(self) -> None:
        super().__init__()
        self.outdated_only = False
        self.terminals: list[TerminalView] = []

    def compose_bottom(self) -> ComposeResult:
        yield Static(id="inventory-detail")

    def fetch(self, ws: Workspace, actor: Actor) -> list[TerminalView]:
        from helpdesk.monitoring.inventory import list_terminals

        return list_terminals(ws, actor, after=self.pager.start, limit=self.PAGE_SIZE,
                              outdated_only=self.outdated_only)

    def show(self, data: list[TerminalView]) -> None:
        self.terminals = data
        fill(self.table, [(view.machine, [
            plain(view.machine, style="bold red" if view.outdated else ""),
            plain(view.unit or t("inventory.bureau")), plain(view.user_name),
            plain(f"{view.browser} {view.browser_version}".strip(),
                  style="red" if any(o.name == view.browser for o in view.outdated) else ""),
            plugins_text(view),
            Text(f"{view.last_visit:%m-%d}" if view.last_visit else "—")]) for view in data])
        scope = [t("inventory.outdated_only")] if self.outdated_only else []
        self.page_loaded(len(data), data[-1].machine if data else None, *scope)
        self.on_data_table_row_highlighted()

    def on_data_table_row_highlighted(self) -> None:
        view = next((v for v in self.terminals if v.machine == self.cursor_key()), None)
        detail = self.query_one("#inventory-detail", Static)
        if view is None:
            detail.update("")
            return
        text = plain(" · ".join(fact for fact in (view.location, view.note) if fact),
                     limit=200)
        text.append("\n")
        text.append_text(plugins_text(view))
        detail.update(text)

    def action_toggle_outdated(self) -> None:
        self.outdated_only = not self.outdated_only
        self.pager.reset()
        self.action_refresh()

    def action_import(self) -> None:
        from helpdesk.monitoring.inventory_import import import_inventory

        from ..file_import import ask_import

        ask_import(self, t("inventory.import_prompt"), "终端清单.xlsx",
                   t("inventory.import_title"), import_inventory)
