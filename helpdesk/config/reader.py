"""Collects every problem of one config file as `file:line: key: what is wrong`, so a user
fixes them all in one pass instead of one per run."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from helpdesk.config.locate import line_of
from helpdesk.i18n import t

T = TypeVar("T")
Where = tuple[str, ...]  # where a value sits in the file: section, key, ...
Table = dict[str, Any]


def describe(value: Any) -> str:
    return f"{type(value).__name__} {value!r}"[:80]


class Reader:
    def __init__(self, file: str, source: str, folder: Path | None = None) -> None:
        self.file = file
        self.source = source
        self.folder = folder  # the config file's folder: a relative path given is from there
        self.problems: list[str] = []

    def problem(self, path: tuple[str, ...], message: str) -> None:
        line = line_of(self.source, path) if self.source else None
        where = f"{self.file}:{line}" if line else self.file
        self.problems.append(f"{where}: {'.'.join(path)}: {message}")

    def table(self, data: Any, path: tuple[str, ...], known: tuple[str, ...] | None) -> Table:
        if data is None:
            return {}
        if not isinstance(data, dict):
            self.problem(path, t("err.config.not_table", got=describe(data)))
            return {}
        if known is not None:
            for key in data:
                if key not in known:
                    self.problem((*path, key), t("err.config.unknown_key", known=", ".join(known)))
        return data

    def value(self, table: Table, path: tuple[str, ...], default: T,
              convert: Callable[[Any], T]) -> T:
        key = path[-1]
        if key not in table:
            return default
        try:
            return convert(table[key])
        except ValueError as err:
            self.problem(path, str(err))
            return default
