"""The official working-day calendar: holidays, 调休 make-up days, deadlines, business hours."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpdesk.calendar import BusinessHours, WorkCalendar, load_tables
from helpdesk.calendar.tables import load_year_table
from helpdesk.config.schema import OfficeHoursConfig
from helpdesk.errors import CalendarDataMissing, ConfigError
from tests.conftest import local

TABLE_2027 = (Path(__file__).parent / "fixtures" / "calendar-2027.toml").read_text(
    encoding="utf-8")


@pytest.fixture
def calendar(tmp_path: Path) -> WorkCalendar:
    return WorkCalendar({}, tmp_path)


@pytest.fixture
def hours(calendar: WorkCalendar) -> BusinessHours:
    return BusinessHours(calendar, OfficeHoursConfig().periods)


def test_issue_example_rollover_over_national_day(calendar: WorkCalendar) -> None:
    result = calendar.deadline(date(2026, 9, 20), 15, "rollover")
    assert result.deadline == date(2026, 10, 8)
    assert [d.day for d in result.skipped] == [date(2026, 10, d) for d in (5, 6, 7)]
    assert all(d.holiday == "国庆节" for d in result.skipped)


def test_issue_example_workdays_counts_make_up_saturday(calendar: WorkCalendar) -> None:
    result = calendar.deadline(date(2026, 2, 12), 5, "workdays")
    assert result.deadline == date(2026, 2, 26)
    assert date(2026, 2, 14) not in [d.day for d in result.skipped]
    assert len([d for d in result.skipped if d.holiday == "春节"]) == 9


def test_calendar_rule_ignores_rest_days(calendar: WorkCalendar) -> None:
    assert calendar.deadline(date(2026, 9, 20), 15, "calendar").deadline == date(2026, 10, 5)


def test_start_day_never_counted(calendar: WorkCalendar) -> None:
    assert calendar.deadline(date(2026, 11, 23), 1, "workdays").deadline == date(2026, 11, 24)
    assert calendar.deadline(date(2026, 11, 23), 0, "rollover").deadline == date(2026, 11, 23)


def test_day_kinds_and_reasons(calendar: WorkCalendar) -> None:
    assert calendar.day(date(2026, 10, 10)).kind == "makeup"
    assert calendar.day(date(2026, 10, 10)).reason() == "周六（国庆节调休上班）"
    assert calendar.day(date(2026, 1, 4)).kind == "makeup"  # a Sunday
    assert calendar.day(date(2026, 10, 1)).reason("en") == "National Day (public holiday)"
    assert calendar.day(date(2026, 11, 28)).kind == "weekend"
    assert calendar.day(date(2026, 11, 24)).kind == "workday"


def test_unknown_year_is_refused_never_guessed(tmp_path: Path) -> None:
    calendar = WorkCalendar({}, tmp_path, estimate=False)
    with pytest.raises(CalendarDataMissing) as caught:
        calendar.deadline(date(2026, 12, 20), 15)
    assert caught.value.year == 2027
    assert caught.value.table_path == str(tmp_path / "2027.toml")
    assert calendar.source_of(2027) is None


def test_local_table_covers_a_missing_year(tmp_path: Path) -> None:
    (tmp_path / "2027.toml").write_text(TABLE_2027, encoding="utf-8")
    tables, broken = load_tables(tmp_path)
    assert not broken
    calendar = WorkCalendar(tables, tmp_path)
    assert calendar.day(date(2027, 1, 30)).kind == "makeup"
    result = calendar.deadline(date(2026, 12, 20), 15)  # 2027-01-04, a Monday
    assert result.deadline == date(2027, 1, 4)
    assert any("按本地表计算" in warning for warning in result.warnings)
    result = calendar.deadline(date(2027, 1, 29), 1, "workdays")
    assert result.deadline == date(2027, 1, 30)  # the make-up Saturday counts
    assert not result.provisional


@pytest.mark.parametrize(("body", "message"), [
    ("year = 2028\n", "表中年份 2028 与所需年份 2027 不符"),
    ('year = 2027\nmakeup_workdays = [ { date = 2027-02-15 } ]\n', "2027-02-15 是工作日"),
    ('year = 2027\nholidays = [ { name = "x", from = 2027-02-03, to = 2027-02-01 } ]\n',
     "起止有序"),
])
def test_local_table_mistakes_are_named(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "2027.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_year_table(path)


def test_business_hours_skip_lunch_evening_and_holidays(hours: BusinessHours) -> None:
    result = hours.add(local(2026, 9, 30, 17, 0), timedelta(hours=8))
    assert result.end == local(2026, 10, 8, 18, 0)
    assert len(result.skipped) == 7
    assert [(w.start.hour, w.end.hour) for w in result.counted] == [(17, 18), (9, 12), (14, 18)]


def test_business_hours_count_make_up_saturday(hours: BusinessHours) -> None:
    # Friday 2026-10-09 17:00 + 2h: one hour Friday, the next on make-up Saturday 10-10.
    assert hours.add(local(2026, 10, 9, 17, 0), timedelta(hours=2)).end == \
        local(2026, 10, 10, 10, 0)


def test_start_in_lunch_or_at_night_waits_for_office(hours: BusinessHours) -> None:
    assert hours.add(local(2026, 11, 24, 12, 30), timedelta(minutes=30)).end == \
        local(2026, 11, 24, 14, 30)
    assert hours.add(local(2026, 11, 24, 22, 0), timedelta(hours=1)).end == \
        local(2026, 11, 25, 10, 0)


def test_due_at_end_of_period_stays_there(hours: BusinessHours) -> None:
    assert hours.add(local(2026, 11, 24, 9, 0), timedelta(hours=3)).end == \
        local(2026, 11, 24, 12, 0)


def test_between_across_spring_festival(hours: BusinessHours) -> None:
    result = hours.between(local(2026, 2, 13, 11, 0), local(2026, 2, 24, 10, 0))
    # Fri 11-12 + 14-18 = 5h, make-up Sat 02-14 = 7h, Tue 02-24 09-10 = 1h.
    assert result.amount == timedelta(hours=13)
    assert {d.holiday for d in result.skipped if d.kind == "holiday"} == {"春节"}
    assert hours.between(local(2026, 2, 24, 10, 0), local(2026, 2, 13, 11, 0)).amount == \
        timedelta()


def test_naive_instants_are_refused(hours: BusinessHours) -> None:
    from datetime import datetime

    with pytest.raises(ValueError, match="naive"):
        hours.add(datetime(2026, 11, 24, 9), timedelta(hours=1))


def test_is_open(hours: BusinessHours) -> None:
    assert hours.is_open(local(2026, 10, 10, 10, 0))
    assert not hours.is_open(local(2026, 10, 10, 13, 0))
    assert not hours.is_open(local(2026, 10, 3, 10, 0))


days_2026 = st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 10, 31))


@given(start=days_2026, days=st.integers(min_value=0, max_value=45))
@settings(max_examples=200, deadline=None)
def test_rollover_lands_on_first_working_day_at_or_after(start: date, days: int) -> None:
    calendar = WorkCalendar({}, Path("/nonexistent"))
    result = calendar.deadline(start, days, "rollover")
    plain = start + timedelta(days=days)
    assert calendar.is_working_day(result.deadline) or result.deadline == start
    assert result.deadline >= plain
    assert all(not calendar.is_working_day(plain + timedelta(days=i))
               for i in range((result.deadline - plain).days))


@given(start=days_2026, days=st.integers(min_value=1, max_value=40))
@settings(max_examples=200, deadline=None)
def test_workdays_counts_exactly_n_working_days(start: date, days: int) -> None:
    calendar = WorkCalendar({}, Path("/nonexistent"))
    result = calendar.deadline(start, days, "workdays")
    span = [start + timedelta(days=i) for i in range(1, (result.deadline - start).days + 1)]
    assert sum(calendar.is_working_day(d) for d in span) == days
    assert calendar.is_working_day(result.deadline)
    assert len(result.skipped) == len(span) - days


@given(start=st.datetimes(min_value=local(2026, 1, 5).replace(tzinfo=None),
                          max_value=local(2026, 11, 1).replace(tzinfo=None)),
       minutes=st.integers(min_value=1, max_value=60 * 40))
@settings(max_examples=150, deadline=None)
def test_add_then_between_round_trips(start: object, minutes: int) -> None:
    hours = BusinessHours(WorkCalendar({}, Path("/nonexistent")), OfficeHoursConfig().periods)
    begin = start.replace(tzinfo=hours.zone)  # type: ignore[attr-defined]
    due = hours.add(begin, timedelta(minutes=minutes)).end
    assert hours.between(begin, due).amount == timedelta(minutes=minutes)


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "helpdesk", *args], capture_output=True,
                          text=True, timeout=60)


def test_cli_deadline_json_contract() -> None:
    result = run_cli("calendar", "deadline", "2026-09-20", "15", "--json")
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert body["deadline"] == "2026-10-08" and body["rule"] == "rollover"
    assert body["skipped"][0]["date"] == "2026-10-05" and body["skipped"][0]["reason"]
    assert body["warnings"] == []
    workdays = json.loads(run_cli("calendar", "deadline", "2026-02-12", "5", "--rule",
                                  "workdays", "--json").stdout)
    assert workdays["deadline"] == "2026-02-26"


def test_cli_exit_3_for_a_year_without_data(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[calendar]\nlocal_tables_dir = "{tmp_path}"\n', encoding="utf-8")
    result = run_cli("calendar", "deadline", "2027-03-01", "5", "--config", str(config))
    assert result.returncode == 3
    assert "2027" in result.stderr and str(tmp_path / "2027.toml") in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_add_hours_json_contract() -> None:
    result = run_cli("calendar", "add-hours", "2026-09-30T17:00", "8", "--json")
    body = json.loads(result.stdout)
    assert body["due"] == "2026-10-08T18:00:00+08:00" and body["hours"] == 8
    assert body["start"] == "2026-09-30T17:00:00+08:00"
    utc = json.loads(run_cli("calendar", "add-hours", "2026-09-30T09:00:00Z", "2",
                             "--json").stdout)
    assert utc["due"] == "2026-10-08T10:00:00+08:00"  # 17:00 Shanghai + 2h over the holiday


def test_cli_month_grid_marks_make_up_days_and_holidays() -> None:
    result = run_cli("calendar", "show", "2026-10")
    assert result.returncode == 0
    assert " 10*" in result.stdout and "  1H" in result.stdout
    assert "10-10 周六（国庆节调休上班）" in result.stdout


@given(start=st.datetimes(min_value=local(2025, 1, 1).replace(tzinfo=None),
                          max_value=local(2026, 12, 1).replace(tzinfo=None)),
       span=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=400)))
@settings(max_examples=150, deadline=None)
def test_fast_duration_equals_the_explained_sum(start: object, span: timedelta) -> None:
    hours = BusinessHours(WorkCalendar({}, Path("/nonexistent")), OfficeHoursConfig().periods)
    begin = start.replace(tzinfo=hours.zone)  # type: ignore[attr-defined]
    end = begin + span
    if end.year > 2026:
        return
    assert hours.duration(begin, end) == hours.between(begin, end).amount


def test_working_days_between_uses_the_official_calendar(calendar: WorkCalendar) -> None:
    # October 2026: 31 days - 7 holidays - 6 other weekend days; make-up Saturday 10-10 works.
    assert calendar.working_days_between(date(2026, 10, 1), date(2026, 10, 31)) == 18
    assert calendar.working_days_between(date(2025, 12, 29), date(2026, 1, 5)) == 5
