"""The daily urging worklist: what is due soon or overdue, nothing on a holiday, an extension
stops the nagging, an urging hides its case until the next check unless the deadline passes."""

from __future__ import annotations

from datetime import date

import pytest

from helpdesk.cases.actions import add_case, advance, extend
from helpdesk.cases.urging import record_urging
from helpdesk.cases.urging_list import worklist
from helpdesk.clock import FrozenClock
from helpdesk.errors import UsageError
from helpdesk.services.workspace import Workspace, resolve_actor
from tests.conftest import cli, local


def _accepted(ws: Workspace, number: str, accepted: date) -> int:
    actor = resolve_actor(ws)
    case = add_case(ws, actor, case_number=number, registered_on=accepted, channel="online",
                    subject="物业纠纷")
    case = advance(ws, actor, case.id, case.version, "transferred", accepted)
    case = advance(ws, actor, case.id, case.version, "accepted", accepted)
    return case.id


def test_due_soon_and_overdue_but_not_far_away(ws: Workspace, clock: FrozenClock) -> None:
    clock.set(local(2026, 11, 24, 9, 0))
    actor = resolve_actor(ws)
    soon = _accepted(ws, "SOON", date(2026, 9, 28))    # due 11-27 (Fri): 3 working days left
    late = _accepted(ws, "LATE", date(2026, 9, 20))    # due 11-19: overdue
    _accepted(ws, "FAR", date(2026, 10, 9))            # due 12-08: not yet
    _accepted(ws, "Y2027", date(2026, 11, 2))          # 2027-01-01 at the earliest: not yet
    items = worklist(ws, actor, date(2026, 11, 24))
    assert [(i.case_id, i.step, i.workdays_left) for i in items] == [(late, "handling", -3),
                                                                      (soon, "handling", 3)]


def test_a_deadline_in_an_unpublished_year_is_urged_by_its_earliest_day(
        ws: Workspace, clock: FrozenClock) -> None:
    clock.set(local(2026, 12, 30, 9, 0))
    actor = resolve_actor(ws)
    unknown = _accepted(ws, "Y2027", date(2026, 11, 2))
    from helpdesk.cases.actions import get_case

    case = get_case(ws, actor, unknown)
    # 11-02 + 60 = 2027-01-01 (元旦, certain): Saturday 01-02 could become a make-up working
    # day (earliest); otherwise the weekend rolls it to Monday 01-04 (expected).
    assert (case.next_step, case.next_due, case.due_provisional, case.next_due_expected) == (
        "handling", date(2027, 1, 2), True, date(2027, 1, 4))
    items = worklist(ws, actor, date(2026, 12, 30))
    assert [(i.case_id, i.provisional, i.due, i.expected, i.workdays_left) for i in items] == [
        (unknown, True, date(2027, 1, 2), date(2027, 1, 4), 1)]


def test_nothing_is_urged_on_a_holiday(ws: Workspace, clock: FrozenClock) -> None:
    clock.set(local(2026, 10, 5, 9, 0))
    _accepted(ws, "H1", date(2026, 8, 1))
    actor = resolve_actor(ws)
    assert worklist(ws, actor, date(2026, 10, 5)) == []
    assert worklist(ws, actor, date(2026, 10, 10))  # make-up Saturday: a working day


def test_extension_stops_the_nagging(ws: Workspace, clock: FrozenClock) -> None:
    clock.set(local(2026, 11, 24, 9, 0))
    actor = resolve_actor(ws)
    case_id = _accepted(ws, "EXT", date(2026, 9, 28))
    assert [i.case_id for i in worklist(ws, actor, date(2026, 11, 24))] == [case_id]
    from helpdesk.cases.actions import get_case

    extend(ws, actor, case_id, get_case(ws, actor, case_id).version, 30, date(2026, 11, 24),
           "需补充材料")
    assert worklist(ws, actor, date(2026, 11, 24)) == []


def test_urging_hides_until_next_check_unless_the_deadline_passes(
        ws: Workspace, clock: FrozenClock) -> None:
    clock.set(local(2026, 11, 24, 9, 0))
    actor = resolve_actor(ws)
    case_id = _accepted(ws, "U1", date(2026, 9, 28))  # due 11-27
    with pytest.raises(UsageError, match="今天以后的工作日"):
        record_urging(ws, actor, case_id, step="handling", method="phone", contact="李科长",
                      agreed="周五前答复", next_check=date(2026, 11, 28))  # a Saturday
    record_urging(ws, actor, case_id, step="handling", method="phone", contact="李科长",
                  agreed="周五前答复", next_check=date(2026, 12, 2))
    assert worklist(ws, actor, date(2026, 11, 25)) == []
    # the due day itself lists it again, whatever check was agreed (issue 32)
    clock.set(local(2026, 11, 27, 9, 0))
    assert [(i.case_id, i.workdays_left) for i in worklist(ws, actor, date(2026, 11, 27))] \
        == [(case_id, 0)]
    clock.set(local(2026, 11, 30, 9, 0))  # deadline 11-27 has passed before the check
    items = worklist(ws, actor, date(2026, 11, 30))
    assert [(i.case_id, i.workdays_left) for i in items] == [(case_id, -1)]


def test_rating_to_guide_after_the_reply(ws: Workspace, clock: FrozenClock) -> None:
    clock.set(local(2026, 11, 24, 9, 0))
    actor = resolve_actor(ws)
    case_id = _accepted(ws, "R1", date(2026, 10, 12))
    from helpdesk.cases.actions import get_case

    advance(ws, actor, case_id, get_case(ws, actor, case_id).version, "replied",
            date(2026, 11, 20))
    assert [(i.case_id, i.step) for i in worklist(ws, actor, date(2026, 11, 24))] == [
        (case_id, "rating")]
    advance(ws, actor, case_id, get_case(ws, actor, case_id).version, "rated",
            date(2026, 11, 23), rating="satisfied")
    assert [(i.case_id, i.step) for i in worklist(ws, actor, date(2026, 11, 24))] == [
        (case_id, "revisit")]


def test_cli_urging_json_for_a_day(ws: Workspace, clock: FrozenClock, db_url: str,
                                   tmp_path: object) -> None:
    import json
    import os
    import subprocess

    clock.set(local(2026, 11, 24, 9, 0))
    late = _accepted(ws, "CLI-1", date(2026, 9, 20))
    config = f'[security]\naudit_key_file = "{ws.db.key_path}"\n'
    path = f"{tmp_path}/c.toml"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(config)
    env = {**os.environ, "HELPDESK_NOW": "2026-11-24T09:00:00+08:00"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*cli("tester"), "--db",
                               db_url, "--config",
                               path, "case", "urging", *args], capture_output=True, text=True,
                              timeout=120, env=env)

    body = json.loads(run("--json").stdout)
    assert body["date"] == "2026-11-24" and body["working_day"]
    assert [(i["case_id"], i["step"], i["workdays_left"]) for i in body["items"]] == [
        (late, "handling", -3)]
    holiday = json.loads(run("--date", "2026-10-05", "--json").stdout)
    assert (holiday["working_day"], holiday["items"]) == (False, [])
    assert "国庆节" in run("--date", "2026-10-05").stdout


def test_the_cut_keeps_the_most_urgent_first(ws: Workspace, clock: FrozenClock) -> None:
    """More candidates than the cap, registered in an order unrelated to urgency, some hidden
    by a later agreed check: the cut keeps the most overdue, and says what it left out."""
    from helpdesk.cases.urging_list import urging_worklist

    clock.set(local(2026, 11, 24, 9, 0))
    actor = resolve_actor(ws)
    # Accepted on these days: handling due 60 days later (rolled over), in this order of
    # insertion, which is not the order of urgency.
    accepted = [date(2026, 9, 20), date(2026, 8, 20), date(2026, 9, 25), date(2026, 8, 25),
                date(2026, 9, 1), date(2026, 8, 30), date(2026, 9, 10), date(2026, 8, 22)]
    ids = {day: _accepted(ws, f"CUT-{index}", day) for index, day in enumerate(accepted)}
    # Due today (09-25 + 60 = 11-24), urged with a check agreed for 12-01: still listed, on
    # its due day. Due 11-26 (09-27 + 60), urged with the same check: hidden until then.
    late_check = {"step": "handling", "method": "phone", "contact": "李科长",
                  "agreed": "下周答复", "next_check": date(2026, 12, 1)}
    record_urging(ws, actor, ids[date(2026, 9, 25)], **late_check)  # type: ignore[arg-type]
    hidden = _accepted(ws, "CUT-HIDDEN", date(2026, 9, 27))
    record_urging(ws, actor, hidden, **late_check)  # type: ignore[arg-type]
    result = urging_worklist(ws, actor, date(2026, 11, 24), limit=3)
    assert result.truncated and result.total == 8
    assert [item.case_id for item in result.items] == [
        ids[date(2026, 8, 20)], ids[date(2026, 8, 22)], ids[date(2026, 8, 25)]]
    whole = urging_worklist(ws, actor, date(2026, 11, 24), limit=100)
    assert not whole.truncated and whole.total == len(whole.items) == 8
    assert hidden not in {item.case_id for item in whole.items}
    dues = [item.due for item in whole.items if item.due is not None]
    assert len(dues) == 8 and dues == sorted(dues)
