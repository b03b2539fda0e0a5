"""数据服务: the bureau's data requests, newest first a keyset page at a time; the highlighted
one's details (format wanted, the delivered file and its checksum) below. `n` records one,
`e` corrects an open one, `f` fulfils it with a built-in query written as xlsx, `d` with a
file prepared elsewhere (a copy is kept), `x` cancels it."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from helpdesk.i18n import clauses, t

from ..keys import bindings
from ..lists import PagedListScreen
from ..render import local_time, plain
from ..widgets.paged_table import fill

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.data.requests import DataRequestView
    from helpdesk.services.workspace import Workspace

STATUS_STYLE = {"open": "yellow", "fulfilled": "green", "cancelled": "dim strike"}


def last_quarter(today: date) -> tuple[date, date]:
    first_this = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    end = first_this - timedelta(days=1)
    return date(end.year, end.month - 2, 1), end


class DataRequestsScreen(PagedListScreen["list[DataRequestView]", tuple[datetime, int]]):
    SCOPED_CSS = False
    DEFAULT_CSS = """
    #data-detail {
        height: 4;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        padding: 0 1;
        color: $text-muted;
    }
    """
    BINDINGS = bindings("data.new", "data.edit", "data.fulfil", "data.deliver", "data.cancel")
    help_key = "nav.data"
    COLUMNS = (("data.number", 11), ("data.status", 6), ("data.due", 9), ("data.title", 24),
               ("data.asker", 6), ("data.unit", 10))
    WATCHES = frozenset(("data_request",))
    GROW = ("data.title", "data.unit")

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[DataRequestView] = []

    def compose_bottom(self) -> ComposeResult:
        yield Static(id="data-detail")

    def fetch(self, ws: Workspace, actor: Actor) -> list[DataRequestView]:
        from helpdesk.data.requests import list_requests

        return list_requests(ws, actor, after=self.pager.start, limit=self.PAGE_SIZE)

    def show(self, data: list[DataRequestView]) -> None:
        self.requests = data
        fill(self.table, [
            (str(r.id), [plain(r.number),
                         plain(t(f"data.s_{r.status}"), style=STATUS_STYLE[r.status]),
                         plain(f"{r.due_on:%m-%d}" + (t("calendar.provisional_mark")
                                                       if r.due_provisional else ""),
                               style="bold red" if r.overdue else ""),
                         plain(r.title), plain(r.asker), plain(r.unit or "—")])
            for r in self.requests])
        last = self.requests[-1] if self.requests else None
        self.page_loaded(len(self.requests), (last.received_at, last.id) if last else None)
        self._detail()

    @on(DataTable.RowHighlighted)
    def _moved(self) -> None:
        self._detail()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Correcting, delivering and cancelling are offered on an open request only."""
        if action in ("edit", "fulfil", "deliver", "cancel_request"):
            request = self._current()
            return request is not None and request.status == "open"
        return True

    def _current(self) -> DataRequestView | None:
        row = self.table.cursor_row
        return self.requests[row] if 0 <= row < len(self.requests) else None

    def _detail(self) -> None:
        detail = Text(no_wrap=True, overflow="ellipsis")
        request = self._current()
        zone = self.helpdesk.ws.hours.zone if self.helpdesk.ws else None
        if request is not None and zone is not None:
            detail.append(t("data.received") + " ", style="dim")
            detail.append(local_time(request.received_at, zone))
            detail.append("  " + t("data.format") + " ", style="dim")
            detail.append_text(plain(request.format_wanted or "—", limit=40))
            detail.append("\n" + t("data.due_why") + " ", style="dim")
            detail.append_text(plain(clauses(line.strip(" -") for line in
                                              request.due_explanation), limit=200))
            if request.description:
                detail.append("\n")
                detail.append_text(plain(request.description, limit=160))
            if request.cancel_reason:
                detail.append("\n" + t("data.cancelled") + t("ledger.colon"), style="dim")
                detail.append_text(plain(request.cancel_reason, limit=160))
            if request.file_path:
                detail.append("\n" + t("data.file") + " ", style="dim")
                rows = f" ({request.rows})" if request.rows is not None else ""
                detail.append_text(plain(f"{request.file_path}{rows} "
                                         f"sha256 {request.checksum[:16]}…", limit=160))
        self.query_one("#data-detail", Static).update(detail)

    def action_new(self) -> None:
        from .data_forms import DataRequestForm

        days = self.helpdesk.config.data_service.due_workdays
        self.app.push_screen(DataRequestForm(days), self.reload_if_saved)

    def action_edit(self) -> None:
        from .data_forms import DataRequestForm

        request = self._current()
        if request is None:
            return
        if request.status != "open":
            self.notify(t("data.not_open", status=t(f"data.s_{request.status}")),
                        severity="warning", markup=False)
            return
        days = self.helpdesk.config.data_service.due_workdays
        self.app.push_screen(DataRequestForm(days, request), self.reload_if_saved)

    def action_fulfil(self) -> None:
        from .data_forms import FulfilForm

        request = self._current()
        if request is None or request.status != "open" or self.helpdesk.ws is None:
            return
        today = self.helpdesk.ws.now().astimezone(self.helpdesk.ws.hours.zone).date()
        start, end = last_quarter(today)
        self.app.push_screen(FulfilForm(request, start, end), self.reload_if_saved)

    def action_deliver(self) -> None:
        from ..file_export import ask_export

        request = self._current()
        if request is None or request.status != "open":
            return

        def chosen(path: Path, password: str | None) -> None:
            self._deliver(request, path, password)

        ask_export(self.app, t("data.deliver_prompt", number=request.number), "", chosen)

    @work(thread=True, group="deliver")
    def _deliver(self, request: DataRequestView, path: Path, password: str | None) -> None:
        from helpdesk.data.requests import deliver_file

        kept: list[Path] = []

        def deliver(ws: Workspace, actor: Actor) -> None:
            kept.append(deliver_file(ws, actor, request.id, request.version, path,
                                     password)[1].path)

        if self.call_service(deliver):
            self.app.call_from_thread(self.notify, t("data.delivered", number=request.number,
                                                     path=str(kept[0])), markup=False)

    def action_cancel_request(self) -> None:
        from ..prompt import PromptScreen

        request = self._current()
        if request is None or request.status != "open":
            return

        def with_reason(reason: str | None) -> None:
            if reason:
                self._cancel(request.id, request.version, reason)

        self.app.push_screen(PromptScreen(t("data.cancel_prompt")), with_reason)

    @work(thread=True, group="cancel")
    def _cancel(self, request_id: int, version: int, reason: str) -> None:
        from helpdesk.data.requests import cancel_request

        self.call_service(lambda ws, actor: cancel_request(ws, actor, request_id, version,
                                                           reason))
