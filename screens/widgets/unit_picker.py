"""The units picker: type a unit's name, code or pinyin initials, the best match is chosen at
once; Down/Enter in the option list picks another. Units are given by the owner (tens of them
in a district, matched in memory)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from helpdesk.fuzzy import unit_score
from helpdesk.i18n import t

from ..render import plain
from .field_input import FieldInput

if TYPE_CHECKING:
    from helpdesk.services.units import UnitView


class UnitPicker(Vertical):
    class Picked(Message):
        """A unit was chosen from the option list (the owner may move focus on)."""
    DEFAULT_CSS = """
    UnitPicker {
        height: auto;
    }
    UnitPicker OptionList {
        height: auto;
        max-height: 3;
        margin-left: 9;
    }
    """

    def __init__(self, label: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.label = label
        self.units: list[UnitView] = []
        self.unit: UnitView | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="row"):
            yield Label(self.label, classes="label")
            yield FieldInput(classes="unit-query", compact=True, placeholder=t("units.filter"))
            yield Static(classes="chosen unit-chosen")
        yield OptionList(classes="unit-options", markup=False, compact=True)

    @on(Input.Changed, ".unit-query")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        scored = sorted(((score, unit) for unit in self.units
                         if (score := unit_score(event.value, unit.code, unit.name,
                                                 unit.pinyin_initials)) is not None),
                        key=lambda pair: (-pair[0], pair[1].code))
        matches = [unit for _score, unit in scored[:5]] if event.value.strip() else []
        options = self.query_one(".unit-options", OptionList)
        options.clear_options()
        options.add_options([Option(plain(u.name), id=str(u.id)) for u in matches])
        self.choose(matches[0] if matches else None)

    @on(OptionList.OptionSelected, ".unit-options")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        chosen = next((u for u in self.units if str(u.id) == event.option.id), None)
        self.choose(chosen)
        if chosen:
            self.query_one(".unit-query", Input).value = chosen.name
            self.choose(chosen)
        self.post_message(self.Picked())

    def choose(self, unit: UnitView | None) -> None:
        self.unit = unit
        self.query_one(".unit-chosen", Static).update(
            Text("→ " + unit.name, style="green", no_wrap=True, overflow="ellipsis")
            if unit else Text(""))

    def preset(self, unit_id: int | None) -> None:
        """Show the unit a record already has, without offering other matches."""
        unit = next((u for u in self.units if u.id == unit_id), None)
        if unit is None:
            return
        query = self.query_one(".unit-query", Input)
        with query.prevent(Input.Changed):
            query.value = unit.name
        self.choose(unit)

    def focus_query(self) -> None:
        self.query_one(".unit-query", Input).focus()
