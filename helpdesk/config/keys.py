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
    _clashes(reader, path, keys, set(keys) - set(default))
    return keys


def _clashes(reader: Reader, path: Where, given: dict[str, str], changed: set[str]) -> None:
    """Two bindings of one screen on one key: the second would never fire. Reported on the
    id the file gave. (A screen's own key heard before an area letter is by design.)"""
    bound: dict[str, str] = {}  # "screen key" -> binding id
    for binding_id in sorted(ALL_KEYS, key=lambda name: name in changed):
        screen = binding_id.partition(".")[0]
        for key in (given.get(binding_id) or ALL_KEYS[binding_id].key).split(","):
            slot = f"{screen} {key.strip()}"
            other = bound.setdefault(slot, binding_id)
            if other != binding_id and (binding_id in changed or other in changed):
                reader.problem((*path, binding_id), t("err.config.key_clash", key=key.strip(),
                                                      other=other))
