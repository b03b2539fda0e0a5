"""Quick keyed entry after a session: attendees one after another (the form stays open, the
unit is kept for the next person), and evaluation forms by keys (four digits 1-5 jump field to
field, Ctrl+S saves and moves to the next attendee without a form)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from helpdesk.errors import HelpdeskError
from helpdesk.i18n import t
from helpdesk.training.evaluation import QUESTIONS

from ..host import Host, host_of
from ..keys import bindings, localize
from ..render import plain
from ..widgets.field_input import FieldInput
from ..widgets.key_footer import KeyFooter
from ..widgets.unit_picker import UnitPicker

if TYPE_CHECKING:
    from helpdesk.services.units import UnitView
    from helpdesk.training.people import AttendeeView


class EntryForm(ModalScreen[bool]):
    """A form that saves many records in a row; dismisses True when anything was saved."""

    SCOPED_CSS = False
    DEFAULT_CSS = """
    EntryForm {
        align: center middle;
    }
    .entry {
        width: 70;
    }
    .entry .done {
        color: $success;
        height: auto;
    }
    .entry .score {
        width: 5;
    }
    """
    BINDINGS = bindings("form.save", "form.cancel")

    def __init__(self) -> None:
        super().__init__()
        localize(self)
        self.saved = 0

    @property
    def helpdesk(self) -> Host:
        return host_of(self.app)

    def show_error(self, message: str) -> None:
        self.query_one("#form-error", Static).update(plain(message, limit=300))

    def show_done(self, message: str) -> None:
        self.saved += 1
        self.query_one("#form-error", Static).update(Text(""))
        self.query_one("#entry-done", Static).update(plain("✔ " + message, style="green"))

    def action_cancel(self) -> None:
        self.dismiss(self.saved > 0)


class AttendeeEntry(EntryForm):
    def __init__(self, session_id: int, attendance: str) -> None:
        super().__init__()
        self.session_id = session_id
        self.attendance = attendance

    def compose(self) -> ComposeResult:
        from helpdesk.training.actions import ATTENDANCE

        with Vertical(classes="form entry"):
            yield Label(t("training.add_attendees"), classes="title")
            with Horizontal(classes="row"):
                yield Label(t("training.name"), classes="label")
                yield FieldInput(id="name", compact=True, max_length=64)
            yield UnitPicker(t("training.unit"), id="unit-picker")
            with Horizontal(classes="row"):
                yield Label(t("training.role"), classes="label")
                yield FieldInput(id="role", compact=True, max_length=64)
            with Horizontal(classes="row"):
                yield Label(t("training.attendance"), classes="label")
                yield Select([(t(f"training.att_{a}"), a) for a in ATTENDANCE],
                             value=self.attendance, allow_blank=False, id="attendance",
                             compact=True)
            yield Static(id="entry-done", classes="done")
            yield Static(id="form-error", classes="error")
            yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()
        self.load_units()

    @work(thread=True, group="units")
    def load_units(self) -> None:
        from helpdesk.services.units import list_units

        app = self.helpdesk
        if app.ws is None or app.actor is None:
            return
        units = [u for u in list_units(app.ws, app.actor, limit=1000) if u.active]
        app.call_from_thread(self._units_loaded, units)

    def _units_loaded(self, units: list[UnitView]) -> None:
        self.query_one(UnitPicker).units = units

    def action_save(self) -> None:
        name = self.query_one("#name", Input).value
        unit = self.query_one(UnitPicker).unit
        role = self.query_one("#role", Input).value
        attendance = str(self.query_one("#attendance", Select).value)
        self._save(name, unit.id if unit else None, role, attendance)

    @work(thread=True, group="save")
    def _save(self, name: str, unit_id: int | None, role: str, attendance: str) -> None:
        from helpdesk.training.people import add_attendee

        app = self.helpdesk
        assert app.ws is not None and app.actor is not None
        try:
            added = add_attendee(app.ws, app.actor, self.session_id, name, unit_id, role,
                                 attendance)
        except HelpdeskError as err:
            app.call_from_thread(self.show_error, str(err))
            return
        app.call_from_thread(self._added, added)

    def _added(self, added: AttendeeView) -> None:
        self.show_done(t("training.added", name=added.name, unit=added.unit or "—"))
        self.query_one("#name", Input).value = ""
        self.query_one("#name", Input).focus()  # the unit and role stay for the next person


class EvaluationEntry(EntryForm):
    """Forms for the attendees in `queue` one after another; an empty queue means anonymous
    forms (the form clears after each save)."""

    def __init__(self, session_id: int, queue: list[AttendeeView]) -> None:
        super().__init__()
        self.session_id = session_id
        self.queue = queue
        self.position = 0

    @property
    def current(self) -> AttendeeView | None:
        return self.queue[self.position] if self.position < len(self.queue) else None

    def compose(self) -> ComposeResult:
        with Vertical(classes="form entry"):
            yield Label(t("training.evaluate"), classes="title")
            yield Static(id="entry-who")
            with Horizontal(classes="row"):
                for question in QUESTIONS:
                    yield Label(t(f"training.q_{question}"), classes="label")
                    yield FieldInput(id=f"score-{question}", compact=True, restrict=r"[1-5]?",
                                     max_length=1, classes="score")
            with Horizontal(classes="row"):
                yield Label(t("training.comment"), classes="label")
                yield FieldInput(id="comment", compact=True, max_length=2000)
            yield Label(t("training.score_hint"), classes="hint")
            yield Static(id="entry-done", classes="done")
            yield Static(id="form-error", classes="error")
            yield KeyFooter()

    def on_mount(self) -> None:
        self._show_who()

    def _show_who(self) -> None:
        person = self.current
        if person is None:
            who = Text(t("training.anonymous_form"), style="bold")
        else:
            who = plain(f"{person.name}（{person.unit or '—'}）  "
                        f"{self.position + 1}/{len(self.queue)}", style="bold")
        self.query_one("#entry-who", Static).update(who)
        for question in QUESTIONS:
            self.query_one(f"#score-{question}", Input).value = ""
        self.query_one("#comment", Input).value = ""
        self.query_one(f"#score-{QUESTIONS[0]}", Input).focus()

    @on(Input.Changed, ".score")
    def _next_field(self, event: Input.Changed) -> None:
        if not event.value:
            return
        index = QUESTIONS.index((event.input.id or "").removeprefix("score-"))
        following = f"#score-{QUESTIONS[index + 1]}" if index + 1 < len(QUESTIONS) \
            else "#comment"
        self.query_one(following, Input).focus()

    def action_save(self) -> None:
        scores: dict[str, object] = {q: self.query_one(f"#score-{q}", Input).value
                                     for q in QUESTIONS}
        person = self.current
        self._save(person.id if person else None, scores,
                   self.query_one("#comment", Input).value)

    @work(thread=True, group="save")
    def _save(self, attendee_id: int | None, scores: dict[str, object], comment: str) -> None:
        from helpdesk.training.people import save_evaluation

        app = self.helpdesk
        assert app.ws is not None and app.actor is not None
        try:
            save_evaluation(app.ws, app.actor, self.session_id, attendee_id, scores, comment)
        except HelpdeskError as err:
            app.call_from_thread(self.show_error, str(err))
            return
        app.call_from_thread(self._saved)

    def _saved(self) -> None:
        person = self.current
        self.show_done(t("training.evaluation_saved",
                         name=person.name if person else t("training.anonymous")))
        if person is not None:
            self.position += 1
            if self.current is None:
                self.dismiss(True)
                return
        self._show_who()


class RaisedQuestionForm(EntryForm):
    """A question raised during the session, with the answer given there if any."""

    def __init__(self, session_id: int) -> None:
        super().__init__()
        self.session_id = session_id

    def compose(self) -> ComposeResult:
        with Vertical(classes="form entry"):
            yield Label(t("training.raise_title"), classes="title")
            for field, limit in (("raised_text", 2000), ("asked_by", 64), ("answer", 4000)):
                with Horizontal(classes="row"):
                    yield Label(t(f"training.{field}"), classes="label")
                    yield FieldInput(id=field.replace("_", "-"), compact=True, max_length=limit)
            yield Static(id="entry-done", classes="done")
            yield Static(id="form-error", classes="error")
            yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#raised-text", Input).focus()

    def action_save(self) -> None:
        values = [self.query_one(f"#{name}", Input).value
                  for name in ("raised-text", "asked-by", "answer")]
        self._save(*values)

    @work(thread=True, group="save")
    def _save(self, text: str, asked_by: str, answer: str) -> None:
        from helpdesk.training.questions import add_raised

        app = self.helpdesk
        assert app.ws is not None and app.actor is not None
        try:
            add_raised(app.ws, app.actor, self.session_id, text, asked_by, answer)
        except HelpdeskError as err:
            app.call_from_thread(self.show_error, str(err))
            return
        app.call_from_thread(self._saved)

    def _saved(self) -> None:
        self.show_done(t("training.raised_saved"))
        for name in ("raised-text", "asked-by", "answer"):
            self.query_one(f"#{name}", Input).value = ""
        self.query_one("#raised-text", Input).focus()
