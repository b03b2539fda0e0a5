"""Statutory step deadlines (信访工作条例 2022) across the 2026 Spring Festival and National Day,
with the make-up working days; extension limits; configurable counting rules. An extension is
counted from the deadline it extends (after any roll-over)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from helpdesk.calendar import WorkCalendar
from helpdesk.cases.deadlines import handling_deadline, step_deadline
from helpdesk.cases.settings import DeadlinesConfig, StepRule
from helpdesk.errors import UsageError

CALENDAR = WorkCalendar({}, Path("/nonexistent"))
RULES = DeadlinesConfig()


@pytest.mark.parametrize(("step", "start", "deadline"), [
    # 15 days, rolled over: 09-20 + 15 = 10-05 (国庆) -> 10-08.
    ("transfer", date(2026, 9, 20), date(2026, 10, 8)),
    ("accept_notice", date(2026, 9, 20), date(2026, 10, 8)),
    # 15 days from 02-01 = 02-16 (春节) -> first working day 02-24.
    ("transfer", date(2026, 2, 1), date(2026, 2, 24)),
    # 5 working days from Fri 09-25: 09-28, 29, 30, 10-08, 10-09.
    ("objection", date(2026, 9, 25), date(2026, 10, 9)),
    # 5 working days from Thu 02-12: 02-13, make-up Sat 02-14, 02-24, 25, 26.
    ("objection", date(2026, 2, 12), date(2026, 2, 26)),
    # 60 days from 08-07 = 10-06 (国庆) -> 10-08.
    ("handling", date(2026, 8, 7), date(2026, 10, 8)),
    # 30 days from 09-05 = 10-05 -> 10-08; the make-up Saturday 10-10 is a working day.
    ("review", date(2026, 9, 5), date(2026, 10, 8)),
    ("review", date(2026, 9, 10), date(2026, 10, 10)),
])
def test_step_deadlines_over_the_2026_holidays(step: str, start: date, deadline: date) -> None:
    assert step_deadline(CALENDAR, RULES, step, start).deadline == deadline


def test_extension_once_by_at_most_30_days() -> None:
    result = handling_deadline(CALENDAR, RULES, date(2026, 7, 1), (30,))
    # Art. 34: 60 + 30 days in all, counted from acceptance: 07-01 + 90 = 09-29 (a Tuesday).
    # (Not 07-01 + 60 = 08-30, a Sunday rolled to 08-31, + 30 = 09-30: only the last day rolls.)
    assert result.deadline == date(2026, 9, 29)
    with pytest.raises(UsageError, match="最多 1 次"):
        handling_deadline(CALENDAR, RULES, date(2026, 7, 1), (10, 10))
    with pytest.raises(UsageError, match="不超过 30 日"):
        handling_deadline(CALENDAR, RULES, date(2026, 7, 1), (31,))


def test_counting_rule_is_configurable() -> None:
    local_rules = DeadlinesConfig(steps={**RULES.steps, "transfer": StepRule(15, "calendar")})
    assert step_deadline(CALENDAR, local_rules, "transfer", date(2026, 9, 20)).deadline == \
        date(2026, 10, 5)
