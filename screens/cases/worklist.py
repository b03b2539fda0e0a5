"""催办清单: today's urging worklist, grouped by responsible unit in urgency order. `y` records
an urging (prefilled: two keystrokes) and the row says 已催办; `x` shows a polite urging text
to select and also sends it to the clipboard (OSC 52, over SSH)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.widgets import DataTable

from helpdesk.i18n import t

from ..keys import bindings
from ..lists import ListScreen
from ..render import plain
from ..text_dialog import TextDialog
from ..widgets.paged_table import fill

if TYPE_CHECKING:
    from datetime import date

    from helpdesk.actor import Actor
    from helpdesk.cases.urging_list import UrgingItem, Worklist
    from helpdesk.services.workspace import Workspace


def _left(item: UrgingItem) -> Text:
    if item.workdays_left is None:
        return Text("")
    if item.workdays_left < 0:
        return Text(f"✘{t('urging.overdue_days', days=-item.workdays_left)}", style="bold red")
    style = "bold yellow" if item.workdays_left <= 1 else ""
    return Text(t("urging.days_left", days=item.workdays_left), style=style)


def grouped(items: list[UrgingItem]) -> list[UrgingItem]:
    """Units in the order of their most urgent item; each unit's items together."""
    groups: dict[str, list[UrgingItem]] = {}
    for item in items:
        groups.setdefault(item.unit, []).append(item)
    return [item for group in groups.values() for item in group]


class WorklistScreen(ListScreen["tuple[date, Worklist, str]"]):
    BINDINGS = bindings("worklist.open", "worklist.urge", "worklist.copy", "worklist.list",
                        "worklist.rates", "worklist.proxy", "worklist.import",
                        "worklist.nothing_due", "list.next_page", "list.prev_page")
    # The table holds one page: a province's 2,000 listed cases would cost the redraw.
    PAGE_SIZE = 100
    help_key = "nav.cases"
    COLUMNS = (("worklist.unit", 12), ("worklist.case", 18), ("worklist.step", 8),
               ("worklist.due", 5), ("worklist.left", 8), ("worklist.flags", 8))
    WATCHES = frozenset(("petition_case", "worklist_day"))
    GROW = ("worklist.unit", "worklist.flags")

    def __init__(self) -> None:
        super().__init__()
        self.items: list[UrgingItem] = []  # the whole list, grouped; the table shows a page
        self.day: date | None = None
        self.page = 0
        self.total = 0
        self.overdue = 0  # of the total, not of the rows loaded
        self.truncated = False
        self.rest_reason = ""

    def fetch(self, ws: Workspace, actor: Actor) -> tuple[date, Worklist, str]:
        from helpdesk.cases.urging_list import urging_worklist

        day = ws.now().astimezone(ws.hours.zone).date()
        info = ws.calendar.day(day)
        return day, urging_worklist(ws, actor, day), "" if info.is_working else info.reason()

    def show(self, data: tuple[date, Worklist, str]) -> None:
        self.day, work, self.rest_reason = data
        self.items, self.total, self.truncated = grouped(work.items), work.total, work.truncated
        self.overdue = work.overdue
        self.page = min(self.page, max(0, self.pages - 1))
        self.refresh_bindings()
        self._show_page()

    @property
    def pages(self) -> int:
        return -(-len(self.items) // self.PAGE_SIZE)

    @property
    def first(self) -> int:
        return self.page * self.PAGE_SIZE

    def _show_page(self) -> None:
        previous = None
        rows = []
        for item in self.items[self.first:self.first + self.PAGE_SIZE]:
            flags = Text(" ".join(word for word, on in (
                (t("calendar.provisional_mark"), item.provisional),
                (t("worklist.supervised"), item.supervised),
                (t("worklist.extended"), item.extended)) if on), style="magenta")
            if item.urged_today:
                flags = Text.assemble(("✔" + t("worklist.urged_today"), "bold green"), " ",
                                      flags)
            rows.append((f"{item.case_id}-{item.step}", [
                plain("" if item.unit == previous else (item.unit or "—"), style="bold"),
                plain(item.case_number), plain(t(f"urging.step_{item.step}")),
                plain(f"{item.due:%m-%d}" if item.due else ""), _left(item), flags]))
            previous = item.unit
        fill(self.table, rows)
        if self.rest_reason:
            self.set_status(f"{self.day} {self.rest_reason}：{t('urging.rest_day')}")
            return
        urged = sum(1 for i in self.items if i.urged_today)
        status = t("worklist.status", day=str(self.day), count=self.total,
                   overdue=self.overdue, urged=urged)
        if self.truncated:
            status += " · " + t("worklist.cut", shown=len(self.items))
        if self.pages > 1:
            status += " · " + t("list.page_of", page=self.page + 1, pages=self.pages)
        self.set_status(status)

    def action_next_page(self) -> None:
        if self.page + 1 < self.pages:
            self.page += 1
            self._show_page()
            self.table.move_cursor(row=0)

    def action_prev_page(self) -> None:
        if self.page > 0:
            self.page -= 1
            self._show_page()
            self.table.move_cursor(row=0)

    def _selected(self) -> UrgingItem | None:
        row = self.table.cursor_row
        index = self.first + row
        return self.items[index] if 0 <= row < self.PAGE_SIZE and index < len(self.items) \
            else None

    @on(DataTable.RowSelected)
    def _row_chosen(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        from .case_detail import CaseDetailScreen

        item = self._selected()
        if item is not None:
            self.app.push_screen(CaseDetailScreen(item.case_id))

    def action_case_list(self) -> None:
        from .case_list import CaseListScreen

        self.app.push_screen(CaseListScreen())

    def action_import_file(self) -> None:
        from .case_import import CaseImportScreen

        self.app.push_screen(CaseImportScreen())

    def action_proxy(self) -> None:
        from .proxy import ProxyLogScreen

        self.app.push_screen(ProxyLogScreen())

    def action_rates(self) -> None:
        from .rates import RatesScreen

        self.app.push_screen(RatesScreen())

    def action_copy(self) -> None:
        from helpdesk.cases.urging_text import urging_message

        item = self._selected()
        app = self.helpdesk
        if item is None or app.ws is None:
            return
        text = urging_message(bureau=app.ws.config.contract.bureau, unit=item.unit,
                              case_number=item.case_number, step=item.step, due=item.due,
                              workdays_left=item.workdays_left)
        self.app.copy_to_clipboard(text)
        # tmux drops the clipboard escape by default: the text is also shown, to select.
        self.app.push_screen(TextDialog(t("worklist.copy_title"), text))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """"Nothing due today" is offered only when the worklist is empty."""
        if action == "nothing_due":
            return self.loaded and not self.items
        if action in ("open", "urge", "copy"):
            return bool(self.items)
        return True

    def action_nothing_due(self) -> None:
        """An empty worklist, looked at: the ledger's evidence for a day without an urging."""
        from helpdesk.cases.urging import record_nothing_due

        self._nothing_due(record_nothing_due)

    @work(thread=True, exclusive=True, group="nothing_due")
    def _nothing_due(self, record: Callable[[Workspace, Actor], object]) -> None:
        if self.call_service(record):
            self.app.call_from_thread(self.notify, t("worklist.nothing_due_done"), markup=False)

    def action_urge(self) -> None:
        from .urging_form import UrgingFormScreen

        item = self._selected()
        if item is not None and self.day is not None and self.helpdesk.ws is not None:
            next_check = self.helpdesk.ws.calendar.add_working_days(self.day, 2).deadline
            self.app.push_screen(UrgingFormScreen(item, next_check), self.reload_if_saved)
