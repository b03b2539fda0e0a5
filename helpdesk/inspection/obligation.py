"""The inspection obligation: one inspection for every calendar month the contract period touches.
A month's inspection is on time when finished by its due day (a working day early in the
following month), late when finished after it, missing when the due day passed without one."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

STATES = ("met", "late", "missing", "due", "open", "future")


@dataclass(frozen=True)
class InspectionMonth:
    month: str  # "2026-11"
    start: date  # the month clamped to the contract period
    end: date
    due: date
    due_provisional: bool  # the due day needs a calendar year not loaded yet
    inspection_id: int | None
    done_on: date | None
    state: str

    @property
    def breached(self) -> bool:
        return self.state == "missing"


def month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def month_bounds(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return first, following - timedelta(days=1)


def months(start: date, end: date) -> list[tuple[int, int]]:
    found = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        found.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def inspection_months(start: date, end: date, done: Mapping[str, tuple[int, date | None]],
                      today: date, due_of: Callable[[int, int], tuple[date, bool]]
                      ) -> list[InspectionMonth]:
    """`done` maps "YYYY-MM" to (inspection id, day finished or None while still open);
    `due_of(year, month)` gives the due day for that month and whether it is provisional."""
    rows = []
    for year, month in months(start, end):
        first, last = month_bounds(year, month)
        key = f"{year:04d}-{month:02d}"
        due, provisional = due_of(year, month)
        inspection_id, done_on = done.get(key, (None, None))
        if done_on is not None:
            state = "met" if done_on <= due else "late"
        elif due < today:
            state = "missing"
        elif last < today:
            state = "due"
        elif first <= today:
            state = "open"
        else:
            state = "future"
        rows.append(InspectionMonth(key, max(first, start), min(last, end), due, provisional,
                                    inspection_id, done_on, state))
    return rows
