"""A value as a person types it into a field, read the way they meant it.

A Chinese input method gives full-width digits and punctuation (`２８`, `10：00`, `95.2％`,
`２０２６年１２月９日`); a day may be written as imports accept it (`2026/12/09`,
`2026.12.09`, `2026年12月9日`); a day that does not exist (`2026-02-30`) is named as such, not
called a format problem. Only values that are numbers, days and times are normalised (NFKC):
free text keeps the full-width punctuation its writer chose.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time

from helpdesk.errors import UsageError

_CHINESE_DAY = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$")
_DAY = re.compile(r"^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})$")
_COMPACT_DAY = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_TIME = re.compile(r"^(\d{1,2})\s*[:点時时]\s*(\d{2})\s*分?$")
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")


def normal(text: str) -> str:
    """What a number, day or time field holds once the input method's forms are folded:
    NFKC (full-width digits, colons, percent signs and spaces), no controls, no edges."""
    return _CONTROLS.sub("", unicodedata.normalize("NFKC", text)).strip()


def day_parts(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) as written, whether or not such a day exists; None when the text
    is not written as a day at all."""
    for pattern in (_DAY, _CHINESE_DAY, _COMPACT_DAY):
        found = pattern.match(text)
        if found:
            year, month, day = (int(part) for part in found.groups())
            return year, month, day
    return None


def typed_day(text: str, field: str) -> date:
    """The day in `text`; UsageError naming `field` (a label already in the user's language)
    and saying whether the text is no day or a day that does not exist."""
    value = normal(text)
    parts = day_parts(value)
    if parts is None:
        raise UsageError("err.typed.not_a_day", field=field, value=value)
    try:
        return date(*parts)
    except ValueError:
        raise UsageError("err.typed.no_such_day", field=field, value=value) from None


def typed_time(text: str, field: str) -> time:
    """A time of day: `9:30`, `09:30`, `10：00` (full-width colon), `10点00`."""
    value = normal(text)
    found = _TIME.match(value)
    if found is None:
        raise UsageError("err.typed.not_a_time", field=field, value=value)
    hour, minute = int(found.group(1)), int(found.group(2))
    if hour > 23 or minute > 59:
        raise UsageError("err.typed.no_such_time", field=field, value=value)
    return time(hour, minute)


def typed_instant_parts(text: str, field: str) -> datetime:
    """A day and a time of day (`2026-10-09 10:00`, `2026年10月9日 10：00`), naive: the caller
    puts it in the display zone."""
    value = normal(text)
    day_text, _, time_text = value.rpartition(" ")
    if not day_text:
        raise UsageError("err.typed.not_an_instant", field=field, value=value)
    return datetime.combine(typed_day(day_text, field), typed_time(time_text, field))


def typed_whole(text: str, field: str, *, low: int = 0, high: int | None = None,
                empty: int | None = None) -> int:
    """A whole number within [low, high]; `empty` stands for an empty field when given."""
    value = normal(text).replace(",", "")
    if not value and empty is not None:
        return empty
    if not re.fullmatch(r"[+-]?\d{1,18}", value):
        raise UsageError("err.typed.not_a_whole", field=field, value=value)
    number = int(value)
    if number < low or (high is not None and number > high):
        raise UsageError("err.typed.out_of_range", field=field, value=value, low=low,
                         high="∞" if high is None else high)
    return number


def typed_percent(text: str, field: str) -> float:
    """A percentage: `95.2`, `95.2%`, `95.2％` (full-width), between 0 and 100."""
    value = normal(text).removesuffix("%").strip()
    try:
        number = float(value)
    except ValueError:
        raise UsageError("err.typed.not_a_percent", field=field, value=normal(text)) from None
    if not 0 <= number <= 100:
        raise UsageError("err.typed.out_of_range", field=field, value=normal(text), low=0,
                         high=100)
    return number
