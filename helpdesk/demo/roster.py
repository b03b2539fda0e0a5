"""Demo data for the roster and the handover: three engineers on a generated roster around
today with one approved leave and one swap, and two weeks of shift handovers signed at 17:50 and
acknowledged next morning, except the last one (so the dashboard shows it overdue)."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from helpdesk.actor import Actor
from helpdesk.clock import FrozenClock
from helpdesk.roster.actions import generate_roster, month_range, roster_view, swap_shifts
from helpdesk.roster.handover import acknowledge, get_handover, review_item, sign_handover
from helpdesk.roster.leave import request_leave
from helpdesk.services.service_years import contract_terms
from helpdesk.services.workspace import Workspace

ATTENTION = ("打印机硒鼓将尽，已申请更换", "周五下午省平台例行维护，提前通知各单位",
             "PageOffice 插件新版本待推送", "", "", "")
NOTES = ("今日来电较多，集中在转送操作。", "一切正常。", "下午协助信访局做数据统计。",
         "扫描仪驱动已重装，待观察。", "")


def build_roster_demo(ws: Workspace, clock: FrozenClock, manager: Actor,
                      engineers: list[Actor], rng: random.Random
                      ) -> tuple[list[tuple[datetime, Callable[[], None]]], dict[str, int]]:
    """Roster now (the clock set three weeks back so those days are generated too); returns
    the handover steps for the desk's timeline replay."""
    end = clock.now()
    today = end.astimezone(ws.hours.zone).date()
    start = today - timedelta(days=21)
    last = month_range(f"{today + timedelta(days=35):%Y-%m}")[1]
    clock.set(datetime.combine(start, time(8), tzinfo=ws.hours.zone))
    leave_day = ws.calendar.add_working_days(today, 3).deadline
    request_leave(ws, manager, engineers[1].login, leave_day, leave_day, part="full",
                  reason="家中有事", approve=True)
    generate_roster(ws, manager, start, last)
    view = roster_view(ws, manager, today + timedelta(days=1), today + timedelta(days=14))
    on = [shift for day in view.days for shift in day.shifts]
    first = on[0] if on else None
    partner = next((s for s in on[1:] if first and s.login != first.login), None)
    if first is not None and partner is not None:
        swap_shifts(ws, manager, first.id, partner.id, "孩子学校开家长会，与同事互换")
    clock.set(end)
    history = roster_view(ws, manager, today - timedelta(days=14), today)
    on_duty = {day.day: [s.login for s in day.shifts] for day in history.days if day.shifts}
    by_login = {e.login: e for e in engineers}
    steps: list[tuple[datetime, Callable[[], None]]] = []
    days = sorted(d for d in on_duty if d < today)
    ids: dict[date, int] = {}
    for index, day in enumerate(days):
        outgoing = by_login.get(on_duty[day][0])
        if outgoing is None:
            continue
        signed_at = datetime.combine(day, time(17, 50), tzinfo=ws.hours.zone)
        note, attention = rng.choice(NOTES), rng.choice(ATTENTION)

        def sign(d: date = day, who: Actor = outgoing, n: str = note, a: str = attention
                 ) -> None:
            ids[d] = sign_handover(ws, who, notes=n, attention=a).row.id

        steps.append((signed_at, sign))
        if index == len(days) - 1:
            continue  # the last one stays unacknowledged
        following = days[index + 1]
        incoming = by_login.get(on_duty[following][0])
        if incoming is None or incoming.login == outgoing.login:
            incoming = next(e for e in engineers if e.login != outgoing.login)
        at = datetime.combine(following, time(9, rng.choice((5, 12, 20, 45))),
                              tzinfo=ws.hours.zone)
        if rng.random() < 0.2:
            at += timedelta(hours=2)  # a late acknowledgement for the manager's view

        def take(d: date = day, who: Actor = incoming) -> None:
            _take_over(ws, who, ids[d], rng)

        steps.append((at, take))
    return steps, {"shifts": sum(len(d.shifts) for d in view.days), "handovers": len(days)}


def _take_over(ws: Workspace, actor: Actor, handover_id: int, rng: random.Random) -> None:
    for item in get_handover(ws, actor, handover_id).items:
        if item.carried and not item.review:
            review_item(ws, actor, item.id, rng.choice(("taken", "taken", "taken", "done",
                                                        "not_mine")))
    acknowledge(ws, actor, handover_id)



def build_roster_history(ws: Workspace, clock: FrozenClock, manager: Actor) -> int:
    """The duty roster from the contract's start up to where the current roster begins, so the
    compliance ledger has on-site coverage to count (generated as it would have been then)."""
    now = clock.now()
    today = now.astimezone(ws.hours.zone).date()
    start, end = contract_terms(ws, today).start, today - timedelta(days=22)
    if end < start:
        return 0
    clock.set(datetime.combine(start, time(8), tzinfo=ws.hours.zone))
    report = generate_roster(ws, manager, start, end)
    clock.set(now)
    return report.created
