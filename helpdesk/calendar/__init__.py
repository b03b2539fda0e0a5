"""The official working-day calendar: holidays, make-up days, deadlines, business hours."""

from __future__ import annotations

from typing import TYPE_CHECKING

from helpdesk.calendar.days import DayInfo, DeadlineResult, WorkCalendar, provisional_reason
from helpdesk.calendar.hours import BusinessHours, HoursResult, format_duration
from helpdesk.calendar.tables import load_tables

if TYPE_CHECKING:
    from helpdesk.config import Config


def calendar_from_config(config: Config) -> WorkCalendar:
    directory = config.resolve_path(config.calendar.local_tables_dir)
    tables, broken = load_tables(directory)
    return WorkCalendar(tables, directory, display_dir=config.calendar.local_tables_dir,
                        broken=broken, estimate=config.calendar.estimate_unpublished,
                        makeup_window_days=config.calendar.makeup_window_days)


def business_hours_from_config(config: Config, calendar: WorkCalendar | None = None
                               ) -> BusinessHours:
    return BusinessHours(calendar or calendar_from_config(config), config.office_hours.periods,
                         config.timezone)


__all__ = [
    "BusinessHours", "DayInfo", "DeadlineResult", "HoursResult", "WorkCalendar",
    "business_hours_from_config", "calendar_from_config", "format_duration", "load_tables",
    "provisional_reason",
]
