"""What a screen may ask of the console it runs in, without importing the application class
(which imports the screens: a typed accessor instead of an import loop)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from textual.app import App

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.config import Config
    from helpdesk.services.workspace import Workspace


@runtime_checkable
class Host(Protocol):
    config: Config
    ws: Workspace | None
    actor: Actor | None
    load_error: str | None

    def action_goto(self, area: str) -> None: ...

    # The two App methods screens reach through the host (the rest through `self.app`).
    def call_from_thread(self, callback: Callable[..., Any], *args: Any,
                         **kwargs: Any) -> Any: ...

    def push_screen(self, screen: Any, callback: Any = None,
                    wait_for_dismiss: bool = False) -> Any: ...


def host_of(app: App[object]) -> Host:
    assert isinstance(app, Host), f"{app!r} is not the helpdesk console"
    return app
