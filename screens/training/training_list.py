"""培训: every session, newest first, a keyset page at a time, under the obligation line (held
this contract year against the requirement, and what is due next)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from helpdesk.i18n import t

from ..keys import bindings
from ..lists import PagedListScreen
from ..render import local_time, plain
from ..widgets.paged_table import fill
from .training_render import STATUS_STYLE, obligation_line

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.services.workspace import Workspace
    from helpdesk.training.actions import SessionView



class TrainingListScreen(PagedListScreen["tuple[list[SessionView], Text]", tuple[datetime, int]]):
    SCOPED_CSS = False
    DEFAULT_CSS = """
    #training-obligation {
        height: 1;
        padding: 0 1;
    }
    """
    BINDINGS = bindings("training.new", "training.open")
    help_key = "training.list"
    COLUMNS = (("training.when", 14), ("training.kind", 6), ("training.status", 6),
               ("training.signed", 5), ("training.evals", 4), ("training.title", 20),
               ("training.place", 10))
    GROW = ("training.title", "training.place")

    def __init__(self) -> None:
        super().__init__()
        self.sessions: list[SessionView] = []

    def compose_top(self) -> ComposeResult:
        yield Static(id="training-obligation")

    @on(DataTable.RowSelected)
    def _row_chosen(self) -> None:
        self.action_open()

    def fetch(self, ws: Workspace, actor: Actor) -> tuple[list[SessionView], Text]:
        from helpdesk.app.today import training_summary
        from helpdesk.training.actions import list_sessions

        today = ws.now().astimezone(ws.hours.zone).date()
        obligation = training_summary(ws, actor, today)
        line = obligation_line(obligation, today) if obligation else Text("")
        return list_sessions(ws, actor, after=self.pager.start, limit=self.PAGE_SIZE), line

    def show(self, data: tuple[list[SessionView], Text]) -> None:
        self.sessions, line = data
        self.query_one("#training-obligation", Static).update(line)
        zone = self.helpdesk.ws.hours.zone if self.helpdesk.ws else None
        fill(self.table, [
            (str(s.id), [
                plain(local_time(s.starts_at, zone, "%y-%m-%d %H:%M") if zone else ""),
                plain(t(f"training.short_{s.kind}")),
                plain(t(f"training.status_{s.status}"), style=STATUS_STYLE[s.status]),
                plain(f"{s.signed_in}/{s.attendees}" if s.attendees else "—"),
                plain(str(s.responses) if s.responses else "—"),
                plain(s.title), plain(s.place, limit=20)])
            for s in self.sessions])
        last = self.sessions[-1] if self.sessions else None
        self.page_loaded(len(self.sessions), (last.starts_at, last.id) if last else None)

    def action_new(self) -> None:
        from .training_forms import SessionForm

        self.app.push_screen(SessionForm(None), self.reload_if_saved)

    def action_open(self) -> None:
        from .training_detail import TrainingDetailScreen

        row = self.table.cursor_row
        if 0 <= row < len(self.sessions):
            self.app.push_screen(TrainingDetailScreen(self.sessions[row].id))
