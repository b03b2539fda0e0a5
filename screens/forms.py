"""The one base of every modal form that saves through a service call in a worker: errors stay
on the form with everything typed, success dismisses it with True, and a stale edit (someone
saved the record after the form was opened) goes to `on_stale`, the same on every form."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from helpdesk import typed
from helpdesk.errors import HelpdeskError, StaleEdit
from helpdesk.i18n import t

from .confirm import leave_form, typed_values
from .host import Host, host_of
from .keys import bindings, localize
from .live import change_line
from .render import plain
from .widgets.field_input import over_limit_message

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.app.live import ChangeNotice
    from helpdesk.services.workspace import Workspace

SaveCall = Callable[["Workspace", "Actor"], object]


class ServiceForm(ModalScreen[bool]):
    """Subclasses compose a `#form-error` Static and call `submit(lambda ws, actor: ...)`."""

    BINDINGS = bindings("form.save", "form.cancel")

    def __init__(self) -> None:
        super().__init__()
        localize(self)
        self.saved: object = None  # what the service call returned, once it succeeded
        self.opened_with: tuple[object, ...] | None = None
        # The record this form edits, (audit entity, id): another engineer saving it while the
        # form is open is said at once, not only when this save is refused as stale.
        self.record: tuple[str, str] | None = None

    def records_changed(self, notices: list[ChangeNotice]) -> None:
        warn_if_changed(self, self.record, notices, self.show_error)

    def on_mount(self) -> None:
        fit_labels(self)
        self.call_after_refresh(self.remember_typed)

    def remember_typed(self) -> None:
        """The values the form opened with (a form that fills fields from a worker calls this
        again once they are in): Esc asks before throwing away anything typed since."""
        self.opened_with = typed_values(self)

    @property
    def helpdesk(self) -> Host:
        return host_of(self.app)

    def row(self, label: str, widget: Widget) -> ComposeResult:
        """One line of a form: the field's name (a catalogue key) and the field."""
        with Horizontal(classes="row"):
            yield Label(t(label), classes="label")
            yield widget

    def submit(self, call: SaveCall) -> None:
        """Save through `call` in a worker, unless a field holds more than it takes."""
        too_long = over_limit_message(self)
        if too_long is not None:
            self.show_error(too_long)
            return
        self._save_in_worker(call)

    @work(thread=True, exclusive=True, group="save")
    def _save_in_worker(self, call: SaveCall) -> None:
        app = self.helpdesk
        assert app.ws is not None and app.actor is not None
        try:
            self.saved = call(app.ws, app.actor)
        except StaleEdit as err:
            latest = self.latest(app.ws, app.actor)
            app.call_from_thread(self.on_stale, str(err), latest)
            return
        except HelpdeskError as err:
            app.call_from_thread(self.show_error, str(err))
            return
        app.call_from_thread(self.dismiss, True)

    def latest(self, ws: Workspace, actor: Actor) -> object:
        """In the worker, after a stale edit: the record as saved now (None if the form cannot
        reload it)."""
        return None

    def on_stale(self, message: str, latest: object) -> None:
        """What was typed stays; the message says who was first. A form that can show the
        newer values (and let the next save overwrite them deliberately) overrides this."""
        self.show_error(message)
        self.notify(t("app.stale"), severity="error", markup=False)

    def day_field(self, selector: str, label: str) -> date | None:
        """The day typed into the Input `selector` (as imports accept it, full-width digits
        folded), or None with the form naming the field and what is wrong (`label` is the
        field's catalogue key)."""
        try:
            return typed.typed_day(self.query_one(selector, Input).value, t(label))
        except HelpdeskError as err:
            self.show_error(str(err))
            return None

    def show_error(self, message: str) -> None:
        self.query_one("#form-error", Static).update(plain(message, limit=300))

    def action_cancel(self) -> None:
        leave_form(self, self.opened_with, lambda: self.dismiss(False))


LABEL_WIDTHS = (9, 20)  # a form's label column: at least, at most (cells)


def fit_labels(form: Widget) -> None:
    """One label column per form, as wide as its longest field name (in cells, CJK counted
    twice) within LABEL_WIDTHS: a fixed width cut 应接入机构数 to 应接入机."""
    labels = [label for label in form.query(".form .row Label.label") if isinstance(label, Label)]
    if not labels:
        return
    longest = max(cell_len(str(label.content)) for label in labels)
    width = min(max(longest + 1, LABEL_WIDTHS[0]), LABEL_WIDTHS[1])
    for label in labels:
        label.styles.width = width


def warn_if_changed(form: Widget, record: tuple[str, str] | None,
                    notices: list[ChangeNotice], show: Callable[[str], None]) -> None:
    mine = [n for n in notices if record is not None and (n.entity, n.entity_id) == record]
    if mine:
        message = t("live.saved_meanwhile", line=change_line(mine[-1], form.app))
        show(message)
        form.notify(message, severity="warning", markup=False)


def typed_day(value: str) -> date | None:
    """A day typed into a form (as imports accept it), or None for the form to name the
    mistake."""
    try:
        return typed.typed_day(value, "")
    except HelpdeskError:
        return None
