"""The official working-day calendar: holidays, make-up days, deadlines, business hours."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from helpdesk.calendar.days import DayInfo, DeadlineResult, WorkCalendar, provisional_reason
from helpdesk.calendar.hours import BusinessHours, HoursResult, format_duration
from helpdesk.calendar.tables import load_tables, parse_tables

if TYPE_CHECKING:
    from helpdesk.config import Config


def calendar_from_config(config: Config, stored: Mapping[int, str] | None = None
                         ) -> WorkCalendar:
    """The calendar on the tables a database holds (`stored`, year → the table's text, from
    app/calendar_store.py), then chinese-calendar, then the estimate. The folder of
    `local_tables_dir` is not read: a file there is only an input to `calendar load`, and
    where its suggestions point."""
    directory = config.resolve_path(config.calendar.local_tables_dir)
    tables, broken = parse_tables(stored or {})
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
