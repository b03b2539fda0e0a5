"""The training obligation as the contract words it (附件一 培训服务 2次/年): `trainings_per_year`
sessions held at any time within the service year (the contract's 12 months, not the calendar
year, not one per half-year). The year is one period: met once enough sessions are held; at
risk when it ends within the reminder window without enough held or planned; missed when it
ended short."""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Sequence
from dataclasses import dataclass, field
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
    days: dict[int, date] = field(default_factory=dict)  # each session's day, by id

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


def obligation(start: date, end: date, required: int, sessions: Sequence[HeldOrPlanned],
               today: date, remind_days: int) -> Obligation:
    first, last = contract_year(start, end, today)
    inside = [s for s in sessions if first <= s.day <= last]
    held = tuple(s.id for s in inside if s.status == "held")
    planned = tuple(s.id for s in inside if s.status == "planned")
    if required <= 0 or len(held) >= required:
        state = "met"
    elif last < today:
        state = "missed"
    elif len(held) + len(planned) >= required:
        state = "planned"
    elif first > today:
        state = "future"
    elif (last - today).days < remind_days:
        state = "at_risk"
    else:
        state = "due"
    planned_on = min((s.day for s in inside if s.status == "planned"), default=None)
    periods = (Period(1, first, last, held, planned, state, planned_on),) if required > 0 \
        else ()
    next_due = last if state != "met" and last >= today else None
    return Obligation(first, last, required, len(held), periods, next_due,
                      {s.id: s.day for s in inside})
