"""需求说明: one requirement's (or problem's) document as the provincial project team will read
it: the facts, then each section. `e` edits it, `c` records the bureau's confirmation of a
verified requirement, `x` exports it (xlsx with a password, or plain when none is given)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Header, Input, Label, Static, TextArea

from helpdesk.errors import HelpdeskError
from helpdesk.i18n import t
from helpdesk.questions.requirement_export import SECTIONS, document_title, facts, section_text

from ..base import DataScreen
from ..forms import ServiceForm
from ..keys import bindings
from ..render import multiline, plain
from ..widgets.field_input import FieldInput
from ..widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.questions.requirement_docs import RequirementDoc
    from helpdesk.services.workspace import Workspace


def document_renderable(doc: RequirementDoc) -> Group:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold cyan", no_wrap=True)
    grid.add_column(ratio=1)
    for label, value in facts(doc):
        grid.add_row(Text(label), plain(value, limit=300))
    parts: list[Table | Text] = [plain(document_title(doc), style="bold", limit=300), grid]
    for name in SECTIONS:
        text = section_text(doc, name).strip()
        parts.append(Text("\n" + t(f"requirements.s_{name}"), style="bold underline"))
        parts.append(multiline(text, limit=20_000) if text
                     else Text(t("requirements.empty"), style="dim"))
    return Group(*parts)


class RequirementDocScreen(DataScreen["RequirementDoc"]):
    SCOPED_CSS = False
    DEFAULT_CSS = """
    #requirement-doc { height: 1fr; padding: 0 1; }
    #requirement-body { height: auto; }
    """
    BINDINGS = bindings("requirement.edit", "requirement.confirm", "requirement.export")
    help_key = "requirements.sheet"
    WATCHES = frozenset(("tracker_item",))

    def __init__(self, item_id: int) -> None:
        super().__init__()
        self.item_id = item_id
        self.doc: RequirementDoc | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="requirement-doc"):
            yield Static(id="requirement-body")
        yield KeyFooter()

    def on_mount(self) -> None:
        if self.helpdesk.ws is not None:
            self.reload()

    def watched_record(self) -> tuple[str, str]:
        return ("tracker_item", str(self.item_id))

    def fetch(self, ws: Workspace, actor: Actor) -> RequirementDoc:
        from helpdesk.questions.requirement_docs import get_document

        return get_document(ws, actor, self.item_id)

    def show(self, data: RequirementDoc) -> None:
        self.doc = data
        self.query_one("#requirement-body", Static).update(document_renderable(data))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        doc = self.doc
        if action == "confirm" and (doc is None or doc.item.kind != "requirement"
                                    or doc.item.status != "verified"):
            return None
        if action == "edit" and (doc is None or doc.item.status == "closed"):
            return None
        if action == "export" and doc is None:
            return None
        return super().check_action(action, parameters)

    def action_edit(self) -> None:
        if self.doc is not None:
            self.app.push_screen(DocumentForm(self.doc), self.reload_if_saved)

    def action_confirm(self) -> None:
        ws = self.helpdesk.ws
        if self.doc is not None and ws is not None:
            today = ws.now().astimezone(ws.hours.zone).date()
            self.app.push_screen(ConfirmRequirementForm(self.doc, today), self.reload_if_saved)

    def action_export(self) -> None:
        from ..file_export import ask_export

        doc = self.doc
        if doc is None:
            return

        def chosen(path: Path, password: str | None) -> None:
            self._export(path, password)

        ask_export(self.app, t("requirements.export_prompt"), f"{doc.item.number}.xlsx",
                   chosen)

    @work(thread=True, exclusive=True, group="export")
    def _export(self, path: Path, password: str | None) -> None:
        from helpdesk.questions.requirement_export import write_document

        app = self.helpdesk
        assert app.ws is not None and app.actor is not None
        fmt = "md" if path.suffix.lower() == ".md" else "xlsx"
        try:
            written = write_document(app.ws, app.actor, self.item_id, path, fmt,
                                     password=password, plain=password is None)
        except HelpdeskError as err:
            app.call_from_thread(self.show_error, str(err))
            return
        app.call_from_thread(self.notify, t(
            "requirements.exported_encrypted" if written.encrypted else "requirements.exported",
            path=str(written.path)), markup=False)


class DocumentForm(ServiceForm):
    """The document's fields; a failed save keeps everything typed."""

    SCOPED_CSS = False
    DEFAULT_CSS = """
    DocumentForm { align: center middle; }
    #document-form { width: 78; max-height: 22; }
    #document-fields { height: auto; max-height: 16; }
    #document-fields TextArea { height: 3; }
    """
    LINES = (("title", "requirements.f_title", 200), ("affected_units",
             "requirements.f_affected_units", 2000), ("province_ref",
             "requirements.f_province_ref", 64))
    TEXTS = ("description", "background", "current_behaviour", "wanted_behaviour", "analysis",
             "verification", "province_answer")

    def __init__(self, doc: RequirementDoc) -> None:
        super().__init__()
        self.doc = doc
        self.record = ("tracker_item", str(doc.item.id))

    def _value(self, name: str) -> str:
        item = self.doc.item
        if name in ("title", "description", "province_ref"):
            return str(getattr(item, name))
        return str(getattr(self.doc, name))

    def compose(self) -> ComposeResult:
        with Vertical(id="document-form", classes="form"):
            yield Label(t("requirements.edit_title", number=self.doc.item.number),
                        classes="title")
            with VerticalScroll(id="document-fields"):
                for name, label, limit in self.LINES:
                    yield from self.row(label, FieldInput(self._value(name), id=f"doc-{name}",
                                                          max_length=limit, compact=True))
                for name in self.TEXTS:
                    yield Label(t(f"requirements.s_{name}"))
                    yield TextArea(self._value(name), id=f"doc-{name}", compact=True)
            yield Static(id="form-error", classes="error")
            yield KeyFooter()

    def action_save(self) -> None:
        from helpdesk.questions.requirement_docs import edit_document

        changes = {name: self.query_one(f"#doc-{name}", Input).value
                   for name, _label, _limit in self.LINES}
        changes |= {name: self.query_one(f"#doc-{name}", TextArea).text for name in self.TEXTS}
        item = self.doc.item
        self.submit(lambda ws, actor: edit_document(ws, actor, item.id, item.version, changes))


class ConfirmRequirementForm(ServiceForm):
    """需求确认: who at the bureau confirmed the verified requirement, of which unit, when."""

    SCOPED_CSS = False
    DEFAULT_CSS = """
    ConfirmRequirementForm { align: center middle; }
    #confirm-requirement { width: 64; }
    """

    def __init__(self, doc: RequirementDoc, today: date) -> None:
        super().__init__()
        self.doc = doc
        self.today = today
        self.record = ("tracker_item", str(doc.item.id))

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-requirement", classes="form"):
            yield Label(t("requirements.confirm_title", number=self.doc.item.number),
                        classes="title")
            yield from self.row("requirements.confirmer_name",
                                FieldInput(id="confirmer-name", max_length=64, compact=True))
            yield from self.row("requirements.confirmer_unit",
                                FieldInput(id="confirmer-unit", max_length=128, compact=True))
            yield from self.row("requirements.confirmed_on",
                                FieldInput(self.today.isoformat(), id="confirmed-on", compact=True,
                                           placeholder=t("app.date_example")))
            yield Static(id="form-error", classes="error")
            yield KeyFooter()

    def action_save(self) -> None:
        from helpdesk.questions.requirement_docs import confirm_requirement

        day = self.day_field("#confirmed-on", "requirements.confirmed_on")
        if day is None:
            return
        name = self.query_one("#confirmer-name", Input).value
        unit = self.query_one("#confirmer-unit", Input).value
        item = self.doc.item
        self.submit(lambda ws, actor: confirm_requirement(ws, actor, item.id, item.version,
                                                          name=name, unit=unit, on=day))
