"""保密登记簿: the confidentiality registers, one at a time ([ and ] move between them); a new
entry asks for exactly the facts its register records; closing asks how it ended."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult, SystemCommand
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, Select, Static

from helpdesk.i18n import t
from helpdesk.security.registers import FIELD_TYPES, REGISTER_KINDS, register_of

from ..forms import ServiceForm
from ..keys import bindings
from ..lists import ListScreen
from ..render import plain
from ..widgets.field_input import FieldInput
from ..widgets.key_footer import KeyFooter
from ..widgets.paged_table import fill

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.security.register_entries import EntryView
    from helpdesk.services.workspace import Workspace

FORM_CSS = """
EntryForm, CloseEntryForm { align: center middle; }
#entry-form, #close-form { width: 72; max-height: 22; }
#entry-fields { height: auto; max-height: 14; }
"""


@dataclass(frozen=True)
class RegisterPage:
    kind: str
    today: date
    entries: list[EntryView]


def state_cell(entry: EntryView, today: date) -> Text:
    """✘ overdue or an open leak · ⚠ a password not reported · closed: how it ended."""
    if entry.status == "closed":
        return Text(t(f"registers.outcome_{entry.outcome}") + f" {entry.closed_on:%m-%d}",
                    style="dim")
    if entry.overdue(today):
        return Text("✘" + t("registers.overdue"), style="bold red reverse")
    if entry.kind == "incident":
        return Text("✘" + t("registers.open_incident"), style="bold red reverse")
    if entry.password_unreported:
        return Text("⚠" + t("registers.unreported"), style="bold yellow")
    if entry.due_on is not None:
        return Text(t("registers.due", day=f"{entry.due_on:%m-%d}"))
    return Text(t("registers.open"))


class RegistersScreen(ListScreen["RegisterPage"]):
    help_key = "registers.title"
    BINDINGS = bindings("registers.prev", "registers.next", "registers.new",
                        "registers.close", "registers.report")
    COLUMNS = (("registers.col_number", 12), ("registers.field_title", 22),
               ("registers.field_holder", 8), ("registers.field_start_on", 10),
               ("registers.col_state", 12))
    GROW = ("registers.field_title",)

    def __init__(self, kind: str = REGISTER_KINDS[0]) -> None:
        super().__init__()
        self.kind = kind
        self.entries: dict[str, EntryView] = {}
        self.today: date | None = None

    def compose_top(self) -> ComposeResult:
        yield Static(id="register-name", classes="status")

    def compose_bottom(self) -> ComposeResult:
        yield Static(id="register-detail", classes="status")

    def fetch(self, ws: Workspace, actor: Actor) -> RegisterPage:
        from helpdesk.security.register_entries import list_entries

        today = ws.now().astimezone(ws.hours.zone).date()
        return RegisterPage(self.kind, today, list_entries(ws, actor, self.kind))

    def show(self, data: RegisterPage) -> None:
        self.today = data.today
        self.entries = {entry.number: entry for entry in data.entries}
        names = Text(style="bold")
        for index, kind in enumerate(REGISTER_KINDS):
            if index:
                names.append("  ")
            name = t(f"registers.kind_{kind}")
            names.append(f"[{name}]" if kind == data.kind else name,
                         style="reverse" if kind == data.kind else "")
        self.query_one("#register-name", Static).update(names)
        fill(self.table, [(entry.number, [
            plain(entry.number, style="dim"), plain(entry.title), plain(entry.holder),
            plain(entry.start_on or entry.approved_on or ""),
            state_cell(entry, data.today)]) for entry in data.entries])
        opened = sum(1 for entry in data.entries if entry.status == "open")
        self.set_status(t("registers.count", count=len(data.entries), open=opened))

    def on_data_table_row_highlighted(self) -> None:
        entry = self._selected()
        detail = self.query_one("#register-detail", Static)
        if entry is None:
            detail.update("")
            return
        facts = [entry.detail, entry.location, entry.approved_by and
                 f"{t('registers.field_approved_by')} {entry.approved_by}",
                 entry.reported_to and f"{t('registers.field_reported_to')} {entry.reported_to}",
                 entry.ref and f"{t('registers.field_ref')} {entry.ref}",
                 entry.handed_to and f"{t('registers.handed_to')} {entry.handed_to}",
                 entry.witness and f"{t('registers.witness')} {entry.witness}"]
        detail.update(plain(" · ".join(fact for fact in facts if fact), limit=300))

    def _selected(self) -> EntryView | None:
        return self.entries.get(self.cursor_key())

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand(t("registers.new_key"), t("registers.new_title",
                            register=t(f"registers.kind_{self.kind}")), self.action_new)
        yield SystemCommand(t("registers.close_key"), t("registers.close_title"),
                            self.action_close)

    def _move(self, step: int) -> None:
        index = REGISTER_KINDS.index(self.kind)
        self.kind = REGISTER_KINDS[(index + step) % len(REGISTER_KINDS)]
        self.action_refresh()

    def action_prev(self) -> None:
        self._move(-1)

    def action_next(self) -> None:
        self._move(1)

    def action_new(self) -> None:
        self.app.push_screen(EntryForm(self.kind), self.reload_if_saved)

    def action_report(self) -> None:
        entry = self._selected()
        if entry is None:
            return
        if entry.kind != "media":
            self.notify(t("registers.report_media_only"), markup=False)
            return
        self.app.push_screen(ReportPasswordForm(entry, self.today), self.reload_if_saved)

    def action_close(self) -> None:
        entry = self._selected()
        register = register_of(self.kind)
        if entry is None or register is None:
            return
        if entry.status != "open" or not register.outcomes:
            self.notify(t("registers.cannot_close", number=entry.number), markup=False)
            return
        self.app.push_screen(CloseEntryForm(entry, self.today), self.reload_if_saved)


class ReportPasswordForm(ServiceForm):
    """A file's password was reported to the supervising leader: to whom, when (never the
    password itself)."""

    SCOPED_CSS = False
    DEFAULT_CSS = FORM_CSS

    def __init__(self, entry: EntryView, today: date | None) -> None:
        super().__init__()
        self.entry, self.today = entry, today
        self.record = ("register_entry", entry.number)  # its audit records name it so

    def compose(self) -> ComposeResult:
        with Vertical(id="close-form", classes="form"):
            yield Label(t("registers.report_title") + f" · {self.entry.number}",
                        classes="title", markup=False)
            yield Static(plain(self.entry.title))
            for field, label, value in (
                    ("to", "registers.field_reported_to", ""),
                    ("date", "registers.field_reported_on", f"{self.today or ''}")):
                with Horizontal(classes="row"):
                    yield Label(t(label), classes="label")
                    yield FieldInput(value, id=f"report-{field}", compact=True, max_length=64)
            yield Static(id="form-error", classes="error")
            yield KeyFooter()

    def action_save(self) -> None:
        from helpdesk.security.register_entries import report_password

        day = self.day_field("#report-date", "registers.field_reported_on")
        if day is None:
            return
        whom, number = self.query_one("#report-to", Input).value, self.entry.number
        self.submit(lambda ws, actor: report_password(ws, actor, number, reported_to=whom,
                                                      reported_on=day))


class EntryForm(ServiceForm):
    """The register's own fields, required ones marked *. A bad date is named; what was
    typed stays."""

    SCOPED_CSS = False
    DEFAULT_CSS = FORM_CSS

    def __init__(self, kind: str) -> None:
        super().__init__()
        register = register_of(kind)
        assert register is not None
        self.register = register

    def compose(self) -> ComposeResult:
        register = self.register
        with Vertical(id="entry-form", classes="form"):
            yield Label(t("registers.new_title", register=t(f"registers.kind_{register.kind}")),
                        classes="title")
            with VerticalScroll(id="entry-fields"):
                for field in register.fields:
                    mark = " *" if field in register.required else ""
                    with Horizontal(classes="row"):
                        yield Label(t(f"registers.field_{field}") + mark, classes="label")
                        if FIELD_TYPES[field] == "bool":
                            yield Select([(t("registers.yes"), "yes"),
                                          (t("registers.no"), "no")], value="no",
                                         allow_blank=False, id=f"entry-{field}", compact=True)
                        else:
                            yield FieldInput(id=f"entry-{field}", compact=True,
                                             max_length=2000 if field == "detail" else 200,
                                             placeholder=t("app.date_example")
                                             if FIELD_TYPES[field] == "date" else "")
            yield Static(id="form-error", classes="error")
            yield KeyFooter()

    def action_save(self) -> None:
        from helpdesk.security.register_entries import add_entry

        values: dict[str, object] = {}
        for field in self.register.fields:
            if FIELD_TYPES[field] == "bool":
                values[field] = self.query_one(f"#entry-{field}", Select).value == "yes"
                continue
            text = self.query_one(f"#entry-{field}", Input).value.strip()
            if not text:
                continue
            if FIELD_TYPES[field] == "date":
                day = self.day_field(f"#entry-{field}", f"registers.field_{field}")
                if day is None:
                    return
                values[field] = day
            else:
                values[field] = text
        kind = self.register.kind
        self.submit(lambda ws, actor: add_entry(ws, actor, kind, values))


class CloseEntryForm(ServiceForm):
    SCOPED_CSS = False
    DEFAULT_CSS = FORM_CSS

    def __init__(self, entry: EntryView, today: date | None) -> None:
        super().__init__()
        self.entry, self.today = entry, today
        self.record = ("register_entry", entry.number)  # its audit records name it so

    def compose(self) -> ComposeResult:
        register = register_of(self.entry.kind)
        assert register is not None
        with Vertical(id="close-form", classes="form"):
            yield Label(t("registers.close_title") + f" · {self.entry.number}",
                        classes="title", markup=False)
            yield Static(plain(self.entry.title))
            with Horizontal(classes="row"):
                yield Label(t("registers.outcome"), classes="label")
                yield Select([(t(f"registers.outcome_{o}"), o) for o in register.outcomes],
                             value=register.outcomes[0], allow_blank=False, id="close-outcome",
                             compact=True)
            for field, label in (("date", "registers.field_closed_on"),
                                 ("handed-to", "registers.handed_to"),
                                 ("witness", "registers.witness"), ("note", "registers.note")):
                with Horizontal(classes="row"):
                    yield Label(t(label), classes="label")
                    yield FieldInput(f"{self.today}" if field == "date" and self.today else "",
                                     id=f"close-{field}", compact=True, max_length=200,
                                     placeholder=t("app.date_example") if field == "date" else "")
            yield Static(id="form-error", classes="error")
            yield KeyFooter()

    def action_save(self) -> None:
        from helpdesk.security.register_entries import close_entry

        day = self.day_field("#close-date", "registers.field_closed_on")
        if day is None:
            return
        outcome = str(self.query_one("#close-outcome", Select).value)
        handed_to = self.query_one("#close-handed-to", Input).value
        witness = self.query_one("#close-witness", Input).value
        note = self.query_one("#close-note", Input).value
        entry = self.entry
        self.submit(lambda ws, actor: close_entry(
            ws, actor, entry.number, closed_on=day, outcome=outcome, handed_to=handed_to,
            witness=witness, note=note, expected_version=entry.version))
