"""The questions desk: SLA clocks in business hours, pauses that give time back, breaches
recorded once, history, Chinese search of 1, 2 and 4 characters, keyset paging."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from helpdesk.clock import FrozenClock
from helpdesk.errors import StaleEdit, UsageError
from helpdesk.questions.actions import (
    add_question,
    get_question,
    reopen,
    resolve,
    sweep_breaches,
    transition,
)
from helpdesk.questions.listing import list_questions
from helpdesk.questions.models import SlaBreach
from helpdesk.questions.views import QuestionFilter
from helpdesk.services.units import add_unit
from helpdesk.services.workspace import Workspace, resolve_actor
from tests.conftest import local
from tests.expect import refused


@pytest.fixture
def actor(ws: Workspace):  # type: ignore[no-untyped-def]
    return resolve_actor(ws)


def test_sla_over_national_day_and_make_up_saturday(ws: Workspace, clock: FrozenClock,
                                                    actor: object) -> None:
    # Received Wed 2026-09-30 16:00, normal priority: respond in 2h, resolve in 16h.
    clock.set(local(2026, 9, 30, 16, 0))
    row = add_question(ws, actor, title="来信如何登记", category="registration")  # type: ignore[arg-type]
    # Response: 16-18 on 09-30 = 2h, due 18:00 the same day.
    assert row.response.due_at == local(2026, 9, 30, 18, 0)
    # Resolution: 2h on 09-30, holidays 10-01..10-07 skipped, 7h on 10-08, 7h on 10-09 = 16h.
    assert row.resolution.due_at == local(2026, 10, 9, 18, 0)
    clock.set(local(2026, 10, 9, 17, 0))
    row = list_questions(ws, actor).rows[0]  # type: ignore[arg-type]
    assert row.resolution.state == "at_risk" and row.resolution.label() == "1h"
    clock.set(local(2026, 10, 10, 10, 0))  # make-up Saturday: the clock runs
    row = list_questions(ws, actor).rows[0]  # type: ignore[arg-type]
    assert row.resolution.state == "breached" and row.resolution.label() == "-1h"


def test_waiting_pauses_and_gives_the_time_back(ws: Workspace, clock: FrozenClock,
                                                actor: object) -> None:
    clock.set(local(2026, 11, 23, 9, 0))  # Monday
    row = add_question(ws, actor, title="打印机无法连接", category="desktop",  # type: ignore[arg-type]
                       priority="high")  # respond 1h, resolve 8h
    clock.set(local(2026, 11, 23, 11, 0))  # 2h used
    row = transition(ws, actor, row.id, row.version, "waiting", note="等用户回电")  # type: ignore[arg-type]
    assert row.resolution.state == "paused"
    assert row.resolution.remaining == timedelta(hours=6)
    assert row.response.state == "missed"  # asking back is the first response: 2h > 1h target
    clock.set(local(2026, 11, 25, 15, 0))  # two days later: paused time does not count
    row = transition(ws, actor, row.id, row.version, "in_progress", note="用户回电")  # type: ignore[arg-type]
    # 6h left from Wed 15:00: 15-18 (3h), Thu 09-12 (3h) -> due Thu 12:00.
    assert row.resolution.due_at == local(2026, 11, 26, 12, 0)
    detail = get_question(ws, actor, row.id)  # type: ignore[arg-type]
    assert "已用 2h / 8h" in detail.sla_explanation
    assert "计时 11-23 09:00 → 11-23 11:00：计入 2h" in detail.sla_explanation
    kinds = [e.kind for e in detail.events]
    assert kinds == ["created", "responded", "status", "status"]


def test_breach_recorded_once_and_on_late_resolution(ws: Workspace, clock: FrozenClock,
                                                     actor: object) -> None:
    clock.set(local(2026, 11, 23, 9, 0))
    row = add_question(ws, actor, title="账号被锁", category="configuration",  # type: ignore[arg-type]
                       priority="urgent")  # respond 30m, resolve 4h
    clock.set(local(2026, 11, 23, 10, 0))
    assert sweep_breaches(ws) == 1  # response late
    assert sweep_breaches(ws) == 0  # recorded once
    clock.set(local(2026, 11, 23, 15, 0))  # 9-12 + 14-15 = 4h: resolution due now
    clock.set(local(2026, 11, 23, 15, 30))
    resolve(ws, actor, row.id, None, answer="已重置，请用新口令登录")  # type: ignore[arg-type]
    with ws.db.read() as session:
        clocks = sorted(session.exec(select(SlaBreach.clock)).all())
    assert clocks == ["resolution", "response"]
    detail = get_question(ws, actor, row.id)  # type: ignore[arg-type]
    assert detail.row.resolution.state == "missed" and detail.row.response.state == "missed"


def test_lifecycle_rules(ws: Workspace, clock: FrozenClock, actor: object) -> None:
    clock.set(local(2026, 11, 23, 9, 0))
    row = add_question(ws, actor, title="汇报模板在哪", category="reporting")  # type: ignore[arg-type]
    with refused(UsageError, "questions.province_reference"):
        transition(ws, actor, row.id, row.version, "escalated")  # type: ignore[arg-type]
    row = transition(ws, actor, row.id, row.version, "escalated",  # type: ignore[arg-type]
                     escalation_ref="SJ-2026-0042")
    assert row.resolution.state == "paused"  # configured: escalation pauses
    with pytest.raises(StaleEdit):
        transition(ws, actor, row.id, row.version - 1, "in_progress")  # type: ignore[arg-type]
    with refused(UsageError, "questions.answer_needed"):
        resolve(ws, actor, row.id, row.version, answer="  ")  # type: ignore[arg-type]
    row = resolve(ws, actor, row.id, row.version, answer="模板在系统首页下载",  # type: ignore[arg-type]
                  time_spent_minutes=15)
    row = transition(ws, actor, row.id, row.version, "closed")  # type: ignore[arg-type]
    with pytest.raises(UsageError):
        transition(ws, actor, row.id, row.version, "in_progress")  # type: ignore[arg-type]
    row = reopen(ws, actor, row.id, row.version, reason="用户仍找不到")  # type: ignore[arg-type]
    assert row.status == "in_progress" and row.resolution.state in ("on_track", "at_risk")


def test_invalid_values_are_refused(ws: Workspace, actor: object) -> None:
    with refused(UsageError, "questions.choice"):
        add_question(ws, actor, title="x", category="weather")  # type: ignore[arg-type]
    with refused(UsageError, "common.title_empty"):
        add_question(ws, actor, title="\x1b[2J", category="other")  # type: ignore[arg-type]


@pytest.fixture
def searchable(ws: Workspace, clock: FrozenClock, actor: object) -> Workspace:
    clock.set(local(2026, 11, 23, 9, 0))
    for title, description in (("来信如何登记", "群众来信需要扫描"),
                               ("网上信访件转送", "转送到区教育局"),
                               ("打印机卡纸", ""),
                               ("100%_完成率怎么算", "汇报口径")):
        add_question(ws, actor, title=title, category="other", description=description)  # type: ignore[arg-type]
    return ws


@pytest.mark.parametrize(("query", "titles"), [
    ("信", {"来信如何登记", "网上信访件转送"}),
    ("来信", {"来信如何登记"}),
    ("信访件转", {"网上信访件转送"}),
    ("区教育局", {"网上信访件转送"}),
    ("100%_", {"100%_完成率怎么算"}),
    ('"或', set()),
])
def test_search_one_two_and_four_characters(searchable: Workspace, actor: object, query: str,
                                            titles: set[str]) -> None:
    rows = list_questions(searchable, actor, QuestionFilter(search=query)).rows  # type: ignore[arg-type]
    assert {r.title for r in rows} == titles


def test_keyset_pages_and_filters(ws: Workspace, clock: FrozenClock, actor: object) -> None:
    unit = add_unit(ws, actor, "S03", "福田街道", "street")  # type: ignore[arg-type]
    for index in range(7):
        clock.set(local(2026, 11, 23, 9, index))
        add_question(ws, actor, title=f"问题{index}", category="handling",  # type: ignore[arg-type]
                     unit_id=unit.id if index % 2 else None)
    first = list_questions(ws, actor, limit=3)  # type: ignore[arg-type]
    assert first.next_cursor is not None
    second = list_questions(ws, actor, after=first.next_cursor, limit=3)  # type: ignore[arg-type]
    titles = [r.title for r in first.rows + second.rows]
    assert titles == [f"问题{i}" for i in (6, 5, 4, 3, 2, 1)]
    by_unit = list_questions(ws, actor, QuestionFilter(unit_id=unit.id)).rows  # type: ignore[arg-type]
    assert {r.title for r in by_unit} == {"问题1", "问题3", "问题5"}
    assert all(r.unit == "福田街道" for r in by_unit)
    clock.set(local(2026, 11, 23, 11, 10))
    breached = list_questions(ws, actor, QuestionFilter(sla_state="breached")).rows  # type: ignore[arg-type]
    assert len(breached) == 7  # 2h response target passed for all
    due = list_questions(ws, actor, QuestionFilter(sort="due"), limit=2)  # type: ignore[arg-type]
    assert [r.title for r in due.rows] == ["问题0", "问题1"]
