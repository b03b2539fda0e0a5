"""The inspection screens' key bindings (ids, default keys, footer labels), gathered by
helpdesk/keymap.py; config.toml's [keys] remaps them by id."""

from __future__ import annotations

from helpdesk.keyspec import KeySpec

KEYS: tuple[KeySpec, ...] = (
    KeySpec("inspection.ok", "o", "mark('ok')", "inspection.key_ok"),
    KeySpec("inspection.issue", "x", "mark('issue')", "inspection.key_issue"),
    KeySpec("inspection.na", "n", "mark('na')", "inspection.key_na"),
    KeySpec("inspection.usage", "u", "usage", "inspection.key_usage"),
    KeySpec("inspection.import", "i", "import", "inspection.key_import"),
    KeySpec("inspection.finish", "f", "finish", "inspection.key_finish"),
    KeySpec("inspection.problem", "w", "problem", "inspection.key_problem"),
    KeySpec("inspection.start", "s", "start", "inspection.key_start"),
    KeySpec("inspection.prev", "left_square_bracket", "prev", "inspection.key_prev"),
    KeySpec("inspection.next", "right_square_bracket", "next", "inspection.key_next"),
    KeySpec("inspection.reopen", "z", "reopen", "inspection.key_reopen", show=False),
    KeySpec("inspection.inventory", "d", "inventory", "inventory.title"),
    KeySpec("inspection.oplog", "g", "oplog", "oplog.title"),
)
