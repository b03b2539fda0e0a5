"""Every key binding of the console, as data: id -> default key and help-text key.

The UI builds its Bindings from this table and config.toml's [keys] section remaps by id, so a
user can change a key without touching code, and config validation can name an unknown id.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KeySpec:
    id: str
    key: str
    action: str
    label: str  # i18n key of the footer/help description
    show: bool = True


APP_KEYS: tuple[KeySpec, ...] = (
    KeySpec("app.today", "t", "goto('today')", "nav.today"),
    KeySpec("app.units", "u", "goto('units')", "nav.units"),
    KeySpec("app.staff", "s", "goto('staff')", "nav.staff"),
    KeySpec("app.audit", "a", "goto('audit')", "nav.audit"),
    KeySpec("app.help", "f1,question_mark", "help", "nav.help"),
    KeySpec("app.palette", "ctrl+p", "command_palette", "nav.palette", show=False),
    KeySpec("app.quit", "ctrl+q", "quit", "nav.quit"),
)

SCREEN_KEYS: tuple[KeySpec, ...] = (
    KeySpec("screen.back", "escape", "back", "nav.back"),
    KeySpec("screen.refresh", "f5,ctrl+r", "refresh", "nav.refresh"),
    KeySpec("list.next_page", "pagedown,n", "next_page", "list.next_page"),
    KeySpec("list.prev_page", "pageup,p", "prev_page", "list.prev_page"),
    KeySpec("units.edit", "e,enter", "edit", "units.edit"),
    KeySpec("units.add", "plus,insert", "add", "units.add"),
    KeySpec("form.save", "ctrl+s", "save", "form.save"),
    KeySpec("form.cancel", "escape", "cancel", "form.cancel"),
    KeySpec("help.close", "escape,f1,question_mark,q", "dismiss_help", "help.close"),
    KeySpec("lock.unlock", "enter", "unlock", "lock.unlock"),
)

ALL_KEYS: dict[str, KeySpec] = {spec.id: spec for spec in APP_KEYS + SCREEN_KEYS}
