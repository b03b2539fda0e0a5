"""待批请假: the leave waiting for a manager's decision, one row per request. Enter approves and
d rejects the highlighted one, each after a y/n question that names the person and the days;
approving says at once which office hours the leave leaves uncovered."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from helpdesk.errors import HelpdeskError
from helpdesk.i18n import clauses, t
from helpdesk.roles import can

from ..confirm import ask
from ..keys import bindings
from ..lists import ListScreen
from ..render import plain
from ..widgets.paged_table import fill

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.roster.leave import LeaveView
    from helpdesk.services.workspace import Workspace


def when_text(leave: LeaveView) -> str:
    days = f"{leave.start:%Y-%m-%d}"
    return days if leave.end == leave.start else f"{days}~{leave.end:%m-%d}"


def part_text(leave: LeaveView) -> str:
    return t(f"roster.part_{leave.part}")


class LeaveRequestsScreen(ListScreen["list[LeaveView]"]):
    help_key = "nav.roster"
    BINDINGS = bindings("leave.approve", "leave.reject")
    COLUMNS = (("roster.leave_who", 10), ("roster.leave_when", 17), ("roster.leave_part", 6),
               ("roster.leave_reason", 20))
    GROW = ("roster.leave_reason",)
    WATCHES = frozenset(("leave",))

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[LeaveView] = []

    def fetch(self, ws: Workspace, actor: Actor) -> list[LeaveView]:
        from helpdesk.roster.leave import pending_leave

        return pending_leave(ws, actor)

    def show(self, data: list[LeaveView]) -> None:
        self.rows = data
        fill(self.table, [(str(leave.id), [plain(leave.name), plain(when_text(leave)),
                                           plain(part_text(leave)), plain(leave.reason)])
                          for leave in data])
        self.set_status(t("roster.leave_pending_count", count=len(data)) if data
                        else t("roster.approve_none"))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Approve and reject only for a manager, and only with a request highlighted."""
        if action == "decide":
            actor = self.helpdesk.actor
            return bool(self.rows) and actor is not None and can(actor.role, "manage_roster")
        return True

    def _highlighted(self) -> LeaveView | None:
        key = self.cursor_key()
        return next((leave for leave in self.rows if str(leave.id) == key), None)

    def action_decide(self, approve: bool) -> None:
        leave = self._highlighted()
        if leave is None:
            return
        part = "" if leave.part == "full" else part_text(leave)
        question = t("roster.confirm_approve" if approve else "roster.confirm_reject",
                     name=leave.name, when=when_text(leave), part=part)
        ask(self, question, lambda: self.decide(leave.id, leave.version, approve))

    @work(thread=True, group="leave")
    def decide(self, leave_id: int, version: int, approve: bool) -> None:
        from helpdesk.roster.leave import decide_leave

        app = self.helpdesk
        if app.ws is None or app.actor is None:
            return
        try:
            result = decide_leave(app.ws, app.actor, leave_id, approve, expected_version=version)
        except HelpdeskError as err:
            app.call_from_thread(self.show_error, str(err))
            app.call_from_thread(self.reload)
            return
        message = t("roster.approved", name=result.leave.name, when=when_text(result.leave),
                    status=t(f"roster.leave_{result.leave.status}"))
        if result.gaps:
            message += "\n" + t("roster.leave_gaps", gaps=clauses(
                g.describe() for g in result.gaps[:4]))
        app.call_from_thread(self.notify, message, markup=False,
                             severity="warning" if result.gaps else "information")
        app.call_from_thread(self.reload)
