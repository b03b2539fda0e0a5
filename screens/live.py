"""Other engineers' changes reach this console while it is open: every few seconds a worker
asks for the audit records committed since the last look (helpdesk.app.live); each screen
on the stack is told, and decides what to refresh. Presence: the console registers itself and
beats every HEARTBEAT seconds, so Today can say who else has it open."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from textual.app import App
from textual.timer import Timer

from helpdesk.i18n import t

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.app.live import ChangeNotice
    from helpdesk.services.workspace import Workspace

HEARTBEAT = 30.0


@runtime_checkable
class Watching(Protocol):
    """A screen (or form) that reacts to other engineers' changes."""

    def records_changed(self, notices: list[ChangeNotice]) -> None: ...


class LiveWatch:
    def __init__(self, app: App[Any], ws: Workspace, actor: Actor, seconds: int) -> None:
        self.app, self.ws, self.actor, self.seconds = app, ws, actor, seconds
        self.seq: int | None = None
        self.session_id: int | None = None
        self.last_beat = 0.0
        self.timer: Timer | None = None
        self.looking = False

    def start(self) -> None:
        self.app.run_worker(self._open, thread=True, group="live")
        if self.seconds:
            self.timer = self.app.set_interval(self.seconds, self.look)

    def _open(self) -> None:
        from helpdesk.app.live import latest_seq, open_console

        self.seq = latest_seq(self.ws)
        self.session_id = open_console(self.ws, self.actor)
        self.last_beat = time.monotonic()

    def look(self) -> None:
        # A look still running (a slow database) is left to finish: the next tick skips rather
        # than cancelling it.
        if self.seq is not None and not self.looking:
            self.looking = True
            self.app.run_worker(self._look, thread=True, group="live")

    def _look(self) -> None:
        try:
            self._look_once()
        finally:
            self.looking = False

    def _look_once(self) -> None:
        from helpdesk.app.live import changes_since, heartbeat

        assert self.seq is not None
        changes = changes_since(self.ws, self.actor, self.seq)
        self.seq = changes.latest
        if self.session_id is not None and time.monotonic() - self.last_beat >= HEARTBEAT:
            heartbeat(self.ws, self.session_id)
            self.last_beat = time.monotonic()
        if changes.notices:
            self.app.call_from_thread(self.deliver, changes.notices)

    def deliver(self, notices: list[ChangeNotice]) -> None:
        """Every screen on the stack hears of it: the one on top refreshes now, the ones below
        when they show again (their own resume reload)."""
        for screen in self.app.screen_stack:
            if isinstance(screen, Watching):
                screen.records_changed(notices)

    def stop(self) -> None:
        from helpdesk.app.live import close_console

        if self.timer is not None:
            self.timer.stop()
        if self.session_id is not None:
            close_console(self.ws, self.session_id)
            self.session_id = None


def change_line(notice: ChangeNotice, app: App[Any]) -> str:
    """`李晓燕 问题状态 Q2026-00212：状态 新建→处理中`: who did what to which record (an
    instant in it shown in the bureau's zone, not as stored)."""
    from helpdesk.audit_summary import action_label, describe, record_label

    from .host import host_of

    ws = host_of(app).ws
    line = t("live.changed", name=notice.actor_name, action=action_label(notice.action),
             record=notice.reference or record_label(notice.entity, notice.entity_id))
    detail = describe(notice.summary, ws.hours.zone if ws is not None else None,
                      notice.entity) if notice.summary else ""
    return f"{line}{t('app.detail_sep')}{detail}" if detail else line
