"""Approved leave as a lookup: is this engineer away for this half of this day?"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class LeaveSpan:
    staff_id: int
    start: date
    end: date
    part: str  # full | am | pm


class Absences:
    def __init__(self, spans: Iterable[LeaveSpan]) -> None:
        self._by_staff: dict[int, list[LeaveSpan]] = {}
        for span in spans:
            self._by_staff.setdefault(span.staff_id, []).append(span)

    def away(self, staff_id: int, day: date, halves: tuple[str, ...]) -> bool:
        """True when a leave covers any of `halves` ("am", "pm") on `day`."""
        for span in self._by_staff.get(staff_id, ()):
            if span.start <= day <= span.end and (span.part == "full" or span.part in halves):
                return True
        return False
