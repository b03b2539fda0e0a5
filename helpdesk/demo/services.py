"""Demo data for the catalogue's smaller services: the province's 三率 ranking of the last
three months and the last quarter (the district climbing in satisfaction, slipping in timely
acceptance), as the province's monthly notices give them. The district's own figure in the
notice is the rate the demo's cases give, and the province average sits a fixed distance from
it, so the console's own rates and the notice agree as they would on the job.

The proxy-work log: work done for unit staff on cases the demo holds, and two cases registered
by hand, one of which the province's next export (imported here as a file, like any other)
then names, so the log shows one confirmed and one still awaiting the export."""

from __future__ import annotations

import random
import tempfile
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlmodel import col, select

from helpdesk.actor import Actor
from helpdesk.calendar.periods import ReportPeriod, parse_period, period_label, shifted
from helpdesk.cases.imports import import_cases
from helpdesk.cases.models import PetitionCase
from helpdesk.cases.proxy_work import NewCase, log_proxy
from helpdesk.cases.ranking import record_rank
from helpdesk.cases.rate_figures import case_rates
from helpdesk.monitoring.inventory import link_question
from helpdesk.monitoring.inventory_import import import_inventory
from helpdesk.monitoring.oplog_import import import_oplog
from helpdesk.questions.listing import list_questions
from helpdesk.questions.requirement_docs import confirm_requirement, edit_document
from helpdesk.questions.trackers import advance, list_items
from helpdesk.questions.views import QuestionFilter
from helpdesk.services.workspace import Workspace

if TYPE_CHECKING:
    from helpdesk.services.units import UnitView

# Per rate: the ranks over the three months, oldest first, and how many percentage points the
# district stood above (+) or below (−) the province average each month.
MONTHLY_RANKS = {
    "timely_acceptance": ((4, 5, 7), (0.8, 0.4, -0.4)),
    "on_time_completion": ((6, 6, 5), (-0.3, 0.1, 0.6)),
    "participation": ((11, 9, 8), (-2.3, -0.4, 1.1)),
    "satisfaction": ((9, 6, 3), (-1.1, 0.6, 1.7)),
}
DISTRICTS = 21


def _record(ws: Workspace, manager: Actor, period: ReportPeriod, ranks: dict[str, int],
            gaps: dict[str, float]) -> int:

    own = case_rates(ws, manager, period.start, period.end).overall
    for rate, rank in ranks.items():
        # The notice prints rates to 0.01 %.
        exact = getattr(own, rate).value
        value = None if exact is None else round(exact, 4)
        average = None if value is None else round(min(1.0, max(0.0, value - gaps[rate] / 100)),
                                                   4)
        record_rank(ws, manager, period.label, rate, rank, DISTRICTS,
                    province_average=average, district_value=value,
                    note=f"省信访局{period.label}三率通报")
    return len(ranks)


def build_ranking_demo(ws: Workspace, manager: Actor) -> int:
    today = ws.now().astimezone(ws.hours.zone).date()
    latest = shifted(parse_period("monthly", period_label("monthly", today)), -1)
    recorded = 0
    for index, step in enumerate((-2, -1, 0)):
        recorded += _record(ws, manager, shifted(latest, step),
                            {rate: ranks[index] for rate, (ranks, _g) in MONTHLY_RANKS.items()},
                            {rate: gaps[index] for rate, (_r, gaps) in MONTHLY_RANKS.items()})
    quarter = shifted(parse_period("quarterly", period_label("quarterly", today)), -1)
    return recorded + _record(
        ws, manager, quarter, {rate: ranks[1] for rate, (ranks, _g) in MONTHLY_RANKS.items()},
        {rate: gaps[1] for rate, (_r, gaps) in MONTHLY_RANKS.items()})


# (days ago, action, on whose behalf, who authorised it, note)
PROXY_WORK = (
    (12, "accepted", "刘干事", "张主任", "刘干事出差，电话授权代为受理"),
    (9, "transferred", "陈科长", "张主任", "代为转送责任单位"),
    (6, "handled", "周干事", "李科长", "代为录入办理意见（原件存档）"),
    (2, "handled", "王股长", "李科长", "代为上传答复意见书扫描件"),
)
HAND_REGISTERED = (("GD4403042026H0001", "群众来信反映小区电梯长期停运", 5),
                   ("GD4403042026H0002", "来访反映拆迁补偿款未到位", 1))


def build_proxy_demo(ws: Workspace, engineer: Actor) -> int:
    now = ws.now()
    with ws.db.read() as session:
        numbers = session.exec(select(PetitionCase.case_number).where(
            col(PetitionCase.stage) != "closed").order_by(col(PetitionCase.id))
            .limit(len(PROXY_WORK))).all()
    for number, (days, action, behalf, authorised, note) in zip(numbers, PROXY_WORK,
                                                               strict=False):
        log_proxy(ws, engineer, number, action, on_behalf_of=behalf, authorised_by=authorised,
                  note=note, done_at=now - timedelta(days=days))
    for number, subject, days in HAND_REGISTERED:
        day = (now - timedelta(days=days)).astimezone(ws.hours.zone).date()
        log_proxy(ws, engineer, number, "registered", on_behalf_of="刘干事",
                  authorised_by="张主任", note="省系统故障期间代为登记",
                  done_at=now - timedelta(days=days), new_case=NewCase(subject, "letter", day))
    first, subject, days = HAND_REGISTERED[0]
    day = (now - timedelta(days=days)).astimezone(ws.hours.zone).date()
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "省系统导出.csv"
        export.write_text(f"信访件编号,登记日期,信访形式,信访事由\n{first},{day},来信,{subject}\n",
                          encoding="utf-8")
        import_cases(ws, engineer, export)
    return min(len(numbers), len(PROXY_WORK)) + len(HAND_REGISTERED)


# The requirement document of the demo's first requirement, as an engineer writes it up.
REQUIREMENT_DOCUMENT = {
    "title": "退回件由原承办街道直接重新办理",
    "description": "多个街道信访办来电咨询退回件如何重新办理，均需经区信访局重新交办，"
                   "整理为系统需求。",
    "background": "街道信访办经办人反映：退回件需重新办理时，省系统只能由区信访局重新交办，"
                  "街道无法自行发起，平均每件多耗时1至2个工作日。",
    "current_behaviour": "退回件状态为“已退回”，街道账号在办理页面看不到“重新办理”按钮，"
                         "只能电话请区信访局在交办页面重新交办。",
    "wanted_behaviour": "退回件在退回之日起5个工作日内，原承办街道可直接点击“重新办理”，"
                        "系统保留原交办意见和办理期限计算依据。",
    "affected_units": "全区各街道信访办；区信访局办信科",
    "analysis": "属省系统流程配置问题，本区无法自行修改；已核对操作手册第4.3节，"
                "确认现行流程不支持街道发起。涉及权限调整，需省平台项目组评估。",
    "verification": "在测试账号（园岭街道）上复现：退回件无“重新办理”入口；"
                    "区信访局账号可重新交办。截图已存档。",
}


def build_requirement_demo(ws: Workspace, engineer: Actor) -> int:
    requirements = list_items(ws, engineer, kind="requirement")
    if not requirements:
        return 0
    first = requirements[-1]  # the oldest
    doc = edit_document(ws, engineer, first.id, first.version, dict(REQUIREMENT_DOCUMENT))
    item = advance(ws, engineer, first.id, doc.item.version, "analysed")
    item = advance(ws, engineer, first.id, item.version, "verified")
    confirm_requirement(ws, engineer, first.id, item.version, name="张主任",
                        unit="区信访局办信科")
    return 1


# (machine prefix, unit index, PageOffice, reader driver, scanner driver, browser version)
TERMINALS = (
    ("XFJ-BXK", None, "5.4.0.12", "3.2.1", "2.1", "109.0"),
    ("XFJ-BXK", None, "5.4.0.12", "3.2.1", "2.1", "109.0"),
    ("XFJ-JDK", None, "5.3.0.6", "3.2.1", "", "109.0"),
    ("JD", 0, "5.4.0.12", "3.1.8", "2.1", "109.0"),
    ("JD", 1, "5.2.1.3", "3.2.1", "1.9", "86.0"),
    ("JD", 2, "5.4.0.12", "3.2.1", "2.1", "109.0"),
    ("JD", 3, "5.4.0.12", "", "2.0", "109.0"),
    ("JD", 4, "5.4.1.2", "3.3.0", "2.1", "116.0"),
    ("BM", 10, "5.4.0.12", "3.2.1", "", "109.0"),
    ("BM", 11, "5.3.0.6", "3.2.1", "2.1", "109.0"),
    ("BM", 12, "5.4.0.12", "3.2.1", "2.1", "109.0"),
)


def build_inventory_demo(ws: Workspace, engineer: Actor, units: Sequence[UnitView]) -> int:
    """The bureau's own terminals and one at each of a few units, imported from a file as an
    engineer would after a round of desk visits; a few plug-ins lag behind the province's
    minimum, and the first desktop question names its terminal."""

    today = ws.now().astimezone(ws.hours.zone).date()
    rows = ["计算机名,单位,使用人,位置,浏览器,浏览器版本,PageOffice版本,身份证读卡器版本,"
            "扫描仪驱动版本,最近访问"]
    names = [unit.name for unit in units]
    users = ("刘干事", "陈科长", "周干事", "王股长", "吴干事", "郑科长", "孙干事", "李干事",
             "赵股长", "钱干事", "冯干事")
    for index, (prefix, unit, office, reader, scanner, browser) in enumerate(TERMINALS):
        unit_name = names[unit] if unit is not None and unit < len(names) else ""
        machine = f"{prefix}-{index + 1:02d}"
        visited = today - timedelta(days=index % 4)
        rows.append(f"{machine},{unit_name},{users[index]},"
                    f"{'信访局' if unit is None else unit_name}信访办,Chrome,{browser},"
                    f"{office},{reader},{scanner},{visited}")
    with tempfile.TemporaryDirectory() as folder:
        sheet = Path(folder) / "终端清单.csv"
        sheet.write_text("\n".join(rows) + "\n", encoding="utf-8")
        import_inventory(ws, engineer, sheet)
    desktop = list_questions(ws, engineer, QuestionFilter(category="desktop"), limit=1).rows
    if desktop:
        link_question(ws, engineer, desktop[0].id, "JD-05")
    return len(TERMINALS)


def build_oplog_demo(ws: Workspace, engineer: Actor, units: Sequence[UnitView]) -> int:
    """Two accounts at each unit and the province's operation log of the last 45 days, both
    imported from files as the engineer would: most accounts busy on working days, a few used
    after hours, and a handful never used (the dormant list)."""

    rng = random.Random(2026)
    names = [unit.name for unit in units]
    now = ws.now().astimezone(ws.hours.zone)
    accounts = [(f"{index:03d}{seat}", f"{unit}{'经办人' if seat == 'a' else '负责人'}", unit)
                for index, unit in enumerate(names) for seat in "ab"]
    idle = {account for account, _name, _unit in accounts[3::9]}
    account_rows = ["账号,姓名,单位,账号状态,开通日期,最后登录时间"]
    account_rows += [f"{account},{name},{unit},启用,2025-01-06," for account, name, unit
                     in accounts]
    log_rows = ["操作时间,账号,姓名,单位,操作类型"]
    operations = ("登录", "登记", "办理", "查询", "报送", "回访")
    for back in range(45, 0, -1):
        day = (now - timedelta(days=back)).date()
        if day.weekday() >= 5:
            continue
        for account, name, unit in accounts:
            if account in idle or rng.random() < 0.25:
                continue
            for _ in range(rng.randint(1, 4)):
                hour = rng.choice((9, 10, 11, 14, 15, 16, 17)) if rng.random() < 0.9 \
                    else rng.choice((19, 21))
                at = datetime(day.year, day.month, day.day, hour, rng.randrange(60),
                              rng.randrange(60))
                log_rows.append(f"{at:%Y-%m-%d %H:%M:%S},{account},{name},{unit},"
                                f"{rng.choice(operations)}")
    with tempfile.TemporaryDirectory() as folder:
        for file_name, rows in (("账号清单.csv", account_rows), ("操作日志.csv", log_rows)):
            path = Path(folder) / file_name
            path.write_text("\n".join(rows) + "\n", encoding="utf-8")
            import_oplog(ws, engineer, path)
    return len(log_rows) - 1
