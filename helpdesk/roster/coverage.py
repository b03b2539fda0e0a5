"""Coverage of the 5×8 obligation: every office period of every working day needs at least
`needed` engineers on duty and not on leave. Gaps are named by date and hours."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time

from helpdesk.roster.absence import Absences
from helpdesk.roster.slots import Period, Slot, half_of, minutes, period_label


@dataclass(frozen=True)
class Gap:
    day: date
    start: time
    end: time
    present: int
    needed: int

    @property
    def hours(self) -> str:
        return period_label((self.start, self.end))

    def describe(self) -> str:
        return f"{self.day.isoformat()} {self.hours} ({self.present}/{self.needed})"


@dataclass(frozen=True)
class Coverage:
    office_minutes: int
    covered_minutes: int
    gaps: tuple[Gap, ...]

    @property
    def percent(self) -> float:
        if not self.office_minutes:
            return 100.0
        return 100.0 * self.covered_minutes / self.office_minutes


def present_on(day: date, period: Period, slots: Sequence[Slot],
               on_duty: Mapping[tuple[date, str], Iterable[int]], absences: Absences,
               split: time) -> set[int]:
    half = half_of(period, split)
    people: set[int] = set()
    for slot in slots:
        if period in slot.periods:
            people |= {s for s in on_duty.get((day, slot.name), ())
                       if not absences.away(s, day, (half,))}
    return people


def check_coverage(working_days: Iterable[date], slots: Sequence[Slot],
                   on_duty: Mapping[tuple[date, str], Iterable[int]], absences: Absences, *,
                   needed: int, split: time) -> Coverage:
    total = covered = 0
    gaps: list[Gap] = []
    for day in working_days:
        for slot in slots:
            for period in slot.periods:
                length = minutes(period)
                total += length
                present = len(present_on(day, period, slots, on_duty, absences, split))
                if present >= needed:
                    covered += length
                else:
                    gaps.append(Gap(day, period[0], period[1], present, needed))
    return Coverage(total, covered, tuple(gaps))
