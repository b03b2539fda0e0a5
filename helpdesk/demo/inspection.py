"""Demo inspections and data-service requests: every contract month up to last month inspected
(one finished late, one issue made a desk problem), last month's started and not yet finished
when its due day is still ahead; three data-service requests. Relative to today."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from helpdesk.actor import Actor
from helpdesk.app.desk import inspection_problem
from helpdesk.clock import FrozenClock
from helpdesk.data.requests import add_request, cancel_request
from helpdesk.inspection.actions import (
    due_day,
    finish_inspection,
    record_result,
    set_usage,
    start_inspection,
)
from helpdesk.inspection.obligation import month_bounds, months
from helpdesk.inspection.usage import InstitutionLine, UsageFigures
from helpdesk.services.service_years import contract_terms
from helpdesk.services.units import UnitView
from helpdesk.services.workspace import Workspace

ISSUES = {
    "environment": "两台终端 PageOffice 插件版本过旧，已指导升级",
    "accounts": "发现 6 个超过期限未登录账号，已提请单位确认停用",
    "logs": "本月登录失败集中在周一上午，疑为口令到期，已提醒各单位",
}
SUMMARY = "系统运行总体平稳，发现问题已现场处理或已跟踪。"


def _institutions(units: list[UnitView], index: int, rng: random.Random
                  ) -> list[InstitutionLine]:
    """The provincial export of a month: every unit plus the bureau's own offices; a new unit
    or two not yet connected early in the contract, one little-used street later on."""
    names = [u.name for u in units] + ["区信访局办公室", "区信访局来访接待科", "区信访局督查科",
                                       "区联席会议办公室"]
    lines = []
    for position, name in enumerate(names):
        connected = not (position >= len(names) - 2 and index < 3)
        issued = rng.randint(8, 20) if connected else 0
        disabled = rng.randint(0, 2) if connected else 0
        share = 0.3 if position == 1 and index >= 4 else rng.uniform(0.7, 0.95)
        active = min(issued - disabled, round(issued * share))
        lines.append(InstitutionLine(name, connected, issued, disabled, active))
    return lines


def _at(ws: Workspace, day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=ws.hours.zone)


def build_inspection_demo(ws: Workspace, clock: FrozenClock, actor: Actor,
                          units: list[UnitView], rng: random.Random) -> dict[str, int]:
    now = clock.now()
    today = now.astimezone(ws.hours.zone).date()
    contract = contract_terms(ws, today)
    done = 0
    keys = [(y, m) for y, m in months(contract.start, contract.end)
            if month_bounds(y, m)[1] < today]
    late_month = keys[len(keys) // 2] if len(keys) > 2 else None
    for index, (year, month) in enumerate(keys):
        due, _provisional = due_day(ws, year, month)
        first_next = month_bounds(year, month)[1] + timedelta(days=1)
        start_day = ws.calendar.next_working_day(first_next, include_self=True)
        finish_day = due + timedelta(days=3) if (year, month) == late_month else start_day
        if start_day > today:
            continue
        clock.set(_at(ws, start_day, 9))
        view = start_inspection(ws, actor, f"{year:04d}-{month:02d}")
        lines = _institutions(units, index, rng)
        set_usage(ws, actor, view.id, None, UsageFigures(
            len(lines), sum(1 for i in lines if i.connected), sum(i.issued for i in lines),
            sum(i.disabled for i in lines), sum(i.active for i in lines)),
            source=f"省系统机构使用情况{year:04d}{month:02d}.xlsx", institutions=lines)
        issue_section = rng.choice(tuple(ISSUES))
        issue_done = False
        for item in view.results:
            if item.section == issue_section and not issue_done:
                saved = record_result(ws, actor, item.id, None, "issue", ISSUES[issue_section])
                issue_done = True
                if index == len(keys) - 2:
                    inspection_problem(ws, actor, saved.id)
            elif item.section == "environment" and "扫描仪" in item.item and index % 3 == 0:
                record_result(ws, actor, item.id, None, "na", "本月无扫描仪更换")
            else:
                record_result(ws, actor, item.id, None, "ok")
        if finish_day > today or (index == len(keys) - 1 and due >= today):
            continue  # last month's: started, still to finish
        clock.set(_at(ws, finish_day, 16))
        finish_inspection(ws, actor, view.id, None, SUMMARY)
        done += 1
    clock.set(now - timedelta(days=16))
    add_request(ws, actor, title="三季度各街道信访件数量统计", asker_name="刘主任",
                unit_id=units[-1].id if units else None,
                description="按街道分列登记件数、已办结件数", format_wanted="xlsx 表格")
    clock.set(now - timedelta(days=2))
    add_request(ws, actor, title="本月督办件催办情况", asker_name="陈科长",
                format_wanted="xlsx，按单位汇总")
    wrong = add_request(ws, actor, title="重复提交：三季度统计", asker_name="刘主任")
    cancel_request(ws, actor, wrong.id, wrong.version, "与 DS 前一项重复")
    clock.set(now)
    return {"inspections": done, "data_requests": 3}
