"""Who may work on a given day (不通过安全保密考试者，不能上岗). The most recent exam taken on
or before the day decides: a pass holds until its last valid day; a fail bars from the day it
was taken; a lapsed pass bars from the day after it ran out. With `required`, an engineer with
no exam on record is barred too."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

CLEARED, NO_EXAM, FAILED, LAPSED = "cleared", "no_exam", "failed", "lapsed"


@dataclass(frozen=True)
class ExamFact:
    staff_id: int
    taken_on: date
    passed: bool
    valid_until: date | None


@dataclass(frozen=True)
class Standing:
    """An engineer's standing on one day, and the day it began or ends (for the message)."""

    state: str  # cleared | no_exam | failed | lapsed
    since: date | None  # failed: the exam day; lapsed: the first day without a pass
    until: date | None  # cleared: the pass's last valid day

    @property
    def cleared(self) -> bool:
        return self.state == CLEARED


class Clearance:
    def __init__(self, exams: Iterable[ExamFact], *, required: bool) -> None:
        self.required = required
        self._by_staff: dict[int, list[ExamFact]] = {}
        for exam in sorted(exams, key=lambda e: e.taken_on):
            self._by_staff.setdefault(exam.staff_id, []).append(exam)
        self._days = {staff: [e.taken_on for e in exams]
                      for staff, exams in self._by_staff.items()}

    def standing(self, staff_id: int, day: date) -> Standing:
        exams = self._by_staff.get(staff_id, [])
        index = bisect_right(self._days.get(staff_id, []), day)
        if index == 0:
            return Standing(NO_EXAM if self.required else CLEARED, None, None)
        latest = exams[index - 1]
        if not latest.passed:
            return Standing(FAILED, latest.taken_on, None)
        if latest.valid_until is not None and latest.valid_until < day:
            return Standing(LAPSED, latest.valid_until + timedelta(days=1), None)
        return Standing(CLEARED, None, latest.valid_until)

    def cleared(self, staff_id: int, day: date) -> bool:
        return self.standing(staff_id, day).cleared
