"""A modal form that saves through one service call in a worker: errors stay on the form (with
everything typed), success dismisses it with True."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import work
from textual.screen import ModalScreen
from textual.widgets import Static

from helpdesk.errors import HelpdeskError
from screens.host import Host, host_of
from screens.keys import bindings, localize
from screens.render import plain

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.services.workspace import Workspace

SaveCall = Callable[["Workspace", "Actor"], object]


class ServiceForm(ModalScreen[bool]):
    """Subclasses compose a `#form-error` Static and call `submit(lambda ws, actor: ...)`."""

    BINDINGS = bindings("form.save", "form.cancel")

    def __init__(self) -> None:
        super().__init__()
        localize(self)

    @property
    def helpdesk(self) -> Host:
        return host_of(self.app)

    @work(thread=True, exclusive=True, group="save")
    def submit(self, call: SaveCall) -> None:
        app = self.helpdesk
        assert app.ws is not None and app.actor is not None
        try:
            call(app.ws, app.actor)
        except HelpdeskError as err:
            app.call_from_thread(self.show_error, str(err))
            return
        app.call_from_thread(self.dismiss, True)

    def show_error(self, message: str) -> None:
        self.query_one("#form-error", Static).update(plain(message, limit=300))

    def action_cancel(self) -> None:
        self.dismiss(False)
