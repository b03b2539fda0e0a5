"""Fair, deterministic rotation: every slot of every working day gets `per_slot` engineers,
chosen by fewest shifts so far, then least recently on duty, then roster order. Leave is never
overridden; the consecutive-day limit yields only when no one else is free (and says so)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from helpdesk.roster.absence import Absences
from helpdesk.roster.slots import Slot


@dataclass(frozen=True)
class Assignment:
    day: date
    slot: str
    staff_id: int


@dataclass(frozen=True)
class Shortfall:
    day: date
    slot: str
    missing: int


@dataclass(frozen=True)
class StreakExceeded:
    day: date
    staff_id: int
    days: int


@dataclass
class Generated:
    assignments: list[Assignment] = field(default_factory=list)
    shortfalls: list[Shortfall] = field(default_factory=list)
    streaks: list[StreakExceeded] = field(default_factory=list)

    def counts(self, engineers: Sequence[int]) -> dict[int, int]:
        counts = dict.fromkeys(engineers, 0)
        for item in self.assignments:
            counts[item.staff_id] = counts.get(item.staff_id, 0) + 1
        return counts


@dataclass
class _State:
    count: int = 0
    last_day: date | None = None
    streak: int = 0

    def streak_on(self, day: date) -> int:
        if self.last_day == day:
            return self.streak
        if self.last_day == day - timedelta(days=1):
            return self.streak + 1
        return 1

    def take(self, day: date) -> None:
        self.streak = self.streak_on(day)
        self.last_day = day
        self.count += 1


def generate(days: Sequence[date], slots: Sequence[Slot], engineers: Sequence[int], *,
             per_slot: int, max_consecutive: int, absences: Absences,
             fixed: Sequence[Assignment] = (),
             cleared: Callable[[int, date], bool] = lambda _staff, _day: True) -> Generated:
    """`days` are the working days to fill, in order; `fixed` are shifts kept as they are
    (swaps and overrides), which count towards fairness and fill their slot. Nobody is put on
    a day `cleared` refuses them (the confidentiality exam)."""
    state = {staff: _State() for staff in engineers}
    fixed_by_slot: dict[tuple[date, str], list[int]] = {}
    for item in sorted(fixed, key=lambda a: (a.day, a.slot, a.staff_id)):
        fixed_by_slot.setdefault((item.day, item.slot), []).append(item.staff_id)
    order = {staff: index for index, staff in enumerate(engineers)}
    result = Generated()
    for day in days:
        for slot in slots:
            on_duty = list(fixed_by_slot.get((day, slot.name), []))
            for staff in on_duty:
                state.setdefault(staff, _State()).take(day)
            free = [s for s in engineers
                    if s not in on_duty and not absences.away(s, day, slot.halves)
                    and cleared(s, day)]
            while len(on_duty) < per_slot and free:
                free.sort(key=lambda s: (state[s].streak_on(day) > max_consecutive,
                                         state[s].count, state[s].last_day or date.min,
                                         order[s]))
                chosen = free.pop(0)
                streak = state[chosen].streak_on(day)
                if streak > max_consecutive:
                    result.streaks.append(StreakExceeded(day, chosen, streak))
                state[chosen].take(day)
                on_duty.append(chosen)
                result.assignments.append(Assignment(day, slot.name, chosen))
            if len(on_duty) < per_slot:
                result.shortfalls.append(Shortfall(day, slot.name, per_slot - len(on_duty)))
    return result
