"""保密: security exams and confidentiality pledges. Whoever fails may not work on site; the list
puts those who may not (or soon may not) first, and marks them so without colour too."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult, SystemCommand
from textual.containers import Vertical
from textual.widgets import Input, Label, Select, Static

from helpdesk.errors import HelpdeskError
from helpdesk.i18n import t
from helpdesk.typed import typed_whole

from ..forms import ServiceForm
from ..keys import bindings
from ..lists import ListScreen
from ..render import plain
from ..widgets.field_input import FieldInput
from ..widgets.key_footer import KeyFooter
from ..widgets.paged_table import fill

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.security.exams import ExamStanding, ExamView
    from helpdesk.services.workspace import Workspace

FORM_CSS = """
ExamForm, PledgeForm { align: center middle; }
#exam-form, #pledge-form { width: 66; }
"""


def state_cell(row: ExamStanding) -> Text:
    """✘ may not work · ⚠ pass ends within the warning period · ✔ cleared."""
    if not row.cleared:
        return Text("✘" + t(f"security.short_{row.state}"), style="bold red reverse")
    if row.warn:
        return Text("⚠" + t("security.days_left", days=row.days_left), style="bold yellow")
    return Text("✔" + t("security.short_cleared"), style="green")


class ExamsScreen(ListScreen["list[ExamStanding]"]):
    """Tens of people at most: one query fills the table."""

    help_key = "nav.security"
    BINDINGS = bindings("security.exam", "security.pledge", "security.registers",
                        "security.network", "security.holdings", "security.export")
    COLUMNS = (("security.col_name", 8), ("security.col_state", 14),
               ("security.col_taken", 10), ("security.col_score", 4),
               ("security.col_until", 10), ("security.col_pledge", 10),
               ("security.col_login", 10))

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, ExamStanding] = {}

    def fetch(self, ws: Workspace, actor: Actor) -> list[ExamStanding]:
        from helpdesk.security.exams import exam_standings

        return exam_standings(ws, actor)

    def show(self, data: list[ExamStanding]) -> None:
        rows = sorted(data, key=lambda r: (r.cleared, not r.warn, r.days_left or 0, r.login))
        self.rows = {row.login: row for row in rows}
        fill(self.table, [(row.login, self._cells(row)) for row in rows])
        barred = sum(1 for row in rows if not row.cleared)
        ending = sum(1 for row in rows if row.cleared and row.warn)
        self.set_status(t("security.count", count=len(rows), barred=barred, ending=ending))

    @staticmethod
    def _cells(row: ExamStanding) -> list[Text]:
        exam = row.latest
        score = "" if exam is None or exam.score is None else str(exam.score)
        taken = ""
        if exam is not None:
            taken = f"{exam.taken_on}" + ("" if exam.passed else "✘")
        return [plain(row.name), state_cell(row), plain(taken), plain(score),
                plain(row.until or ""), plain(row.pledge_on or t("security.no_pledge"),
                                              style="" if row.pledge_on else "bold"),
                plain(row.login, style="dim")]

    def _selected(self) -> ExamStanding | None:
        return self.rows.get(self.cursor_key())

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand(t("security.exam_key"), t("security.exam_title"), self.action_exam)
        yield SystemCommand(t("security.pledge_key"), t("security.pledge_title"),
                            self.action_pledge)
        yield SystemCommand(t("registers.title"), t("registers.title"), self.action_registers)
        yield SystemCommand(t("network.title"), t("network.title"), self.action_network)

    def action_registers(self) -> None:
        from .registers import RegistersScreen

        self.app.push_screen(RegistersScreen())

    def action_network(self) -> None:
        from .network import NetworkScreen

        self.app.push_screen(NetworkScreen())

    def action_holdings(self) -> None:
        """What the highlighted person still holds (交接、销毁清单) before they may leave."""
        row = self._selected()
        if row is not None:
            self._holdings(row.login, row.name)

    @work(thread=True, exclusive=True, group="holdings")
    def _holdings(self, login: str, name: str) -> None:
        from helpdesk.security.register_entries import holdings

        app = self.helpdesk
        assert app.ws is not None and app.actor is not None
        try:
            rows = holdings(app.ws, app.actor, login)
        except HelpdeskError as err:
            app.call_from_thread(self.show_error, str(err))
            return
        if not rows:
            text = t("security.holds_nothing", name=name)
        else:
            text = t("security.holds", name=name, count=len(rows)) + "\n" + "\n".join(
                f"{row.number} {row.title}" for row in rows[:8])
        app.call_from_thread(self.notify, text, markup=False, timeout=12)

    def action_export(self) -> None:
        from ..file_export import ask_export

        ask_export(self.app, t("security.export_prompt"),
                   t("security.export_file", day=self._today()), self._export)

    @work(thread=True, group="export")
    def _export(self, path: Path, password: str | None) -> None:
        from helpdesk.security.export import write_security

        app = self.helpdesk
        assert app.ws is not None and app.actor is not None
        try:  # an empty password at the prompt is the user's explicit choice of a plain file
            written = write_security(app.ws, app.actor, path, password=password,
                                     plain=password is None)
        except (HelpdeskError, OSError) as err:
            app.call_from_thread(self.show_error, str(err))
            return
        app.call_from_thread(self.notify, t("export.written", path=str(written.path)),
                             markup=False)

    def action_exam(self) -> None:
        row = self._selected()
        self._open(ExamForm(row.login if row else "", self._today()))

    def action_pledge(self) -> None:
        row = self._selected()
        self._open(PledgeForm(row.login if row else "", self._today()))

    def _today(self) -> date:
        app = self.helpdesk
        assert app.ws is not None
        return app.ws.now().astimezone(app.ws.hours.zone).date()

    def _open(self, form: ServiceForm) -> None:
        def done(ok: bool | None) -> None:
            if ok:
                self.notify(t("app.saved"), markup=False)
                self.action_refresh()

        self.app.push_screen(form, done)


class _DatedForm(ServiceForm):
    """A person, a day and what the form adds; a bad date is named and nothing is lost."""

    SCOPED_CSS = False
    DEFAULT_CSS = FORM_CSS

    def __init__(self, login: str, today: date) -> None:
        super().__init__()
        self.login, self.today = login, today



class ExamForm(_DatedForm):
    def compose(self) -> ComposeResult:
        with Vertical(id="exam-form", classes="form"):
            yield Label(t("security.exam_title"), classes="title")
            yield from self.row("security.col_login",
                                FieldInput(self.login, id="exam-login", compact=True,
                                           max_length=64))
            yield from self.row("security.col_taken",
                                FieldInput(f"{self.today}", id="exam-date", compact=True,
                                           max_length=10))
            yield from self.row("security.result", Select(
                [(t("security.result_pass"), "pass"), (t("security.result_fail"), "fail")],
                value="pass", allow_blank=False, id="exam-result", compact=True))
            yield from self.row("security.col_score",
                                FieldInput(id="exam-score", compact=True, max_length=3,
                                           type="integer"))
            yield from self.row("security.col_until",
                                FieldInput(id="exam-until", compact=True, max_length=10,
                                           placeholder=t("security.until_default")))
            yield from self.row("security.note",
                                FieldInput(id="exam-note", compact=True, max_length=200))
            yield Static(id="form-error", classes="error")
            yield KeyFooter()

    def action_save(self) -> None:
        from helpdesk.security.exams import record_exam

        taken = self.day_field("#exam-date", "security.col_taken")
        if taken is None:
            return
        until = None
        if self.query_one("#exam-until", Input).value.strip():
            until = self.day_field("#exam-until", "security.col_until")
            if until is None:
                return
        login = self.query_one("#exam-login", Input).value.strip()
        passed = self.query_one("#exam-result", Select).value == "pass"
        try:
            score = typed_whole(self.query_one("#exam-score", Input).value,
                                t("security.col_score"), high=100, empty=-1)
        except HelpdeskError as err:
            self.show_error(str(err))
            return
        score_or_none = None if score < 0 else score
        note = self.query_one("#exam-note", Input).value

        def save(ws: Workspace, actor: Actor) -> ExamView:
            return record_exam(ws, actor, login, taken, passed=passed, score=score_or_none,
                               valid_until=until, note=note)

        self.submit(save)


class PledgeForm(_DatedForm):
    def compose(self) -> ComposeResult:
        with Vertical(id="pledge-form", classes="form"):
            yield Label(t("security.pledge_title"), classes="title")
            yield from self.row("security.col_login",
                                FieldInput(self.login, id="pledge-login", compact=True,
                                           max_length=64))
            yield from self.row("security.col_pledge",
                                FieldInput(f"{self.today}", id="pledge-date", compact=True,
                                           max_length=10))
            yield Static(id="form-error", classes="error")
            yield KeyFooter()

    def action_save(self) -> None:
        from helpdesk.security.exams import record_pledge

        signed = self.day_field("#pledge-date", "security.col_pledge")
        if signed is None:
            return
        login = self.query_one("#pledge-login", Input).value.strip()
        self.submit(lambda ws, actor: record_pledge(ws, actor, login, signed))
