"""What each row of the ledger is, in the contract's terms. An obligation the contract states
has a clause: a month the records show missed is a *risk* under that clause (with the
evidence); it becomes a *breach* only when the bureau asserts it (contract/records.py). A bar
the team set itself (a response percentage: the contract only says 及时响应; report lead days;
the requirement feedback days) is a *target*: shown, never a risk or a breach."""

from __future__ import annotations

from helpdesk.i18n import t

# obligation -> the contract's words for it (ledger.clause_<key> in the catalogues)
CLAUSES: dict[str, str] = {
    "onsite": "qa_onsite",  # 附件一 答疑服务 5×8 现场
    "inspection": "inspection",  # 巡检服务 每月一次
    "training": "training",  # 培训服务 2次/年
    "curriculum": "training",
    "urging": "proxy",  # 业务代办：每日预警与人工催办
    "data_due": "proxy",  # 业务代办：数据服务
    "proxy": "proxy",
    "problem_due": "requirements",  # 系统需求整理：问题在约定时间内跟进
    "exam": "confidentiality", "borrowing": "confidentiality", "copy": "confidentiality",
    "media": "confidentiality",
    "incident": "confidentiality", "network": "confidentiality",
}
TARGETS = frozenset({"response", "resolution", "requirements", "reports"})


def is_target(obligation: str) -> bool:
    return obligation in TARGETS


def clause_text(obligation: str) -> str:
    """The clause a row answers to, or the word that it is the team's own target."""
    if obligation in CLAUSES:
        return t(f"ledger.clause_{CLAUSES[obligation]}")
    return t("ledger.own_target")


def risk_key(obligation: str, month: str) -> str:
    """How a breach names the risk it confirms: `training:2026-06`."""
    return f"{obligation}:{month}"
