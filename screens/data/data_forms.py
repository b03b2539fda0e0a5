"""Forms of the data service: a new request (who asked, what, the format wanted, working days
to deliver) and fulfilling one with a built-in query written as xlsx."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Select, Static

from helpdesk.errors import HelpdeskError
from helpdesk.i18n import t
from helpdesk.typed import typed_whole

from ..forms import ServiceForm
from ..widgets.field_input import FieldInput
from ..widgets.key_footer import KeyFooter
from ..widgets.unit_picker import UnitPicker

if TYPE_CHECKING:
    from helpdesk.data.requests import DataRequestView
    from helpdesk.services.units import UnitView


FIELDS = ("title", "asker", "format", "description", "days")


class UnitsForm(ServiceForm):
    """A form with a UnitPicker, filled from the units list in a worker once mounted."""

    keep_unit_id: int | None = None  # shown even if the unit has since been retired

    @work(thread=True, group="units")
    def load_units(self) -> None:
        from helpdesk.services.units import list_units

        app = self.helpdesk
        if app.ws is None or app.actor is None:
            return
        units = [u for u in list_units(app.ws, app.actor, limit=1000)
                 if u.active or u.id == self.keep_unit_id]
        app.call_from_thread(self.units_loaded, units)

    def units_loaded(self, units: list[UnitView]) -> None:
        self.query_one(UnitPicker).units = units
        self.remember_typed()


class DataRequestForm(UnitsForm):
    """A new request, or (given one) the corrections to an open request: the asker's name is
    shown masked, so an empty name field keeps it."""

    SCOPED_CSS = False
    DEFAULT_CSS = """
    DataRequestForm {
        align: center middle;
    }
    #data-request-form {
        width: 70;
    }
    """

    def __init__(self, due_workdays: int, request: DataRequestView | None = None) -> None:
        super().__init__()
        self.due_workdays = due_workdays
        self.request = request
        self.record = ("data_request", str(request.id)) if request is not None else None
        self.shown: dict[str, str] = {}
        self.keep_unit_id = request.unit_id if request else None
        self.units_loaded_yet = False  # until then the picker is empty, not "no unit"

    def compose(self) -> ComposeResult:
        request = self.request
        title = t("data.edit_title", number=request.number) if request else t("data.new_title")
        with Vertical(id="data-request-form", classes="form"):
            yield Label(title, classes="title", markup=False)
            yield self._row("title", "data.title", request.title if request else "")
            yield self._row("asker", "data.asker", "",
                            t("data.asker_keep", asker=request.asker)
                            if request and request.asker else "")
            yield UnitPicker(t("data.unit"))
            for field, label, value in (
                    ("format", "data.format", request.format_wanted if request else "xlsx"),
                    ("description", "data.description", request.description if request else ""),
                    ("days", "data.due_days",
                     str(request.due_workdays if request else self.due_workdays))):
                yield self._row(field, label, value)
            yield Static(id="form-error", classes="error")
            yield KeyFooter()

    @staticmethod
    def _row(field: str, label: str, value: str, placeholder: str = "") -> Horizontal:
        return Horizontal(
            Label(t(label), classes="label"),
            FieldInput(value, id=f"data-{field}", compact=True, placeholder=placeholder,
                       restrict=r"[0-9]*" if field == "days" else None,
                       max_length=2 if field == "days" else 200),
            classes="row")

    def on_mount(self) -> None:
        self.query_one("#data-title", Input).focus()
        # An edit sends only the fields changed here, so a long or multi-line description the
        # CLI recorded is not cut to what one line of the form holds.
        self.shown = {field: self._value(field) for field in FIELDS}
        self.load_units()

    def _value(self, field: str) -> str:
        return self.query_one(f"#data-{field}", Input).value

    def units_loaded(self, units: list[UnitView]) -> None:
        super().units_loaded(units)
        if self.request is not None:
            self.query_one(UnitPicker).preset(self.request.unit_id)
        self.units_loaded_yet = True

    @on(UnitPicker.Picked)
    def _unit_picked(self) -> None:
        self.query_one("#data-format", Input).focus()

    def action_save(self) -> None:
        from helpdesk.data.requests import add_request, edit_request

        unit = self.query_one(UnitPicker).unit
        request = self.request
        unit_id = unit.id if unit else None
        if request is not None and not self.units_loaded_yet:
            unit_id = request.unit_id
        try:
            typed_days = typed_whole(self._value("days"), t("data.due_days"), low=1, high=99,
                                     empty=0) or None
        except HelpdeskError as err:
            self.show_error(str(err))
            return
        if request is None:
            title, asker, fmt, description, _days = (self._value(f) for f in FIELDS)
            self.submit(lambda ws, actor: add_request(
                ws, actor, title=title, asker_name=asker, unit_id=unit_id, format_wanted=fmt,
                description=description, due_workdays=typed_days))
            return
        changed = {f: self._value(f) for f in FIELDS if self._value(f) != self.shown[f]}
        new_days = changed.get("days")
        self.submit(lambda ws, actor: edit_request(
            ws, actor, request.id, request.version, title=changed.get("title"),
            asker_name=changed.get("asker", "").strip() or None,
            unit_id=unit_id if unit_id != request.unit_id else None,
            clear_unit=unit_id is None and request.unit_id is not None,
            format_wanted=changed.get("format"), description=changed.get("description"),
            due_workdays=typed_days if new_days else None))


class FulfilForm(UnitsForm):
    SCOPED_CSS = False
    DEFAULT_CSS = """
    FulfilForm {
        align: center middle;
    }
    #fulfil-form {
        width: 70;
    }
    """

    def __init__(self, request: DataRequestView, start: date, end: date) -> None:
        super().__init__()
        self.request = request
        self.start, self.end = start, end

    def on_mount(self) -> None:
        self.load_units()

    @on(UnitPicker.Picked)
    def _unit_picked(self) -> None:
        self.query_one("#data-password", Input).focus()

    def compose(self) -> ComposeResult:
        from helpdesk.data.queries import QUERIES, query_title

        with Vertical(id="fulfil-form", classes="form"):
            yield Label(t("data.fulfil_title", number=self.request.number), classes="title",
                        markup=False)
            yield Static(self.request.title, markup=False)
            with Horizontal(classes="row"):
                yield Label(t("data.query"), classes="label")
                yield Select([(query_title(name), name) for name in QUERIES],
                             value=next(iter(QUERIES)), allow_blank=False, id="data-query",
                             compact=True)
            with Horizontal(classes="row"):
                yield Label(t("data.from"), classes="label")
                yield FieldInput(f"{self.start}", id="data-from", compact=True)
            with Horizontal(classes="row"):
                yield Label(t("data.to"), classes="label")
                yield FieldInput(f"{self.end}", id="data-to", compact=True)
            with Horizontal(classes="row"):
                yield Label(t("data.unit_kind"), classes="label")
                yield Select([(t("data.all_units"), ""), (t("units.kind_street"), "street"),
                              (t("units.kind_department"), "department")],
                             value="street", allow_blank=False, id="data-kind", compact=True)
            yield UnitPicker(t("data.one_unit"))
            with Horizontal(classes="row"):
                yield Label(t("data.password"), classes="label")
                yield FieldInput(id="data-password", password=True, compact=True,
                                 placeholder=t("export.no_password"))
            yield Static(t("data.fulfil_hint"), classes="hint")
            yield Static(id="form-error", classes="error")
            yield KeyFooter()

    def action_save(self) -> None:
        from helpdesk.data.queries import QueryParams
        from helpdesk.data.requests import fulfil_request

        start = self.day_field("#data-from", "data.from")
        end = start and self.day_field("#data-to", "data.to")
        if start is None or end is None:
            return
        unit = self.query_one(UnitPicker).unit
        # one unit named: its kind does not narrow further (a department picked under
        # "street" would otherwise give nothing)
        params = QueryParams(start, end, "" if unit else str(self.query_one("#data-kind",
                                                                            Select).value),
                             unit.id if unit else None)
        name = str(self.query_one("#data-query", Select).value)
        password = self.query_one("#data-password", Input).value or None
        request_id, version = self.request.id, self.request.version
        self.submit(lambda ws, actor: fulfil_request(ws, actor, request_id, version, name,
                                                     params, None, password))
