"""The training obligation: `trainings_per_year` sessions held in each contract year, spread
over equal periods (two a year: one per half-year). A period is met by a session held in it;
it is at risk when it ends within the reminder window with nothing planned; missed when it
ended with nothing held."""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class HeldOrPlanned:
    id: int
    day: date
    status: str  # planned | held (cancelled sessions are left out by the caller)


@dataclass(frozen=True)
class Period:
    number: int  # 1-based within the contract year
    start: date
    end: date  # inclusive
    held: tuple[int, ...]
    planned: tuple[int, ...]
    state: str  # met | planned | due | at_risk | missed | future
    planned_on: date | None = None  # the earliest planned session's day


@dataclass(frozen=True)
class Obligation:
    year_start: date
    year_end: date
    required: int
    held: int
    periods: tuple[Period, ...]
    next_due: date | None  # end of the first period still to be met; None when all are met

    @property
    def shortfall(self) -> int:
        return max(0, self.required - self.held)

    def current(self, today: date) -> Period | None:
        return next((p for p in self.periods if p.start <= today <= p.end), None)


def add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


def contract_year(start: date, end: date, today: date) -> tuple[date, date]:
    """The contract year holding `today` (clamped to the contract period)."""
    if today < start:
        today = start
    if today > end:
        today = end
    years = 0
    while add_months(start, 12 * (years + 1)) <= today:
        years += 1
    first = add_months(start, 12 * years)
    return first, min(end, add_months(start, 12 * (years + 1)) - timedelta(days=1))


def period_bounds(first: date, last: date, count: int) -> list[tuple[date, date]]:
    if count <= 0:
        return []
    if 12 % count == 0:
        step = 12 // count
        starts = [add_months(first, step * i) for i in range(count)]
    else:
        length = (last - first).days + 1
        starts = [first + timedelta(days=round(i * length / count)) for i in range(count)]
    ends = [following - timedelta(days=1) for following in starts[1:]] + [last]
    return [(s, min(e, last)) for s, e in zip(starts, ends, strict=True) if s <= last]


def obligation(start: date, end: date, required: int, sessions: Sequence[HeldOrPlanned],
               today: date, remind_days: int) -> Obligation:
    first, last = contract_year(start, end, today)
    periods: list[Period] = []
    for number, (p_start, p_end) in enumerate(period_bounds(first, last, required), start=1):
        inside = [s for s in sessions if p_start <= s.day <= p_end]
        held = tuple(s.id for s in inside if s.status == "held")
        planned = tuple(s.id for s in inside if s.status == "planned")
        if held:
            state = "met"
        elif p_end < today:
            state = "missed"
        elif planned:
            state = "planned"
        elif p_start > today:
            state = "future"
        elif (p_end - today).days < remind_days:
            state = "at_risk"
        else:
            state = "due"
        planned_on = min((s.day for s in inside if s.status == "planned"), default=None)
        periods.append(Period(number, p_start, p_end, held, planned, state, planned_on))
    held_count = sum(1 for s in sessions if s.status == "held" and first <= s.day <= last)
    next_due = next((p.end for p in periods if p.state != "met" and p.end >= today), None)
    return Obligation(first, last, required, held_count, tuple(periods), next_due)
