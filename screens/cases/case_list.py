"""信访件列表: every tracked case, newest first, one keyset page at a time; search by subject or
number; Enter opens the case."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Input

from helpdesk.i18n import t

from ..keys import bindings
from ..lists import PagedListScreen
from ..render import plain
from ..widgets.field_input import FieldInput
from ..widgets.paged_table import fill

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.cases.actions import CaseView
    from helpdesk.services.workspace import Workspace


def _due(case: CaseView) -> Text:
    """The next deadline; a provisional one (an unpublished year) says so."""
    if case.next_due is None:
        return plain("")
    if case.due_provisional:
        return plain(f"{case.next_due:%m-%d}{t('calendar.provisional_mark')}", style="yellow")
    return plain(f"{case.next_due:%m-%d}")


class CaseListScreen(PagedListScreen["tuple[list[CaseView], dict[int, str]]", tuple[date, int]]):
    SCOPED_CSS = False
    DEFAULT_CSS = """
    #case-search {
        height: 1;
        margin: 0 1;
        border: none;
    }
    """
    BINDINGS = bindings("queue.search", "worklist.open")
    help_key = "cases.list"
    COLUMNS = (("worklist.case", 18), ("cases.registered", 5), ("cases.stage", 8),
               ("worklist.unit", 10), ("cases.subject", 16), ("worklist.due", 9))
    WATCHES = frozenset(("petition_case",))
    GROW = ("cases.subject", "worklist.unit")

    def __init__(self) -> None:
        super().__init__()
        self.cases: list[CaseView] = []
        self.unit_names: dict[int, str] = {}

    def compose_top(self) -> ComposeResult:
        yield FieldInput(placeholder=t("cases.search_hint"), id="case-search", compact=True)

    @on(Input.Changed, "#case-search")
    def _search_changed(self) -> None:
        self.pager.reset()
        self.action_refresh()

    @on(Input.Submitted, "#case-search")
    def _search_done(self) -> None:
        self.open_first_hit()

    @on(DataTable.RowSelected)
    def _row_chosen(self) -> None:
        self.action_open()

    def fetch(self, ws: Workspace, actor: Actor) -> tuple[list[CaseView], dict[int, str]]:
        from helpdesk.cases.actions import list_cases
        from helpdesk.services.units import unit_names

        cases = list_cases(ws, actor, search=self.query_one("#case-search", Input).value,
                           after=self.pager.start, limit=self.PAGE_SIZE)
        return cases, unit_names(ws, actor, (c.unit_id for c in cases))

    def show(self, data: tuple[list[CaseView], dict[int, str]]) -> None:
        self.cases, self.unit_names = data
        fill(self.table, [
            (str(c.id), [plain(c.case_number), plain(f"{c.registered_on:%m-%d}", style="dim"),
                         plain(t(f"cases.stage_{c.stage}")),
                         plain(self.unit_names.get(c.unit_id or 0, "—"), limit=10),
                         plain(c.subject),
                         _due(c)])
            for c in self.cases
        ])
        last = self.cases[-1] if self.cases else None
        self.page_loaded(len(self.cases), (last.registered_on, last.id) if last else None)

    def action_search(self) -> None:
        self.query_one("#case-search", Input).focus()

    def action_open(self) -> None:
        from .case_detail import CaseDetailScreen

        row = self.table.cursor_row
        if 0 <= row < len(self.cases):
            self.app.push_screen(CaseDetailScreen(self.cases[row].id))
