"""Mainland resident ID numbers (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit
sequence, ISO 7064 MOD 11-2 check character. Legacy 15-digit numbers (YYMMDD birth date, no
check character) are accepted and flagged."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from helpdesk.i18n import t

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
_EIGHTEEN = re.compile(r"^\d{17}[\dX]$")
_FIFTEEN = re.compile(r"^\d{15}$")


@dataclass(frozen=True)
class IdCheck:
    valid: bool
    legacy: bool  # a 15-character number
    birth_date: date | None
    problem: str = ""


def check_character(first17: str) -> str:
    return CHECK_CHARS[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]


def _birth(text: str, today: date) -> date | None:
    try:
        born = date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None
    return born if date(1900, 1, 1) <= born <= today else None


def check_id_number(value: str, today: date) -> IdCheck:
    number = value.strip().upper()
    if _FIFTEEN.match(number):
        born = _birth("19" + number[6:12], today)
        if born is None:
            return IdCheck(False, True, None, t("err.idcard.birth_date"))
        return IdCheck(True, True, born, t("err.imports.legacy_id"))
    if not _EIGHTEEN.match(number):
        return IdCheck(False, False, None,
                       t("err.idcard.length"))
    born = _birth(number[6:14], today)
    if born is None:
        return IdCheck(False, False, None, t("err.idcard.birth_date"))
    expected = check_character(number[:17])
    if number[17] != expected:
        return IdCheck(False, False, born,
                       t("err.idcard.check", expected=expected))
    return IdCheck(True, False, born)
