"""Security exams (安全保密考核): whoever fails may not work on site. The most recent exam on or
before a day decides; the roster refuses an engineer without a valid pass and says why."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpdesk.actor import Actor
from helpdesk.app.staff import add_staff
from helpdesk.clock import FrozenClock
from helpdesk.config import Config
from helpdesk.errors import NotAuthorized, UsageError
from helpdesk.roster.actions import (
    add_shift,
    generate_roster,
    reassign_shift,
    roster_view,
    swap_shifts,
)
from helpdesk.security.clearance import Clearance, ExamFact
from helpdesk.security.exams import (
    default_valid_until,
    exam_history,
    exam_standings,
    exam_warnings,
    record_exam,
    record_pledge,
)
from helpdesk.services.workspace import Workspace, resolve_actor
from tests.conftest import local
from tests.expect import refused

DECEMBER = (date(2026, 12, 1), date(2026, 12, 31))


def _crew(ws: Workspace) -> Actor:
    boss = resolve_actor(ws)
    for login, name in (("zhang", "张伟"), ("li", "李娜"), ("wang", "王芳")):
        add_staff(ws, boss, login, name, "engineer")
    return boss


def test_the_most_recent_exam_decides() -> None:
    clearance = Clearance([
        ExamFact(1, date(2026, 1, 5), True, date(2026, 6, 30)),
        ExamFact(1, date(2026, 7, 10), False, None),
        ExamFact(1, date(2026, 8, 1), True, date(2027, 7, 31)),
    ], required=True)
    assert clearance.standing(1, date(2026, 1, 4)).state == "no_exam"
    assert clearance.standing(1, date(2026, 1, 5)).cleared
    assert clearance.standing(1, date(2026, 6, 30)).cleared
    lapsed = clearance.standing(1, date(2026, 7, 1))
    assert (lapsed.state, lapsed.since) == ("lapsed", date(2026, 7, 1))
    failed = clearance.standing(1, date(2026, 7, 10))
    assert (failed.state, failed.since) == ("failed", date(2026, 7, 10))
    assert clearance.standing(1, date(2026, 8, 1)).until == date(2027, 7, 31)
    assert clearance.standing(2, date(2026, 8, 1)).state == "no_exam"
    assert Clearance([], required=False).standing(2, date(2026, 8, 1)).cleared


@given(st.lists(st.tuples(st.dates(date(2025, 1, 1), date(2027, 12, 31)), st.booleans(),
                          st.integers(0, 800)), max_size=6),
       st.dates(date(2025, 1, 1), date(2028, 12, 31)))
def test_cleared_exactly_when_the_latest_exam_is_a_pass_still_valid(
        sittings: list[tuple[date, bool, int]], day: date) -> None:
    facts = [ExamFact(7, taken, passed, taken + timedelta(days=span) if passed else None)
             for taken, passed, span in sittings]
    taken_by_then = [f for f in facts if f.taken_on <= day]
    cleared = Clearance(facts, required=True).cleared(7, day)
    if not taken_by_then:
        assert not cleared
        return
    latest_day = max(f.taken_on for f in taken_by_then)
    # several sittings on one day: the one recorded last decides (stable order)
    latest = [f for f in taken_by_then if f.taken_on == latest_day][-1]
    assert cleared == (latest.passed and latest.valid_until is not None
                       and latest.valid_until >= day)


def test_a_pass_holds_for_the_configured_months(config: Config) -> None:
    assert default_valid_until(config, date(2026, 1, 10)) == date(2027, 1, 9)
    assert default_valid_until(config, date(2026, 1, 31)) == date(2027, 1, 30)
    six = replace(config, security=replace(config.security, exam_valid_months=6))
    assert default_valid_until(six, date(2026, 8, 31)) == date(2027, 2, 27)  # Feb 28, less one


def test_generation_stops_at_a_pass_that_lapses_mid_month(ws: Workspace,
                                                          clock: FrozenClock) -> None:
    clock.set(local(2026, 11, 30, 17, 0))
    boss = _crew(ws)
    record_exam(ws, boss, "zhang", date(2026, 1, 5), passed=True)  # to 2027-01-04
    record_exam(ws, boss, "li", date(2026, 1, 5), passed=True)
    record_exam(ws, boss, "wang", date(2025, 12, 16), passed=True, score=85)  # to 2026-12-15
    report = generate_roster(ws, boss, *DECEMBER)
    view = roster_view(ws, boss, *DECEMBER)
    wang_days = [d.day for d in view.days for s in d.shifts if s.login == "wang"]
    assert wang_days and max(wang_days) <= date(2026, 12, 15)
    assert view.coverage.gaps == ()
    [barred] = report.barred
    assert (barred.login, barred.day, barred.state) == ("wang", date(2026, 12, 16), "lapsed")
    assert barred.reason() == "保密考核合格已过期（2026-12-16 起失效）"


def test_an_engineer_never_examined_is_not_rostered(ws: Workspace, clock: FrozenClock) -> None:
    clock.set(local(2026, 11, 30, 17, 0))
    boss = _crew(ws)
    record_exam(ws, boss, "zhang", date(2026, 11, 2), passed=True)
    report = generate_roster(ws, boss, *DECEMBER)
    logins = {s.login for d in roster_view(ws, boss, *DECEMBER).days for s in d.shifts}
    assert logins == {"zhang"}
    assert {(b.login, b.state) for b in report.barred} == {("li", "no_exam"),
                                                           ("wang", "no_exam")}


def test_assigning_adding_and_swapping_refuse_a_failed_engineer(ws: Workspace,
                                                                clock: FrozenClock) -> None:
    clock.set(local(2026, 11, 30, 17, 0))
    boss = _crew(ws)
    for login in ("zhang", "li", "wang"):
        record_exam(ws, boss, login, date(2026, 6, 1), passed=True)
    generate_roster(ws, boss, *DECEMBER)
    record_exam(ws, boss, "wang", date(2026, 11, 30), passed=False, score=52)
    shifts = [s for d in roster_view(ws, boss, *DECEMBER).days for s in d.shifts]
    not_wang = [s for s in shifts if s.login != "wang"]
    with refused(UsageError, "security.not_cleared"):
        reassign_shift(ws, boss, not_wang[0].id, "wang", "顶班")
    free_day = next(d.day for d in roster_view(ws, boss, *DECEMBER).days
                    if d.is_working and all(s.login != "wang" for s in d.shifts))
    with refused(UsageError, "security.not_cleared"):
        add_shift(ws, boss, free_day, "day", "wang", "加班")
    wang_shift = next(s for s in shifts if s.login == "wang")  # rostered before the fail
    other = next(s for s in not_wang if s.day != wang_shift.day)
    with refused(UsageError, "security.not_cleared"):
        swap_shifts(ws, boss, wang_shift.id, other.id, "互换")
    with pytest.raises(UsageError) as caught:
        add_shift(ws, boss, free_day, "day", "wang", "加班")
    assert str(caught.value) == f"王芳 在 {free_day} 不能上岗：2026-11-30 保密考核不合格"
    record_exam(ws, boss, "wang", date(2026, 11, 30), passed=True, score=90)
    added = add_shift(ws, boss, free_day, "day", "wang", "加班")
    assert added.login == "wang"


def test_standings_and_who_is_warned(ws: Workspace, clock: FrozenClock) -> None:
    clock.set(local(2026, 11, 30, 17, 0))
    boss = _crew(ws)
    record_exam(ws, boss, "zhang", date(2026, 1, 5), passed=True, score=91)  # 35 days left
    record_exam(ws, boss, "li", date(2025, 12, 20), passed=True)  # to 2026-12-19: 19 left
    record_pledge(ws, boss, "li", date(2025, 12, 20))
    rows = {row.login: row for row in exam_standings(ws, boss)}
    assert (rows["zhang"].days_left, rows["zhang"].warn) == (35, False)
    assert (rows["li"].days_left, rows["li"].warn) == (19, True)
    assert rows["li"].pledge_on == date(2025, 12, 20) and rows["zhang"].pledge_on is None
    assert (rows["wang"].state, rows["wang"].warn) == ("no_exam", True)
    assert rows["zhang"].latest is not None and rows["zhang"].latest.score == 91
    assert [row.login for row in exam_warnings(ws, boss)] == ["li", "wang"]
    li = Actor("li", "李娜", "engineer")
    assert [row.login for row in exam_warnings(ws, li)] == ["li"]
    zhang = Actor("zhang", "张伟", "engineer")
    assert exam_warnings(ws, zhang) == []
    assert [e.taken_on for e in exam_history(ws, boss, "li")] == [date(2025, 12, 20)]


def test_only_a_manager_records_and_nonsense_is_refused(ws: Workspace,
                                                        clock: FrozenClock) -> None:
    clock.set(local(2026, 11, 30, 17, 0))
    boss = _crew(ws)
    with refused(NotAuthorized, "roles.denied"):
        record_exam(ws, Actor("zhang", "张伟", "engineer"), "zhang", date(2026, 11, 1),
                    passed=True)
    with refused(UsageError, "security.exam_in_future"):
        record_exam(ws, boss, "zhang", date(2026, 12, 1), passed=True)
    with refused(UsageError, "security.score"):
        record_exam(ws, boss, "zhang", date(2026, 11, 1), passed=True, score=101)
    with refused(UsageError, "security.valid_until_for_fail"):
        record_exam(ws, boss, "zhang", date(2026, 11, 1), passed=False,
                    valid_until=date(2027, 1, 1))
    with refused(UsageError, "security.valid_until_backwards"):
        record_exam(ws, boss, "zhang", date(2026, 11, 1), passed=True,
                    valid_until=date(2026, 10, 1))
    with refused(UsageError, "security.pledge_in_future"):
        record_pledge(ws, boss, "zhang", date(2026, 12, 2))
