"""The reports screens' key bindings (ids, default keys, footer labels), gathered by
helpdesk/keymap.py; config.toml's [keys] remaps them by id."""

from __future__ import annotations

from helpdesk.keyspec import KeySpec

KEYS: tuple[KeySpec, ...] = (
    KeySpec("reports.monthly", "m", "kind('monthly')", "reports.key_monthly"),
    KeySpec("reports.quarterly", "j", "kind('quarterly')", "reports.key_quarterly"),
    KeySpec("reports.annual", "y", "kind('annual')", "reports.key_annual"),
    KeySpec("reports.prev", "left_square_bracket", "prev", "reports.key_prev"),
    KeySpec("reports.next", "right_square_bracket", "next", "reports.key_next"),
    KeySpec("reports.export", "p", "export", "reports.key_export"),
)
