"""Demo data for the questions desk: a few hundred questions over the last six weeks, replayed
through the services in time order with the demo's own clock, so SLA clocks, breaches, history
and the audit log are all real."""

from __future__ import annotations

import random
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from helpdesk import resources
from helpdesk.actor import Actor
from helpdesk.clock import FrozenClock
from helpdesk.questions import actions as questions
from helpdesk.questions import config_requests, kb, trackers
from helpdesk.questions.listing import list_questions
from helpdesk.questions.views import QuestionFilter
from helpdesk.services.units import UnitView
from helpdesk.services.workspace import Workspace
from helpdesk.vocab import PRIORITIES, QUESTION_CHANNELS

_DEMO = tomllib.loads(resources.read_text("demo_questions.toml"))
TITLES: dict[str, list[str]] = _DEMO["titles"]
ANSWERS: dict[str, str] = _DEMO["answers"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭"
CATEGORY_WEIGHTS = {"registration": 30, "handling": 25, "reporting": 10, "desktop": 15,
                    "configuration": 10, "data_service": 5, "other": 5}
QUESTION_COUNT = 420


@dataclass
class Step:
    at: datetime
    order: int
    action: Callable[[], None]


def _business_instant(ws: Workspace, rng: random.Random, day_offset: int) -> datetime:
    today = ws.now().astimezone(ws.hours.zone)
    day = today.date() - timedelta(days=day_offset)
    start, end = ws.config.office_hours.periods[rng.randrange(len(ws.config.office_hours.periods))]
    minute = rng.randrange(0, (end.hour - start.hour) * 60)
    return datetime.combine(day, start, ws.hours.zone) + timedelta(minutes=minute)


def build_question_demo(ws: Workspace, clock: FrozenClock, units: list[UnitView],
                    engineers: list[Actor], rng: random.Random,
                    extra: list[tuple[datetime, Callable[[], None]]] | None = None
                    ) -> dict[str, int]:
    """Replay a generated timeline up to the clock's current instant; `extra` steps (such as
    the shift handovers) run at their own instants among the desk's."""
    end = clock.now()
    steps: list[Step] = [Step(at, 3, action) for at, action in extra or () if at < end]
    ids: dict[int, int] = {}
    versions: dict[int, int] = {}
    categories = list(CATEGORY_WEIGHTS)
    weights = list(CATEGORY_WEIGHTS.values())
    for index in range(QUESTION_COUNT):
        offset = int(rng.triangular(0, 42, 0))
        received = _business_instant(ws, rng, offset)
        if received >= end or not ws.calendar.is_working_day(received.date()):
            continue
        category = rng.choices(categories, weights)[0]
        title = rng.choice(TITLES[category])
        engineer = rng.choice(engineers)
        unit = rng.choice(units)
        priority = rng.choices(PRIORITIES, (4, 16, 65, 15))[0]
        channel = rng.choices(QUESTION_CHANNELS, (50, 25, 15, 7, 3))[0]
        asker = rng.choice(SURNAMES) + rng.choice(("科长", "主任", "干事", "老师", "同志"))

        def add(i: int = index, t: str = title, c: str = category, u: UnitView = unit,
                p: str = priority, ch: str = channel, a: str = asker, e: Actor = engineer,
                r: datetime = received) -> None:
            row = questions.add_question(ws, e, title=t, category=c, unit_id=u.id, channel=ch,
                                         priority=p, asker_name=a, received_at=r,
                                         description=f"{u.name}{a}来电咨询：{t}。")
            ids[i], versions[i] = row.id, row.version

        steps.append(Step(received, 0, add))
        age_hours = (end - received).total_seconds() / 3600
        fate = rng.random()
        respond_at = received + timedelta(minutes=rng.choice((5, 10, 20, 40, 90, 200)))
        if respond_at >= end:
            continue
        if age_hours > 40 and fate < 0.82:
            resolve_at = respond_at + timedelta(hours=rng.choice((0.5, 1, 2, 5, 20, 30)))
            if resolve_at < end:
                answer = ANSWERS.get(title, f"已电话指导{asker}完成操作，问题解决。")
                steps.append(Step(respond_at, 1, _mover(ws, e := engineer, ids, versions, index,
                                                        "in_progress")))
                steps.append(Step(resolve_at, 2, _resolver(ws, e, ids, versions, index, answer,
                                                           rng.choice((10, 15, 30, 45)))))
                continue
        target = rng.choice(("in_progress", "in_progress", "waiting", "escalated"))
        steps.append(Step(respond_at, 1, _mover(ws, engineer, ids, versions, index, target)))
    steps.sort(key=lambda step: (step.at, step.order))
    for step in steps:
        clock.set(step.at)
        step.action()
    clock.set(end)
    return _knowledge_and_registers(ws, engineers[0], ids, rng) | {"questions": len(ids)}


def _mover(ws: Workspace, actor: Actor, ids: dict[int, int], versions: dict[int, int],
           index: int, target: str) -> Callable[[], None]:
    def run() -> None:
        ref = f"SJ-{ids[index]:05d}" if target == "escalated" else ""
        row = questions.transition(ws, actor, ids[index], versions[index], target,
                                   note="已联系用户", escalation_ref=ref)
        versions[index] = row.version

    return run


def _resolver(ws: Workspace, actor: Actor, ids: dict[int, int], versions: dict[int, int],
              index: int, answer: str, minutes: int) -> Callable[[], None]:
    def run() -> None:
        row = questions.resolve(ws, actor, ids[index], versions[index], answer=answer,
                                time_spent_minutes=minutes)
        versions[index] = row.version

    return run


def _knowledge_and_registers(ws: Workspace, engineer: Actor, ids: dict[int, int],
                             rng: random.Random) -> dict[str, int]:
    published: set[str] = set()
    page = list_questions(ws, engineer, QuestionFilter(
        statuses=("resolved",)), limit=400)
    for row in page.rows:
        if row.title in ANSWERS and row.title not in published:
            draft = kb.draft_from_question(ws, engineer, row.id)
            kb.set_status(ws, engineer, draft.id, draft.version, "published")
            published.add(row.title)
    open_rows = list_questions(ws, engineer, QuestionFilter(
        statuses=("in_progress",)), limit=50).rows
    for row in open_rows[:2]:
        trackers.raise_item(ws, engineer, "requirement", question_id=row.id)
    problems = 0
    for row in open_rows[2:4]:
        trackers.raise_item(ws, engineer, "problem", question_id=row.id)
        problems += 1
    config_rows = list_questions(ws, engineer, QuestionFilter(
        category="configuration"), limit=5).rows
    for row in config_rows[:2]:
        items = config_requests.checklists()["password_reset"]
        config_requests.save_request(ws, engineer, row.id, kind="password_reset",
                                     requested_by=row.asker_name, approved_by="李主任",
                                     change_summary="已按省局口令策略重置",
                                     ticked=items if row.status == "resolved" else items[:2],
                                     done=row.status == "resolved")
    questions.sweep_breaches(ws)
    del ids, rng
    return {"kb_articles": len(published), "problems": problems}
