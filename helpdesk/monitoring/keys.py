"""The monitoring screens' key bindings (ids, default keys, footer labels), gathered by
helpdesk/keymap.py; config.toml's [keys] remaps them by id."""

from __future__ import annotations

from helpdesk.keyspec import KeySpec

KEYS: tuple[KeySpec, ...] = (
    KeySpec("oplog.open", "enter", "open", "oplog.open_key"),
    KeySpec("oplog.import", "i", "import", "oplog.import_key"),
    KeySpec("oplog.dormant", "z", "dormant", "oplog.dormant_key"),
    KeySpec("oplog.request", "g", "request", "oplog.request_key"),
    KeySpec("inventory.outdated", "v", "toggle_outdated", "inventory.outdated_key"),
    KeySpec("inventory.import", "i", "import", "inventory.import_key"),
)
