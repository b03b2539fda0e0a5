"""The contract screens' key bindings (ids, default keys, footer labels), gathered by
helpdesk/keymap.py; config.toml's [keys] remaps them by id."""

from __future__ import annotations

from helpdesk.keyspec import KeySpec

KEYS: tuple[KeySpec, ...] = (
    KeySpec("ledger.acceptance", "a", "toggle_acceptance", "ledger.key_acceptance"),
    KeySpec("ledger.pack", "p", "pack", "ledger.key_pack"),
)
