"""The shift handover: a draft of exactly the shift's records, sign, review, acknowledge, and
the manager's figures (open items, acknowledgement delay, items carried more than once)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from helpdesk.actor import Actor
from helpdesk.app.staff import add_staff
from helpdesk.cases.actions import add_case
from helpdesk.cases.urging import record_urging
from helpdesk.clock import FrozenClock
from helpdesk.errors import UsageError
from helpdesk.questions.actions import add_question as _add_question
from helpdesk.questions.actions import resolve
from helpdesk.roster.actions import generate_roster
from helpdesk.roster.handover import (
    acknowledge,
    get_handover,
    list_handovers,
    overdue_handovers,
    review_item,
    sign_handover,
)
from helpdesk.roster.handover_draft import draft_handover
from helpdesk.roster.handover_text import handover_markdown
from helpdesk.security.exams import record_exam
from helpdesk.services.workspace import Workspace, resolve_actor
from tests.conftest import local
from tests.expect import refused

ZHANG = Actor("zhang", "张伟", "engineer")
LI = Actor("li", "李娜", "engineer")


def add_question(ws: Workspace, actor: Actor, title: str, category: str = "registration"
                 ) -> int:
    return _add_question(ws, actor, title=title, category=category).id


@pytest.fixture
def crew(ws: Workspace, clock: FrozenClock) -> Workspace:
    boss = resolve_actor(ws)
    add_staff(ws, boss, "zhang", "张伟", "engineer")
    add_staff(ws, boss, "li", "李娜", "engineer")
    for login in ("zhang", "li"):
        record_exam(ws, boss, login, date(2026, 1, 5), passed=True)
    clock.set(local(2026, 11, 30, 8, 0))
    generate_roster(ws, boss, date(2026, 11, 30), date(2026, 12, 11))
    return ws


def _on_duty_monday(ws: Workspace) -> Actor:
    from helpdesk.roster.actions import on_duty

    clock_now = on_duty(ws, resolve_actor(ws), local(2026, 11, 30, 10, 0)).now
    return ZHANG if clock_now == ("张伟",) else LI


def test_the_draft_holds_exactly_the_shifts_records(crew: Workspace, clock: FrozenClock) -> None:
    ws = crew
    me = _on_duty_monday(ws)
    other = LI if me is ZHANG else ZHANG
    clock.set(local(2026, 11, 30, 8, 30))  # before the shift
    early = add_question(ws, other, "早到的问题：如何导出台账")
    clock.set(local(2026, 11, 30, 10, 0))
    during = add_question(ws, me, "转送后如何撤回")
    clock.set(local(2026, 11, 30, 11, 0))
    resolve(ws, me, early, None, answer="在台账页导出")
    case = add_case(ws, me, case_number="XF2026-000123", registered_on=date(2026, 11, 20),
                    channel="online", subject="小区噪音")
    record_urging(ws, me, case.id, step="accept_notice", method="phone", contact="王科长",
                  agreed="明日前告知", next_check=date(2026, 12, 1))
    clock.set(local(2026, 11, 30, 17, 50))
    draft = draft_handover(ws, me, attention=("机房空调漏水，已报物业",))
    assert draft.window_start == local(2026, 11, 30, 9, 0)
    assert draft.window_end == local(2026, 11, 30, 17, 50)
    ids = {section: [i.entity_id for i in draft.section(section)]
           for section in ("opened", "resolved", "urged", "urging_due")}
    assert ids == {"opened": [during], "resolved": [early], "urged": [case.id],
                   "urging_due": [case.id]}
    still_open = [i.entity_id for i in draft.items if i.section in ("open", "at_risk")]
    assert still_open == [during]
    assert [i.label for i in draft.section("attention")] == ["机房空调漏水，已报物业"]
    assert draft.next_shift_start == local(2026, 12, 1, 9, 0)


def test_a_second_handover_starts_where_the_first_ended(crew: Workspace,
                                                        clock: FrozenClock) -> None:
    ws = crew
    me = _on_duty_monday(ws)
    clock.set(local(2026, 11, 30, 11, 0))
    add_question(ws, me, "上午的问题")
    clock.set(local(2026, 11, 30, 12, 0))
    sign_handover(ws, me, notes="午间交接")
    clock.set(local(2026, 11, 30, 15, 0))
    afternoon = add_question(ws, me, "下午的问题")
    clock.set(local(2026, 11, 30, 17, 50))
    draft = draft_handover(ws, me)
    assert draft.window_start == local(2026, 11, 30, 12, 0)
    assert [i.entity_id for i in draft.section("opened")] == [afternoon]


def _rostered_on(ws: Workspace, day: date) -> Actor:
    from helpdesk.roster.actions import on_duty

    names = on_duty(ws, resolve_actor(ws), local(day.year, day.month, day.day, 10, 0)).now
    return ZHANG if names == ("张伟",) else LI


def test_the_cycle_sign_review_acknowledge(crew: Workspace, clock: FrozenClock) -> None:
    ws = crew
    incoming = _rostered_on(ws, date(2026, 12, 1))
    outgoing = LI if incoming is ZHANG else ZHANG
    clock.set(local(2026, 11, 30, 10, 0))
    add_question(ws, outgoing, "账号被锁定")
    clock.set(local(2026, 11, 30, 17, 50))
    signed = sign_handover(ws, outgoing, notes="今天较忙\n打印机已修好", attention="周二上午停电")
    assert signed.row.outgoing == outgoing.login and signed.row.acknowledged_at is None
    carried = [i for i in signed.items if i.carried]
    # No first response within 2 business hours: the question is breached, not merely open.
    assert [i.section for i in carried] == ["at_risk", "attention"]
    with refused(UsageError, "handover.own_handover"):
        acknowledge(ws, outgoing, signed.row.id)
    clock.set(local(2026, 12, 1, 9, 20))
    with refused(UsageError, "handover.pending_reviews"):
        acknowledge(ws, incoming, signed.row.id)
    review_item(ws, incoming, carried[0].id, "taken")
    review_item(ws, incoming, carried[1].id, "done")
    done = acknowledge(ws, incoming, signed.row.id)
    assert done.row.incoming == incoming.login
    assert done.row.ack_delay == timedelta(minutes=20)
    assert done.row.open_items == 1  # taken, not done
    with refused(UsageError, "handover.already_acknowledged"):
        review_item(ws, incoming, carried[0].id, "done")


def test_only_the_incoming_engineer_or_a_manager_with_a_reason_takes_it_over(
        crew: Workspace, clock: FrozenClock) -> None:
    """A manager not on duty acknowledged another engineer's handover with one key (issue 34):
    now only whoever is rostered for the next shift, or a manager stating why."""
    ws = crew
    boss = resolve_actor(ws)
    incoming = _rostered_on(ws, date(2026, 12, 1))
    outgoing = LI if incoming is ZHANG else ZHANG
    add_staff(ws, boss, "wang", "王芳", "engineer")
    clock.set(local(2026, 11, 30, 17, 50))
    signed = sign_handover(ws, outgoing, notes="无遗留")
    clock.set(local(2026, 12, 1, 9, 20))
    with refused(UsageError, "handover.not_incoming"):  # an engineer not on that shift
        acknowledge(ws, Actor("wang", "王芳", "engineer"), signed.row.id)
    with refused(UsageError, "handover.manager_reason"):
        acknowledge(ws, boss, signed.row.id)
    done = acknowledge(ws, boss, signed.row.id, reason="接班人病假，由项目经理代收")
    assert done.row.incoming == boss.login


def test_an_unacknowledged_handover_is_flagged_after_the_grace(
        crew: Workspace, clock: FrozenClock) -> None:
    ws = crew
    clock.set(local(2026, 12, 4, 17, 50))  # Friday
    signed = sign_handover(ws, ZHANG)
    assert signed.row.next_shift_start == local(2026, 12, 7, 9, 0)  # Monday
    clock.set(local(2026, 12, 7, 9, 59))
    assert overdue_handovers(ws, LI) == []
    clock.set(local(2026, 12, 7, 10, 1))
    assert [row.id for row in overdue_handovers(ws, LI)] == [signed.row.id]


def test_items_carried_more_than_once_are_counted(crew: Workspace, clock: FrozenClock) -> None:
    ws = crew
    clock.set(local(2026, 11, 30, 10, 0))
    add_question(ws, ZHANG, "统计报表口径不一致")
    clock.set(local(2026, 11, 30, 17, 50))
    first = sign_handover(ws, ZHANG)
    clock.set(local(2026, 12, 1, 17, 50))
    second = sign_handover(ws, LI)
    assert first.row.repeated == 0
    assert second.row.repeated == 1
    assert [i.carry_count for i in second.items if i.entity == "question"] == [2]


def test_history_filters_by_engineer_week_and_text(crew: Workspace, clock: FrozenClock) -> None:
    ws = crew
    clock.set(local(2026, 11, 30, 17, 50))
    sign_handover(ws, ZHANG, notes="网上信访平台升级通知")
    clock.set(local(2026, 12, 7, 17, 50))
    sign_handover(ws, LI, notes="扫描仪驱动重装")
    boss = resolve_actor(ws)
    assert [r.outgoing for r in list_handovers(ws, boss).rows] == ["li", "zhang"]
    assert [r.outgoing for r in list_handovers(ws, boss, engineer="zhang").rows] == ["zhang"]
    week = list_handovers(ws, boss, start=date(2026, 12, 7), end=date(2026, 12, 13)).rows
    assert [r.outgoing for r in week] == ["li"]
    assert [r.outgoing for r in list_handovers(ws, boss, search="扫描仪").rows] == ["li"]
    assert [r.outgoing for r in list_handovers(ws, boss, search="张伟").rows] == ["zhang"]
    first = list_handovers(ws, boss, limit=1)
    assert first.next_cursor is not None
    assert [r.outgoing for r in list_handovers(ws, boss, after=first.next_cursor,
                                                limit=1).rows] == ["zhang"]


def test_markdown_export(crew: Workspace, clock: FrozenClock) -> None:
    ws = crew
    clock.set(local(2026, 11, 30, 10, 0))
    add_question(ws, ZHANG, "张三[/]的账号 [@click=app.quit]x")
    clock.set(local(2026, 11, 30, 17, 50))
    signed = sign_handover(ws, ZHANG, notes="一切正常", attention="注意备份")
    text = handover_markdown(get_handover(ws, LI, signed.row.id), ws.hours.zone)
    assert text.startswith("# 交接班记录")
    assert "张伟" in text and "2026-11-30 09:00" in text and "17:50" in text
    assert "张三\\[/\\]的账号 \\[@click=app\\.quit\\]x" in text  # literal in Markdown too
    assert "- [ ] 注意备份" in text
