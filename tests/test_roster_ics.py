"""The duty roster as a calendar a phone subscribes to: after a swap the engineer who gave a
duty away sees it cancelled (STATUS:CANCELLED, a higher SEQUENCE), the one who took it sees it
added; every event has LAST-MODIFIED; a reminder on request. Three independent iCalendar
parsers (icalendar, vobject, ics) read the same thing."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import ics
import vobject
from icalendar import Calendar

from helpdesk.clock import FrozenClock
from helpdesk.roster.actions import (
    generate_roster,
    reassign_shift,
    remove_shift,
    roster_view,
    swap_shifts,
)
from helpdesk.roster.export import roster_ics
from helpdesk.services.workspace import Workspace, resolve_actor
from helpdesk.storage.files import replacing_outputs
from tests.conftest import local
from tests.test_roster import _crew

WEEK = (date(2026, 11, 2), date(2026, 11, 6))
SHANGHAI = ZoneInfo("Asia/Shanghai")
Event = tuple[str, str, int, datetime]  # uid, status, sequence, start


def _export(ws: Workspace, path: Path, engineer: str | None = None,
            remind: int | None = None) -> bytes:
    boss = resolve_actor(ws)
    with replacing_outputs():  # a subscribed file is written again in place, as cron's --force
        roster_ics(ws, boss, roster_view(ws, boss, *WEEK), path, engineer, remind)
    return path.read_bytes()


def _by_icalendar(data: bytes) -> set[Event]:
    return {(str(e["UID"]), str(e.get("STATUS", "")), int(str(e["SEQUENCE"])),
             e.decoded("DTSTART").astimezone(SHANGHAI))
            for e in Calendar.from_ical(data).walk("VEVENT")}


def _by_vobject(data: bytes) -> set[Event]:
    parsed: Any = vobject.readOne(data.decode("utf-8"))
    return {(e.uid.value, e.status.value if hasattr(e, "status") else "", int(e.sequence.value),
             e.dtstart.value.astimezone(SHANGHAI)) for e in parsed.vevent_list}


def _by_ics(data: bytes) -> set[Event]:
    calendar = ics.Calendar(data.decode("utf-8"))
    found: set[Event] = set()
    for event in calendar.events:
        extra = {line.name: line.value for line in event.extra}
        found.add((event.uid, (event.status or ""), int(extra["SEQUENCE"]),
                   event.begin.datetime.astimezone(SHANGHAI)))
    return found


def _read(data: bytes) -> set[Event]:
    """The three parsers must agree."""
    first = _by_icalendar(data)
    assert _by_vobject(data) == first
    assert _by_ics(data) == first
    return first


def test_a_swap_cancels_on_one_phone_and_adds_on_the_other(
        ws: Workspace, clock: FrozenClock, tmp_path: Path) -> None:
    clock.set(local(2026, 10, 30, 18, 0))
    _crew(ws, "zhang", "li")
    boss = resolve_actor(ws)
    generate_roster(ws, boss, *WEEK)
    before_zhang = _read(_export(ws, tmp_path / "zhang.ics", "zhang"))
    before_li = _read(_export(ws, tmp_path / "li.ics", "li"))
    assert before_zhang and before_li
    assert all(status == "CONFIRMED" and sequence == 0
               for _uid, status, sequence, _start in before_zhang | before_li)
    view = roster_view(ws, boss, *WEEK)
    shifts = [s for day in view.days for s in day.shifts]
    mine = next(s for s in shifts if s.login == "zhang")
    theirs = next(s for s in shifts if s.login == "li" and s.day != mine.day)
    clock.set(local(2026, 10, 31, 9, 0))
    swap_shifts(ws, boss, mine.id, theirs.id, "家中有事")

    after_zhang = _read(_export(ws, tmp_path / "zhang.ics", "zhang"))
    given_away = f"duty-{mine.day}-{mine.slot}-zhang@helpdesk"
    old = next(e for e in before_zhang if e[0] == given_away)
    cancelled = next(e for e in after_zhang if e[0] == given_away)
    assert cancelled[1] == "CANCELLED" and cancelled[2] > old[2] and cancelled[3] == old[3]
    taken = f"duty-{theirs.day}-{theirs.slot}-zhang@helpdesk"
    assert taken not in {e[0] for e in before_zhang}
    assert next(e for e in after_zhang if e[0] == taken)[1] == "CONFIRMED"
    # The team calendar: both sides of the swap, no duty twice.
    team = _read(_export(ws, tmp_path / "team.ics"))
    live = [e for e in team if e[1] == "CONFIRMED"]
    assert len(live) == len(before_zhang) + len(before_li)
    assert {e[0] for e in team if e[1] == "CANCELLED"} == {
        given_away, f"duty-{theirs.day}-{theirs.slot}-li@helpdesk"}
    # Swapping back: the duty is live again, above the cancellation's SEQUENCE.
    swap_shifts(ws, boss, mine.id, theirs.id, "改回")
    back = {e[0]: e for e in _read(_export(ws, tmp_path / "zhang.ics", "zhang"))}
    assert back[given_away][1] == "CONFIRMED" and back[given_away][2] > cancelled[2]
    assert back[taken][1] == "CANCELLED"


def test_every_event_says_when_it_changed(ws: Workspace, clock: FrozenClock,
                                         tmp_path: Path) -> None:
    clock.set(local(2026, 10, 30, 18, 0))
    _crew(ws, "zhang", "li", "wang")
    boss = resolve_actor(ws)
    generate_roster(ws, boss, *WEEK)
    shift = next(s for day in roster_view(ws, boss, *WEEK).days for s in day.shifts)
    other = "wang" if shift.login != "wang" else "li"
    clock.set(local(2026, 10, 31, 9, 30))
    reassign_shift(ws, boss, shift.id, other, "顶班")
    events = list(Calendar.from_ical(_export(ws, tmp_path / "r.ics")).walk("VEVENT"))
    assert all("LAST-MODIFIED" in e for e in events)
    changed = {e.decoded("LAST-MODIFIED") for e in events
               if str(e["UID"]).startswith(f"duty-{shift.day}-{shift.slot}-")}
    assert changed == {datetime(2026, 10, 31, 1, 30, tzinfo=ZoneInfo("UTC"))}


def test_a_regenerated_week_keeps_its_uids_and_a_removed_duty_is_cancelled(
        ws: Workspace, clock: FrozenClock, tmp_path: Path) -> None:
    clock.set(local(2026, 10, 30, 18, 0))
    _crew(ws, "zhang", "li", "wang")
    boss = resolve_actor(ws)
    generate_roster(ws, boss, *WEEK)
    first = _read(_export(ws, tmp_path / "a.ics"))
    generate_roster(ws, boss, *WEEK)
    assert _read(_export(ws, tmp_path / "b.ics")) == first  # the same duties, untouched
    from helpdesk.roster.actions import add_shift

    on_duty = {e[0].split("-")[-1].split("@")[0] for e in first
               if e[0].startswith(f"duty-{WEEK[0]}-")}
    free = next(login for login in ("zhang", "li", "wang") if login not in on_duty)
    extra = add_shift(ws, boss, WEEK[0], "day", free, "忙")
    remove_shift(ws, boss, extra.id, "不需要了")
    removed = next(e for e in _read(_export(ws, tmp_path / "c.ics"))
                   if e[0] == f"duty-{extra.day}-{extra.slot}-{extra.login}@helpdesk")
    assert removed[1] == "CANCELLED" and removed[2] >= 1


def test_a_reminder_on_request(ws: Workspace, clock: FrozenClock, tmp_path: Path) -> None:
    clock.set(local(2026, 10, 30, 18, 0))
    _crew(ws, "zhang", "li")
    generate_roster(ws, resolve_actor(ws), *WEEK)
    plain = Calendar.from_ical(_export(ws, tmp_path / "p.ics"))
    assert not list(plain.walk("VALARM"))
    data = _export(ws, tmp_path / "r.ics", remind=30)
    alarms = list(Calendar.from_ical(data).walk("VALARM"))
    assert alarms and all(a.decoded("TRIGGER").total_seconds() == -1800 for a in alarms)
    parsed: Any = vobject.readOne(data.decode("utf-8"))
    assert all(e.valarm.trigger.value.total_seconds() == -1800 for e in parsed.vevent_list)


def test_the_month_grid_marks_leave_as_its_legend_says(ws: Workspace, clock: FrozenClock,
                                                       tmp_path: Path) -> None:
    """An engineer on leave has no shift that day; the grid still shows 假 (and does not
    count it as a duty)."""
    from openpyxl import load_workbook

    from helpdesk.roster.export import month_grid_xlsx
    from helpdesk.roster.leave import request_leave

    clock.set(local(2026, 11, 30, 17, 0))
    _crew(ws, "zhang", "li")
    boss = resolve_actor(ws)
    request_leave(ws, boss, "li", date(2026, 12, 7), date(2026, 12, 11), reason="年假",
                  approve=True)
    generate_roster(ws, boss, date(2026, 12, 1), date(2026, 12, 31))
    path = tmp_path / "grid.xlsx"
    month_grid_xlsx(ws, boss, roster_view(ws, boss, date(2026, 12, 1), date(2026, 12, 31)),
                    path)
    sheet = load_workbook(path).active
    assert sheet is not None
    row = next(r for r in range(4, 8) if sheet.cell(r, 1).value == "李娜")
    assert [sheet.cell(row, 1 + day).value for day in range(7, 12)] == ["假"] * 5
    duties = sum(1 for day in range(1, 32)
                 if sheet.cell(row, 1 + day).value not in (None, "假"))
    assert sheet.cell(row, 33).value == duties
