"""The contract's terms as configured ([contract]): parties, period, value, payment shares,
penalties, and the bars the contract states."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from helpdesk.config.convert import day, integer, number, setting, text


@dataclass(frozen=True)
class ContractConfig:
    name: str = setting("区信访信息系统运行维护及技术支持服务", text)
    bureau: str = setting("福田区信访局", text)
    vendor: str = setting("运维服务商", text)
    start: date = setting(date(2025, 12, 9), day)
    end: date = setting(date(2026, 12, 8), day)
    value_yuan: float = setting(198_000.0, number(0, 1e10))
    payment_on_signing: float = setting(0.8, number(0, 1))
    payment_on_acceptance: float = setting(0.2, number(0, 1))
    acceptance_days_before_end: int = setting(30, integer(0, 366))
    penalty_per_breach: float = setting(0.10, number(0, 1))
    termination_after_breaches: int = setting(3, integer(1, 100))
    # monthly / quarterly reports delivered by this working day
    report_due_working_day: int = setting(10, integer(1, 23))
    trainings_per_year: int = setting(2, integer(0, 52))
    onsite_engineers_min: int = setting(1, integer(0, 50))
    onsite_coverage_percent: float = setting(100.0, number(0, 100))
    response_met_percent: float = setting(95.0, number(0, 100))
    resolution_met_percent: float = setting(90.0, number(0, 100))
