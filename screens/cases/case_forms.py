"""Forms on a petition case: record a stage reached (validated by the service), 延期, and a
听证 held during the 复核."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Select, Static

from helpdesk.errors import HelpdeskError
from helpdesk.i18n import t
from helpdesk.typed import typed_whole

from ..forms import ServiceForm
from ..widgets.field_input import FieldInput
from ..widgets.key_footer import KeyFooter

RATINGS = ("satisfied", "basically", "dissatisfied", "expired")


class CaseStageForm(ServiceForm):
    SCOPED_CSS = False
    DEFAULT_CSS = """
    CaseStageForm, CaseExtendForm, CaseHearingForm {
        align: center middle;
    }
    #case-stage-form, #case-extend-form, #case-hearing-form {
        width: 64;
    }
    """

    def __init__(self, case_id: int, version: int, number: str, next_stages: list[str],
                 today: date) -> None:
        super().__init__()
        self.case_id, self.version, self.number = case_id, version, number
        self.record = ("petition_case", str(case_id))
        self.next_stages = next_stages
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(id="case-stage-form", classes="form"):
            yield Label(t("cases.stage_title", number=self.number), classes="title",
                        markup=False)
            with Horizontal(classes="row"):
                yield Label(t("cases.stage"), classes="label")
                yield Select([(t(f"cases.stage_{s}"), s) for s in self.next_stages],
                             value=self.next_stages[0], allow_blank=False, id="stage",
                             compact=True)
            with Horizontal(classes="row"):
                yield Label(t("cases.on_date"), classes="label")
                yield FieldInput(f"{self.today:%Y-%m-%d}", id="on-date", compact=True)
            with Horizontal(classes="row"):
                yield Label(t("cases.rating"), classes="label")
                yield Select([(t(f"cases.rating_{r}"), r) for r in RATINGS],
                             value="satisfied", allow_blank=False, id="rating", compact=True)
            with Horizontal(classes="row"):
                yield Label(t("cases.note"), classes="label")
                yield FieldInput(id="note", compact=True, max_length=200)
            yield Static(id="form-error", classes="error")
            yield KeyFooter()

    def action_save(self) -> None:
        from helpdesk.cases.actions import advance

        on_date = self.day_field("#on-date", "cases.on_date")
        if on_date is None:
            return
        stage = str(self.query_one("#stage", Select).value)
        rating = str(self.query_one("#rating", Select).value) if stage == "rated" else ""
        note = self.query_one("#note", Input).value
        case_id, version = self.case_id, self.version
        self.submit(lambda ws, actor: advance(ws, actor, case_id, version, stage, on_date,
                                              rating=rating, note=note))


class CaseExtendForm(ServiceForm):
    def __init__(self, case_id: int, version: int, number: str, today: date) -> None:
        super().__init__()
        self.case_id, self.version, self.number, self.today = case_id, version, number, today
        self.record = ("petition_case", str(case_id))

    def compose(self) -> ComposeResult:
        with Vertical(id="case-extend-form", classes="form"):
            yield Label(t("cases.extend_title", number=self.number), classes="title",
                        markup=False)
            with Horizontal(classes="row"):
                yield Label(t("cases.extend_days"), classes="label")
                yield FieldInput("30", id="days", compact=True, restrict=r"[0-9]*", max_length=3)
            with Horizontal(classes="row"):
                yield Label(t("cases.approved_on"), classes="label")
                yield FieldInput(f"{self.today:%Y-%m-%d}", id="approved-on", compact=True)
            with Horizontal(classes="row"):
                yield Label(t("cases.reason"), classes="label")
                yield FieldInput(id="reason", compact=True, max_length=200)
            yield Static(id="form-error", classes="error")
            yield KeyFooter()

    def action_save(self) -> None:
        from helpdesk.cases.actions import extend

        try:
            days = typed_whole(self.query_one("#days", Input).value, t("cases.extend_days"),
                               low=1, high=999)
        except HelpdeskError as err:
            self.show_error(str(err))
            return
        approved = self.day_field("#approved-on", "cases.approved_on")
        if approved is None:
            return
        reason = self.query_one("#reason", Input).value
        case_id, version = self.case_id, self.version
        self.submit(lambda ws, actor: extend(ws, actor, case_id, version, days, approved,
                                             reason))


class CaseHearingForm(ServiceForm):
    """Its days, first to last, are left out of the 复核 period (the service checks the rest)."""

    def __init__(self, case_id: int, version: int, number: str, today: date) -> None:
        super().__init__()
        self.case_id, self.version, self.number, self.today = case_id, version, number, today
        self.record = ("petition_case", str(case_id))

    def compose(self) -> ComposeResult:
        with Vertical(id="case-hearing-form", classes="form"):
            yield Label(t("cases.hearing_title", number=self.number), classes="title",
                        markup=False)
            for field, label in (("hearing-from", "cases.hearing_from"),
                                 ("hearing-to", "cases.hearing_to")):
                with Horizontal(classes="row"):
                    yield Label(t(label), classes="label")
                    yield FieldInput(f"{self.today:%Y-%m-%d}", id=field, compact=True)
            with Horizontal(classes="row"):
                yield Label(t("cases.hearing_note"), classes="label")
                yield FieldInput(id="note", compact=True, max_length=200)
            yield Static(id="form-error", classes="error")
            yield KeyFooter()

    def action_save(self) -> None:
        from helpdesk.cases.actions import record_hearing

        start = self.day_field("#hearing-from", "cases.hearing_from")
        end = start and self.day_field("#hearing-to", "cases.hearing_to")
        if start is None or end is None:
            return
        note = self.query_one("#note", Input).value
        case_id, version = self.case_id, self.version
        self.submit(lambda ws, actor: record_hearing(ws, actor, case_id, version, start, end,
                                                     note))
