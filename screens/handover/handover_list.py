"""交接班: handover history, newest first, with what the manager reviews (open items,
acknowledgement delay, items carried over more than once). `n` drafts this shift's handover."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Input

from helpdesk.calendar import format_duration
from helpdesk.i18n import t
from helpdesk.roster.handover import HandoverCursor

from ..keys import bindings
from ..lists import PagedListScreen
from ..render import local_time, plain
from ..widgets.field_input import FieldInput
from ..widgets.paged_table import fill

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.roster.handover import HandoverRow
    from helpdesk.services.workspace import Workspace


def state_cell(row: HandoverRow) -> Text:
    if row.acknowledged_at is not None:
        return Text("✔" + t("handover.acknowledged"), style="green")
    if row.overdue:
        return Text("✘" + t("handover.overdue"), style="bold red")
    return Text("…" + t("handover.pending"), style="yellow")


class HandoverListScreen(
        PagedListScreen["tuple[list[HandoverRow], Any, int, int]", "HandoverCursor"]):
    SCOPED_CSS = False
    DEFAULT_CSS = """
    #handover-search { height: 1; margin: 0 1; border: none; }
    """
    BINDINGS = bindings("handover.new", "handover.open", "handover.week", "handover.mine",
                        "handover.search")
    help_key = "nav.handover"
    COLUMNS = (("handover.signed_at", 11), ("handover.outgoing", 6), ("handover.incoming", 6),
               ("handover.state", 11), ("handover.carried", 4), ("handover.open_items", 4),
               ("handover.repeated", 8), ("handover.ack_delay", 8))

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[HandoverRow] = []
        self.week_only = False
        self.mine_only = False

    def compose_top(self) -> ComposeResult:
        yield FieldInput(placeholder=t("handover.search"), id="handover-search", compact=True)

    @on(Input.Changed, "#handover-search")
    def _search_changed(self) -> None:
        self.pager.reset()
        self.action_refresh()

    @on(Input.Submitted, "#handover-search")
    def _search_done(self) -> None:
        self.open_first_hit()

    @on(DataTable.RowSelected)
    def _row_chosen(self) -> None:
        self.action_open()

    def fetch(self, ws: Workspace, actor: Actor) -> tuple[list[HandoverRow], Any, int, int]:
        from helpdesk.roster.handover import list_handovers

        start = end = None
        if self.week_only:
            today: date = ws.now().astimezone(ws.hours.zone).date()
            start = today - timedelta(days=today.weekday())
            end = start + timedelta(days=6)
        page = list_handovers(ws, actor, engineer=actor.login if self.mine_only else None,
                              start=start, end=end,
                              search=self.query_one("#handover-search", Input).value,
                              after=self.pager.start, limit=self.PAGE_SIZE)
        pending = list_handovers(ws, actor, pending_only=True, limit=200).rows
        return page.rows, ws.hours.zone, len(pending), sum(row.overdue for row in pending)

    def show(self, data: tuple[list[HandoverRow], Any, int, int]) -> None:
        self.rows, zone, pending, overdue = data
        rows = []
        for row in self.rows:
            delay = row.ack_delay
            rows.append((str(row.id), [
                Text(local_time(row.signed_at, zone)), plain(row.outgoing_name, limit=6),
                plain(row.incoming_name or "—", limit=6), state_cell(row),
                Text(str(row.carried)),
                Text(str(row.open_items), style="yellow" if row.open_items else ""),
                Text(str(row.repeated), style="bold red" if row.repeated else "dim"),
                Text(format_duration(delay) if delay is not None else "—",
                     style="red" if delay and delay > timedelta(hours=1) else "")]))
        fill(self.table, rows)
        last = self.rows[-1] if self.rows else None
        filters = (t("handover.filter_week") if self.week_only else "") + \
            (t("handover.filter_mine", login=self.helpdesk.actor.login)
             if self.mine_only and self.helpdesk.actor else "")
        self.page_loaded(len(self.rows), HandoverCursor(last.signed_at, last.id) if last else None,
                         t("handover.list_status", count=len(self.rows), pending=pending,
                           overdue=overdue) + filters)

    def action_search(self) -> None:
        self.query_one("#handover-search", Input).focus()

    def action_toggle_week(self) -> None:
        self.week_only = not self.week_only
        self.pager.reset()
        self.action_refresh()

    def action_toggle_mine(self) -> None:
        self.mine_only = not self.mine_only
        self.pager.reset()
        self.action_refresh()

    def action_new(self) -> None:
        from .handover_draft import HandoverDraftScreen

        self.app.push_screen(HandoverDraftScreen(), self.reload_if_saved)

    def action_open(self) -> None:
        from .handover_review import HandoverReviewScreen

        row = self.table.cursor_row
        if 0 <= row < len(self.rows):
            self.app.push_screen(HandoverReviewScreen(self.rows[row].id))
