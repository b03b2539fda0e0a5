"""The console application: modes for each area, workspace opened in a worker thread."""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, work
from textual.app import App, SystemCommand
from textual.command import Provider
from textual.message import Message
from textual.screen import Screen

from helpdesk.actor import Actor
from helpdesk.areas import AREA_NAMES, AREAS, PLACES, Place
from helpdesk.clock import Clock
from helpdesk.config import Config
from helpdesk.errors import HelpdeskError
from helpdesk.i18n import set_locale, t, t_or

from .base import DataScreen
from .keys import bindings, localize, localize_textual_footers
from .live import LiveWatch
from .no_color import keep_alarms_bright
from .palette import HelpdeskCommands, PaletteEntry
from .today.today import TodayScreen

if TYPE_CHECKING:
    from helpdesk.services.workspace import Workspace

class WorkspaceReady(Message):
    def __init__(self, ws: Workspace, actor: Actor) -> None:
        super().__init__()
        self.ws = ws
        self.actor = actor


class WorkspaceFailed(Message):
    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


def _lazy(target: str) -> Callable[[], Screen[Any]]:
    module, name = target.split(":")

    def build() -> Screen[Any]:
        # Relative to this package: installed as helpdesk_console, a checkout's screens.
        screen: Screen[Any] = getattr(importlib.import_module(f".{module}", __package__),
                                      name)()
        return screen

    return build


class HelpdeskApp(App[int]):
    CSS_PATH = "helpdesk.tcss"
    # Only Today's code loads before the first frame; other areas import when first opened.
    MODES: ClassVar[dict[str, str | Callable[[], Screen[Any]]]] = {
        area.name: TodayScreen if area.name == "today" else _lazy(area.screen)
        for area in AREAS}
    DEFAULT_MODE = "today"
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {HelpdeskCommands}
    BINDINGS = bindings(*(area.binding_id for area in AREAS), "app.help", "app.palette",
                        "app.quit")

    def __init__(self, config: Config, db_url: str | None = None, *,
                 clock: Clock | None = None, os_user: str | None = None) -> None:
        set_locale(config.ui.locale)
        localize_textual_footers()
        super().__init__()
        localize(self)
        keep_alarms_bright(self._filters)
        self.config = config
        self.db_url = db_url
        self.clock = clock
        self.os_user = os_user
        self.ws: Workspace | None = None
        self.actor: Actor | None = None
        self.live: LiveWatch | None = None
        self.load_error: str | None = None
        self.title = t("app.title")
        self.last_input = time.monotonic()

    def on_mount(self) -> None:
        if self.config.ui.theme in self.available_themes:
            self.theme = self.config.ui.theme
        else:
            self.notify(t("app.unknown_theme", theme=self.config.ui.theme),
                        severity="warning", markup=False)
        if self.config.keys:
            self.set_keymap(self.config.keys)
        # After the first frame: the worker's imports (SQLAlchemy, Alembic) would compete with
        # the first paint for the GIL.
        self.call_after_refresh(self.open_workspace)
        if self.config.security.idle_lock_minutes:
            self.set_interval(15, self.lock_if_idle)
        self.run_worker(self._check_terminal, thread=True, exclusive=False)

    def action_help_quit(self) -> None:
        """Ctrl+C no longer quits (it copies in a field): say how to, in the user's language
        (Textual's own hint is English)."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(t("app.quit_hint", key=key), title=t("app.quit_title"),
                            markup=False)
                return

    def _check_terminal(self) -> None:
        """tmux's escape-time, asked once, off the UI thread (a subprocess)."""
        from helpdesk.terminal_checks import escape_time_problem, fix, tmux_escape_time

        problem = escape_time_problem(tmux_escape_time())
        if problem:
            self.call_from_thread(self.notify, f"{problem}\n{fix()}", severity="warning",
                                  markup=False, timeout=20)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.Paste):
            self.last_input = time.monotonic()
        elif isinstance(event, events.DescendantFocus) and not self.config.ui.cursor_blink:
            from textual.widgets import Input, TextArea

            if isinstance(event.widget, Input | TextArea):  # [ui] cursor_blink = false
                event.widget.cursor_blink = False
        await super().on_event(event)

    def lock_if_idle(self, idle_seconds: float | None = None) -> None:
        from .lock import LockScreen

        minutes = self.config.security.idle_lock_minutes
        idle = time.monotonic() - self.last_input if idle_seconds is None else idle_seconds
        if minutes and idle >= minutes * 60 and not isinstance(self.screen, LockScreen):
            self.push_screen(LockScreen(minutes))

    @work(thread=True, exclusive=True, group="workspace")
    def open_workspace(self) -> None:
        from helpdesk.app.opening import open_workspace
        from helpdesk.services.workspace import resolve_actor

        try:
            ws = open_workspace(self.config, self.db_url, clock=self.clock, os_user=self.os_user)
            actor = resolve_actor(ws)
        except HelpdeskError as err:
            self.post_message(WorkspaceFailed(str(err)))
            return
        self.post_message(WorkspaceReady(ws, actor))
        self.daily_backup(ws)

    @work(thread=True, exclusive=True, group="backup")
    def daily_backup(self, ws: Workspace) -> None:
        """The day's copy, after the first screen has its data: nobody waits on it."""
        from helpdesk.app.backups import backup_alarm, take_daily_backup

        try:
            take_daily_backup(ws)
            alarm = backup_alarm(ws)
        except HelpdeskError as err:  # a broken backup setting: said, never a crash
            alarm = str(err)
        if alarm:
            self.call_from_thread(self.notify, alarm, severity="error", markup=False,
                                  timeout=600)

    def on_workspace_ready(self, message: WorkspaceReady) -> None:
        self.ws, self.actor = message.ws, message.actor
        self.live = LiveWatch(self, message.ws, message.actor,
                              self.config.ui.live_refresh_seconds)
        self.live.start()
        self.sub_title = t("app.operator", name=message.actor.name,
                           role=t(f"app.role_{message.actor.role}"))
        if isinstance(self.screen, DataScreen):
            self.screen.workspace_ready()

    def on_unmount(self) -> None:
        if self.live is not None:
            self.live.stop()  # others stop seeing this console at once, not after the timeout

    def on_workspace_failed(self, message: WorkspaceFailed) -> None:
        self.load_error = message.error
        if isinstance(self.screen, TodayScreen):
            self.screen.show_load_error(message.error)
        self.notify(message.error, severity="error", markup=False, timeout=30)

    def action_goto(self, area: str) -> None:
        """An area's letter opens that area's root screen, whatever sub-screen it was left on
        (issue 34: `c` could land on 全省排名); a dialog or a form on top (a modal screen,
        holding what was typed) is kept."""
        from textual.screen import ModalScreen

        if area not in AREA_NAMES:
            return
        if area != self.current_mode:
            self.switch_mode(area)
        while len(self.screen_stack) > 1 and not isinstance(self.screen, ModalScreen):
            self.pop_screen()

    def open_place(self, place: Place) -> None:
        """A screen inside an area, opened from anywhere: the area's root, then the screen."""
        self.action_goto(place.area)
        self.push_screen(_lazy(place.screen)())

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from .palette import Palette

        if self.use_command_palette and not any(
                isinstance(screen, CommandPalette) for screen in self.screen_stack):
            self.push_screen(Palette())

    def action_help(self) -> None:
        from .help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        key = getattr(self.screen, "help_key", "nav.help")
        self.push_screen(HelpScreen(self.screen, t(key)))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for entry in self.palette_entries(screen):
            yield SystemCommand(entry.title, entry.help, entry.callback)

    def palette_entries(self, screen: Screen[object]) -> list[PaletteEntry]:
        """The palette's commands: the areas, help, the screen's own keys and commands, then
        Textual's (theme, quit…), all in the UI's language, each title once."""
        entries = [PaletteEntry(t(area.label), t("nav.palette_area", key=area.key),
                                partial(self.action_goto, area.name),
                                t_or(f"palette_words.{area.name}", ""))
                   for area in AREAS]
        entries.append(PaletteEntry(t("nav.help"), "F1", self.action_help))
        if isinstance(screen, DataScreen):
            entries.append(PaletteEntry(t("nav.refresh"), "F5", screen.action_refresh))
            entries += [PaletteEntry(command.title, command.help, command.callback)
                        for command in screen.palette_commands()]
            for namespace, binding, enabled, _tip in screen.active_bindings.values():
                if namespace is self or not (binding.show and enabled) \
                        or binding.action in ("back", "help"):
                    continue
                entries.append(PaletteEntry(
                    binding.description,
                    t("nav.palette_key", key=self.get_key_display(binding)),
                    partial(self.run_action, binding.action, namespace),
                    t_or(f"palette_words.{binding.id}", "") if binding.id else ""))
        # the screens inside areas, after this screen's keys (三率 on the worklist is its R)
        entries += [PaletteEntry(t(place.label), t("nav.palette_place",
                                                   area=t(f"nav.{place.area}")),
                                 partial(self.open_place, place),
                                 t_or(f"palette_words.{place.label}", ""))
                    for place in PLACES]
        for command in super().get_system_commands(screen):  # Textual's own, in our language
            entries.append(PaletteEntry(t_or(f"textual.{command.title}", command.title),
                                        t_or(f"textual.{command.help}", command.help),
                                        command.callback))
        first: dict[str, PaletteEntry] = {}
        for entry in entries:
            first.setdefault(entry.title, entry)
        return list(first.values())
