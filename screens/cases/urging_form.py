"""Record one urging: how, whom, what was agreed, and the next check (a working day)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Select, Static

from helpdesk.i18n import t

from ..forms import ServiceForm
from ..widgets.field_input import FieldInput
from ..widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from helpdesk.cases.urging_list import UrgingItem

METHODS = ("phone", "system", "written")


class UrgingFormScreen(ServiceForm):
    # Styles of this screen load with it (not at start-up).
    SCOPED_CSS = False
    DEFAULT_CSS = """
    UrgingFormScreen {
        align: center middle;
    }
    #urging-form {
        width: 64;
    }
    """
    def __init__(self, item: UrgingItem, next_check: date) -> None:
        super().__init__()
        self.item = item
        self.next_check = next_check

    def compose(self) -> ComposeResult:
        item = self.item
        with Vertical(id="urging-form", classes="form"):
            yield Label(t("worklist.urge_title", number=item.case_number,
                          step=t(f"urging.step_{item.step}")), classes="title", markup=False)
            with Horizontal(classes="row"):
                yield Label(t("worklist.method"), classes="label")
                yield Select([(t(f"urging.method_{m}"), m) for m in METHODS], value="phone",
                             allow_blank=False, id="method", compact=True)
            with Horizontal(classes="row"):
                yield Label(t("worklist.contact"), classes="label")
                yield FieldInput(id="contact", compact=True, max_length=64,
                                 placeholder=item.unit)
            with Horizontal(classes="row"):
                yield Label(t("worklist.agreed"), classes="label")
                yield FieldInput(id="agreed", compact=True, max_length=200)
            with Horizontal(classes="row"):
                yield Label(t("worklist.next_check"), classes="label")
                yield FieldInput(f"{self.next_check:%Y-%m-%d}", id="next-check", compact=True)
            yield Static(id="form-error", classes="error")
            yield KeyFooter()

    def action_save(self) -> None:
        from helpdesk.cases.urging import record_urging

        item = self.item
        next_check = self.day_field("#next-check", "worklist.next_check")
        if next_check is None:
            return
        method = str(self.query_one("#method", Select).value)
        contact = self.query_one("#contact", Input).value or item.unit
        agreed = self.query_one("#agreed", Input).value
        self.submit(lambda ws, actor: record_urging(
            ws, actor, item.case_id, step=item.step, method=method, contact=contact,
            agreed=agreed, next_check=next_check))
