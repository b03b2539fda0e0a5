"""Planning or editing a session: kind, working date and time, place, trainer, the contents
ticked from the contract's curriculum plus free items, the invited units, materials."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Select, SelectionList, Static

from helpdesk.errors import CalendarUnavailable, HelpdeskError
from helpdesk.i18n import t
from helpdesk.training.curriculum import KINDS
from helpdesk.typed import typed_day, typed_time, typed_whole

from ..forms import ServiceForm
from ..render import plain
from ..widgets.field_input import FieldInput
from ..widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.services.units import UnitView
    from helpdesk.services.workspace import Workspace
    from helpdesk.training.actions import SessionView
    from helpdesk.training.curriculum import Course


def split_items(text: str) -> list[str]:
    for separator in ("；", ";", "，"):
        text = text.replace(separator, ",")
    return [item.strip() for item in text.split(",") if item.strip()]


class SessionForm(ServiceForm):
    SCOPED_CSS = False
    DEFAULT_CSS = """
    SessionForm {
        align: center middle;
    }
    #session-form {
        width: 78;
    }
    #session-form .short {
        width: 12;
    }
    #session-lists {
        height: 8;
    }
    #session-lists SelectionList {
        width: 1fr;
        height: 8;
        border: round $primary-darken-2;
    }
    """

    def __init__(self, session: SessionView | None) -> None:
        super().__init__()
        self.session = session
        self.record = ("training_session", str(session.id)) if session is not None else None
        self.courses: dict[str, Course] = {}
        self.units: list[UnitView] = []

    def compose(self) -> ComposeResult:
        session = self.session
        zone = self.helpdesk.ws.hours.zone if self.helpdesk.ws else None
        local = session.starts_at.astimezone(zone) if session and zone else None
        default_day = self._default_day()
        with Vertical(id="session-form", classes="form"):
            yield Label(t("training.edit_title" if session else "training.new_title"),
                        classes="title")
            with Horizontal(classes="row"):
                yield Label(t("training.kind"), classes="label")
                yield Select([(t(f"training.kind_{k}"), k) for k in KINDS],
                             value=session.kind if session else "business", allow_blank=False,
                             id="kind", compact=True)
            with Horizontal(classes="row"):
                yield Label(t("training.date"), classes="label")
                yield FieldInput(f"{local:%Y-%m-%d}" if local else default_day, id="day",
                                 compact=True, classes="short")
                yield Label(t("training.time"), classes="label")
                yield FieldInput(f"{local:%H:%M}" if local else "14:30", id="start", compact=True,
                                 classes="short")
                yield Label(t("training.minutes"), classes="label")
                yield FieldInput(str(session.minutes if session else self._default_minutes()),
                                 id="minutes", compact=True, restrict=r"[0-9]*", max_length=3,
                                 classes="short")
            for field, value, limit in (("place", session.place if session else "", 200),
                                        ("trainer", session.trainer if session else "", 64),
                                        ("title", session.title if session else "", 200)):
                with Horizontal(classes="row"):
                    yield Label(t(f"training.{field}"), classes="label")
                    yield FieldInput(value, id=field, compact=True, max_length=limit,
                                     placeholder=t("training.title_hint") if field == "title"
                                     else "")
            with Horizontal(id="session-lists"):
                yield SelectionList[str](id="contents")
                yield SelectionList[int](id="units")
            with Horizontal(classes="row"):
                yield Label(t("training.extra"), classes="label")
                yield FieldInput(id="extra", compact=True, placeholder=t("training.extra_hint"),
                                 max_length=400)
            with Horizontal(classes="row"):
                yield Label(t("training.materials"), classes="label")
                yield FieldInput(session.materials if session else "", id="materials",
                                 compact=True, max_length=400)
            yield Static(id="form-error", classes="error")
            yield KeyFooter()

    def _default_day(self) -> str:
        ws = self.helpdesk.ws
        if ws is None:
            return ""
        today = ws.now().astimezone(ws.hours.zone).date()
        try:
            return f"{ws.calendar.next_working_day(today):%Y-%m-%d}"
        except CalendarUnavailable:  # no calendar for that year yet: leave the date to type
            return ""

    def _default_minutes(self) -> int:
        ws = self.helpdesk.ws
        return ws.config.training.default_minutes if ws else 120

    def on_mount(self) -> None:
        self.query_one("#contents").border_title = t("training.contents")
        self.query_one("#units").border_title = t("training.units")
        self.query_one("#place" if self.session is None else "#title", Input).focus()
        self.load_choices()

    @work(thread=True, group="choices")
    def load_choices(self) -> None:
        from helpdesk.services.units import list_units
        from helpdesk.training.actions import curriculum

        app = self.helpdesk
        if app.ws is None or app.actor is None:
            return
        courses = curriculum(app.ws)
        units = [u for u in list_units(app.ws, app.actor, limit=1000) if u.active]
        app.call_from_thread(self._choices_loaded, courses, units)

    def _choices_loaded(self, courses: dict[str, Course], units: list[UnitView]) -> None:
        self.courses, self.units = courses, units
        invited = {unit_id for unit_id, _name in self.session.invited_units} \
            if self.session else set()
        unit_list: SelectionList[int] = self.query_one("#units", SelectionList)
        unit_list.clear_options()
        unit_list.add_options([(plain(u.name), u.id, u.id in invited) for u in units])
        self._fill_contents(str(self.query_one("#kind", Select).value), initial=True)
        self.remember_typed()

    @on(Select.Changed, "#kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        if self.courses:
            self._fill_contents(str(event.value), initial=False)

    def _fill_contents(self, kind: str, *, initial: bool) -> None:
        course = self.courses[kind]
        chosen = {c.item for c in self.session.contents} \
            if self.session and initial else set(course.contents)
        contents: SelectionList[str] = self.query_one("#contents", SelectionList)
        contents.clear_options()
        contents.add_options([(plain(item), item, item in chosen) for item in course.contents])
        if self.session and initial:
            extra = [c.item for c in self.session.contents if c.item not in course.contents]
            self.query_one("#extra", Input).value = "；".join(extra)

    def action_save(self) -> None:
        from helpdesk.training.actions import SessionSaved, plan_session, update_session

        value = {name: self.query_one(f"#{name}", Input).value
                 for name in ("day", "start", "minutes", "place", "trainer", "title", "extra",
                              "materials")}
        try:
            day = typed_day(value["day"], t("training.date"))
            start = typed_time(value["start"], t("training.time"))
            minutes = typed_whole(value["minutes"], t("training.minutes"), empty=0)
        except HelpdeskError as err:
            self.show_error(str(err))
            return
        if not self.courses:
            return  # the curriculum has not loaded yet
        kind = str(self.query_one("#kind", Select).value)
        contents: SelectionList[str] = self.query_one("#contents", SelectionList)
        units: SelectionList[int] = self.query_one("#units", SelectionList)
        ticked = [item for item in self.courses[kind].contents if item in contents.selected]
        items = ticked + split_items(value["extra"])
        unit_ids = list(units.selected)
        session = self.session
        notify = self.helpdesk.call_from_thread

        def save(ws: Workspace, actor: Actor) -> None:
            saved: SessionSaved
            if session is None:
                saved = plan_session(ws, actor, kind=kind, day=day, start=start,
                                     place=value["place"], trainer=value["trainer"],
                                     title=value["title"], minutes=minutes, contents=items,
                                     invited_unit_ids=unit_ids, materials=value["materials"])
            else:
                saved = update_session(ws, actor, session.id, session.version, kind=kind,
                                       day=day, start=start, place=value["place"],
                                       trainer=value["trainer"], title=value["title"],
                                       minutes=minutes, contents=items,
                                       invited_unit_ids=unit_ids, materials=value["materials"])
            for warning in saved.warnings:
                notify(self.app.notify, warning, severity="warning", markup=False, timeout=8)

        self.submit(save)
