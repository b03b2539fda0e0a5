"""One training session: its plan (kind, time, place, trainer, contents, invited units), the
attendee list with sign-in, and the keys to record it held or cancelled, add attendees, key in
evaluations, import lists, open the evaluation summary and print the papers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.widgets import DataTable, Header, Static

from helpdesk.i18n import joined, t

from ..keys import bindings
from ..render import plain
from ..widgets.key_footer import KeyFooter
from ..widgets.paged_table import fill
from .training_export import TrainingExport
from .training_render import STATUS_STYLE

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.services.workspace import Workspace
    from helpdesk.training.actions import SessionView
    from helpdesk.training.people import AttendeeView

NEXT_ATTENDANCE = {"invited": "signed_in", "signed_in": "absent", "absent": "invited"}
ATTENDANCE_STYLE = {"invited": "dim", "signed_in": "green", "absent": "red"}


class TrainingDetailScreen(TrainingExport["tuple[SessionView, list[AttendeeView], str]"]):
    SCOPED_CSS = False
    DEFAULT_CSS = """
    #training-head {
        height: auto;
        max-height: 9;
        padding: 0 1;
    }
    #attendee-table {
        height: 1fr;
    }
    #attendee-status {
        height: 1;
        padding: 0 1;
    }
    """
    BINDINGS = bindings("training.edit", "training.add_attendee", "training.sign",
                        "training.evaluate", "training.summary", "training.held",
                        "training.cancel", "training.replan", "training.anonymous",
                        "training.import_attendees", "training.import_evaluations",
                        "training.export", "training.remove")
    help_key = "training.detail"

    def __init__(self, session_id: int) -> None:
        super().__init__()
        self.session_id = session_id
        self.session: SessionView | None = None
        self.attendees: list[AttendeeView] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="training-head", classes="panel")
        table: DataTable[Text] = DataTable(id="attendee-table", cursor_type="row",
                                           zebra_stripes=True)
        yield table
        yield Static(id="attendee-status")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#attendee-table", DataTable)
        for label, width in (("training.no", 4), ("training.name", 8), ("training.unit", 16),
                             ("training.role", 10), ("training.attendance", 6),
                             ("training.evaluated", 4)):
            table.add_column(t(label), width=width)
        table.focus()
        if self.helpdesk.ws is not None:
            self.reload()

    def fetch(self, ws: Workspace, actor: Actor) -> tuple[SessionView, list[AttendeeView], str]:
        from helpdesk.training.actions import get_session, kind_title
        from helpdesk.training.people import list_attendees

        session = get_session(ws, actor, self.session_id)
        return session, list_attendees(ws, actor, self.session_id), kind_title(ws, session.kind)

    def show(self, data: tuple[SessionView, list[AttendeeView], str]) -> None:
        from datetime import timedelta

        session, self.attendees, kind = data
        self.session = session
        zone = self.helpdesk.ws.hours.zone if self.helpdesk.ws else None
        start = session.starts_at.astimezone(zone)
        end = start + timedelta(minutes=session.minutes)
        head = Text()
        head.append_text(plain(session.title, style="bold"))
        head.append("  ")
        head.append(t(f"training.status_{session.status}"), style=STATUS_STYLE[session.status])
        if session.cancel_reason:
            head.append_text(plain(f"（{session.cancel_reason}）", style="dim"))
        head.append("\n")
        head.append_text(plain(f"{kind} · {start:%Y-%m-%d %H:%M}-{end:%H:%M} · "
                               f"{session.place} · {t('training.trainer')} "
                               f"{session.trainer or '—'}", limit=300))
        head.append("\n")
        head.append(t("training.contents") + "：", style="dim")
        for index, item in enumerate(session.contents):
            head.append(t("app.problem_sep") if index else "")
            head.append_text(plain(item.item, style="" if item.curriculum else "italic"))
        if session.invited_units:
            head.append("\n" + t("training.units") + "：", style="dim")
            head.append_text(plain(joined(name for _id, name in session.invited_units),
                                   limit=300))
        if session.materials:
            head.append("\n" + t("training.materials") + "：", style="dim")
            head.append_text(plain(session.materials, limit=300))
        self.query_one("#training-head", Static).update(head)
        self.query_one("#training-head").border_title = f"#{session.id}"
        table = self.query_one("#attendee-table", DataTable)
        fill(table, [
            (str(a.id), [plain(str(number)), plain(a.name), plain(a.unit or "—"),
                         plain(a.role), plain(t(f"training.att_{a.attendance}"),
                                              style=ATTENDANCE_STYLE[a.attendance]),
                         Text("✔" if a.evaluated else "", style="green")])
            for number, a in enumerate(self.attendees, start=1)])
        self.query_one("#attendee-status", Static).update(Text(t(
            "training.attendance_line", invited=session.invited, signed_in=session.signed_in,
            absent=session.absent) + " · " + t("training.responses", count=session.responses)))

    @on(DataTable.RowSelected)
    def _row_chosen(self) -> None:
        self.action_sign()

    def _highlighted(self) -> AttendeeView | None:
        row = self.query_one("#attendee-table", DataTable).cursor_row
        return self.attendees[row] if 0 <= row < len(self.attendees) else None

    # --- session --------------------------------------------------------------------------
    def action_edit(self) -> None:
        from .training_forms import SessionForm

        if self.session is not None:
            self.app.push_screen(SessionForm(self.session), self.reload_if_saved)

    def action_set_status(self, status: str) -> None:
        if self.session is None:
            return
        if status != "cancelled":
            self._set_status(status, "")
            return
        from ..prompt import PromptScreen

        def with_reason(reason: str | None) -> None:
            if reason:
                self._set_status("cancelled", reason)

        self.app.push_screen(PromptScreen(t("training.cancel_reason")), with_reason)

    @work(thread=True, group="status")
    def _set_status(self, status: str, reason: str) -> None:
        from helpdesk.training.actions import set_status

        self.call_service(lambda ws, actor: set_status(ws, actor, self.session_id,
                                                self.session.version if self.session else None,
                                                status, reason))

    # --- attendees ------------------------------------------------------------------------
    def action_add_attendee(self) -> None:
        from .training_entry import AttendeeEntry

        attendance = "signed_in" if self.session and self.session.status == "held" \
            else "invited"
        self.app.push_screen(AttendeeEntry(self.session_id, attendance), self.reload_if_saved)

    def action_sign(self) -> None:
        person = self._highlighted()
        if person is not None:
            self._sign(person.id, NEXT_ATTENDANCE[person.attendance], person.version)

    @work(thread=True, group="sign")  # not exclusive: fast presses on several rows all apply
    def _sign(self, attendee_id: int, attendance: str, version: int) -> None:
        from helpdesk.training.people import set_attendance

        self.call_service(lambda ws, actor: set_attendance(ws, actor, attendee_id, attendance,
                                                    version))

    def action_remove(self) -> None:
        person = self._highlighted()
        if person is not None:
            self._remove(person.id)

    @work(thread=True, group="remove")
    def _remove(self, attendee_id: int) -> None:
        from helpdesk.training.people import remove_attendee

        self.call_service(lambda ws, actor: remove_attendee(ws, actor, attendee_id))

    # --- evaluations ----------------------------------------------------------------------
    def action_evaluate(self) -> None:
        from .training_entry import EvaluationEntry

        person = self._highlighted()
        if person is None:
            self.show_error(t("training.no_attendees"))
            return
        start = self.attendees.index(person)
        rest = [a for a in self.attendees[start + 1:] + self.attendees[:start]
                if not a.evaluated and a.attendance != "absent"]
        self.app.push_screen(EvaluationEntry(self.session_id, [person, *rest]),
                             self.reload_if_saved)

    def action_anonymous(self) -> None:
        from .training_entry import EvaluationEntry

        self.app.push_screen(EvaluationEntry(self.session_id, []), self.reload_if_saved)

    def action_summary(self) -> None:
        from .training_summary import TrainingSummaryScreen

        self.app.push_screen(TrainingSummaryScreen(self.session_id))

    def action_import(self, what: str) -> None:
        from .training_import import TrainingImportScreen

        self.app.push_screen(TrainingImportScreen(self.session_id, what))
