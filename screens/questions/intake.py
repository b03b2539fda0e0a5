"""新问题: log a phoned-in question in seconds. The unit is picked by typing pinyin initials;
matching knowledge-base answers appear while the title is typed, and Ctrl+R logs the question
already resolved with the highlighted answer (linked to the article). A failed save keeps
everything typed."""

from __future__ import annotations

from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static, TextArea

from helpdesk.errors import HelpdeskError
from helpdesk.i18n import t
from helpdesk.typed import typed_instant_parts
from helpdesk.vocab import PRIORITIES, QUESTION_CATEGORIES, QUESTION_CHANNELS

from ..confirm import leave_form, typed_values
from ..forms import fit_labels
from ..host import Host, host_of
from ..keys import bindings, localize
from ..render import plain
from ..widgets.field_input import FieldInput, over_limit_message
from ..widgets.kb_suggestions import KbSuggestions
from ..widgets.key_footer import KeyFooter
from ..widgets.unit_picker import UnitPicker

if TYPE_CHECKING:
    from helpdesk.questions.kb import ArticleView
    from helpdesk.services.units import UnitView


def _choices(vocabulary: str, codes: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(t(f"{vocabulary}.{code}"), code) for code in codes]


class IntakeScreen(ModalScreen[bool]):
    # Styles of this screen load with it (not at start-up).
    SCOPED_CSS = False
    DEFAULT_CSS = """
    IntakeScreen {
        align: center middle;
    }
    #intake {
        width: 78;
    }
    #description {
        height: 3;
        margin-top: 1;
    }
    #kb-options {
        height: auto;
        max-height: 4;
    }
    """
    BINDINGS = bindings("form.save", "intake.use_answer", "form.cancel")

    def __init__(self) -> None:
        super().__init__()
        self.opened_with: tuple[object, ...] | None = None
        localize(self)

    @property
    def helpdesk(self) -> Host:
        return host_of(self.app)

    @property
    def unit(self) -> UnitView | None:
        """The unit the picker has chosen."""
        return self.query_one(UnitPicker).unit

    def compose(self) -> ComposeResult:
        from helpdesk.clock import clock_from_env

        clock = self.helpdesk.ws.clock if self.helpdesk.ws else clock_from_env()
        now = clock.now().astimezone(ZoneInfo("Asia/Shanghai"))
        with Vertical(id="intake", classes="form"):
            yield Label(t("intake.title"), classes="title")
            with Horizontal(classes="row"):
                yield Label(t("intake.question"), classes="label")
                yield FieldInput(id="title", max_length=200, compact=True,
                                 placeholder=t("intake.question_hint"))
            yield UnitPicker(t("queue.unit"))
            with Horizontal(classes="row"):
                yield Label(t("intake.category"), classes="label")
                yield Select(_choices("category", QUESTION_CATEGORIES), value="registration",
                             allow_blank=False, id="category", compact=True)
                yield Select(_choices("channel", QUESTION_CHANNELS), value="phone",
                             allow_blank=False, id="channel", compact=True)
                yield Select(_choices("priority", PRIORITIES), value="normal",
                             allow_blank=False, id="priority", compact=True)
            with Horizontal(classes="row"):
                yield Label(t("intake.asker"), classes="label")
                yield FieldInput(id="asker", max_length=64, compact=True)
                yield Label(t("intake.phone"), classes="label")
                yield FieldInput(id="phone", max_length=32, compact=True)
            with Horizontal(classes="row"):
                yield Label(t("intake.received"), classes="label")
                yield FieldInput(f"{now:%Y-%m-%d %H:%M}", id="received", compact=True)
            yield TextArea(id="description", compact=True, placeholder=t("intake.description"))
            yield Label(t("intake.suggestions"), classes="hint")
            yield KbSuggestions()
            yield Static(id="form-error", classes="error")
            yield KeyFooter()

    def on_mount(self) -> None:
        fit_labels(self)
        self.query_one("#title", Input).focus()
        self.load_units()
        self.call_after_refresh(self._remember_typed)

    def _remember_typed(self) -> None:
        self.opened_with = typed_values(self)

    @work(thread=True, group="units")
    def load_units(self) -> None:
        from helpdesk.services.units import list_units

        app = self.helpdesk
        if app.ws is None or app.actor is None:
            return
        # A district has tens of units: all of them fit in memory for instant matching.
        units = list_units(app.ws, app.actor, limit=1000)
        app.call_from_thread(setattr, self.query_one(UnitPicker), "units",
                             [u for u in units if u.active])

    @on(UnitPicker.Picked)
    def _unit_picked(self) -> None:
        self.query_one("#category", Select).focus()

    @on(Input.Changed, "#title")
    def _title_typed(self, event: Input.Changed) -> None:
        self.query_one(KbSuggestions).search(event.value)

    def _values(self) -> dict[str, object]:
        app = self.helpdesk
        assert app.ws is not None
        received = typed_instant_parts(self.query_one("#received", Input).value,
                                       t("intake.received")).replace(tzinfo=app.ws.hours.zone)
        unit = self.unit
        if unit is None:
            raise HelpdeskError("intake.no_unit")
        return {
            "title": self.query_one("#title", Input).value,
            "unit_id": unit.id,
            "category": str(self.query_one("#category", Select).value),
            "channel": str(self.query_one("#channel", Select).value),
            "priority": str(self.query_one("#priority", Select).value),
            "asker_name": self.query_one("#asker", Input).value,
            "asker_phone": self.query_one("#phone", Input).value,
            "description": self.query_one("#description", TextArea).text,
            "received_at": received,
        }

    def action_save(self) -> None:
        self._submit(None)

    def action_use_answer(self) -> None:
        article = self.query_one(KbSuggestions).chosen
        if article is None:
            self.show_error(t("intake.no_suggestion"))
            return
        self._submit(article)

    def _submit(self, article: ArticleView | None) -> None:
        too_long = over_limit_message(self)
        if too_long is not None:
            self.show_error(too_long)
            return
        try:
            values = self._values()
        except HelpdeskError as err:
            self.show_error(str(err))
            return
        self.save(values, article)

    @work(thread=True, exclusive=True, group="save")
    def save(self, values: dict[str, object], article: ArticleView | None) -> None:
        from helpdesk.questions.actions import add_question, add_resolved_question

        app = self.helpdesk
        assert app.ws is not None and app.actor is not None
        try:
            if article is None:
                row = add_question(app.ws, app.actor, **values)  # type: ignore[arg-type]
            else:
                row = add_resolved_question(app.ws, app.actor, answer=article.answer,
                                            kb_article_ids=(article.id,), **values)
        except HelpdeskError as err:
            app.call_from_thread(self.show_error, str(err))
            return
        app.call_from_thread(self._saved, row.number)

    def _saved(self, number: str) -> None:
        self.notify(t("intake.saved", number=number), markup=False)
        self.dismiss(True)

    def show_error(self, message: str) -> None:
        self.query_one("#form-error", Static).update(plain(message, limit=300))

    def action_cancel(self) -> None:
        leave_form(self, self.opened_with, lambda: self.dismiss(False))
