"""How a config value is declared and checked: `setting(default, convert)` puts the checker
beside the default on the schema's field, so each key is written once (schema.py) and the
loader walks the fields. A checker returns the typed value or raises ValueError with the
user's message."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from helpdesk.config.reader import Reader, describe
from helpdesk.i18n import t
from helpdesk.vocab import ROLES

T = TypeVar("T")
Convert = Callable[[Any], T]
# A key whose value is itself a table (or, `flat`, whose keys sit in the section's own table):
# read(reader, value, path, default) reports its own problems and returns what it could read.
ReadTable = Callable[[Reader, Any, tuple[str, ...], T], T]


def setting(default: T, convert: Convert[T]) -> T:
    result: T = field(default=default, metadata={"convert": convert})
    return result


def table_setting(factory: Callable[[], T], read: ReadTable[T], *, flat: bool = False) -> T:
    result: T = field(default_factory=factory, metadata={"read": read, "flat": flat})
    return result


def section(factory: Callable[[], T]) -> T:
    result: T = field(default_factory=factory, metadata={"section": True})
    return result


@dataclass(frozen=True)
class PathSetting:
    """A file or folder the config names. Given in the file, a relative value is taken from
    the config's own folder and checked by `kind` at load (config/places.py); left out, the
    default lives in the user data folder (Config.resolve_path). kind: "file" (must exist),
    "dir" (must exist), "file_in_dir" (made when needed, in a folder that exists), "not_a_file"
    (a folder made when needed, never an existing file), "database" (a URL, or a file_in_dir)."""

    kind: str

    def __call__(self, value: Any) -> str:
        return text(value)


def text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(t("err.config.not_string", got=describe(value)))
    return value


def integer(minimum: int, maximum: int) -> Convert[int]:
    def convert(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(t("err.config.not_integer", got=describe(value)))
        if not minimum <= value <= maximum:
            raise ValueError(t("err.config.out_of_range", minimum=minimum, maximum=maximum,
                               got=value))
        return value

    return convert


def number(minimum: float, maximum: float) -> Convert[float]:
    def convert(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(t("err.config.not_number", got=describe(value)))
        if not minimum <= value <= maximum:
            raise ValueError(t("err.config.out_of_range", minimum=minimum, maximum=maximum,
                               got=value))
        return float(value)

    return convert


def boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(t("err.config.not_bool", got=describe(value)))
    return value


def always_true(value: Any) -> bool:
    """Personal data is always masked (unmasking one case is a manager's audited act): a
    setting that claimed to switch it off would be a lie."""
    if boolean(value) is not True:
        raise ValueError(t("err.config.always_masked"))
    return True


def choice(options: tuple[str, ...]) -> Convert[Any]:
    def convert(value: Any) -> str:
        if value not in options:
            raise ValueError(t("err.config.not_choice", options=", ".join(options),
                               got=describe(value)))
        return str(value)

    return convert


_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


def clock_time(value: Any) -> time:
    if isinstance(value, time):
        return value
    if not isinstance(value, str) or not _HHMM.match(value):
        raise ValueError(t("err.config.not_time", got=describe(value)))
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


def day(value: Any) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(t("err.config.not_date", got=describe(value)))


def versions(value: Any) -> tuple[tuple[str, str], ...]:
    """{ PageOffice = "5.4", … }: a name and a non-empty version each."""
    if not isinstance(value, dict):
        raise ValueError(t("err.config.not_versions", got=describe(value)))
    found: list[tuple[str, str]] = []
    for name, version in value.items():
        if not isinstance(version, str) or not version.strip():
            raise ValueError(t("err.config.not_version", name=name, got=describe(version)))
        found.append((str(name).strip(), version.strip()))
    return tuple(found)


def periods(value: Any) -> tuple[tuple[time, time], ...]:
    if not isinstance(value, list) or not value:
        raise ValueError(t("err.config.not_periods"))
    found: list[tuple[time, time]] = []
    for item in value:
        if not isinstance(item, list) or len(item) != 2:
            raise ValueError(t("err.config.not_period", got=describe(item)))
        start, end = clock_time(item[0]), clock_time(item[1])
        if end <= start:
            raise ValueError(t("err.config.period_backwards", start=item[0], end=item[1]))
        if found and start < found[-1][1]:
            raise ValueError(t("err.config.period_overlap", start=item[0], end=item[1]))
        found.append((start, end))
    return tuple(found)


def roles(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(v in ROLES for v in value):
        raise ValueError(t("err.config.not_roles", roles=", ".join(ROLES), got=describe(value)))
    return tuple(value)


def zone(value: Any) -> str:
    name = text(value)
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(t("err.config.unknown_zone", name=name)) from None
    return name
