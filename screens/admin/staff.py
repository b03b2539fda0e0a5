"""人员: who may use the console, with their roles. Phones are masked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from helpdesk.i18n import t
from helpdesk.masking import mask_phone

from ..lists import ListScreen
from ..render import plain
from ..widgets.paged_table import fill

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.app.staff_views import StaffView
    from helpdesk.services.workspace import Workspace


class StaffScreen(ListScreen["list[StaffView]"]):
    """A bureau project has tens of staff records at most, so one query fills the table."""

    help_key = "nav.staff"
    COLUMNS = (("staff.login", 12), ("staff.name", 12), ("staff.role", 10), ("staff.phone", 13),
               ("staff.active", 6))
    WATCHES = frozenset(("staff",))
    GROW = ("staff.name",)

    def fetch(self, ws: Workspace, actor: Actor) -> list[StaffView]:
        from helpdesk.app.staff_views import list_staff

        return list_staff(ws, actor)

    def show(self, data: list[StaffView]) -> None:
        rows: list[StaffView] = data
        fill(self.table, [
            (member.login, [
                plain(member.login), plain(member.name), plain(t(f"app.role_{member.role}")),
                plain(mask_phone(member.phone)),
                plain(t("staff.active_yes") if member.active else t("staff.active_no"),
                      style="" if member.active else "dim"),
            ])
            for member in rows
        ])
        self.set_status(t("staff.count", count=len(rows)))
