"""A screen whose data comes from a service call in a thread worker, shown back on the UI thread."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Generic, TypeVar

from textual import events, work
from textual.actions import parse as parse_action
from textual.app import SystemCommand
from textual.screen import Screen

from helpdesk.errors import HelpdeskError
from helpdesk.i18n import t
from screens.host import Host, host_of
from screens.keys import bindings, localize

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.services.workspace import Workspace


Data = TypeVar("Data")


class DataScreen(Screen[None], Generic[Data]):
    """`fetch` runs in a worker and returns a `Data`; `show` gets it on the UI thread."""

    BINDINGS = bindings("screen.back", "screen.refresh")
    help_key = "nav.today"  # i18n key naming the screen in help

    def __init__(self) -> None:
        super().__init__()
        localize(self)

    @property
    def helpdesk(self) -> Host:
        return host_of(self.app)

    def palette_commands(self) -> Iterable[SystemCommand]:
        """This screen's own commands for the palette (Ctrl+P), beside the areas'."""
        return ()

    def on_key(self, event: events.Key) -> None:
        """A key of this screen that the record's state refuses (check_action says no) stops
        here with a word why, instead of falling through to the area on the same key."""
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            _namespace, name, parameters = parse_action(binding.action)
            if not self.check_action(name, parameters):
                event.stop()
                event.prevent_default()
                self.app.bell()
                self.notify(t("app.key_refused", key=self.app.get_key_display(binding),
                              action=binding.description), markup=False, severity="warning")
                return

    def on_screen_resume(self) -> None:
        if self.helpdesk.ws is not None:
            self.reload()

    def workspace_ready(self) -> None:
        self.reload()

    def reload_if_saved(self, saved: bool | None) -> None:
        """Callback for a form pushed from this screen."""
        if saved:
            self.reload()

    def action_refresh(self) -> None:
        if self.helpdesk.ws is not None:
            self.reload()

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        elif self.app.current_mode != "today":
            self.app.switch_mode("today")

    @work(thread=True, exclusive=True, group="load")
    def reload(self) -> None:
        app = self.helpdesk
        if app.ws is None or app.actor is None:
            return
        try:
            data = self.fetch(app.ws, app.actor)
        except HelpdeskError as err:
            self.app.call_from_thread(self.show_error, str(err))
            return
        self.app.call_from_thread(self.show, data)

    def call_service(self, call: Callable[[Workspace, Actor], object]) -> bool:
        """From a worker thread: run a service call; reload on success, show the error
        otherwise (nothing the user typed is on this screen to lose)."""
        app = self.helpdesk
        assert app.ws is not None and app.actor is not None
        try:
            call(app.ws, app.actor)
        except HelpdeskError as err:
            app.call_from_thread(self.show_error, str(err))
            return False
        app.call_from_thread(self.reload)
        return True

    def fetch(self, ws: Workspace, actor: Actor) -> Data:
        """Runs in a worker thread: call services, return plain data."""
        raise NotImplementedError

    def show(self, data: Data) -> None:
        """Runs on the UI thread with what fetch returned."""
        raise NotImplementedError

    def show_error(self, message: str) -> None:
        self.notify(message, severity="error", markup=False, timeout=8)
