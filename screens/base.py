"""A screen whose data comes from a service call in a thread worker, shown back on the UI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, ClassVar, Generic, TypeVar

from textual import events, work
from textual.actions import parse as parse_action
from textual.app import SystemCommand
from textual.screen import Screen
from textual.widgets import DataTable
from textual.worker import Worker, get_current_worker

from helpdesk.errors import HelpdeskError
from helpdesk.i18n import t

from .host import Host, host_of
from .keys import bindings, localize
from .live import change_line
from .widgets.column_fit import fit_labels

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.app.live import ChangeNotice
    from helpdesk.services.workspace import Workspace


Data = TypeVar("Data")
# Keys acted on at once even while the first data loads: leaving, reloading, help, quitting.
UNHELD_ACTIONS = ("back", "refresh", "help", "quit", "command_palette")


class DataScreen(Screen[None], Generic[Data]):
    """`fetch` runs in a worker and returns a `Data`; `show` gets it on the UI thread."""

    BINDINGS = bindings("screen.back", "screen.refresh")
    help_key = "nav.today"  # i18n key naming the screen in help
    # The kinds of record (audit entity names) this screen shows: another engineer's change
    # to one of them refreshes it. Empty: any change does (dashboards, mixed screens).
    WATCHES: ClassVar[frozenset[str]] = frozenset()

    def __init__(self) -> None:
        super().__init__()
        localize(self)
        self.loaded = False  # the first fetch has been shown (or has failed)
        self._loading_thread: int | None = None  # the thread of the load under way
        self.typed_ahead: list[str] = []

    @property
    def helpdesk(self) -> Host:
        return host_of(self.app)

    def palette_commands(self) -> Iterable[SystemCommand]:
        """This screen's own commands for the palette (Ctrl+P), beside the areas'."""
        return ()

    def on_key(self, event: events.Key) -> None:
        """A key typed before the screen's data arrived is held and replayed once it is shown
        (`c`, `↓`, `o` at once opens the second case, not nothing). A key that the record's
        state refuses (check_action says no) stops here with a word why, instead of falling
        through to the area on the same key."""
        if not self.loaded:
            bound = self.active_bindings.get(event.key)
            if bound is None or bound.binding.action not in UNHELD_ACTIONS:
                event.stop()
                event.prevent_default()
                self.typed_ahead.append(event.key)
                return
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            _namespace, name, parameters = parse_action(binding.action)
            if name != "back" and not self.check_action(name, parameters):
                event.stop()
                event.prevent_default()
                self.app.bell()
                self.notify(t("app.key_refused", key=self.app.get_key_display(binding),
                              action=binding.description), markup=False, severity="warning")
                return

    def watched_record(self) -> tuple[str, str] | None:
        """The one record a detail screen shows, as (entity, id): a change to it is named in a
        toast ("李晓燕 开始处理 Q2026-00212")."""
        return None

    def records_changed(self, notices: list[ChangeNotice]) -> None:
        """Other engineers committed changes: refresh if this screen shows what changed (the
        page reloads in place, the cursor stays on its record). Screens below the top one
        reload when they show again."""
        if self.app.screen is not self or not self.loaded:
            return
        record = self.watched_record()
        mine = [n for n in notices if (n.entity, n.entity_id) == record]
        for notice in mine[-1:]:
            self.notify(change_line(notice, self.app), markup=False, severity="warning")
        if mine or any(not self.WATCHES or n.entity in self.WATCHES for n in notices):
            self.reload()

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

    def reload(self) -> None:
        """Fetch and show the page again. A load still reading for this screen is stopped
        first: its page is no longer wanted (a new keystroke in a search; issue 33)."""
        thread, ws = self._loading_thread, self.helpdesk.ws
        if thread is not None and ws is not None:
            ws.db.interrupt(thread)
        self._load_page()

    @work(thread=True, exclusive=True, group="load")
    def _load_page(self) -> None:
        # In the worker, after the first frame: SQLAlchemy is not on the first frame's path.
        from sqlalchemy.exc import DBAPIError

        from helpdesk.storage.database import interrupted

        app = self.helpdesk
        if app.ws is None or app.actor is None:
            return
        worker = get_current_worker()
        self._loading_thread = threading.get_ident()
        try:
            data = self.fetch(app.ws, app.actor)
        except HelpdeskError as err:
            self.app.call_from_thread(self._first_load_done)
            self.app.call_from_thread(self.show_error, str(err))
            return
        except DBAPIError as err:
            if interrupted(err):  # by the load that superseded this one: nothing to show
                return
            raise
        finally:
            if self._loading_thread == threading.get_ident():
                self._loading_thread = None
        self.app.call_from_thread(self._show_loaded, data, worker)

    def _show_loaded(self, data: Data, worker: Worker[None] | None = None) -> None:
        """The fetched data onto the screen, unless a newer load superseded this one (a thread
        worker runs on when cancelled: its older page must not land after the newer one), or
        the screen left meanwhile (an area letter pops the sub-screens above the area's root
        while their pages may still be loading). A popped screen stays attached while its
        children are pruned, hence `_pruning`, the flag Textual's own signals check."""
        if worker is not None and worker.is_cancelled:
            return
        if not self.is_attached or self._pruning or self._closing:
            return
        self.show(data)
        self.after_show()
        for table in self.query(DataTable):  # a column name longer than its column: "…"
            fit_labels(table)
        self._first_load_done()

    def after_show(self) -> None:
        """After each `show`: a list fits its columns to what is now in them."""

    def _first_load_done(self) -> None:
        if self.loaded:
            return
        self.loaded = True
        held, self.typed_ahead = self.typed_ahead, []
        for key in held:
            self.app.simulate_key(key)

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
