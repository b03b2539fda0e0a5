"""The configuration, typed and declared once: each key's field gives its type, its default
(equal to the shipped config.toml, a test keeps them so) and its check (`setting(default,
check)`); helpdesk/config/load.py walks these fields. The shared sections are here; an area's
own section is declared in its folder (`helpdesk/<area>/settings.py`, which imports only the
declaration helpers) and registered below in one line, with its documentation in config.toml
(a test keeps the two in agreement)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from pathlib import Path
from typing import Literal

from helpdesk.cases.settings import CasesConfig, DeadlinesConfig
from helpdesk.config.convert import (
    PathSetting,
    boolean,
    choice,
    integer,
    section,
    setting,
    table_setting,
    text,
    zone,
)
from helpdesk.config.convert import periods as office_periods
from helpdesk.config.keys import read_keys
from helpdesk.contract.settings import ContractConfig
from helpdesk.data.settings import DataServiceConfig
from helpdesk.inspection.settings import InspectionConfig
from helpdesk.monitoring.settings import InventoryConfig
from helpdesk.paths import user_data_dir
from helpdesk.questions.settings import SlaConfig
from helpdesk.roster.settings import RosterConfig
from helpdesk.security.settings import SecurityConfig
from helpdesk.training.settings import TrainingConfig

LOCALES = ("zh_CN", "en")


@dataclass(frozen=True)
class DatabaseConfig:
    url: str = setting("helpdesk.db", PathSetting("database"))
    busy_timeout_ms: int = setting(30_000, integer(100, 600_000))
    backup_dir: str = setting("", PathSetting("not_a_file"))
    daily_backup: bool = setting(True, boolean)
    # a 0600 file holding the password that seals backups
    backup_password_file: str = setting("", PathSetting("file"))
    keep_daily: int = setting(7, integer(0, 366))
    keep_monthly: int = setting(12, integer(0, 120))


@dataclass(frozen=True)
class OfficeHoursConfig:
    periods: tuple[tuple[time, time], ...] = setting(
        ((time(9), time(12)), (time(14), time(18))), office_periods)


@dataclass(frozen=True)
class CalendarConfig:
    local_tables_dir: str = setting("calendar", PathSetting("dir"))
    warn_days_before_year_end: int = setting(60, integer(0, 366))
    estimate_unpublished: bool = setting(True, boolean)
    makeup_window_days: int = setting(10, integer(0, 60))


@dataclass(frozen=True)
class UiConfig:
    locale: Literal["zh_CN", "en"] = setting("zh_CN", choice(LOCALES))
    theme: str = setting("textual-dark", text)
    # false: a steady text cursor (some SSH clients, screen readers)
    cursor_blink: bool = setting(True, boolean)
    # how often to look for other engineers' changes; 0 = never
    live_refresh_seconds: int = setting(2, integer(0, 3600))


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
        """Where a relative path lives: the user data folder. A path the config file gives is
        made absolute from the file's own folder when it loads (config/places.py), so what
        stays relative here is a default, and a one-line user config moves nothing."""

        return user_data_dir()

    def resolve_path(self, value: str) -> Path:
        path = Path(value).expanduser()
        return path if path.is_absolute() else self.base_dir / path
