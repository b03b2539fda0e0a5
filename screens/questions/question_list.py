"""问题: the incoming questions queue, one keyset page at a time, with SLA clocks in business
hours. Filters: open/all, SLA state, search (Chinese, 1+ characters); sort by received or due."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.widgets import DataTable, Input

from helpdesk.i18n import t
from helpdesk.questions.views import Cursor
from helpdesk.vocab import OPEN_STATUSES

from ..keys import bindings
from ..lists import PagedListScreen
from ..render import local_time, plain
from ..widgets.field_input import FieldInput
from ..widgets.paged_table import fill
from .question_render import sla_cell, status_text

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.questions.views import QuestionFilter, QuestionPage
    from helpdesk.services.workspace import Workspace

SLA_FILTERS: tuple[str | None, ...] = (None, "breached", "at_risk", "on_track", "paused")


class QuestionListScreen(PagedListScreen["QuestionPage", Cursor]):
    # Styles of this screen load with it (not at start-up).
    SCOPED_CSS = False
    DEFAULT_CSS = """
    #queue-search {
        height: 1;
        margin: 0 1;
        border: none;
    }
    """
    BINDINGS = bindings("queue.new", "queue.open", "queue.search", "queue.sla_filter",
                        "queue.all", "queue.sort", "queue.filters")
    help_key = "nav.questions"
    COLUMNS = (("queue.number", 11), ("queue.status", 8), ("queue.sla", 10), ("queue.unit", 10),
               ("queue.title", 30), ("queue.received", 11))
    WATCHES = frozenset(("question",))
    GROW = ("queue.title", "queue.unit")

    def __init__(self) -> None:
        super().__init__()
        self.only_open = True
        self.sla_filter: str | None = None
        self.category: str | None = None
        self.unit_id: int | None = None
        self.assignee: str | None = None
        self.status: str | None = None  # one status chosen in the filter form
        self.sort = "received"
        self.row_ids: list[int] = []

    def compose_top(self) -> ComposeResult:
        yield FieldInput(placeholder=t("queue.search_hint"), id="queue-search", compact=True)

    @on(Input.Changed, "#queue-search")
    def _search_changed(self) -> None:
        self.pager.reset()
        self.action_refresh()

    @on(Input.Submitted, "#queue-search")
    def _search_done(self) -> None:
        self.open_first_hit()

    def filters(self) -> QuestionFilter:
        from helpdesk.questions.views import QuestionFilter

        statuses = (self.status,) if self.status else OPEN_STATUSES if self.only_open else ()
        return QuestionFilter(
            statuses=statuses, sla_state=self.sla_filter, category=self.category,
            unit_id=self.unit_id, assignee=self.assignee,
            search=self.query_one("#queue-search", Input).value, sort=self.sort)

    def fetch(self, ws: Workspace, actor: Actor) -> QuestionPage:
        from helpdesk.questions.listing import list_questions

        return list_questions(ws, actor, self.filters(), after=self.pager.start,
                              limit=self.PAGE_SIZE)

    def show(self, data: QuestionPage) -> None:
        page: QuestionPage = data
        zone = self.helpdesk.ws.hours.zone if self.helpdesk.ws else None
        self.row_ids = [row.id for row in page.rows]
        fill(self.table, [
            (str(row.id), [plain(row.number, style="dim"), status_text(row.status),
                           sla_cell(row), plain(row.unit or "—", limit=10), plain(row.title),
                           plain(local_time(row.received_at, zone) if zone else "")])
            for row in page.rows
        ])
        self.pager.loaded(len(page.rows), page.next_cursor)
        describe = [t(f"status.{self.status}") if self.status else
                    t("queue.open_only") if self.only_open else t("queue.all_statuses")]
        if self.category:
            describe.append(t(f"category.{self.category}"))
        if self.unit_id is not None or self.assignee:
            describe.append(t("filter.narrowed"))
        if self.sla_filter:
            describe.append(t(f"sla.{self.sla_filter}"))
        describe.append(t("queue.sorted_due") if self.sort == "due" else t("queue.sorted_new"))
        self.set_status(t("list.page", page=self.pager.page_number) + " · " +
                        " · ".join(describe) + f" · {len(page.rows)}")

    @on(DataTable.RowSelected)
    def _row_chosen(self) -> None:
        self.action_open()

    def action_search(self) -> None:
        self.query_one("#queue-search", Input).focus()

    def action_sla_filter(self) -> None:
        self.sla_filter = SLA_FILTERS[(SLA_FILTERS.index(self.sla_filter) + 1) % len(SLA_FILTERS)]
        self.pager.reset()
        self.action_refresh()

    def action_filters(self) -> None:
        self.open_filters()

    @work(thread=True, exclusive=True, group="filters")
    def open_filters(self) -> None:
        from helpdesk.app.staff_views import list_staff
        from helpdesk.services.units import list_units

        from .question_filter import (
            ANY,
            OPEN,
            QuestionFilters,
            QuestionFilterScreen,
        )

        app = self.helpdesk
        if app.ws is None or app.actor is None:
            return
        units = [(u.name, u.id) for u in list_units(app.ws, app.actor, limit=1000)]
        staff = [(m.name, m.login) for m in list_staff(app.ws, app.actor) if m.active]
        current = QuestionFilters(
            status=self.status or (OPEN if self.only_open else ANY),
            category=self.category or ANY, unit_id=self.unit_id, assignee=self.assignee,
            sla_state=self.sla_filter)

        def chosen(result: QuestionFilters | None) -> None:
            if result is None:
                return
            self.only_open = result.status == OPEN
            self.status = None if result.status in (OPEN, ANY) else result.status
            self.category = None if result.category == ANY else result.category
            self.unit_id, self.assignee = result.unit_id, result.assignee
            self.sla_filter = result.sla_state
            self.pager.reset()
            self.action_refresh()

        app.call_from_thread(app.push_screen, QuestionFilterScreen(current, units, staff), chosen)

    def action_toggle_all(self) -> None:
        self.status = None
        self.only_open = not self.only_open
        self.pager.reset()
        self.action_refresh()

    def action_toggle_sort(self) -> None:
        self.sort = "due" if self.sort == "received" else "received"
        self.pager.reset()
        self.action_refresh()

    def selected_id(self) -> int | None:
        table = self.table
        if not self.row_ids or table.cursor_row >= len(self.row_ids):
            return None
        return self.row_ids[table.cursor_row]

    def action_open(self) -> None:
        from .question_detail import QuestionDetailScreen

        question_id = self.selected_id()
        if question_id is not None:
            self.app.push_screen(QuestionDetailScreen(question_id))

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand(t("queue.new"), t("intake.title"), self.action_new)

    def action_new(self) -> None:
        from .intake import IntakeScreen

        self.app.push_screen(IntakeScreen(), lambda _saved: self.action_refresh())

