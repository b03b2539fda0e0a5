"""Demo training: a business training held about five months ago (attendees from the units,
sign-in, evaluation forms with comments, two questions raised) and an operation training
planned about six weeks ahead. Dates are relative to today and always on working days."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from helpdesk.actor import Actor
from helpdesk.clock import FrozenClock
from helpdesk.errors import UsageError
from helpdesk.services.service_years import contract_terms
from helpdesk.services.units import UnitView
from helpdesk.services.workspace import Workspace
from helpdesk.training.actions import plan_session, set_status
from helpdesk.training.obligation import add_months
from helpdesk.training.people import add_attendee, save_evaluation, set_attendance
from helpdesk.training.questions import add_raised

GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
ROLES = ("信访干部", "信访干部", "信访干部", "科长", "系统管理员")
COMMENTS = ("希望多讲一些督办件的实际案例", "讲得很清楚，操作演示很实用", "培训时间可以再长一点",
            "", "", "", "建议会后发放操作手册")


def build_training_demo(ws: Workspace, clock: FrozenClock, actor: Actor,
                        units: list[UnitView], rng: random.Random) -> dict[str, int]:
    now = clock.now()
    today = now.astimezone(ws.hours.zone).date()
    held_day = ws.calendar.next_working_day(add_months(today, -5), include_self=True)
    clock.set(datetime.combine(held_day, time(9), tzinfo=ws.hours.zone))
    invited = [u.id for u in units[:6]]
    held = plan_session(ws, actor, kind="business", day=held_day, start=time(14, 30),
                        place="区信访局三楼会议室", trainer="王建国",
                        title=f"{held_day:%Y}年上半年信访业务培训",
                        invited_unit_ids=invited,
                        materials="课件：信访事项登记与办理规范.pptx").session
    people = []
    for index in range(12):
        unit = units[index % 6]
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if index % 3 else "")
        try:
            people.append(add_attendee(ws, actor, held.id, name, unit.id, rng.choice(ROLES)))
        except UsageError:  # the same random name twice in one unit: skip it
            continue
    clock.set(datetime.combine(held_day, time(16, 40), tzinfo=ws.hours.zone))
    set_status(ws, actor, held.id, None, "held")
    for person in people[:-1]:  # the last one did not come
        if rng.random() < 0.8:
            overall = rng.choice((4, 5, 5, 5, 3))
            save_evaluation(ws, actor, held.id, person.id, {
                "content": rng.choice((4, 5, 5)), "trainer": rng.choice((4, 5, 5, 5)),
                "usefulness": rng.choice((3, 4, 5, 5)), "overall": overall},
                rng.choice(COMMENTS))
        else:
            set_attendance(ws, actor, person.id, "signed_in")
    if people:
        set_attendance(ws, actor, people[-1].id, "absent")
    save_evaluation(ws, actor, held.id, None, {"content": 4, "trainer": 5, "usefulness": 4,
                                               "overall": 4}, "匿名：希望增加答疑时间")
    add_raised(ws, actor, held.id, "转办后发现转错单位，如何撤回重新转办？", people[0].name
               if people else "", "在“已转办”列表中选中该件，使用“撤回”，再重新选择责任单位转办。")
    add_raised(ws, actor, held.id, "督办件到期提醒能否推送到手机？", people[1].name
               if len(people) > 1 else "")
    clock.set(now)
    counts = {"training_sessions": 1}
    planned_day = min(today + timedelta(days=40), contract_terms(ws, today).end - timedelta(days=7))
    if planned_day > today:
        planned_day = ws.calendar.next_working_day(planned_day, include_self=True)
        plan_session(ws, actor, kind="operation", day=planned_day, start=time(9, 30),
                     place="区信访局三楼会议室", trainer="李晓燕",
                     title=f"{planned_day:%Y}年下半年信访系统操作培训",
                     invited_unit_ids=[u.id for u in units[:8]])
        counts["training_sessions"] += 1
    return counts
