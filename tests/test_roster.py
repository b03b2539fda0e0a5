"""The duty roster: generation on the official calendar, fairness, leave, coverage, swaps."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpdesk.app.staff import add_staff
from helpdesk.clock import FrozenClock
from helpdesk.config import Config
from helpdesk.errors import NotAuthorized
from helpdesk.roster.absence import Absences, LeaveSpan
from helpdesk.roster.actions import (
    RosterGap,
    coverage_gaps,
    generate_roster,
    on_duty,
    reassign_shift,
    roster_view,
    swap_shifts,
)
from helpdesk.roster.generate import generate
from helpdesk.roster.leave import decide_leave, request_leave
from helpdesk.roster.settings import RosterConfig
from helpdesk.roster.slots import Slot, slots_for
from helpdesk.security.exams import record_exam
from helpdesk.services.workspace import Workspace, resolve_actor
from tests.conftest import local

DAY = Slot("day", ((time(9), time(12)), (time(14), time(18))))
NATIONAL_DAY = (date(2026, 9, 28), date(2026, 10, 16))


def _crew(ws: Workspace, *logins: str) -> None:
    boss = resolve_actor(ws)
    names = {"zhang": "张伟", "li": "李娜", "wang": "王芳", "zhao": "赵磊"}
    for login in logins:
        add_staff(ws, boss, login, names[login], "engineer", phone="13812345678")
        record_exam(ws, boss, login, date(2026, 1, 5), passed=True,
                    valid_until=date(2027, 12, 31))


def test_generation_skips_holidays_and_covers_the_make_up_saturday(
        ws: Workspace, clock: FrozenClock) -> None:
    clock.set(local(2026, 9, 27, 18, 0))
    _crew(ws, "zhang", "li", "wang")
    boss = resolve_actor(ws)
    report = generate_roster(ws, boss, *NATIONAL_DAY)
    view = roster_view(ws, boss, *NATIONAL_DAY)
    by_day = {d.day: d for d in view.days}
    for holiday in (date(2026, 10, d) for d in range(1, 8)):
        assert by_day[holiday].kind == "holiday"
        assert by_day[holiday].shifts == ()
    assert by_day[date(2026, 10, 3)].shifts == ()  # a Saturday inside the holiday
    assert by_day[date(2026, 10, 10)].kind == "makeup"
    assert len(by_day[date(2026, 10, 10)].shifts) == 1
    assert by_day[date(2026, 10, 11)].shifts == ()  # plain Sunday
    assert view.coverage.gaps == ()
    assert view.coverage.percent == 100.0
    working = [d for d in view.days if d.is_working]
    assert report.created == len(working) == 11  # 9-28..30, 10-8..10, 10-12..16
    assert max(report.counts.values()) - min(report.counts.values()) <= 1


def test_generation_is_deterministic_and_keeps_history(ws: Workspace, clock: FrozenClock) -> None:
    clock.set(local(2026, 11, 30, 17, 0))
    _crew(ws, "zhang", "li", "wang")
    boss = resolve_actor(ws)
    generate_roster(ws, boss, date(2026, 12, 1), date(2026, 12, 31))
    first = [(s.day, s.login) for d in roster_view(ws, boss, date(2026, 12, 1),
                                                     date(2026, 12, 31)).days for s in d.shifts]
    generate_roster(ws, boss, date(2026, 12, 1), date(2026, 12, 31))
    again = [(s.day, s.login) for d in roster_view(ws, boss, date(2026, 12, 1),
                                                     date(2026, 12, 31)).days for s in d.shifts]
    assert first == again
    clock.set(local(2026, 12, 15, 9, 0))
    dry = generate_roster(ws, boss, date(2026, 12, 1), date(2026, 12, 31), dry_run=True)
    assert dry.days == 13  # 12-15..12-31: the past half of the month is history
    assert dry.replaced == 13


def test_a_leave_that_makes_a_gap_is_reported(ws: Workspace, clock: FrozenClock) -> None:
    clock.set(local(2026, 11, 30, 17, 0))
    _crew(ws, "zhang")
    boss = resolve_actor(ws)
    generate_roster(ws, boss, date(2026, 12, 1), date(2026, 12, 4))
    result = request_leave(ws, boss, "zhang", date(2026, 12, 3), date(2026, 12, 3), part="pm",
                           reason="体检", approve=True)
    assert [g.describe() for g in result.gaps] == ["2026-12-03 14:00-18:00 (0/1)"]
    gaps = coverage_gaps(ws, boss, date(2026, 12, 1), date(2026, 12, 4))
    assert [(g.day, g.hours) for g in gaps.gaps] == [(date(2026, 12, 3), "14:00-18:00")]
    assert round(gaps.percent, 1) == round(100 * (4 * 7 - 4) / (4 * 7), 1)


def test_coverage_counts_only_who_may_work_that_day(ws: Workspace, clock: FrozenClock
                                                    ) -> None:
    """Issue 32's repro: a future shift of an engineer deactivated since, or whose exam has
    failed since, covers nothing; the gap shows the moment it happens. By hand: 4 working
    days (Dec 1-4, 2026) × 7 office hours; zhang alone on duty."""
    from helpdesk.app.staff import set_active

    clock.set(local(2026, 11, 30, 17, 0))
    _crew(ws, "zhang")
    boss = resolve_actor(ws)
    generate_roster(ws, boss, date(2026, 12, 1), date(2026, 12, 4))
    assert coverage_gaps(ws, boss, date(2026, 12, 1), date(2026, 12, 4)).gaps == ()
    record_exam(ws, boss, "zhang", date(2026, 11, 30), passed=False)  # 不通过者不能上岗
    barred = coverage_gaps(ws, boss, date(2026, 12, 1), date(2026, 12, 4))
    assert {g.day for g in barred.gaps} == {date(2026, 12, d) for d in range(1, 5)}
    assert barred.percent == 0.0
    record_exam(ws, boss, "zhang", date(2026, 11, 30), passed=True)  # a retake that day
    clock.set(local(2026, 12, 3, 9, 0))
    set_active(ws, boss, "zhang", False, "离职")
    left = coverage_gaps(ws, boss, date(2026, 12, 1), date(2026, 12, 4))
    # Dec 1-2 were worked; from Dec 3, the day of leaving, nothing is covered: 14 of 28 hours
    assert {g.day for g in left.gaps} == {date(2026, 12, 3), date(2026, 12, 4)}
    assert round(left.percent, 1) == 50.0
    assert roster_view(ws, boss, date(2026, 12, 1), date(2026, 12, 4)).coverage == left


def test_leave_is_honoured_when_generating(ws: Workspace, clock: FrozenClock) -> None:
    clock.set(local(2026, 11, 30, 17, 0))
    _crew(ws, "zhang", "li")
    boss = resolve_actor(ws)
    request_leave(ws, boss, "li", date(2026, 12, 7), date(2026, 12, 11), reason="年假",
                  approve=True)
    generate_roster(ws, boss, date(2026, 12, 1), date(2026, 12, 31))
    view = roster_view(ws, boss, date(2026, 12, 7), date(2026, 12, 11))
    assert {s.login for d in view.days for s in d.shifts} == {"zhang"}
    assert view.coverage.gaps == ()


def test_an_engineer_requests_leave_and_a_manager_approves(
        ws: Workspace, clock: FrozenClock) -> None:
    _crew(ws, "zhang")
    boss = resolve_actor(ws)
    from helpdesk.actor import Actor

    engineer = Actor("zhang", "张伟", "engineer")
    asked = request_leave(ws, engineer, "zhang", date(2026, 12, 1), date(2026, 12, 2))
    assert asked.leave.status == "requested"
    with pytest.raises(NotAuthorized):
        decide_leave(ws, engineer, asked.leave.id, True)
    decided = decide_leave(ws, boss, asked.leave.id, True)
    assert decided.leave.status == "approved" and decided.leave.decided_by == boss.login


def test_a_swap_that_creates_a_gap_is_refused_with_the_gap_named(
        ws: Workspace, clock: FrozenClock) -> None:
    clock.set(local(2026, 11, 30, 17, 0))
    _crew(ws, "zhang", "li")
    boss = resolve_actor(ws)
    generate_roster(ws, boss, date(2026, 12, 1), date(2026, 12, 2))
    days = roster_view(ws, boss, date(2026, 12, 1), date(2026, 12, 2)).days
    first, second = days[0].shifts[0], days[1].shifts[0]
    # The engineer of day 1 is on leave on day 2: taking day 2's shift would leave it empty.
    request_leave(ws, boss, first.login, date(2026, 12, 2), date(2026, 12, 2), approve=True)
    with pytest.raises(RosterGap, match="2026-12-02 09:00-12:00"):
        swap_shifts(ws, boss, first.id, second.id, "家中有事")
    with pytest.raises(RosterGap, match="2026-12-02"):
        reassign_shift(ws, boss, second.id, first.login, "顶班")
    after = roster_view(ws, boss, date(2026, 12, 1), date(2026, 12, 2))
    assert [s.login for d in after.days for s in d.shifts] == [first.login, second.login]


def test_a_swap_is_recorded_with_reason_and_approver(ws: Workspace, clock: FrozenClock) -> None:
    clock.set(local(2026, 11, 30, 17, 0))
    _crew(ws, "zhang", "li")
    boss = resolve_actor(ws)
    generate_roster(ws, boss, date(2026, 12, 1), date(2026, 12, 2))
    days = roster_view(ws, boss, date(2026, 12, 1), date(2026, 12, 2)).days
    a, b = days[0].shifts[0], days[1].shifts[0]
    swapped = swap_shifts(ws, boss, a.id, b.id, "孩子开家长会")
    assert (swapped[0].login, swapped[1].login) == (b.login, a.login)
    assert swapped[0].source == "swap" and swapped[0].approved_by == boss.login
    # A regeneration keeps the swap.
    generate_roster(ws, boss, date(2026, 12, 1), date(2026, 12, 2))
    again = roster_view(ws, boss, date(2026, 12, 1), date(2026, 12, 2))
    assert [s.login for d in again.days for s in d.shifts] == [b.login, a.login]


def test_who_is_on_duty_now_and_next(ws: Workspace, clock: FrozenClock, config: Config) -> None:
    ws.config = replace(config, roster=replace(RosterConfig(), shift_mode="halves"))
    clock.set(local(2026, 11, 30, 17, 0))
    _crew(ws, "zhang", "li")
    boss = resolve_actor(ws)
    generate_roster(ws, boss, date(2026, 12, 1), date(2026, 12, 4))
    view = roster_view(ws, boss, date(2026, 12, 1), date(2026, 12, 1))
    am, pm = (next(s.name for s in view.days[0].shifts if s.slot == slot) for slot in ("am", "pm"))
    assert am != pm
    clock.set(local(2026, 12, 1, 10, 0))
    duty = on_duty(ws, boss)
    assert duty.now == (am,)
    assert duty.next_names == (pm,) and duty.next_slot == "pm"
    assert duty.next_start == local(2026, 12, 1, 14, 0)
    clock.set(local(2026, 12, 1, 12, 30))  # lunch: nobody is required on site
    assert on_duty(ws, boss).now == ()


def test_half_day_slots_follow_the_split() -> None:
    config = replace(Config(), roster=replace(RosterConfig(), shift_mode="halves"))
    assert [(s.name, s.start, s.end) for s in slots_for(config)] == [
        ("am", time(9), time(12)), ("pm", time(14), time(18))]


@settings(max_examples=60, deadline=None)
@given(engineers=st.integers(min_value=1, max_value=6), days=st.integers(min_value=1, max_value=60),
       limit=st.integers(min_value=1, max_value=6))
def test_rotation_is_fair_and_fills_every_slot(engineers: int, days: int, limit: int) -> None:
    start = date(2026, 3, 2)
    working = [start + timedelta(days=n) for n in range(days)
               if (start + timedelta(days=n)).weekday() < 5]
    crew = list(range(1, engineers + 1))
    result = generate(working, [DAY], crew, per_slot=1, max_consecutive=limit,
                      absences=Absences([]))
    counts = result.counts(crew)
    assert sum(counts.values()) == len(working)
    assert max(counts.values()) - min(counts.values()) <= 1
    assert result.shortfalls == []
    if engineers >= 2:
        assert result.streaks == []


def test_rotation_never_overrides_leave_and_reports_the_shortfall() -> None:
    days = [date(2026, 12, 1), date(2026, 12, 2)]
    away = Absences([LeaveSpan(1, date(2026, 12, 2), date(2026, 12, 2), "full")])
    result = generate(days, [DAY], [1], per_slot=1, max_consecutive=5, absences=away)
    assert [(a.day, a.staff_id) for a in result.assignments] == [(date(2026, 12, 1), 1)]
    assert [(s.day, s.missing) for s in result.shortfalls] == [(date(2026, 12, 2), 1)]


def test_a_deactivated_engineer_drops_out_of_generation(ws: Workspace,
                                                        clock: FrozenClock) -> None:
    from helpdesk.app.staff import set_active

    clock.set(local(2026, 11, 30, 17, 0))
    _crew(ws, "zhang", "li", "wang")
    boss = resolve_actor(ws)
    set_active(ws, boss, "li", False, "调离项目")
    generate_roster(ws, boss, date(2026, 12, 1), date(2026, 12, 31))
    logins = {s.login for d in roster_view(ws, boss, date(2026, 12, 1),
                                           date(2026, 12, 31)).days for s in d.shifts}
    assert logins == {"zhang", "wang"}


def test_the_calendar_names_the_make_up_day(ws: Workspace, clock: FrozenClock,
                                            tmp_path: Path) -> None:
    from icalendar import Calendar

    from helpdesk.roster.export import roster_ics

    clock.set(local(2026, 9, 27, 18, 0))
    _crew(ws, "zhang", "li")
    boss = resolve_actor(ws)
    generate_roster(ws, boss, *NATIONAL_DAY)
    path = tmp_path / "roster.ics"
    roster_ics(ws, boss, roster_view(ws, boss, *NATIONAL_DAY), path)
    events = list(Calendar.from_ical(path.read_bytes()).walk("VEVENT"))
    makeup = [e for e in events if e.decoded("DTSTART").date() == date(2026, 10, 10)]
    assert makeup and all("调休上班" in str(e["SUMMARY"]) for e in makeup)
    assert not any("调休上班" in str(e["SUMMARY"]) for e in events if e not in makeup)


def test_people_are_named_as_people_say_them(ws: Workspace, clock: FrozenClock) -> None:
    """`李晓燕` in a roster form gave 没有在职人员「李晓燕」 (issue 34): a login, a full name or
    its pinyin initials name the person; two equally good matches are named, not guessed."""
    from helpdesk.errors import NotFound, UsageError
    from helpdesk.i18n import set_locale

    _crew(ws, "zhang", "li", "wang")
    boss = resolve_actor(ws)
    add_staff(ws, boss, "lina2", "李宁", "engineer")
    by_name = request_leave(ws, boss, "张伟", date(2026, 12, 1), date(2026, 12, 1))
    by_initials = request_leave(ws, boss, "wf", date(2026, 12, 2), date(2026, 12, 2))
    by_login = request_leave(ws, boss, "LI", date(2026, 12, 3), date(2026, 12, 3))
    assert [r.leave.login for r in (by_name, by_initials, by_login)] == ["zhang", "wang", "li"]
    set_locale("zh_CN")
    with pytest.raises(UsageError, match=r"李娜（li）、李宁（lina2）"):
        request_leave(ws, boss, "ln", date(2026, 12, 4), date(2026, 12, 4))
    with pytest.raises(NotFound, match="没有在职人员「钱七」"):
        request_leave(ws, boss, "钱七", date(2026, 12, 4), date(2026, 12, 4))

