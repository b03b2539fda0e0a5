"""代办记录: petition work done on users' behalf (信访业务办理), newest first a keyset page at a
time; `n` logs one. A case registered by hand shows "待导出确认" until the province's export
brings the same number (then "已确认"). The case screen's `w` logs work on that case."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select, Static

from helpdesk.i18n import t
from helpdesk.vocab import CASE_CHANNELS, PROXY_ACTIONS

from ..forms import ServiceForm
from ..keys import bindings
from ..lists import PagedListScreen
from ..render import local_time, plain
from ..widgets.field_input import FieldInput
from ..widgets.key_footer import KeyFooter
from ..widgets.paged_table import fill

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.cases.proxy_views import ProxyView
    from helpdesk.services.workspace import Workspace


def state_cell(entry: ProxyView) -> Text:
    """A hand registration: awaiting the province's export, or confirmed by it."""
    if entry.action != "registered":
        return plain(entry.note, style="dim")
    if entry.confirmed_at is None:
        return Text(t("proxy.awaiting_export"), style="yellow")
    return Text(t("proxy.confirmed"), style="green")


class ProxyLogScreen(PagedListScreen["list[ProxyView]", tuple[datetime, int]]):
    help_key = "proxy.title"
    BINDINGS = bindings("proxy.new")
    COLUMNS = (("proxy.done_at", 11), ("proxy.case", 18), ("proxy.action", 8),
               ("proxy.for", 6), ("proxy.unit", 10), ("proxy.state", 12))
    WATCHES = frozenset(("proxy_work",))
    GROW = ("proxy.state", "proxy.unit")

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[ProxyView] = []

    def fetch(self, ws: Workspace, actor: Actor) -> list[ProxyView]:
        from helpdesk.cases.proxy_views import list_proxy

        return list_proxy(ws, actor, before=self.pager.start, limit=self.PAGE_SIZE)

    def show(self, data: list[ProxyView]) -> None:
        self.entries = data
        zone = self.helpdesk.ws.hours.zone if self.helpdesk.ws else None
        fill(self.table, [(str(e.id), [
            Text(local_time(e.done_at, zone) if zone else ""), plain(e.case_number),
            Text(t(f"proxy.action_{e.action}")), plain(e.on_behalf_of), plain(e.unit or "—"),
            state_cell(e)]) for e in data])
        self.page_loaded(len(data), (data[-1].done_at, data[-1].id) if data else None)
        self.on_data_table_row_highlighted()

    def compose_bottom(self) -> ComposeResult:
        yield Static(id="proxy-detail", classes="status")

    def on_data_table_row_highlighted(self) -> None:
        key = self.cursor_key()
        entry = next((e for e in self.entries if str(e.id) == key), None)
        self.query_one("#proxy-detail", Static).update(plain(
            t("proxy.line", behalf=entry.on_behalf_of, authorised=entry.authorised_by)
            + (f" · {entry.note}" if entry.note else ""), limit=300) if entry else "")

    def action_new(self) -> None:
        ws = self.helpdesk.ws
        if ws is not None:
            self.app.push_screen(ProxyForm("", ws.now().astimezone(ws.hours.zone).date()),
                                 self.reload_if_saved)


class ProxyForm(ServiceForm):
    """One action done on a user's behalf. Registering a case the records do not hold yet
    needs its subject, channel and day (the lower fields); otherwise they stay empty."""

    SCOPED_CSS = False
    DEFAULT_CSS = """
    ProxyForm { align: center middle; }
    #proxy-form { width: 70; }
    #proxy-new-case { color: $text-muted; padding: 0 0 0 1; }
    """

    def __init__(self, case_number: str, today: date) -> None:
        super().__init__()
        self.case_number = case_number
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(id="proxy-form", classes="form"):
            yield Label(t("proxy.new_title"), classes="title")
            yield from self.row("proxy.case", FieldInput(
                self.case_number, id="proxy-case", max_length=40, compact=True,
                disabled=bool(self.case_number)))
            yield from self.row("proxy.action", Select(
                [(t(f"proxy.action_{action}"), action) for action in PROXY_ACTIONS],
                value="handled" if self.case_number else "registered", allow_blank=False,
                id="proxy-action", compact=True))
            yield from self.row("proxy.for", FieldInput(id="proxy-for", max_length=64,
                                                        placeholder=t("proxy.for_hint"),
                                                        compact=True))
            yield from self.row("proxy.authorised_by", FieldInput(id="proxy-authorised",
                                                                  max_length=64, compact=True))
            yield from self.row("proxy.note", FieldInput(id="proxy-note", max_length=200,
                                                         compact=True))
            if not self.case_number:
                yield Static(t("proxy.new_case_hint"), id="proxy-new-case")
                yield from self.row("proxy.subject", FieldInput(id="proxy-subject", max_length=200,
                                                                compact=True))
                yield from self.row("proxy.channel", Select(
                    [(t(f"case_channel.{channel}"), channel) for channel in CASE_CHANNELS],
                    value="letter", allow_blank=False, id="proxy-channel", compact=True))
                yield from self.row("proxy.registered_on", FieldInput(
                    self.today.isoformat(), id="proxy-day", compact=True,
                    placeholder=t("app.date_example")))
            yield Static(id="form-error", classes="error")
            yield KeyFooter()

    def action_save(self) -> None:
        from helpdesk.cases.proxy_work import NewCase, log_proxy

        def text(selector: str) -> str:
            return self.query_one(selector, Input).value.strip()

        number = self.case_number or text("#proxy-case")
        action = str(self.query_one("#proxy-action", Select).value)
        new_case = None
        if not self.case_number and action == "registered" and text("#proxy-subject"):
            day = self.day_field("#proxy-day", "proxy.registered_on")
            if day is None:
                return
            new_case = NewCase(text("#proxy-subject"),
                               str(self.query_one("#proxy-channel", Select).value), day)
        behalf, authorised, note = text("#proxy-for"), text("#proxy-authorised"), \
            text("#proxy-note")
        self.submit(lambda ws, actor: log_proxy(
            ws, actor, number, action, on_behalf_of=behalf, authorised_by=authorised,
            note=note, new_case=new_case))
