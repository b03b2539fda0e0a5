"""Requirements and problems raised from questions; configuration requests with checklists."""

from __future__ import annotations

from datetime import date

from helpdesk.clock import FrozenClock
from helpdesk.errors import UsageError
from helpdesk.questions.actions import add_question, get_question
from helpdesk.questions.config_requests import checklists, get_request, save_request
from helpdesk.questions.requirement_docs import confirm_requirement
from helpdesk.questions.trackers import advance, find_item, list_items, raise_item
from helpdesk.services.workspace import Workspace, resolve_actor
from tests.conftest import local
from tests.expect import refused


def test_requirement_flow_from_a_question(ws: Workspace, clock: FrozenClock) -> None:
    actor = resolve_actor(ws)
    clock.set(local(2026, 11, 23, 10, 0))
    question = add_question(ws, actor, title="希望登记页支持批量导入", category="registration")
    item = raise_item(ws, actor, "requirement", question_id=question.id)
    assert (item.number, item.status, item.title) == ("R2026-0001", "collected",
                                                      "希望登记页支持批量导入")
    with refused(UsageError, "trackers.next_step"):
        advance(ws, actor, item.id, item.version, "confirmed")
    for status in ("analysed", "verified"):
        item = advance(ws, actor, item.id, item.version, status)
    with refused(UsageError, "trackers.confirm_with_confirmer"):
        advance(ws, actor, item.id, item.version, "confirmed")
    confirm_requirement(ws, actor, item.id, item.version, name="张主任", unit="区信访局")
    item = find_item(ws, actor, "requirement", item.number)
    with refused(UsageError, "trackers.province_reference"):
        advance(ws, actor, item.id, item.version, "fed_back")
    item = advance(ws, actor, item.id, item.version, "fed_back", province_ref="XQ-2026-118")
    assert item.province_ref == "XQ-2026-118"
    assert get_question(ws, actor, question.id).trackers == [
        ("R2026-0001", "requirement", "希望登记页支持批量导入")]


def test_problem_follow_up_in_working_days_and_lateness(ws: Workspace,
                                                        clock: FrozenClock) -> None:
    actor = resolve_actor(ws)
    clock.set(local(2026, 9, 29, 10, 0))  # 5 working days: 09-30, (holidays), 10-09, 10-10...
    problem = raise_item(ws, actor, "problem", title="回访表上传报错")
    # 09-30, then National Day 10-01..07, then 10-08, 10-09, make-up Sat 10-10, 10-12.
    assert problem.follow_up_due == date(2026, 10, 12)
    clock.set(local(2026, 10, 13, 9, 0))
    late = list_items(ws, actor, late_only=True)
    assert [p.number for p in late] == [problem.number] and late[0].late


def test_configuration_request_checklist_and_no_passwords(ws: Workspace) -> None:
    actor = resolve_actor(ws)
    question = add_question(ws, actor, title="园岭街道张三口令重置", category="configuration")
    items = checklists()["password_reset"]
    assert len(items) == 4
    with refused(UsageError, "config_requests.password_in_text"):
        save_request(ws, actor, question.id, kind="password_reset", requested_by="张三",
                     approved_by="李主任", change_summary="新密码：Abc12345")
    with refused(UsageError, "config_requests.incomplete"):
        save_request(ws, actor, question.id, kind="password_reset", requested_by="张三",
                     approved_by="李主任", ticked=items[:2], done=True)
    saved = save_request(ws, actor, question.id, kind="password_reset", requested_by="张三",
                         approved_by="李主任", change_summary="已按策略重置并通知",
                         ticked=items, done=True)
    assert saved.done_by == "tester" and all(saved.checklist.values())
    assert get_request(ws, actor, question.id) == saved
    other = add_question(ws, actor, title="打印机", category="desktop")
    with refused(UsageError, "config_requests.not_configuration"):
        save_request(ws, actor, other.id, kind="plugin_install", requested_by="x",
                     approved_by="y")
