"""单位: the district's units, filterable by name or pinyin initials, editable with a stale-save
check (optimistic locking)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.containers import Vertical
from textual.widgets import Input, Label, Select, Static

from helpdesk.i18n import t
from helpdesk.vocab import UNIT_KINDS

from ..forms import ServiceForm
from ..keys import bindings
from ..lists import PagedListScreen
from ..render import plain
from ..widgets.field_input import FieldInput
from ..widgets.key_footer import KeyFooter
from ..widgets.paged_table import fill

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.services.units import UnitView
    from helpdesk.services.workspace import Workspace


@dataclass(frozen=True)
class UnitsPage:
    units: list[UnitView]
    filtered: bool


class UnitsScreen(PagedListScreen["UnitsPage", str]):
    SCOPED_CSS = False
    DEFAULT_CSS = """
    #unit-filter {
        height: 3;
        margin: 0;
    }
    """
    BINDINGS = bindings("units.edit", "units.add")
    help_key = "nav.units"
    COLUMNS = (("units.code", 5), ("units.name", 24), ("units.kind", 6), ("units.initials", 10),
               ("units.contact", 18))
    WATCHES = frozenset(("unit",))
    GROW = ("units.name", "units.contact")

    def __init__(self) -> None:
        super().__init__()
        self.units: dict[str, UnitView] = {}

    def compose_top(self) -> ComposeResult:
        yield FieldInput(placeholder=t("units.filter"), id="unit-filter")

    @on(Input.Changed, "#unit-filter")
    def _filter_changed(self) -> None:
        self.pager.reset()
        self.action_refresh()

    @on(Input.Submitted, "#unit-filter")
    def _filter_done(self) -> None:
        self.table.focus()

    def fetch(self, ws: Workspace, actor: Actor) -> UnitsPage:
        from helpdesk.services import units as unit_service

        query = self.query_one("#unit-filter", Input).value.strip()
        if query:
            return UnitsPage(unit_service.find_units(ws, actor, query, limit=self.PAGE_SIZE),
                             True)
        return UnitsPage(unit_service.list_units(ws, actor, after_code=self.pager.start,
                                                 limit=self.PAGE_SIZE), False)

    def show(self, data: UnitsPage) -> None:
        page: UnitsPage = data
        self.units = {unit.code: unit for unit in page.units}
        self.page_loaded(0 if page.filtered else len(page.units),
                         page.units[-1].code if page.units else None, len(page.units))
        fill(self.table, [
            (unit.code, [plain(unit.code), plain(unit.name), plain(t(f"units.kind_{unit.kind}")),
                         plain(unit.pinyin_initials, style="dim"), plain(unit.contact)])
            for unit in page.units
        ])

    def _selected(self) -> UnitView | None:
        return self.units.get(self.cursor_key())

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand(t("units.add"), t("units.add_title"), self.action_add)
        yield SystemCommand(t("units.edit"), t("units.edit_title"), self.action_edit)

    def action_edit(self) -> None:
        unit = self._selected()
        if unit is not None:
            self._open_form(UnitForm(unit))

    def action_add(self) -> None:
        self._open_form(UnitForm(None))

    def _open_form(self, form: UnitForm) -> None:
        self.app.push_screen(form, lambda ok: self._after_form(form.view if ok else None))

    def _after_form(self, saved: UnitView | None) -> None:
        if saved is not None:
            self.notify(t("app.saved") + f" · {saved.name}", markup=False)
            self.action_refresh()


class UnitForm(ServiceForm):
    """Edit or add a unit. A failed save keeps everything typed; a stale one shows the newer
    values and lets the next save overwrite them deliberately."""

    # Styles of this screen load with it (not at start-up).
    SCOPED_CSS = False
    DEFAULT_CSS = """
    UnitForm {
        align: center middle;
    }
    #unit-form {
        width: 64;
    }
    """

    def __init__(self, unit: UnitView | None) -> None:
        super().__init__()
        self.unit = unit
        self.record = ("unit", str(unit.id)) if unit is not None else None

    @property
    def view(self) -> UnitView | None:
        from helpdesk.services.units import UnitView

        saved = self.saved
        return saved if isinstance(saved, UnitView) else None

    def compose(self) -> ComposeResult:
        unit = self.unit
        with Vertical(id="unit-form", classes="form"):
            yield Label(t("units.edit_title") if unit else t("units.add_title"), classes="title")
            if unit is None:
                yield Label(t("units.code"))
                yield FieldInput(id="code", max_length=32)
            yield Label(t("units.name"))
            yield FieldInput(unit.name if unit else "", id="name", max_length=128)
            yield Label(t("units.kind"))
            yield Select([(t(f"units.kind_{kind}"), kind) for kind in UNIT_KINDS],
                         value=unit.kind if unit else "department", allow_blank=False, id="kind")
            yield Label(t("units.contact"))
            yield FieldInput(unit.contact if unit else "", id="contact", max_length=64)
            yield Static(id="form-error", classes="error")
            yield KeyFooter()

    def action_save(self) -> None:
        from helpdesk.services import units as unit_service

        name = self.query_one("#name", Input).value
        kind = str(self.query_one("#kind", Select).value)
        contact = self.query_one("#contact", Input).value
        unit = self.unit
        if unit is None:
            code = self.query_one("#code", Input).value
            self.submit(lambda ws, actor: unit_service.add_unit(ws, actor, code, name, kind,
                                                                contact))
        else:
            self.submit(lambda ws, actor: unit_service.update_unit(
                ws, actor, unit.id, unit.version, name=name, kind=kind, contact=contact))

    def latest(self, ws: Workspace, actor: Actor) -> object:
        from helpdesk.services import units as unit_service

        return unit_service.get_unit(ws, actor, self.unit.id) if self.unit else None

    def on_stale(self, message: str, latest: object) -> None:
        """Keep the typed values; the next save deliberately overwrites the newer version."""
        from helpdesk.services.units import UnitView

        if not isinstance(latest, UnitView):
            super().on_stale(message, latest)
            return
        self.unit = latest
        self.show_error(message + " " + t("units.stale_overwrite", name=latest.name,
                                          contact=latest.contact))
        self.notify(t("app.stale"), severity="error", markup=False)
