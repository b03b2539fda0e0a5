"""Demo petition cases: a few thousand across every stage and unit, relative to today, with
synthetic ID numbers (valid check character, plausible birth dates) and clearly fake names
(张某某). Loaded in one audited transaction."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlmodel import col, select

from helpdesk.actor import Actor
from helpdesk.cases.actions import schedule_next_step
from helpdesk.cases.idcard import check_character
from helpdesk.cases.models import PetitionCase, Urging, WorklistDay
from helpdesk.cases.urging import URGING_METHODS
from helpdesk.services.service_years import contract_terms
from helpdesk.services.units import UnitView
from helpdesk.services.workspace import Workspace, change

CASE_COUNT = 3000
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁"
SUBJECTS = ("小区噪音扰民", "拖欠工资", "学位申请", "占道经营", "医疗纠纷", "物业服务纠纷",
            "房屋漏水维修", "违章建筑举报", "社保待遇核定", "拆迁补偿", "交通噪音", "环境污染",
            "养老金发放", "低保申请", "征地补偿", "公交线路调整")
CHANNELS = ("letter", "visit", "online", "phone")
REGIONS = (440304, 440303, 440305, 440306, 110105, 310104)


def synthetic_id(rng: random.Random, today: date) -> str:
    born = today - timedelta(days=rng.randrange(18 * 365, 80 * 365))
    first17 = f"{rng.choice(REGIONS)}{born:%Y%m%d}{rng.randrange(1000):03d}"
    return first17 + check_character(first17)


def build_demo_cases(ws: Workspace, actor: Actor, units: list[UnitView],
                     rng: random.Random) -> int:
    today = ws.now().astimezone(ws.hours.zone).date()

    def not_after_today(day: date) -> date | None:
        return day if day <= today else None

    with change(ws, actor) as tx:
        for index in range(CASE_COUNT):
            registered = today - timedelta(days=int(rng.triangular(0, 200, 30)))
            case = PetitionCase(
                case_number=f"GD4403042026{index:05d}", registered_on=registered,
                channel=rng.choices(CHANNELS, (30, 20, 40, 10))[0],
                petitioner_name=rng.choice(SURNAMES) + "某某",
                id_number=synthetic_id(rng, today),
                phone=f"138{rng.randrange(10**8):08d}", subject=rng.choice(SUBJECTS),
                summary="（演示数据）", unit_id=rng.choice(units).id, stage="registered",
                supervised=rng.random() < 0.05, created_at=tx.now, created_by=actor.login)
            transferred = not_after_today(registered + timedelta(days=rng.choice((1, 2, 3, 16))))
            accepted = replied = None
            if transferred:
                case.transferred_on = case.received_on = transferred
                case.stage = "transferred"
                accepted = not_after_today(transferred + timedelta(
                    days=rng.choice((2, 5, 8, 12, 14, 18))))
            if accepted and rng.random() < 0.99:
                case.accepted_on, case.stage = accepted, "accepted"
                if rng.random() < 0.08:
                    case.extension_days = rng.choice((10, 15, 30))
                    case.extension_approved_on = min(today, accepted + timedelta(days=50))
                replied = not_after_today(accepted + timedelta(
                    days=rng.choice((15, 25, 40, 55, 58, 65, 75))))
            if replied and rng.random() < 0.97:
                case.replied_on, case.stage = replied, "replied"
                if replied + timedelta(days=7) <= today:
                    case.rating = rng.choices(("satisfied", "basically", "dissatisfied",
                                               "expired"), (60, 25, 8, 7))[0]
                    if case.rating != "expired":
                        case.rated_on, case.stage = replied + timedelta(days=3), "rated"
                    if rng.random() < 0.9:
                        case.revisit_status = "returned"
                        case.revisited_on = replied + timedelta(days=7)
                        case.stage = "revisited"
                        if rng.random() < 0.6:
                            case.closed_on = min(today, replied + timedelta(days=20))
                            case.stage = "closed"
            schedule_next_step(ws, case)
            tx.session.add(case)
        tx.record("demo.cases", "petition_case", "demo", after={"cases": CASE_COUNT})
    return CASE_COUNT


def build_urging_history(ws: Workspace, actor: Actor, rng: random.Random) -> int:
    """The worklist worked every working day since the contract began: an urging of a case
    open that day, or, before there were cases to urge, an explicit "nothing due"."""

    zone = ws.hours.zone
    today = ws.now().astimezone(zone).date()
    day = contract_terms(ws, today).start
    made = 0
    with change(ws, actor) as tx:
        cases = sorted(tx.session.exec(select(PetitionCase).where(
            col(PetitionCase.registered_on) < today)).all(), key=lambda c: c.registered_on)
        while day < today:
            if ws.calendar.is_working_day(day):
                open_then = [c for c in cases[:400] if c.registered_on < day
                             and (c.closed_on is None or c.closed_on > day)]
                if open_then:
                    case = rng.choice(open_then)
                    assert case.id is not None
                    at = datetime.combine(day, time(10, rng.randrange(60)), tzinfo=zone)
                    following = ws.calendar.next_working_day(day)
                    tx.session.add(Urging(case_id=case.id, at=at, actor=actor.login,
                                          step=case.next_step or "transfer",
                                          contact="经办人", method=rng.choice(URGING_METHODS),
                                          agreed="按期办理并回复", next_check=following))
                else:
                    tx.session.add(WorklistDay(day=day, note="（演示数据）",
                                               recorded_by=actor.login, recorded_at=tx.now))
                made += 1
            day += timedelta(days=1)
        tx.record("demo.urgings", "petition_case", "demo", after={"days": made})
    return made
