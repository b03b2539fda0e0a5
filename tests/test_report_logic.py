"""Pure report logic: periods round-trip and step, the sparkline keeps one mark per value, the
usage rates follow their definitions for any figures."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from helpdesk.calendar.periods import parse_period, period_label, shifted
from helpdesk.inspection.usage import UsageFigures, coverage, usage
from helpdesk.reports.sparkline import BARS, sparkline

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))


@given(days, st.sampled_from(("monthly", "quarterly", "annual")))
def test_a_period_holds_its_day_and_steps_to_its_neighbours(day: date, kind: str) -> None:
    period = parse_period(kind, period_label(kind, day))
    assert period.start <= day <= period.end
    assert parse_period(kind, period.label) == period
    if period.end < date(2099, 1, 1) and period.start > date(2000, 12, 31):
        assert shifted(period, 1).start == period.end + timedelta(days=1)
        assert shifted(period, -1).end == period.start - timedelta(days=1)
    weeks = period.weeks()
    assert weeks[0][0] == period.start and weeks[-1][1] == period.end
    assert sum((last - first).days + 1 for first, last in weeks) == \
        (period.end - period.start).days + 1


@given(st.lists(st.one_of(st.none(), st.floats(-1e6, 1e6, allow_nan=False)), max_size=60))
def test_sparkline_has_one_mark_per_value(values: list[float | None]) -> None:
    line = sparkline(values)
    assert len(line) == len(values)
    assert all(mark in BARS + "·" for mark in line)
    assert [mark == "·" for mark in line] == [value is None for value in values]


@given(st.integers(0, 5000), st.integers(0, 5000), st.integers(0, 10**6),
       st.integers(0, 10**6), st.integers(0, 10**6))
def test_usage_rates_stay_within_their_definitions(expected: int, connected: int, issued: int,
                                                   disabled: int, active: int) -> None:
    figures = UsageFigures(expected, connected, issued, disabled, active)
    if figures.problems():
        return
    rate = coverage(figures)
    assert rate is not None and rate.denominator == expected
    assert rate.value is None or 0 <= rate.value <= 1
    enabled = usage(figures, "enabled")
    assert enabled is not None and enabled.denominator == issued - disabled
    assert enabled.value is None or 0 <= enabled.value <= 1
    plain = usage(figures)
    assert plain is not None and plain.denominator == issued
