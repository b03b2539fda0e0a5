"""Every key binding of the console, as data: id -> default key and help-text key.

The UI builds its Bindings from this table and config.toml's [keys] remaps by id, so a
user can change a key without touching code, and config validation can name an unknown id.
Each area declares its own keys in `helpdesk/<area>/keys.py`; this module adds the app's and
the shared ones (back, paging, forms, dialogs) and gathers them, one line per area.
"""

from __future__ import annotations

from helpdesk.areas import AREAS
from helpdesk.cases import keys as cases_keys
from helpdesk.contract import keys as contract_keys
from helpdesk.data import keys as data_keys
from helpdesk.inspection import keys as inspection_keys
from helpdesk.keyspec import KeySpec
from helpdesk.monitoring import keys as monitoring_keys
from helpdesk.questions import keys as questions_keys
from helpdesk.reports import keys as reports_keys
from helpdesk.roster import keys as roster_keys
from helpdesk.security import keys as security_keys
from helpdesk.training import keys as training_keys

__all__ = ["ALL_KEYS", "RENAMED_BINDINGS", "KeySpec"]

APP_KEYS: tuple[KeySpec, ...] = (
    *(KeySpec(area.binding_id, area.key, f"goto('{area.name}')", area.label) for area in AREAS),
    KeySpec("app.help", "f1,question_mark", "help", "nav.help"),
    KeySpec("app.palette", "ctrl+p", "command_palette", "nav.palette", show=False),
    KeySpec("app.quit", "ctrl+q", "quit", "nav.quit"),
)

SHARED_KEYS: tuple[KeySpec, ...] = (
    KeySpec("screen.back", "escape", "back", "nav.back"),
    # Not in the footer (F1 help lists them): at 80 columns the footer keeps room for the
    # screen's own actions; "] 下一页" and the page line below a list say paging exists.
    KeySpec("screen.refresh", "f5,ctrl+r", "refresh", "nav.refresh", show=False),
    KeySpec("list.next_page", "right_square_bracket", "next_page", "list.next_page"),
    # F3 views, as in the file managers engineers know: the highlighted row, every cell whole
    # (a column cut at 80 columns is read here, and its text can be selected and copied).
    KeySpec("list.view_row", "f3", "view_row", "list.view_row", show=False),
    KeySpec("list.prev_page", "left_square_bracket", "prev_page", "list.prev_page", show=False),
    KeySpec("units.edit", "e,enter", "edit", "units.edit"),
    KeySpec("units.add", "plus,insert", "add", "units.add"),
    KeySpec("import.run", "ctrl+s", "run", "import.run"),
    KeySpec("import.skip_invalid", "k", "skip_invalid", "import.skip_invalid"),
    KeySpec("form.save", "ctrl+s", "save", "form.save"),
    KeySpec("form.cancel", "escape", "cancel", "form.cancel"),
    # Only y goes ahead: an Enter typed ahead must not confirm something irreversible.
    KeySpec("confirm.yes", "y", "yes", "confirm.yes"),
    KeySpec("confirm.no", "n,escape", "no", "confirm.no"),
    KeySpec("dialog.close", "escape,enter", "close", "dialog.close"),
    KeySpec("help.close", "escape,f1,question_mark,q", "dismiss_help", "help.close"),
    KeySpec("lock.unlock", "enter", "unlock", "lock.unlock"),
)

AREA_KEYS: tuple[tuple[KeySpec, ...], ...] = (
    questions_keys.KEYS,
    cases_keys.KEYS,
    roster_keys.KEYS,
    training_keys.KEYS,
    inspection_keys.KEYS,
    monitoring_keys.KEYS,
    contract_keys.KEYS,
    reports_keys.KEYS,
    security_keys.KEYS,
    data_keys.KEYS,
)

ALL_KEYS: dict[str, KeySpec] = {
    spec.id: spec for spec in (*APP_KEYS, *SHARED_KEYS, *(k for keys in AREA_KEYS for k in keys))
}
# Binding ids renamed since a release: a config.toml written for the old name keeps working.
RENAMED_BINDINGS: dict[str, str] = {"app.queue": "app.questions"}
