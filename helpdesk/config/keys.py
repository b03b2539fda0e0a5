"""The [keys] table: a binding id (helpdesk/keymap.py) and the key(s) for it; an id that is
no binding, or a value that is no key name, is refused with the file and line."""

from __future__ import annotations

from typing import Any

from helpdesk.config.reader import Reader, Where, describe
from helpdesk.i18n import t
from helpdesk.keymap import ALL_KEYS, RENAMED_BINDINGS


def read_keys(reader: Reader, value: Any, path: Where, default: dict[str, str]) -> dict[str, str]:
    """`[keys] "app.today" = "f2"`: a binding id (helpdesk/keymap.py) and the key(s) for it."""
    keys = dict(default)
    for given_id, key in reader.table(value, path, None).items():
        binding_id = RENAMED_BINDINGS.get(given_id, given_id)
        if binding_id not in ALL_KEYS:
            reader.problem((*path, binding_id), t("err.config.unknown_binding"))
        elif not isinstance(key, str) or not key.strip():
            reader.problem((*path, binding_id), t("err.config.not_key_name", got=describe(key)))
        else:
            keys[binding_id] = key.strip()
    return keys
