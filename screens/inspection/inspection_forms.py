"""The usage figures of an inspection, typed in from the provincial system's statistics."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Static

from helpdesk.errors import HelpdeskError
from helpdesk.i18n import joined, t
from helpdesk.typed import typed_whole

from ..forms import ServiceForm
from ..widgets.field_input import FieldInput
from ..widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from helpdesk.inspection.actions import InspectionView

FIELDS = ("institutions_expected", "institutions_connected", "accounts_issued",
          "accounts_disabled", "accounts_active")


class UsageForm(ServiceForm):
    SCOPED_CSS = False
    DEFAULT_CSS = """
    UsageForm {
        align: center middle;
    }
    #usage-form {
        width: 60;
    }
    """

    def __init__(self, inspection: InspectionView) -> None:
        super().__init__()
        self.inspection = inspection
        self.record = ("inspection", str(inspection.id))

    def compose(self) -> ComposeResult:
        with Vertical(id="usage-form", classes="form"):
            yield Label(t("inspection.usage_title", month=self.inspection.month),
                        classes="title", markup=False)
            for name in FIELDS:
                value = getattr(self.inspection.figures, name)
                with Horizontal(classes="row"):
                    yield Label(t(f"inspection.f_{name}"), classes="label")
                    yield FieldInput("" if value is None else str(value), id=name, compact=True,
                                     restrict=r"[0-9]*", max_length=7)
            yield Static(t("inspection.usage_hint"), classes="hint", markup=False)
            yield Static(id="form-error", classes="error")
            yield KeyFooter()

    def action_save(self) -> None:
        from helpdesk.inspection.actions import set_usage
        from helpdesk.inspection.usage import UsageFigures

        values = {name: self.query_one(f"#{name}", Input).value.strip() for name in FIELDS}
        missing = [name for name, value in values.items()
                   if not value and name != "accounts_disabled"]
        if missing:
            self.show_error(t("inspection.usage_missing",
                              fields=joined(t(f"inspection.f_{n}") for n in missing)))
            return
        try:
            figures = UsageFigures(*(typed_whole(values[name], t(f"inspection.f_{name}"))
                                     if values[name] else None for name in FIELDS))
        except HelpdeskError as err:
            self.show_error(str(err))
            return
        inspection_id, version = self.inspection.id, self.inspection.version
        self.submit(lambda ws, actor: set_usage(ws, actor, inspection_id, version, figures))
