"""The security screens' key bindings (ids, default keys, footer labels), gathered by
helpdesk/keymap.py; config.toml's [keys] remaps them by id."""

from __future__ import annotations

from helpdesk.keyspec import KeySpec

KEYS: tuple[KeySpec, ...] = (
    KeySpec("security.exam", "n", "exam", "security.exam_key"),
    KeySpec("security.pledge", "w", "pledge", "security.pledge_key"),
    KeySpec("security.registers", "g", "registers", "registers.title"),
    KeySpec("security.network", "f", "network", "network.title"),
    KeySpec("security.holdings", "h", "holdings", "security.holdings_key"),
    KeySpec("security.export", "e", "export", "security.export_key"),
    KeySpec("network.scan", "n", "scan", "network.key_scan"),
    KeySpec("network.finding", "a", "finding", "network.key_finding"),
    KeySpec("network.fix", "x", "fix", "network.key_fix"),
    KeySpec("network.verify", "v", "verify", "network.key_verify"),
    KeySpec("network.problem", "w", "problem", "network.key_problem"),
    KeySpec("registers.prev", "left_square_bracket", "prev", "registers.prev"),
    KeySpec("registers.next", "right_square_bracket", "next", "registers.next"),
    KeySpec("registers.new", "n", "new", "registers.new_key"),
    KeySpec("registers.close", "c", "close", "registers.close_key"),
    KeySpec("registers.report", "r", "report", "registers.report_key"),
)
