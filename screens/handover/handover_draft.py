"""The outgoing engineer's handover: drafted from the shift's own records, plus notes and an
attention list typed here; Ctrl+S signs it. What was typed survives a failed save."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.widgets import DataTable, Header, Label, Static, TextArea

from helpdesk.errors import HelpdeskError
from helpdesk.i18n import t

from ..base import DataScreen
from ..keys import bindings
from ..render import local_time, plain
from ..widgets.column_fit import fit_table
from ..widgets.key_footer import KeyFooter
from ..widgets.paged_table import fill
from .handover_items import detail_cell, label_cell, section_cell

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.roster.handover_draft import HandoverDraft
    from helpdesk.services.workspace import Workspace


class HandoverDraftScreen(DataScreen["tuple[HandoverDraft, Any]"]):
    BINDINGS = bindings("handover.sign")
    help_key = "handover.new"
    SCOPED_CSS = False
    DEFAULT_CSS = """
    #draft-title { height: 1; padding: 0 1; text-style: bold; }
    #draft-items { height: 1fr; min-height: 5; }
    #draft-notes, #draft-attention { height: 4; }
    HandoverDraftScreen Label { padding: 0 1; color: $text-muted; }
    #draft-error { height: auto; color: $error; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text(t("app.loading")), id="draft-title")
        table: DataTable[Text] = DataTable(id="draft-items", cursor_type="row")
        yield table
        yield Label(t("handover.notes"))
        yield TextArea(id="draft-notes", soft_wrap=True, show_line_numbers=False)
        yield Label(t("handover.attention"))
        yield TextArea(id="draft-attention", soft_wrap=True, show_line_numbers=False)
        yield Static(id="draft-error")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#draft-items", DataTable)
        table.add_column(t("handover.items"), width=6)
        table.add_column("", width=44)
        table.add_column("", width=16)
        self.query_one("#draft-notes", TextArea).focus()

    def on_resize(self) -> None:
        self.call_after_refresh(self.after_show)

    def after_show(self) -> None:
        """The item's text takes the width the terminal has (issue 34)."""
        fit_table(self.query_one("#draft-items", DataTable), (6, 44, 16), (1,))

    def fetch(self, ws: Workspace, actor: Actor) -> tuple[HandoverDraft, Any]:
        from helpdesk.roster.handover_draft import draft_handover

        return draft_handover(ws, actor), ws.hours.zone

    def show(self, data: tuple[HandoverDraft, Any]) -> None:
        draft, zone = data
        carried = sum(1 for item in draft.items if item.carried)
        title = Text(t("handover.draft_title", start=local_time(draft.window_start, zone),
                       end=local_time(draft.window_end, zone, "%H:%M")))
        title.append(f"  {t('handover.items_summary', carried=carried, unreviewed=carried)}",
                     style="dim")
        self.query_one("#draft-title", Static).update(title)
        fill(self.query_one("#draft-items", DataTable), [
            (str(index), [section_cell(item.section), label_cell(item.label, item.carry_count),
                          detail_cell(item.section, item.detail)])
            for index, item in enumerate(draft.items)])

    def action_sign(self) -> None:
        from ..confirm import ask

        notes = self.query_one("#draft-notes", TextArea).text
        attention = self.query_one("#draft-attention", TextArea).text
        ask(self, t("handover.confirm_sign"), lambda: self.sign(notes, attention))

    @work(thread=True, exclusive=True, group="save")
    def sign(self, notes: str, attention: str) -> None:
        from helpdesk.roster.handover import sign_handover

        app = self.helpdesk
        if app.ws is None or app.actor is None:
            return
        try:
            detail = sign_handover(app.ws, app.actor, notes=notes, attention=attention)
        except HelpdeskError as err:
            app.call_from_thread(self._failed, str(err))
            return
        app.call_from_thread(self._signed, detail.row.id)

    def _failed(self, message: str) -> None:
        self.query_one("#draft-error", Static).update(plain(message, limit=300))

    def _signed(self, handover_id: int) -> None:
        self.notify(t("handover.signed", id=handover_id), markup=False)
        self.app.pop_screen()
