"""Demo data for the confidentiality duties: everyone sat the security exam and signed the
pledge before the contract began and passed the renewal since; one engineer's pass runs out
within the warning period (so Today warns and the roster stops there)."""

from __future__ import annotations

from datetime import timedelta

from helpdesk.actor import Actor
from helpdesk.services.security_exams import default_valid_until, record_exam, record_pledge
from helpdesk.services.workspace import Workspace


def build_security_demo(ws: Workspace, manager: Actor, engineers: list[Actor]) -> int:
    today = ws.now().astimezone(ws.hours.zone).date()
    first = min(ws.config.contract.start - timedelta(days=10), today)
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
