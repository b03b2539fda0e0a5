"""Shift slots (班次) cut from the configured office hours: one whole-day slot, or a morning and
an afternoon half split at `roster.half_day_split`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from helpdesk.config import Config

Period = tuple[time, time]
SLOT_NAMES = ("day", "am", "pm")
LEAVE_PARTS = ("full", "am", "pm")


@dataclass(frozen=True)
class Slot:
    name: str  # day | am | pm
    periods: tuple[Period, ...]

    @property
    def start(self) -> time:
        return self.periods[0][0]

    @property
    def end(self) -> time:
        return self.periods[-1][1]

    @property
    def halves(self) -> tuple[str, ...]:
        """The halves of the day a leave must not touch for this slot's engineer."""
        return ("am", "pm") if self.name == "day" else (self.name,)


def half_of(period: Period, split: time) -> str:
    return "am" if period[0] < split else "pm"


def slots_for(config: Config) -> tuple[Slot, ...]:
    periods = config.office_hours.periods
    if config.roster.shift_mode == "full_day":
        return (Slot("day", periods),)
    split = config.roster.half_day_split
    am = tuple(p for p in periods if half_of(p, split) == "am")
    pm = tuple(p for p in periods if half_of(p, split) == "pm")
    # Office hours wholly on one side of the split leave a single slot of that half.
    return tuple(Slot(name, part) for name, part in (("am", am), ("pm", pm)) if part)


def minutes(period: Period) -> int:
    return (period[1].hour * 60 + period[1].minute) - (period[0].hour * 60 + period[0].minute)


def period_label(period: Period) -> str:
    return f"{period[0]:%H:%M}-{period[1]:%H:%M}"
