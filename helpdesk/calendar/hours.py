"""Business hours: office periods on working days, lunch and rest days excluded."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from helpdesk.calendar.days import DayInfo, WorkCalendar

# A year without one working day cannot happen on a valid calendar; stop rather than loop.
_MAX_SCAN_DAYS = 800


@dataclass(frozen=True)
class Window:
    start: datetime  # aware, local time zone
    end: datetime

    @property
    def length(self) -> timedelta:
        return self.end - self.start


@dataclass(frozen=True)
class HoursResult:
    start: datetime
    amount: timedelta
    end: datetime  # the due instant (add) or the later instant (between)
    counted: list[Window]
    skipped: list[DayInfo]

    def to_json(self, locale: str = "zh_CN") -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "hours": _hours_number(self.amount),
            "due": self.end.isoformat(),
            "counted": [
                {"from": window.start.isoformat(), "to": window.end.isoformat()}
                for window in self.counted
            ],
            "skipped": [info.to_json(locale) for info in self.skipped],
        }

    def explain(self, locale: str = "zh_CN") -> str:
        lines = [f"{self.start:%Y-%m-%d %H:%M} + {format_duration(self.amount)} "
                 f"= {self.end:%Y-%m-%d %H:%M}"]
        for window in self.counted:
            lines.append(f"  + {window.start:%m-%d %H:%M}-{window.end:%H:%M}")
        for info in self.skipped:
            lines.append(f"  - {info.day} {info.reason(locale)}")
        return "\n".join(lines)


def _hours_number(amount: timedelta) -> float | int:
    hours = amount.total_seconds() / 3600
    return int(hours) if hours == int(hours) else round(hours, 4)


def format_duration(amount: timedelta) -> str:
    """1h20m style, the way the queue shows remaining business time."""
    minutes = int(amount.total_seconds() // 60)
    sign = "-" if minutes < 0 else ""
    hours, minutes = divmod(abs(minutes), 60)
    if hours >= 24:  # minutes stop mattering; keep the column narrow
        return f"{sign}{hours}h"
    if hours and minutes:
        return f"{sign}{hours}h{minutes:02d}m"
    return f"{sign}{hours}h" if hours else f"{sign}{minutes}m"


class BusinessHours:
    def __init__(self, calendar: WorkCalendar, periods: tuple[tuple[time, time], ...],
                 timezone: str = "Asia/Shanghai") -> None:
        self.calendar = calendar
        self.periods = periods
        self.zone = ZoneInfo(timezone)
        monday = date(2000, 1, 3)
        self._per_day = sum((datetime.combine(monday, end) - datetime.combine(monday, start)
                             for start, end in periods), timedelta())
        # The periods in microseconds of the day: a queue page reads two clocks on each row.
        self._office = tuple((_microseconds(start), _microseconds(end)) for start, end in periods)
        self._days: dict[tuple[date, time, time], timedelta] = {}

    @property
    def hours_per_day(self) -> timedelta:
        return self._per_day

    def _local(self, instant: datetime) -> datetime:
        if instant.tzinfo is None:
            raise ValueError("naive datetime: business-hour arithmetic needs an aware instant")
        return instant.astimezone(self.zone)

    def windows_from(self, start: datetime) -> Iterator[Window | DayInfo]:
        """Office windows at or after `start` in order, with each rest day met on the way."""
        local = self._local(start)
        day = local.date()
        for _ in range(_MAX_SCAN_DAYS):
            info = self.calendar.day(day)
            if info.is_working:
                for period_start, period_end in self.periods:
                    window_start = datetime.combine(day, period_start, self.zone)
                    window_end = datetime.combine(day, period_end, self.zone)
                    if window_end <= local:
                        continue
                    yield Window(max(window_start, local), window_end)
            else:
                yield info
            day += timedelta(days=1)
        raise RuntimeError(f"no working day within {_MAX_SCAN_DAYS} days of {start}")

    def add(self, start: datetime, amount: timedelta) -> HoursResult:
        local = self._local(start)
        remaining = amount
        counted: list[Window] = []
        skipped: list[DayInfo] = []
        if remaining <= timedelta():
            return HoursResult(local, amount, local, [], [])
        for item in self.windows_from(local):
            if isinstance(item, DayInfo):
                skipped.append(item)
                continue
            if item.length >= remaining:
                counted.append(Window(item.start, item.start + remaining))
                return HoursResult(local, amount, item.start + remaining, counted, skipped)
            counted.append(item)
            remaining -= item.length
        raise AssertionError("unreachable")

    def between(self, start: datetime, end: datetime) -> HoursResult:
        """Business time from start to end (zero if end is not after start)."""
        local_start, local_end = self._local(start), self._local(end)
        counted: list[Window] = []
        skipped: list[DayInfo] = []
        total = timedelta()
        if local_end > local_start:
            for item in self.windows_from(local_start):
                if isinstance(item, DayInfo):
                    if item.day >= local_end.date() + timedelta(days=1):
                        break
                    skipped.append(item)
                    continue
                if item.start >= local_end:
                    break
                window = Window(item.start, min(item.end, local_end))
                counted.append(window)
                total += window.length
        return HoursResult(local_start, total, local_end, counted, skipped)

    def duration(self, start: datetime, end: datetime) -> timedelta:
        """Business time from start to end, without the explanation: O(1) however far apart
        (the queue reads a clock per row, some overdue for months)."""
        local_start, local_end = self._local(start), self._local(end)
        if local_end <= local_start:
            return timedelta()
        first, last = local_start.date(), local_end.date()
        if first == last:
            return self._within_day(first, local_start.time(), local_end.time())
        whole_days = self.calendar.working_days_between(first + timedelta(days=1),
                                                        last - timedelta(days=1))
        return (self._within_day(first, local_start.time(), time.max)
                + self.hours_per_day * whole_days
                + self._within_day(last, time.min, local_end.time()))

    def _within_day(self, day: date, begin: time, finish: time) -> timedelta:
        # A page's clocks all run to (or from) the same now: one reading serves every row.
        key = (day, begin, finish)
        found = self._days.get(key)
        if found is None:
            if len(self._days) > 4096:
                self._days.clear()
            found = self._days[key] = self._office_time(day, begin, finish)
        return found

    def _office_time(self, day: date, begin: time, finish: time) -> timedelta:
        if not self.calendar.is_working_day(day):
            return timedelta()
        begun, finished = _microseconds(begin), _microseconds(finish)
        total = 0
        for period_start, period_end in self._office:
            low, high = max(begun, period_start), min(finished, period_end)
            if high > low:
                total += high - low
        return timedelta(microseconds=total)

    def is_open(self, instant: datetime) -> bool:
        local = self._local(instant)
        if not self.calendar.is_working_day(local.date()):
            return False
        moment = local.time()
        return any(start <= moment < end for start, end in self.periods)


def _microseconds(moment: time) -> int:
    return ((moment.hour * 60 + moment.minute) * 60 + moment.second) * 1_000_000 \
        + moment.microsecond


def utc(instant: datetime) -> datetime:
    if instant.tzinfo is None:
        raise ValueError("naive datetime")
    return instant.astimezone(UTC)
