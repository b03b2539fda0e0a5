"""人员: who may use the console, with their roles. Phones are masked."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Footer, Header

from helpdesk.i18n import t
from helpdesk.masking import mask_phone
from screens.base import DataScreen
from screens.render import plain
from screens.widgets.paged_table import fill

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.services.staff import StaffView
    from helpdesk.services.workspace import Workspace


class StaffScreen(DataScreen):
    """A bureau project has tens of staff records at most, so one query fills the table."""

    help_key = "nav.staff"

    def compose(self) -> ComposeResult:
        yield Header()
        table: DataTable[Text] = DataTable(id="staff-table", cursor_type="row", zebra_stripes=True)
        yield table
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#staff-table", DataTable)
        table.add_column(t("staff.login"), width=12)
        table.add_column(t("staff.name"), width=12)
        table.add_column(t("staff.role"), width=10)
        table.add_column(t("staff.phone"), width=13)
        table.add_column(t("staff.active"), width=6)
        table.focus()

    def fetch(self, ws: Workspace, actor: Actor) -> list[StaffView]:
        from helpdesk.services.staff import list_staff

        return list_staff(ws, actor)

    def show(self, data: Any) -> None:
        rows: list[StaffView] = data
        fill(self.query_one("#staff-table", DataTable), [
            (member.login, [
                plain(member.login), plain(member.name), plain(t(f"app.role_{member.role}")),
                plain(mask_phone(member.phone)),
                plain(t("staff.active_yes") if member.active else t("staff.active_no"),
                      style="" if member.active else "dim"),
            ])
            for member in rows
        ])
