"""One signed handover. The incoming engineer marks each carried item taken / not mine / done
(`t` `n` `d`, `A` takes all the rest) and acknowledges with Ctrl+S; `x` copies it as Markdown."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.widgets import DataTable, Header, Static

from helpdesk.errors import HelpdeskError
from helpdesk.i18n import t

from ..base import DataScreen
from ..keys import bindings
from ..render import local_time, multiline
from ..widgets.column_fit import fit_table
from ..widgets.key_footer import KeyFooter
from ..widgets.paged_table import fill
from .handover_items import detail_cell, label_cell, review_cell, section_cell

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.roster.handover import HandoverDetail
    from helpdesk.services.workspace import Workspace


ITEM_WIDTH = 38  # the item's text: the column that grows and shrinks with the terminal

class HandoverReviewScreen(DataScreen["tuple[HandoverDetail, str, Any]"]):
    BINDINGS = bindings("review.taken", "review.not_mine", "review.done", "review.all",
                        "review.acknowledge", "review.copy")
    help_key = "handover.title"
    SCOPED_CSS = False
    DEFAULT_CSS = """
    #review-head { height: auto; max-height: 5; padding: 0 1; }
    #review-items { height: 1fr; }
    """

    def __init__(self, handover_id: int) -> None:
        super().__init__()
        self.handover_id = handover_id
        self.detail: HandoverDetail | None = None
        self.markdown = ""
        self.attention_reached = False  # the cursor has been on the last attention line
        self.reason = ""  # a manager acting for the shift: why, once given here

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text(t("app.loading")), id="review-head")
        table: DataTable[Text] = DataTable(id="review-items", cursor_type="row")
        yield table
        yield Static(id="review-status", classes="status")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#review-items", DataTable)
        for label, width in ((t("handover.items"), 6), ("", ITEM_WIDTH), ("", 16),
                             (t("handover.state"), 6)):
            table.add_column(label, width=width)
        table.focus()

    def on_resize(self) -> None:
        self.call_after_refresh(self.after_show)

    def after_show(self) -> None:
        """The item's text takes the width the terminal has (issue 34: cut at 120 columns
        beside empty space)."""
        fit_table(self.query_one("#review-items", DataTable), (6, ITEM_WIDTH, 16, 6), (1,))

    def fetch(self, ws: Workspace, actor: Actor) -> tuple[HandoverDetail, str, Any]:
        from helpdesk.roster.handover import get_handover
        from helpdesk.roster.handover_text import handover_markdown

        detail = get_handover(ws, actor, self.handover_id)
        return detail, handover_markdown(detail, ws.hours.zone), ws.hours.zone

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The footer offers reviewing and acknowledging only while they can be done: not once
        acknowledged, not on one's own handover."""
        if action in ("review", "review_all", "acknowledge"):
            detail, actor = self.detail, self.helpdesk.actor
            if detail is None or detail.row.acknowledged_at is not None or (
                    actor is not None and detail.row.outgoing == actor.login):
                return False
        return True

    def show(self, data: tuple[HandoverDetail, str, Any]) -> None:
        detail, self.markdown, zone = data
        # The outgoing engineer's attention lines first, then the other carried items: they
        # are what the incoming engineer must read and act on.
        items = sorted(detail.items, key=lambda item: (item.section != "attention",
                                                       not item.carried))
        self.detail = replace(detail, items=tuple(items))
        self.refresh_bindings()  # the footer follows the handover's state (check_action)
        row = self.detail.row
        head = Text(t("handover.review_title", id=row.id, outgoing=row.outgoing_name,
                      window=f"{local_time(row.window_start, zone)}–"
                             f"{local_time(row.window_end, zone, '%H:%M')}"), style="bold")
        if row.acknowledged_at is not None:
            head.append(f"  ✔{t('handover.acknowledged')} {row.incoming_name} "
                        f"{local_time(row.acknowledged_at, zone)}", style="green")
        elif row.overdue:
            head.append(f"  ✘{t('handover.overdue')}", style="bold red")
        if self.detail.notes:
            head.append("\n")
            head.append_text(multiline(self.detail.notes, limit=400))
        self.query_one("#review-head", Static).update(head)
        fill(self.query_one("#review-items", DataTable), [
            (str(item.id), [section_cell(item.section), label_cell(item.label, item.carry_count),
                            detail_cell(item.section, item.detail),
                            review_cell(item.carried, item.review)])
            for item in self.detail.items])
        self.query_one("#review-status", Static).update(Text(t(
            "handover.items_summary", carried=row.carried, unreviewed=row.unreviewed)))

    def action_review(self, review: str) -> None:
        if self.detail is None:
            return
        row = self.query_one("#review-items", DataTable).cursor_row
        items = self.detail.items
        if 0 <= row < len(items) and items[row].carried:
            self.apply([items[row].id], review, acknowledge=False)
            table = self.query_one("#review-items", DataTable)
            following = next((n for n in range(row + 1, len(items)) if items[n].carried), row)
            table.move_cursor(row=following)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row >= self._attention_count() - 1:
            self.attention_reached = True

    def _attention_count(self) -> int:
        if self.detail is None:
            return 0
        return sum(1 for item in self.detail.items if item.section == "attention")

    def _attention_shown(self) -> bool:
        """Every attention line has been on screen: they all fit in the table's first view,
        or the cursor went down to the last of them."""
        table = self.query_one("#review-items", DataTable)
        visible = max(1, table.scrollable_content_region.height - 1)  # less the header
        count = self._attention_count()
        if count == 0 or self.attention_reached or count <= visible:
            return True
        self.notify(t("handover.read_attention_first", count=count), severity="warning",
                    markup=False)
        table.move_cursor(row=min(count - 1, visible))
        return False

    def action_review_all(self) -> None:
        from ..confirm import ask

        if self.detail is None or not self._attention_shown():
            return
        rest = [i.id for i in self.detail.items if i.carried and not i.review]
        if rest:  # many records at once: asked first (y/n)
            ask(self, t("handover.confirm_take_all", count=len(rest)),
                lambda: self.apply(rest, "taken", acknowledge=False))

    def action_acknowledge(self) -> None:
        from ..confirm import ask

        if self._attention_shown():
            ask(self, t("handover.confirm_acknowledge"),
                lambda: self.apply([], "", acknowledge=True))

    def _ask_reason(self, item_ids: list[int], review: str, acknowledge: bool) -> None:
        """A manager not rostered for the shift acts for it only with a reason."""
        from ..prompt import PromptScreen

        def with_reason(reason: str | None) -> None:
            if reason:
                self.reason = reason  # asked once on this screen, recorded with each step
                self.apply(item_ids, review, acknowledge=acknowledge, reason=reason)

        self.app.push_screen(PromptScreen(t("handover.manager_reason_prompt")), with_reason)

    # Not exclusive: each keypress is a decision that must not be dropped for the next one.
    @work(thread=True, group="save")
    def apply(self, item_ids: list[int], review: str, *, acknowledge: bool,
              reason: str = "") -> None:
        from helpdesk.roster.handover import review_and_acknowledge

        app = self.helpdesk
        if app.ws is None or app.actor is None:
            return
        reason = reason or self.reason
        try:
            review_and_acknowledge(app.ws, app.actor, self.handover_id, item_ids, review,
                                   acknowledge_after=acknowledge, reason=reason)
        except HelpdeskError as err:
            if err.code == "handover.manager_reason" and not reason:
                app.call_from_thread(self._ask_reason, item_ids, review, acknowledge)
                return
            app.call_from_thread(self.show_error, str(err))
        else:
            if acknowledge:
                app.call_from_thread(self.notify, t("handover.acknowledged_msg"), markup=False)
        app.call_from_thread(self.action_refresh)

    def action_copy(self) -> None:
        if self.markdown:
            self.app.copy_to_clipboard(self.markdown)
            self.notify(t("handover.exported"), markup=False)
