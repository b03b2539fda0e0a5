"""Local holiday tables: the State Council's schedule of a year, one file per year,
`<dir>/<YEAR>.toml`:

    year = 2027
    holidays = [ { name = "元旦", from = 2027-01-01, to = 2027-01-01 }, ... ]
    makeup_workdays = [ { date = 2027-02-20, for = "春节" }, ... ]

Everything is checked before a table is used: a typo in a key would otherwise drop a whole
list of days without a word. A broken file spoils only its own year.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from helpdesk.calendar.estimate import statutory_festivals
from helpdesk.calendar.names import festival_label
from helpdesk.errors import ConfigError
from helpdesk.i18n import t

TOP_KEYS = {"year", "holidays", "makeup_workdays", "source", "notice"}
HOLIDAY_KEYS = {"name", "from", "to"}
MAKEUP_KEYS = {"date", "for"}


@dataclass(frozen=True)
class YearTable:
    year: int
    holidays: dict[date, str]  # date -> holiday name
    makeup_workdays: dict[date, str]  # date -> the holiday it makes up for
    source: str


class _Problems:
    def __init__(self, path: str, text: str) -> None:
        self.path, self.lines, self.items = path, text.splitlines(), list[str]()

    def add(self, key: str, problem: str, near: str = "") -> None:
        line = next((number for number, content in enumerate(self.lines, start=1)
                     if near and near in content), 0)
        where = f"{self.path}:{line}" if line else self.path
        self.items.append(f"{where}: {key}: {problem}")


def _as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def parse_year_table(text: str, path: str, expected_year: int | None = None) -> YearTable:
    """Parse and validate a table; every problem is listed (ConfigError, exit 2)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError([f"{path}: (syntax): {err}"]) from None
    problems = _Problems(path, text)
    for key in sorted(set(data) - TOP_KEYS):
        problems.add(key, t("calendar.table_unknown_key", keys=", ".join(sorted(TOP_KEYS))), key)
    year = data.get("year")
    if not isinstance(year, int) or not 1900 < year < 3000:
        problems.add("year", t("calendar.table_year_missing"), "year")
        raise ConfigError(problems.items)
    if expected_year is not None and year != expected_year:
        problems.add("year", t("calendar.table_year_mismatch", year=year,
                                expected=expected_year), "year")
    holidays: dict[date, str] = {}
    for index, entry in enumerate(_entries(data, "holidays", problems), start=1):
        key = f"holidays[{index}]"
        for extra in sorted(set(entry) - HOLIDAY_KEYS):
            problems.add(f"{key}.{extra}", t("calendar.table_unknown_key",
                                             keys=", ".join(sorted(HOLIDAY_KEYS))), extra)
        name = str(entry.get("name", "")).strip()
        first, last = _as_date(entry.get("from")), _as_date(entry.get("to", entry.get("from")))
        near = str(entry.get("from", ""))
        if not name:
            problems.add(f"{key}.name", t("calendar.table_name_missing"), near)
        if first is None or last is None:
            problems.add(f"{key}.from", t("calendar.table_bad_date"), near)
            continue
        if last < first or first.year != year or last.year != year:
            problems.add(key, t("calendar.table_range", year=year), near)
            continue
        day = first
        while day <= last:
            holidays[day] = name
            day += timedelta(days=1)
    makeups: dict[date, str] = {}
    for index, entry in enumerate(_entries(data, "makeup_workdays", problems), start=1):
        key = f"makeup_workdays[{index}]"
        for extra in sorted(set(entry) - MAKEUP_KEYS):
            problems.add(f"{key}.{extra}", t("calendar.table_unknown_key",
                                             keys=", ".join(sorted(MAKEUP_KEYS))), extra)
        makeup = _as_date(entry.get("date"))
        near = str(entry.get("date", ""))
        if makeup is None:
            problems.add(f"{key}.date", t("calendar.table_bad_date"), near)
        elif makeup.year != year:
            problems.add(f"{key}.date", t("calendar.table_range", year=year), near)
        elif makeup.weekday() < 5:
            problems.add(f"{key}.date", t("calendar.table_makeup_weekday", day=makeup), near)
        elif makeup in holidays:
            problems.add(f"{key}.date", t("calendar.table_makeup_holiday", day=makeup), near)
        else:
            makeups[makeup] = str(entry.get("for", "")).strip()
    for day, festival in sorted(statutory_festivals(year).items()):
        if day not in holidays:
            problems.add("holidays", t("calendar.table_festival_missing", day=day,
                                       name=festival_label(festival)))
    if problems.items:
        raise ConfigError(problems.items)
    return YearTable(year, holidays, makeups, path)


def _entries(data: dict[str, Any], key: str, problems: _Problems) -> list[dict[str, Any]]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        problems.add(key, t("calendar.table_not_list"), key)
        return []
    return value


def load_year_table(path: Path) -> YearTable:
    expected = int(path.stem) if path.stem.isdigit() and len(path.stem) == 4 else None
    return parse_year_table(path.read_text(encoding="utf-8-sig"), str(path), expected)


def load_tables(directory: Path) -> tuple[dict[int, YearTable], dict[int, str]]:
    """Every table in `directory`, and the problems of those that are broken, by year."""
    if not directory.is_dir():
        return {}, {}
    tables: dict[int, YearTable] = {}
    broken: dict[int, str] = {}
    for path in sorted(directory.glob("[0-9][0-9][0-9][0-9].toml")):
        try:
            table = load_year_table(path)
        except (ConfigError, OSError, UnicodeDecodeError) as err:
            broken[int(path.stem)] = str(err)
            continue
        tables[table.year] = table
    return tables, broken


def parse_tables(texts: Mapping[int, str]) -> tuple[dict[int, YearTable], dict[int, str]]:
    """Tables kept in the database (year → text), and the problems of any that no longer
    parse (a later release may be stricter), by year."""
    tables: dict[int, YearTable] = {}
    broken: dict[int, str] = {}
    for year, text in sorted(texts.items()):
        try:
            tables[year] = parse_year_table(text, f"calendar_year {year}", year)
        except ConfigError as err:
            broken[year] = str(err)
    return tables, broken
