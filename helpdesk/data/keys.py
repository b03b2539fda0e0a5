"""The data screens' key bindings (ids, default keys, footer labels), gathered by
helpdesk/keymap.py; config.toml's [keys] remaps them by id."""

from __future__ import annotations

from helpdesk.keyspec import KeySpec

KEYS: tuple[KeySpec, ...] = (
    KeySpec("data.new", "n", "new", "data.key_new"),
    KeySpec("data.edit", "e,enter", "edit", "data.key_edit"),
    KeySpec("data.fulfil", "f", "fulfil", "data.key_fulfil"),
    KeySpec("data.deliver", "d", "deliver", "data.key_deliver"),
    KeySpec("data.cancel", "x", "cancel_request", "data.key_cancel"),
)
