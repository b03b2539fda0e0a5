"""Working days on the official calendar, and statutory deadlines that explain themselves."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any, Literal

from helpdesk.calendar.tables import YearTable
from helpdesk.errors import CalendarDataMissing, UsageError

DayKind = Literal["workday", "weekend", "holiday", "makeup"]
PACKAGE_SOURCE = "chinese-calendar"

HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}
HOLIDAY_NAMES_EN = {zh: en for en, zh in HOLIDAY_NAMES_ZH.items()}
WEEKDAYS_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class DayInfo:
    day: date
    kind: DayKind
    holiday: str | None  # Chinese holiday name: the holiday itself, or the one a make-up day serves
    source: str

    @property
    def is_working(self) -> bool:
        return self.kind in ("workday", "makeup")

    def reason(self, locale: str = "zh_CN") -> str:
        weekday = self.day.weekday()
        if locale == "en":
            name = HOLIDAY_NAMES_EN.get(self.holiday or "", self.holiday or "")
            return {
                "workday": f"{WEEKDAYS_EN[weekday]} (working day)",
                "weekend": f"{WEEKDAYS_EN[weekday]} (weekend)",
                "holiday": f"{name} (public holiday)",
                "makeup": f"{WEEKDAYS_EN[weekday]} (make-up working day for {name})",
            }[self.kind]
        return {
            "workday": f"{WEEKDAYS_ZH[weekday]}（工作日）",
            "weekend": f"{WEEKDAYS_ZH[weekday]}（休息日）",
            "holiday": f"{self.holiday}（法定节假日）",
            "makeup": f"{WEEKDAYS_ZH[weekday]}（{self.holiday}调休上班）",
        }[self.kind]

    def to_json(self, locale: str = "zh_CN") -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "kind": self.kind,
            "holiday": self.holiday,
            "reason": self.reason(locale),
        }


@dataclass(frozen=True)
class DeadlineResult:
    start: date
    days: int
    rule: str
    deadline: date
    skipped: list[DayInfo]
    warnings: list[str] = field(default_factory=list)

    def to_json(self, locale: str = "zh_CN") -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "days": self.days,
            "rule": self.rule,
            "deadline": self.deadline.isoformat(),
            "skipped": [info.to_json(locale) for info in self.skipped],
            "warnings": list(self.warnings),
        }

    def explain(self, locale: str = "zh_CN") -> str:
        lines = [f"{self.start} + {self.days} ({self.rule}) = {self.deadline}"]
        lines += [f"  - {info.day} {info.reason(locale)}" for info in self.skipped]
        lines += [f"  ! {warning}" for warning in self.warnings]
        return "\n".join(lines)


class WorkCalendar:
    """Days from local tables first (a bureau may correct a year), then chinese-calendar.
    A year neither covers raises CalendarDataMissing: it is never guessed as Mon-Fri."""

    def __init__(self, tables: dict[int, YearTable], tables_dir: Path,
                 use_package: bool = True, display_dir: str | None = None) -> None:
        self._tables = tables
        self._tables_dir = tables_dir
        self._display_dir = display_dir or str(tables_dir)
        self._use_package = use_package
        self._cache: dict[date, DayInfo] = {}
        self._sums: dict[int, list[int]] = {}

    def table_path(self, year: int) -> str:
        return str(self._tables_dir / f"{year}.toml")

    def display_path(self, year: int) -> str:
        """The table's path as the config names it (for screens)."""
        return f"{self._display_dir.rstrip('/')}/{year}.toml"

    def source_of(self, year: int) -> str | None:
        if year in self._tables:
            return self._tables[year].source
        if self._use_package and _package_covers(year):
            return PACKAGE_SOURCE
        return None

    def day(self, day: date) -> DayInfo:
        info = self._cache.get(day)
        if info is None:
            info = self._compute(day)
            self._cache[day] = info
        return info

    def _compute(self, day: date) -> DayInfo:
        table = self._tables.get(day.year)
        if table is not None:
            if day in table.holidays:
                return DayInfo(day, "holiday", table.holidays[day], table.source)
            if day in table.makeup_workdays:
                return DayInfo(day, "makeup", table.makeup_workdays[day] or None, table.source)
            kind: DayKind = "weekend" if day.weekday() >= 5 else "workday"
            return DayInfo(day, kind, None, table.source)
        if not (self._use_package and _package_covers(day.year)):
            raise CalendarDataMissing(day.year, self.table_path(day.year))
        import chinese_calendar

        on_holiday, name = chinese_calendar.get_holiday_detail(day)
        zh_name = HOLIDAY_NAMES_ZH.get(name, name) if name else None
        if on_holiday:
            return DayInfo(day, "holiday" if zh_name else "weekend", zh_name, PACKAGE_SOURCE)
        if day.weekday() >= 5:
            return DayInfo(day, "makeup", zh_name, PACKAGE_SOURCE)
        return DayInfo(day, "workday", None, PACKAGE_SOURCE)

    def is_working_day(self, day: date) -> bool:
        return self.day(day).is_working

    def next_working_day(self, day: date, *, include_self: bool = False) -> date:
        current = day if include_self else day + timedelta(days=1)
        while not self.is_working_day(current):
            current += timedelta(days=1)
        return current

    def add_working_days(self, start: date, count: int) -> DeadlineResult:
        return self.deadline(start, count, "workdays")

    def deadline(self, start: date, days: int, rule: str = "rollover") -> DeadlineResult:
        """The start day is never counted (民法典 201). See config.toml [deadlines] for rules."""
        if days < 0:
            raise UsageError("days must be zero or more")
        warnings: list[str] = []
        skipped: list[DayInfo] = []
        if rule == "calendar":
            return DeadlineResult(start, days, rule, start + timedelta(days=days), [], warnings)
        if rule == "rollover":
            current = start + timedelta(days=days)
            while not (info := self.day(current)).is_working:
                skipped.append(info)
                current += timedelta(days=1)
        elif rule == "workdays":
            current, counted = start, 0
            while counted < days:
                current += timedelta(days=1)
                info = self.day(current)
                if info.is_working:
                    counted += 1
                else:
                    skipped.append(info)
        else:
            raise UsageError(f"unknown rule {rule!r}: use calendar, rollover or workdays")
        for year in sorted({start.year, current.year}):
            source = self.source_of(year)
            if source and source != PACKAGE_SOURCE:
                warnings.append(f"{year}: local table {source}")
        return DeadlineResult(start, days, rule, current, skipped, warnings)

    def working_days_between(self, first: date, last: date) -> int:
        """Working days in first..last inclusive, in O(1) per year via prefix sums."""
        if last < first:
            return 0
        total = 0
        for year in range(first.year, last.year + 1):
            sums = self._prefix_sums(year)
            start = first if first.year == year else date(year, 1, 1)
            end = last if last.year == year else date(year, 12, 31)
            total += sums[end.timetuple().tm_yday] - sums[start.timetuple().tm_yday - 1]
        return total

    def _prefix_sums(self, year: int) -> list[int]:
        sums = self._sums.get(year)
        if sums is None:
            sums = [0]
            current = date(year, 1, 1)
            while current.year == year:
                sums.append(sums[-1] + self.is_working_day(current))
                current += timedelta(days=1)
            self._sums[year] = sums
        return sums

    def month(self, year: int, month: int) -> list[DayInfo]:
        first = date(year, month, 1)
        days: list[DayInfo] = []
        current = first
        while current.month == month:
            days.append(self.day(current))
            current += timedelta(days=1)
        return days

    def missing_years(self, years: list[int]) -> list[int]:
        return [year for year in years if self.source_of(year) is None]


@cache
def _package_covers(year: int) -> bool:
    import chinese_calendar

    try:
        chinese_calendar.is_workday(date(year, 6, 1))
    except NotImplementedError:
        return False
    return True
