"""Local holiday tables for years the chinese-calendar package does not cover.

One file per year, `<dir>/<YEAR>.toml`:

    year = 2027
    holidays = [ { name = "元旦", from = 2027-01-01, to = 2027-01-01 }, ... ]
    makeup_workdays = [ { date = 2027-02-20, for = "春节" }, ... ]
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from helpdesk.errors import ConfigError


@dataclass(frozen=True)
class YearTable:
    year: int
    holidays: dict[date, str]  # date -> holiday name
    makeup_workdays: dict[date, str]  # date -> the holiday it makes up for
    source: str


def _as_date(value: Any, where: str) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ConfigError([f"{where}: expected a date like 2027-01-01, got {value!r}"])


def load_year_table(path: Path) -> YearTable:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except tomllib.TOMLDecodeError as err:
        raise ConfigError([f"{path}: (syntax): {err}"]) from None
    year = data.get("year")
    if not isinstance(year, int) or str(year) != path.stem:
        raise ConfigError([f"{path}: year: must be {path.stem}, the file's own name"])
    holidays: dict[date, str] = {}
    for index, entry in enumerate(data.get("holidays", []), start=1):
        where = f"{path}: holidays[{index}]"
        name = str(entry.get("name", "")).strip()
        if not name:
            raise ConfigError([f"{where}: name is missing"])
        first = _as_date(entry.get("from"), where + ".from")
        last = _as_date(entry.get("to", entry.get("from")), where + ".to")
        if last < first or first.year != year or last.year != year:
            raise ConfigError([f"{where}: from/to must be in {year}, in order"])
        day = first
        while day <= last:
            holidays[day] = name
            day += timedelta(days=1)
    makeups: dict[date, str] = {}
    for index, entry in enumerate(data.get("makeup_workdays", []), start=1):
        where = f"{path}: makeup_workdays[{index}]"
        day = _as_date(entry.get("date"), where + ".date")
        if day.year != year:
            raise ConfigError([f"{where}: date must be in {year}"])
        if day.weekday() < 5:
            raise ConfigError([f"{where}: {day} is a weekday; make-up days fall on weekends"])
        if day in holidays:
            raise ConfigError([f"{where}: {day} is also listed as a holiday"])
        makeups[day] = str(entry.get("for", "")).strip()
    return YearTable(year, holidays, makeups, str(path))


def load_tables(directory: Path) -> dict[int, YearTable]:
    if not directory.is_dir():
        return {}
    tables: dict[int, YearTable] = {}
    for path in sorted(directory.glob("[0-9][0-9][0-9][0-9].toml")):
        table = load_year_table(path)
        tables[table.year] = table
    return tables
