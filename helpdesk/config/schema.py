"""The configuration, typed and declared once: each key's field gives its type, its default
(equal to the shipped config.toml, a test keeps them so) and its check (`setting(default,
check)`); helpdesk/config/load.py walks these fields, so a new key is one line here and its
documentation in config.toml (a test keeps the two in agreement)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import Literal

from helpdesk.config.convert import (
    always_true,
    boolean,
    choice,
    clock_time,
    day,
    integer,
    number,
    roles,
    section,
    setting,
    table_setting,
    text,
    versions,
    zone,
)
from helpdesk.config.convert import periods as office_periods
from helpdesk.config.tables import (
    DAY_RULES,
    RATE_PERIOD_CHOICES,
    SlaTarget,
    StepRule,
    default_import_headers,
    default_rate_period,
    default_sla_targets,
    default_steps,
    read_import_headers,
    read_keys,
    read_rate_period,
    read_sla_targets,
    read_steps,
)
from helpdesk.paths import user_data_dir
from helpdesk.vocab import PRIORITIES, QUESTION_CATEGORIES

__all__ = ["DAY_RULES", "PRIORITIES", "QUESTION_CATEGORIES", "RATE_PERIOD_CHOICES", "Config",
           "SlaTarget", "StepRule"]

LOCALES = ("zh_CN", "en")


@dataclass(frozen=True)
class DatabaseConfig:
    url: str = setting("helpdesk.db", text)
    busy_timeout_ms: int = setting(30_000, integer(100, 600_000))
    backup_dir: str = setting("", text)
    daily_backup: bool = setting(True, boolean)
    # a 0600 file holding the password that seals backups
    backup_password_file: str = setting("", text)
    keep_daily: int = setting(7, integer(0, 366))
    keep_monthly: int = setting(12, integer(0, 120))


@dataclass(frozen=True)
class OfficeHoursConfig:
    periods: tuple[tuple[time, time], ...] = setting(
        ((time(9), time(12)), (time(14), time(18))), office_periods)


@dataclass(frozen=True)
class CalendarConfig:
    local_tables_dir: str = setting("calendar", text)
    warn_days_before_year_end: int = setting(60, integer(0, 366))
    estimate_unpublished: bool = setting(True, boolean)
    makeup_window_days: int = setting(10, integer(0, 60))


@dataclass(frozen=True)
class DeadlinesConfig:
    # the steps' keys sit in [deadlines] itself: handling = { days = 60, rule = "rollover" }
    steps: dict[str, StepRule] = table_setting(default_steps, read_steps, flat=True)
    extension_max_days: int = setting(30, integer(0, 366))
    extension_max_count: int = setting(1, integer(0, 10))


@dataclass(frozen=True)
class CasesConfig:
    due_soon_workdays: int = setting(3, integer(0, 60))
    urge_rating: bool = setting(True, boolean)
    urge_revisit: bool = setting(True, boolean)
    rating_window_days: int = setting(30, integer(1, 366))
    revisit_window_days: int = setting(60, integer(1, 366))
    rate_period: dict[str, str] = table_setting(default_rate_period, read_rate_period)
    import_headers: dict[str, tuple[str, ...]] = table_setting(default_import_headers,
                                                                 read_import_headers)


@dataclass(frozen=True)
class SlaConfig:
    at_risk_share: float = setting(0.75, number(0.05, 1.0))
    pause_when_escalated: bool = setting(True, boolean)
    problem_follow_up_workdays: int = setting(5, integer(1, 120))
    # a requirement fed back to the province by then
    requirement_feedback_workdays: int = setting(20, integer(1, 250))
    targets: dict[str, dict[str, SlaTarget]] = table_setting(default_sla_targets,
                                                             read_sla_targets)


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


@dataclass(frozen=True)
class RosterConfig:
    shift_mode: Literal["full_day", "halves"] = setting("full_day", choice(("full_day", "halves")))
    half_day_split: time = setting(time(13), clock_time)
    engineers_per_shift: int = setting(1, integer(1, 50))
    max_consecutive_days: int = setting(5, integer(1, 31))
    roles_on_duty: tuple[str, ...] = setting(("engineer",), roles)
    handover_ack_minutes: int = setting(60, integer(0, 24 * 60))
    gap_lookahead_days: int = setting(14, integer(0, 366))
    calendar_uid_domain: str = setting("helpdesk", text)  # the .ics UIDs' domain: one per district
    # a VALARM this long before each duty; 0 = none
    calendar_reminder_minutes: int = setting(0, integer(0, 24 * 60))


@dataclass(frozen=True)
class TrainingConfig:
    curriculum_file: str = setting("", text)  # empty: the one shipped in the package
    remind_weeks_before_due: int = setting(6, integer(0, 26))
    default_minutes: int = setting(120, integer(15, 8 * 60))


@dataclass(frozen=True)
class InspectionConfig:
    checklist_file: str = setting("", text)  # empty: the one shipped in the package
    due_working_day: int = setting(5, integer(1, 23))
    unused_account_days: int = setting(90, integer(1, 3660))
    active_account_days: int = setting(30, integer(1, 366))
    usage_denominator: Literal["issued", "enabled"] = setting(
        "issued", choice(("issued", "enabled")))
    low_usage_percent: float = setting(50.0, number(0, 100))


@dataclass(frozen=True)
class InventoryConfig:
    # The oldest version the province accepts of each plug-in, driver or browser (by name as
    # the inventory names it); older ones are listed as outdated.
    minimum_versions: tuple[tuple[str, str], ...] = setting(
        (("PageOffice", "5.4"), ("身份证读卡器", "3.2"), ("扫描仪驱动", "2.0"), ("Chrome", "109")),
        versions)


@dataclass(frozen=True)
class DataServiceConfig:
    due_workdays: int = setting(3, integer(1, 60))
    export_dir: str = setting("exports", text)


@dataclass(frozen=True)
class UiConfig:
    locale: Literal["zh_CN", "en"] = setting("zh_CN", choice(LOCALES))
    theme: str = setting("textual-dark", text)
    # false: a steady text cursor (some SSH clients, screen readers)
    cursor_blink: bool = setting(True, boolean)
    # how often to look for other engineers' changes; 0 = never
    live_refresh_seconds: int = setting(2, integer(0, 3600))


@dataclass(frozen=True)
class SecurityConfig:
    mask_personal_data: bool = setting(True, always_true)
    idle_lock_minutes: int = setting(15, integer(0, 1440))
    audit_key_file: str = setting("", text)
    # no exam on record bars an engineer from the roster
    exam_required: bool = setting(True, boolean)
    # a pass's validity when the record does not say
    exam_valid_months: int = setting(12, integer(1, 120))
    # warn the engineer and the manager this long before a pass ends
    exam_warn_days: int = setting(30, integer(0, 366))
    # security audit / vulnerability scan schedule
    scan_every_months: int = setting(3, integer(1, 24))
    evidence_dir: str = setting("evidence", text)  # scan reports are copied here (owner-only)
    # working days to fix a finding, by severity
    finding_due_critical: int = setting(3, integer(1, 250))
    finding_due_high: int = setting(10, integer(1, 250))
    finding_due_medium: int = setting(20, integer(1, 250))
    finding_due_low: int = setting(40, integer(1, 250))


@dataclass(frozen=True)
class Config:
    source: Path | None = None  # the file read, None for built-in defaults
    database: DatabaseConfig = section(DatabaseConfig)
    timezone: str = setting("Asia/Shanghai", zone)
    office_hours: OfficeHoursConfig = section(OfficeHoursConfig)
    calendar: CalendarConfig = section(CalendarConfig)
    deadlines: DeadlinesConfig = section(DeadlinesConfig)
    cases: CasesConfig = section(CasesConfig)
    sla: SlaConfig = section(SlaConfig)
    contract: ContractConfig = section(ContractConfig)
    roster: RosterConfig = section(RosterConfig)
    training: TrainingConfig = section(TrainingConfig)
    inspection: InspectionConfig = section(InspectionConfig)
    inventory: InventoryConfig = section(InventoryConfig)
    data_service: DataServiceConfig = section(DataServiceConfig)
    ui: UiConfig = section(UiConfig)
    security: SecurityConfig = section(SecurityConfig)
    keys: dict[str, str] = table_setting(dict, read_keys)

    @property
    def base_dir(self) -> Path:
        """Relative paths in the config are relative to the config file's folder; without a
        config file, to the user data directory (never the installed package's folder)."""

        return self.source.parent if self.source else user_data_dir()

    def resolve_path(self, value: str) -> Path:
        path = Path(value).expanduser()
        return path if path.is_absolute() else self.base_dir / path
