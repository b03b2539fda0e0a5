"""The configuration, typed. Defaults here equal the shipped config.toml (a test keeps them so)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Literal

from helpdesk.vocab import PRIORITIES, QUESTION_CATEGORIES

__all__ = ["PRIORITIES", "QUESTION_CATEGORIES", "Config"]

DayRule = Literal["calendar", "rollover", "workdays"]
DAY_RULES: tuple[str, ...] = ("calendar", "rollover", "workdays")

LOCALES = ("zh_CN", "en")


@dataclass(frozen=True)
class DatabaseConfig:
    url: str = "helpdesk.db"
    busy_timeout_ms: int = 30_000
    backup_dir: str = ""
    daily_backup: bool = True
    backup_password_file: str = ""  # a 0600 file holding the password that seals backups
    keep_daily: int = 7
    keep_monthly: int = 12


@dataclass(frozen=True)
class OfficeHoursConfig:
    periods: tuple[tuple[time, time], ...] = ((time(9), time(12)), (time(14), time(18)))


@dataclass(frozen=True)
class CalendarConfig:
    local_tables_dir: str = "calendar"
    warn_days_before_year_end: int = 60
    estimate_unpublished: bool = True
    makeup_window_days: int = 10


@dataclass(frozen=True)
class StepRule:
    days: int
    rule: DayRule


def _default_steps() -> dict[str, StepRule]:
    return {
        "transfer": StepRule(15, "rollover"),
        "accept_notice": StepRule(15, "rollover"),
        "objection": StepRule(5, "workdays"),
        "handling": StepRule(60, "rollover"),
        "review_request": StepRule(30, "rollover"),
        "review": StepRule(30, "rollover"),
        "rereview_request": StepRule(30, "rollover"),
        "rereview": StepRule(30, "rollover"),
    }


@dataclass(frozen=True)
class DeadlinesConfig:
    steps: dict[str, StepRule] = field(default_factory=_default_steps)
    extension_max_days: int = 30
    extension_max_count: int = 1


def _default_import_headers() -> dict[str, tuple[str, ...]]:
    return {
        "case_number": ("信访件编号", "信访编号", "件号"),
        "registered_on": ("登记日期", "登记时间"),
        "channel": ("信访形式", "来源渠道", "渠道"),
        "petitioner_name": ("信访人", "信访人姓名", "姓名"),
        "id_number": ("证件号码", "身份证号", "身份证号码"),
        "phone": ("联系电话", "手机号码", "电话"),
        "subject": ("信访事由", "事由", "标题"),
        "summary": ("诉求摘要", "主要诉求", "内容摘要"),
        "category": ("问题分类", "内容分类"),
        "unit": ("责任单位", "办理单位"),
        "transferred_on": ("转送日期", "交办日期", "转送交办日期"),
        "accepted_on": ("受理日期", "受理告知日期"),
        "replied_on": ("答复日期", "办结日期"),
        "rating": ("满意度", "评价结果"),
        "supervised": ("是否督办", "督办"),
    }


# Which date puts a case in a period, per rate (the one place that chooses; every rates output
# states it): the step's deadline, or the day the case was received, registered or replied.
RATE_PERIOD_CHOICES: dict[str, tuple[str, ...]] = {
    "timely_acceptance": ("deadline", "received", "registered"),
    "on_time_completion": ("deadline", "replied", "registered"),
    "participation": ("replied", "rating_deadline", "registered"),
    "satisfaction": ("replied", "registered"),
}


def _default_rate_period() -> dict[str, str]:
    return {rate: choices[0] for rate, choices in RATE_PERIOD_CHOICES.items()}


@dataclass(frozen=True)
class CasesConfig:
    due_soon_workdays: int = 3
    urge_rating: bool = True
    urge_revisit: bool = True
    rating_window_days: int = 30
    revisit_window_days: int = 60
    rate_period: dict[str, str] = field(default_factory=_default_rate_period)
    import_headers: dict[str, tuple[str, ...]] = field(default_factory=_default_import_headers)


@dataclass(frozen=True)
class SlaTarget:
    response_hours: float
    resolve_hours: float


def _default_sla_targets() -> dict[str, dict[str, SlaTarget]]:
    standard = {
        "urgent": SlaTarget(0.5, 4),
        "high": SlaTarget(1, 8),
        "normal": SlaTarget(2, 16),
        "low": SlaTarget(4, 40),
    }
    return {category: dict(standard) for category in QUESTION_CATEGORIES}


@dataclass(frozen=True)
class SlaConfig:
    at_risk_share: float = 0.75
    pause_when_escalated: bool = True
    problem_follow_up_workdays: int = 5
    requirement_feedback_workdays: int = 20  # a requirement fed back to the province by then
    targets: dict[str, dict[str, SlaTarget]] = field(default_factory=_default_sla_targets)


@dataclass(frozen=True)
class ContractConfig:
    name: str = "区信访信息系统运行维护及技术支持服务"
    bureau: str = "福田区信访局"
    vendor: str = "运维服务商"
    start: date = date(2025, 12, 9)
    end: date = date(2026, 12, 8)
    value_yuan: float = 198_000.0
    payment_on_signing: float = 0.8
    payment_on_acceptance: float = 0.2
    acceptance_days_before_end: int = 30
    penalty_per_breach: float = 0.10
    termination_after_breaches: int = 3
    report_due_working_day: int = 10  # monthly / quarterly reports delivered by this working day
    # removed: the contract says 巡检 once a month; a config that asks for another number is
    # refused (config/load.py) rather than silently ignored
    inspections_per_month: int = 1
    trainings_per_year: int = 2
    onsite_engineers_min: int = 1
    onsite_coverage_percent: float = 100.0
    response_met_percent: float = 95.0
    resolution_met_percent: float = 90.0


@dataclass(frozen=True)
class RosterConfig:
    shift_mode: Literal["full_day", "halves"] = "full_day"
    half_day_split: time = time(13)
    engineers_per_shift: int = 1
    max_consecutive_days: int = 5
    roles_on_duty: tuple[str, ...] = ("engineer",)
    handover_ack_minutes: int = 60
    gap_lookahead_days: int = 14
    calendar_uid_domain: str = "helpdesk"  # the .ics UIDs' domain: one per district
    calendar_reminder_minutes: int = 0  # a VALARM this long before each duty; 0 = none


@dataclass(frozen=True)
class TrainingConfig:
    curriculum_file: str = ""  # empty: the one shipped in the package
    remind_weeks_before_due: int = 6
    default_minutes: int = 120


@dataclass(frozen=True)
class InspectionConfig:
    checklist_file: str = ""  # empty: the one shipped in the package
    due_working_day: int = 5
    unused_account_days: int = 90
    active_account_days: int = 30
    usage_denominator: Literal["issued", "enabled"] = "issued"
    low_usage_percent: float = 50.0


@dataclass(frozen=True)
class InventoryConfig:
    # The oldest version the province accepts of each plug-in, driver or browser (by name as
    # the inventory names it); older ones are listed as outdated.
    minimum_versions: tuple[tuple[str, str], ...] = (
        ("PageOffice", "5.4"), ("身份证读卡器", "3.2"), ("扫描仪驱动", "2.0"), ("Chrome", "109"))


@dataclass(frozen=True)
class DataServiceConfig:
    due_workdays: int = 3
    export_dir: str = "exports"


@dataclass(frozen=True)
class UiConfig:
    locale: Literal["zh_CN", "en"] = "zh_CN"
    theme: str = "textual-dark"
    cursor_blink: bool = True  # false: a steady text cursor (some SSH clients, screen readers)
    live_refresh_seconds: int = 2  # how often to look for other engineers' changes; 0 = never


@dataclass(frozen=True)
class SecurityConfig:
    mask_personal_data: bool = True
    idle_lock_minutes: int = 15
    audit_key_file: str = ""
    service_account: str = ""  # removed (identity.py): any value is a config error
    exam_required: bool = True  # no exam on record bars an engineer from the roster
    exam_valid_months: int = 12  # a pass's validity when the record does not say
    exam_warn_days: int = 30  # warn the engineer and the manager this long before a pass ends
    scan_every_months: int = 3  # security audit / vulnerability scan schedule
    evidence_dir: str = "evidence"  # scan reports are copied here (owner-only)
    finding_due_critical: int = 3  # working days to fix a finding, by severity
    finding_due_high: int = 10
    finding_due_medium: int = 20
    finding_due_low: int = 40


@dataclass(frozen=True)
class Config:
    source: Path | None = None  # the file read, None for built-in defaults
    database: DatabaseConfig = field(default_factory=DatabaseConfig)
    timezone: str = "Asia/Shanghai"
    office_hours: OfficeHoursConfig = field(default_factory=OfficeHoursConfig)
    calendar: CalendarConfig = field(default_factory=CalendarConfig)
    deadlines: DeadlinesConfig = field(default_factory=DeadlinesConfig)
    cases: CasesConfig = field(default_factory=CasesConfig)
    sla: SlaConfig = field(default_factory=SlaConfig)
    contract: ContractConfig = field(default_factory=ContractConfig)
    roster: RosterConfig = field(default_factory=RosterConfig)
    training: TrainingConfig = field(default_factory=TrainingConfig)
    inspection: InspectionConfig = field(default_factory=InspectionConfig)
    inventory: InventoryConfig = field(default_factory=InventoryConfig)
    data_service: DataServiceConfig = field(default_factory=DataServiceConfig)
    ui: UiConfig = field(default_factory=UiConfig)
    security: SecurityConfig = field(default_factory=SecurityConfig)
    keys: dict[str, str] = field(default_factory=dict)

    @property
    def base_dir(self) -> Path:
        """Relative paths in the config are relative to the config file's folder; without a
        config file, to the user data directory (never the installed package's folder)."""
        from helpdesk.paths import user_data_dir

        return self.source.parent if self.source else user_data_dir()

    def resolve_path(self, value: str) -> Path:
        path = Path(value).expanduser()
        return path if path.is_absolute() else self.base_dir / path
