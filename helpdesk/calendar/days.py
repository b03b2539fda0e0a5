"""Working days on the official calendar, and statutory deadlines that explain themselves."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any, Literal

from helpdesk.calendar.estimate import estimate_year
from helpdesk.calendar.names import festival_label, weekday_name
from helpdesk.calendar.tables import YearTable
from helpdesk.errors import CalendarDataMissing, CalendarTableInvalid, UsageError
from helpdesk.i18n import current_locale, joined, t, using_locale

DayKind = Literal["workday", "weekend", "holiday", "makeup"]
YearStatus = Literal["table", "package", "estimate", "broken", "missing"]
PACKAGE_SOURCE = "chinese-calendar"
ESTIMATE_SOURCE = "estimate"

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


@dataclass(frozen=True)
class DayInfo:
    day: date
    kind: DayKind
    holiday: str | None  # Chinese holiday name: the holiday itself, or the one a make-up day serves
    source: str
    # Estimated years only: a rest day that the published schedule could make a working day
    # (a substitute day, or a weekend near a festival that could become a make-up day).
    could_work: bool = False

    @property
    def is_working(self) -> bool:
        return self.kind in ("workday", "makeup")

    @property
    def provisional(self) -> bool:
        return self.source == ESTIMATE_SOURCE

    def reason(self, locale: str | None = None) -> str:
        """Why the day is what it is, in `locale` (default: the current one)."""

        with using_locale(locale):
            text = t(f"calendar.day_{self.kind}", weekday=weekday_name(self.day),
                     holiday=festival_label(self.holiday or ""))
            return text + (t("calendar.day_estimated") if self.provisional else "")

    def to_json(self, locale: str | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {
            "date": self.day.isoformat(),
            "kind": self.kind,
            "holiday": self.holiday,
            "reason": self.reason(locale),
        }
        if self.provisional:
            data["provisional"] = True
            data["could_work"] = self.could_work
        return data


@dataclass(frozen=True)
class DeadlineResult:
    start: date
    days: int
    rule: str
    deadline: date
    skipped: list[DayInfo]
    warnings: list[str] = field(default_factory=list)
    # When the count reaches a year whose schedule is unpublished, `deadline` is the earliest
    # day the published schedule could make it (act on that), `expected` the day the
    # statutory holidays alone give, and `could_work` the rest days the earliest count took
    # as working days.
    expected: date | None = None
    estimated_years: tuple[int, ...] = ()
    could_work: tuple[DayInfo, ...] = ()

    @property
    def provisional(self) -> bool:
        return bool(self.estimated_years)

    @property
    def expected_day(self) -> date:
        return self.expected or self.deadline

    def to_json(self, locale: str | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {
            "start": self.start.isoformat(),
            "days": self.days,
            "rule": self.rule,
            "deadline": self.deadline.isoformat(),
            "skipped": [info.to_json(locale) for info in self.skipped],
            "warnings": list(self.warnings),
            "provisional": self.provisional,
        }
        if self.provisional:
            data["earliest"] = self.deadline.isoformat()
            data["expected"] = self.expected_day.isoformat()
            data["could_work"] = [info.to_json(locale) for info in self.could_work]
            data["reason"] = provisional_reason(self.estimated_years)
        return data

    def explain(self, locale: str | None = None) -> str:
        """The arithmetic, checkable by hand: start + days (rule) = deadline, each day skipped
        with its reason, in `locale` (default: the current one)."""

        with using_locale(locale):
            rule = t(f"calendar.rule_{self.rule}")
            lines = [f"{self.start} + {self.days} ({rule}) = {self.expected_day}"]
            lines += [f"  - {info.day} {info.reason()}" for info in self.skipped]
            if self.provisional:
                lines.append(f"  ! {provisional_reason(self.estimated_years)}")
                could = joined(f"{info.day}" for info in self.could_work) or "-"
                lines.append("  ! " + t("calendar.earliest_line", earliest=f"{self.deadline}",
                                        expected=f"{self.expected_day}", days=could))
            lines += [f"  ! {warning}" for warning in self.warnings]
            return "\n".join(lines)


def provisional_reason(years: tuple[int, ...]) -> str:
    return t("calendar.provisional_reason", years=joined(map(str, years)))


class WorkCalendar:
    """Days from local tables first (a bureau may correct a year), then chinese-calendar, then
    (`estimate`) the statutory festivals of an unpublished year, every such result marked
    provisional. Without the estimate such a year raises CalendarDataMissing; a year whose
    table is broken raises CalendarTableInvalid. A year is never guessed as Mon-Fri."""

    def __init__(self, tables: dict[int, YearTable], tables_dir: Path,
                 use_package: bool = True, display_dir: str | None = None, *,
                 broken: dict[int, str] | None = None, estimate: bool = True,
                 makeup_window_days: int = 10) -> None:
        self._tables = tables
        self._broken = dict(broken or {})
        self._tables_dir = tables_dir
        self._display_dir = display_dir or str(tables_dir)
        self._use_package = use_package
        self._estimate = estimate
        self._window = makeup_window_days
        self._cache: dict[date, DayInfo] = {}
        self._sums: dict[int, list[int]] = {}
        # A calendar never changes (new data means a new instance), so neither does a count:
        # an import schedules 100,000 cases from a few hundred distinct start days.
        self._deadlines: dict[tuple[date, int, str, bool, str], DeadlineResult] = {}

    @property
    def broken(self) -> dict[int, str]:
        return dict(self._broken)

    def status(self, year: int) -> YearStatus:
        if year in self._tables:
            return "table"
        if year in self._broken:
            return "broken"
        if self._use_package and _package_covers(year):
            return "package"
        return "estimate" if self._estimate else "missing"

    def is_estimated(self, year: int) -> bool:
        return self.status(year) == "estimate"

    def table_path(self, year: int) -> str:
        return str(self._tables_dir / f"{year}.toml")

    def display_path(self, year: int) -> str:
        """The table's path as the config names it (for screens)."""
        return f"{self._display_dir.rstrip('/')}/{year}.toml"

    def source_of(self, year: int) -> str | None:
        """Where a year's official data comes from; None when it has none (estimated too)."""
        if year in self._tables:
            return self._tables[year].source
        if year not in self._broken and self._use_package and _package_covers(year):
            return PACKAGE_SOURCE
        return None

    def fingerprint(self, year: int) -> str:
        """A digest of where the year's data comes from and of that data (the table's days,
        the package's version, the estimate's version and window): it changes when the data
        does, and costs nothing at start-up (no day is looked at)."""

        status = self.status(year)
        if status == "table":
            table = self._tables[year]
            data = repr((sorted(table.holidays.items()), sorted(table.makeup_workdays.items())))
        elif status == "package":
            data = version("chinesecalendar")
        elif status == "estimate":
            data = f"{version('holidays')} window {self._window}"
        else:
            return status
        return status + ":" + hashlib.sha256(data.encode()).hexdigest()[:16]

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
        if day.year in self._broken:
            raise CalendarTableInvalid(day.year, self._broken[day.year])
        if not (self._use_package and _package_covers(day.year)):
            if not self._estimate:
                raise CalendarDataMissing(day.year, self.table_path(day.year))
            return self._estimated(day)
        import chinese_calendar

        on_holiday, name = chinese_calendar.get_holiday_detail(day)
        zh_name = HOLIDAY_NAMES_ZH.get(name, name) if name else None
        if on_holiday:
            return DayInfo(day, "holiday" if zh_name else "weekend", zh_name, PACKAGE_SOURCE)
        if day.weekday() >= 5:
            return DayInfo(day, "makeup", zh_name, PACKAGE_SOURCE)
        return DayInfo(day, "workday", None, PACKAGE_SOURCE)

    def _estimated(self, day: date) -> DayInfo:
        year = estimate_year(day.year, self._window)
        could = day in year.could_work
        if day in year.festivals:
            return DayInfo(day, "holiday", year.festivals[day], ESTIMATE_SOURCE)
        if day in year.substitutes:
            return DayInfo(day, "holiday", year.substitutes[day], ESTIMATE_SOURCE, could)
        kind: DayKind = "weekend" if day.weekday() >= 5 else "workday"
        return DayInfo(day, kind, None, ESTIMATE_SOURCE, could)

    def is_working_day(self, day: date) -> bool:
        return self.day(day).is_working

    def next_working_day(self, day: date, *, include_self: bool = False) -> date:
        current = day if include_self else day + timedelta(days=1)
        while not self.is_working_day(current):
            current += timedelta(days=1)
        return current

    def add_working_days(self, start: date, count: int) -> DeadlineResult:
        return self.deadline(start, count, "workdays")

    def deadline(self, start: date, days: int, rule: str = "rollover", *,
                 allow_provisional: bool = True) -> DeadlineResult:
        """The start day is never counted (民法典 201). See config.toml [deadlines] for rules.
        A count through an estimated year gives the earliest and the expected day (see
        DeadlineResult); `allow_provisional=False` refuses it (CalendarDataMissing)."""
        key = (start, days, rule, allow_provisional, current_locale())  # warnings are text
        found = self._deadlines.get(key)
        if found is None:
            found = self._deadlines[key] = self._deadline(start, days, rule, allow_provisional)
        return found  # frozen; nobody appends to its lists

    def _deadline(self, start: date, days: int, rule: str, allow_provisional: bool
                  ) -> DeadlineResult:
        if days < 0:
            raise UsageError("calendar.days_negative")
        if rule == "calendar":
            return DeadlineResult(start, days, rule, start + timedelta(days=days), [], [])
        if rule not in ("rollover", "workdays"):
            raise UsageError("calendar.unknown_rule", rule=rule)
        current, skipped, seen, _could = self._count(start, days, rule, earliest=False)
        warnings: list[str] = []
        for year in sorted({start.year, current.year}):
            source = self.source_of(year)
            if source and source != PACKAGE_SOURCE:
                warnings.append(t("calendar.local_table_used", year=year, source=source))
        estimated = tuple(sorted(year for year in seen if self.is_estimated(year)))
        if not estimated:
            return DeadlineResult(start, days, rule, current, skipped, warnings)
        if not allow_provisional:
            raise CalendarDataMissing(estimated[0], self.table_path(estimated[0]))
        earliest, _skipped, _seen, could = self._count(start, days, rule, earliest=True)
        return DeadlineResult(start, days, rule, earliest, skipped, warnings, current,
                              estimated, could)

    def _count(self, start: date, days: int, rule: str, *, earliest: bool
               ) -> tuple[date, list[DayInfo], set[int], tuple[DayInfo, ...]]:
        """One count: `earliest` takes every rest day that could be worked as a working day
        (and returns those it took)."""
        skipped: list[DayInfo] = []
        could: list[DayInfo] = []

        def working(info: DayInfo) -> bool:
            if info.is_working:
                return True
            if earliest and info.could_work:
                could.append(info)
                return True
            return False

        if rule == "rollover":
            current = start + timedelta(days=days)
            seen = {current.year}
            while not working(info := self.day(current)):
                skipped.append(info)
                current += timedelta(days=1)
                seen.add(current.year)
            return current, skipped, seen, tuple(could)
        current, counted, seen = start, 0, {start.year}
        while counted < days:
            current += timedelta(days=1)
            seen.add(current.year)
            info = self.day(current)
            if working(info):
                counted += 1
            else:
                skipped.append(info)
        return current, skipped, seen, tuple(could)

    def working_days_between(self, first: date, last: date) -> int:
        """Working days in first..last inclusive, in O(1) per year via prefix sums."""
        if last < first:
            return 0
        total = 0
        for year in range(first.year, last.year + 1):
            sums = self._prefix_sums(year)
            before_new_year = date(year, 1, 1).toordinal() - 1
            start = first.toordinal() - before_new_year if first.year == year else 1
            end = last.toordinal() - before_new_year if last.year == year else len(sums) - 1
            total += sums[end] - sums[start - 1]
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



@cache
def _package_covers(year: int) -> bool:
    import chinese_calendar

    try:
        chinese_calendar.is_workday(date(year, 6, 1))
    except NotImplementedError:
        return False
    return True
