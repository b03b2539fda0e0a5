"""The cases screens' key bindings (ids, default keys, footer labels), gathered by
helpdesk/keymap.py; config.toml's [keys] remaps them by id."""

from __future__ import annotations

from helpdesk.keyspec import KeySpec

KEYS: tuple[KeySpec, ...] = (
    KeySpec("worklist.urge", "y", "urge", "worklist.urge"),
    KeySpec("worklist.copy", "x", "copy", "worklist.copy"),
    KeySpec("worklist.open", "o", "open", "queue.open"),
    KeySpec("worklist.list", "l", "case_list", "cases.list"),
    KeySpec("worklist.rates", "R", "rates", "cases.rates"),
    KeySpec("rates.ranking", "k", "ranking", "ranking.title"),
    KeySpec("worklist.proxy", "w", "proxy", "proxy.title"),
    KeySpec("case.proxy", "w", "proxy", "proxy.log_key"),
    KeySpec("proxy.new", "n", "new", "proxy.new_key"),
    KeySpec("ranking.new", "n", "new", "ranking.new_key"),
    KeySpec("ranking.edit", "e,enter", "edit", "ranking.edit_key"),
    KeySpec("ranking.import", "i", "import", "ranking.import_key"),
    KeySpec("worklist.import", "i", "import_file", "import.title"),
    KeySpec("worklist.nothing_due", "d", "nothing_due", "worklist.nothing_due"),
    KeySpec("case.stage", "a", "stage", "cases.advance"),
    KeySpec("case.extend", "e", "extend", "cases.extend"),
    KeySpec("case.hearing", "H", "hearing", "cases.hearing_key"),
    KeySpec("case.unmask", "m", "unmask", "cases.unmask"),
)
