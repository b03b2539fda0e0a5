"""Forms of the data service: a new request (who asked, what, the format wanted, working days
to deliver) and fulfilling one with a built-in query written as xlsx."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Input, Label, Select, Static

from helpdesk.i18n import t
from screens.forms import ServiceForm

if TYPE_CHECKING:
    from helpdesk.services.data_service import DataRequestView


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


class DataRequestForm(ServiceForm):
    SCOPED_CSS = False
    DEFAULT_CSS = """
    DataRequestForm {
        align: center middle;
    }
    #data-request-form {
        width: 70;
    }
    """

    def __init__(self, due_workdays: int) -> None:
        super().__init__()
        self.due_workdays = due_workdays

    def compose(self) -> ComposeResult:
        with Vertical(id="data-request-form", classes="form"):
            yield Label(t("data.new_title"), classes="title")
            for field, label, value in (("title", "data.title", ""),
                                        ("asker", "data.asker", ""),
                                        ("format", "data.format", "xlsx"),
                                        ("description", "data.description", ""),
                                        ("days", "data.due_days", str(self.due_workdays))):
                with Horizontal(classes="row"):
                    yield Label(t(label), classes="label")
                    yield Input(value, id=f"data-{field}", compact=True,
                                restrict=r"[0-9]*" if field == "days" else None,
                                max_length=2 if field == "days" else 200)
            yield Static(id="form-error", classes="error")
            yield Footer()

    def action_save(self) -> None:
        from helpdesk.services.data_service import add_request

        def value(field: str) -> str:
            return self.query_one(f"#data-{field}", Input).value

        days = int(value("days")) if value("days") else None
        title, asker, fmt, description = (value("title"), value("asker"), value("format"),
                                          value("description"))
        self.submit(lambda ws, actor: add_request(
            ws, actor, title=title, asker_name=asker, format_wanted=fmt,
            description=description, due_workdays=days))


class FulfilForm(ServiceForm):
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

    def compose(self) -> ComposeResult:
        from helpdesk.services.data_queries import QUERIES, query_title

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
                yield Input(f"{self.start}", id="data-from", compact=True)
            with Horizontal(classes="row"):
                yield Label(t("data.to"), classes="label")
                yield Input(f"{self.end}", id="data-to", compact=True)
            with Horizontal(classes="row"):
                yield Label(t("data.unit_kind"), classes="label")
                yield Select([(t("data.all_units"), ""), (t("units.kind_street"), "street"),
                              (t("units.kind_department"), "department")],
                             value="street", allow_blank=False, id="data-kind", compact=True)
            with Horizontal(classes="row"):
                yield Label(t("data.password"), classes="label")
                yield Input(id="data-password", password=True, compact=True,
                            placeholder=t("export.no_password"))
            yield Static(t("data.fulfil_hint"), classes="hint")
            yield Static(id="form-error", classes="error")
            yield Footer()

    def action_save(self) -> None:
        from helpdesk.services.data_queries import QueryParams
        from helpdesk.services.data_service import fulfil_request

        start = _date(self.query_one("#data-from", Input).value)
        end = _date(self.query_one("#data-to", Input).value)
        if start is None or end is None:
            self.show_error(t("cases.bad_date"))
            return
        params = QueryParams(start, end, str(self.query_one("#data-kind", Select).value))
        name = str(self.query_one("#data-query", Select).value)
        password = self.query_one("#data-password", Input).value or None
        request_id, version = self.request.id, self.request.version
        self.submit(lambda ws, actor: fulfil_request(ws, actor, request_id, version, name,
                                                     params, None, password))
