"""The kinds of value a command's arguments take, each bounded: whatever a script or a typo
hands over (2026-02-30, full-width digits from a Chinese IME, 0, 2⁶⁴, inf, nan, year 9999)
is either a value the services can work with or a usage error naming it (exit 2), never a
traceback further in. Every numeric argument uses one of these (tests/test_argument_walk.py
walks the real parser and feeds each argument hostile values by its kind)."""

from __future__ import annotations

import argparse
import math
import unicodedata
from collections.abc import Callable
from datetime import date

from helpdesk.i18n import t
from helpdesk.text import clean

FIRST_YEAR, LAST_YEAR = 2000, 2099  # the days this service's records can be about


def _typed(value: str) -> str:
    """Full-width digits, colons and minus signs as an IME types them, read as ASCII."""
    return unicodedata.normalize("NFKC", value).strip()


def _shown(value: str) -> str:
    return clean(value, single_line=True, max_length=40)


def whole(minimum: int, maximum: int) -> Callable[[str], int]:
    def convert(value: str) -> int:
        text = _typed(value)
        if not text.lstrip("-").isdigit():
            raise argparse.ArgumentTypeError(t("app.not_a_whole", value=_shown(value)))
        # a digit string too long to be in range is not converted at all (int() of a huge
        # string is slow, and Python refuses past 4,300 digits)
        if len(text) > 20 or not minimum <= int(text) <= maximum:
            raise argparse.ArgumentTypeError(t("app.out_of_range", value=_shown(value),
                                               minimum=minimum, maximum=maximum))
        return int(text)

    convert.__name__ = "whole number"
    return convert


def amount(minimum: float, maximum: float) -> Callable[[str], float]:
    def convert(value: str) -> float:
        try:
            number = float(_typed(value))
        except ValueError:
            raise argparse.ArgumentTypeError(t("app.not_a_number", value=_shown(value))) \
                from None
        if not math.isfinite(number) or not minimum <= number <= maximum:
            raise argparse.ArgumentTypeError(t("app.out_of_range", value=_shown(value),
                                               minimum=f"{minimum:g}", maximum=f"{maximum:g}"))
        return number

    convert.__name__ = "number"
    return convert


def day(value: str) -> date:
    """YYYY-MM-DD (full-width digits too), a real day, within the years the service covers."""
    try:
        parsed = date.fromisoformat(_typed(value))
    except ValueError:
        raise argparse.ArgumentTypeError(t("app.not_a_date", value=_shown(value))) from None
    if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
        raise argparse.ArgumentTypeError(t("app.out_of_range", value=_shown(value),
                                           minimum=FIRST_YEAR, maximum=LAST_YEAR))
    return parsed


day.__name__ = "date"

RECORD_ID = whole(1, 2**62)  # a row's id as `list` and `show` print it
LIMIT = whole(1, 100_000)  # how many rows a listing prints
DAYS = whole(1, 3660)
MINUTES = whole(0, 24 * 60 * 30)
YEAR = whole(FIRST_YEAR, LAST_YEAR)
COUNT = whole(0, 100_000_000)  # people, accounts, institutions
YUAN = amount(0, 1e10)
HOURS = amount(0, 100_000)
