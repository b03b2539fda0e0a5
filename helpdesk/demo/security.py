"""Demo data for the confidentiality duties: everyone sat the security exam and signed the
pledge before the contract began and passed the renewal since; one engineer's pass runs out
within the warning period (so Today warns and the roster stops there)."""

from __future__ import annotations

from datetime import date, timedelta

from helpdesk.actor import Actor
from helpdesk.contract.records import deliver
from helpdesk.security.exams import add_months, default_valid_until, record_exam, record_pledge
from helpdesk.security.network import add_finding, fix_finding, record_scan, verify_finding
from helpdesk.security.register_entries import add_entry, close_entry
from helpdesk.services.service_years import contract_terms
from helpdesk.services.workspace import Workspace


def build_security_demo(ws: Workspace, manager: Actor, engineers: list[Actor]) -> int:
    today = ws.now().astimezone(ws.hours.zone).date()
    first = min(contract_terms(ws, today).start - timedelta(days=10), today)
    ending = today + timedelta(days=max(1, ws.config.security.exam_warn_days - 5))
    exams = 0
    for index, engineer in enumerate(engineers):
        record_pledge(ws, manager, engineer.login, first)
        if index == len(engineers) - 1:
            record_exam(ws, manager, engineer.login, first, passed=True, score=81,
                        valid_until=ending, note="安全保密考核（年度）")
            exams += 1
            continue
        record_exam(ws, manager, engineer.login, first, passed=True, score=88 + index,
                    note="安全保密考核（年度）")
        renewal = min(today - timedelta(days=20), default_valid_until(ws.config, first)
                      - timedelta(days=14))
        if renewal > first:
            record_exam(ws, manager, engineer.login, renewal, passed=True, score=90 + index,
                        note="安全保密考核（续期）")
            exams += 1
        exams += 1
    return exams


def build_register_demo(ws: Workspace, manager: Actor, engineers: list[Actor]) -> int:
    """A few realistic entries in every register: a password reported and one not yet, a
    borrowing returned and one due yesterday (Today shows it overdue; a month already closed
    keeps no breach), an approval, a meeting record, a recording authorisation and a leak
    reported and closed."""

    today = ws.now().astimezone(ws.hours.zone).date()

    def ago(days: int) -> date:
        return today - timedelta(days=days)

    first, second = engineers[0].login, engineers[1].login
    entries: list[tuple[str, dict[str, object]]] = [
        ("media", {"title": "信访件台账U盘", "medium": "U盘", "location": "机房保密柜",
                   "holder": first, "password_set": True, "reported_to": "张主任",
                   "reported_on": ago(60)}),
        ("media", {"title": "督办通知传真件（2026年第3期）", "medium": "传真",
                   "location": "信访局档案柜", "holder": second}),
        ("media", {"title": "运维笔记本电脑（信访件统计底稿）", "medium": "笔记本电脑",
                   "location": "驻场办公桌（下班锁柜）", "holder": second,
                   "password_set": True}),
        ("borrow", {"title": "2025年信访档案（第12卷）", "holder": second,
                    "approved_by": "张主任", "start_on": ago(8), "due_on": ago(1)}),
        ("copy", {"title": "10月信访件统计表摘录（报区委办）", "approved_by": "张主任",
                  "approved_on": ago(20), "holder": first}),
        ("meeting", {"title": "第三季度信访形势分析会记录", "start_on": ago(40),
                     "location": "信访局档案室", "holder": "局办公室"}),
        ("recording", {"title": "系统操作培训录屏（仅用于培训）", "holder": first,
                       "approved_by": "张主任", "start_on": ago(30)}),
        ("incident", {"title": "统计截图误发工作群", "start_on": ago(25),
                      "reported_to": "张主任", "reported_on": ago(25),
                      "detail": "五分钟内撤回，群成员确认已删除"}),
    ]
    made = [add_entry(ws, manager, kind, values) for kind, values in entries]
    returned = add_entry(ws, manager, "borrow", {
        "title": "第三季度信访形势分析会记录（借阅）", "holder": first, "approved_by": "张主任",
        "start_on": ago(38), "due_on": ago(31), "ref": made[5].number})
    close_entry(ws, manager, returned.number, closed_on=ago(32), outcome="returned")
    close_entry(ws, manager, made[-1].number, closed_on=ago(24), outcome="closed",
                note="已对全体驻场人员重申截图外发规定")
    return len(made) + 1


def build_deliverables_demo(ws: Workspace, manager: Actor) -> int:
    """Each finished contract month's report (and each quarter's) handed to the bureau on the
    5th and signed for the next day, except the latest, still waiting for its signature."""

    today = ws.now().astimezone(ws.hours.zone).date()
    contract = contract_terms(ws, today)
    month = date(contract.start.year, contract.start.month, 1)
    handed = []
    while True:
        following = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
        day = following + timedelta(days=4)
        if day >= today or month > contract.end:
            break
        handed.append((f"{month:%Y-%m}", day))
        month = following
    count = 0
    for index, (period, day) in enumerate(handed):
        last = index == len(handed) - 1
        signed = None if last else day + timedelta(days=1)
        deliver(ws, manager, "monthly_report", period, "张主任", delivered_on=day,
                signed_on=signed)
        count += 1
        number = int(period[5:])
        if number % 3 == 0:  # the quarter's report goes with its last month's
            deliver(ws, manager, "quarterly_report", f"{period[:4]}-Q{number // 3}", "张主任",
                    delivered_on=day, signed_on=signed)
            count += 1
    return count


def build_network_demo(ws: Workspace, manager: Actor, engineers: list[Actor]) -> int:
    """A vulnerability scan every quarter since the contract began; the findings of each are
    fixed and verified by the next, except the latest scan's: one fixed awaiting its re-scan,
    one still open (due in the coming weeks)."""

    today = ws.now().astimezone(ws.hours.zone).date()
    every = ws.config.security.scan_every_months
    day = add_months(contract_terms(ws, today).start, 1)
    scans = []
    while day <= today:
        scans.append(day)
        day = add_months(day, every)
    owner = engineers[0].login
    pending: list[int] = []
    for index, scanned in enumerate(scans):
        scan = record_scan(ws, manager, "vuln_scan", "绿盟 RSAS", scanned,
                           summary=f"信访业务平台第{index + 1}次季度漏洞扫描")
        for finding_id in pending:
            verify_finding(ws, manager, finding_id, scan.number)
        pending = []
        weak = add_finding(ws, manager, scan.number, "high", "中间件版本存在已知漏洞",
                           owner=owner)
        fixed_on = min(today, scanned + timedelta(days=3))
        fix_finding(ws, manager, weak.id, fixed_on, "升级中间件至厂商修复版本并重启服务")
        pending.append(weak.id)
        if index == len(scans) - 1:
            add_finding(ws, manager, scan.number, "medium", "部分终端浏览器版本过旧",
                        owner=owner, due_on=max(today, scanned) + timedelta(days=14))
    return len(scans)
