"""A year whose State Council schedule is not published yet, estimated from the law.

《全国年节及纪念日放假办法》 fixes the festivals themselves (元旦 1 day, 春节 4, 清明 1, 劳动节 2,
端午 1, 中秋 1, 国庆 3); the `holidays` package computes them, lunar dates included, plus the
substitute days (补假) it expects when a festival falls on a weekend. What stays unknown until
the notice is where the substitute days and the make-up working days (调休) land.

Two views follow from that:
- expected: the package's festivals and substitute days are rest days, weekends are rest days;
- earliest: only the festival days are certain rest days; a substitute day could be a working
  day, and so could a weekend close enough to a festival to be made a make-up day. Every one of
  the 150 make-up days 2004-2026 fell within 8 days of a festival day (a test checks it against
  chinese-calendar), so `makeup_window_days` (default 10) bounds "close enough".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

# The package's English names -> the names this console uses (also chinese-calendar's).
FESTIVALS_ZH = {
    "New Year's Day": "元旦",
    "Chinese New Year's Eve": "春节",
    "Chinese New Year (Spring Festival)": "春节",
    "Tomb-Sweeping Day": "清明节",
    "Labor Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-Autumn Festival": "中秋节",
    "National Day": "国庆节",
}
# The festivals every year's schedule must contain, and how many statutory days each has.
STATUTORY_DAYS = {"元旦": 1, "春节": 4, "清明节": 1, "劳动节": 2, "端午节": 1, "中秋节": 1,
                  "国庆节": 3}


@dataclass(frozen=True)
class EstimatedYear:
    year: int
    festivals: dict[date, str]  # the statutory days themselves (certain rest days)
    substitutes: dict[date, str]  # 补假 the package expects (rest in the expected view only)
    could_work: frozenset[date]  # rest in the expected view, possibly working once published

    def rest_days(self) -> dict[date, str]:
        return {**self.substitutes, **self.festivals}


def _festival_name(label: str) -> str:
    """One day can hold two festivals (中秋 on 10-01 in 2031): the package joins them with ';'."""
    names: list[str] = []
    for part in label.split(";"):
        base = part.replace(" (observed)", "").replace(" (estimated)", "").strip()
        name = FESTIVALS_ZH.get(base, base)
        if name not in names:
            names.append(name)
    return "、".join(names)


@cache
def statutory_festivals(year: int) -> dict[date, str]:
    """The statutory festival days of `year` (no substitute days), by Chinese name."""
    from holidays import country_holidays

    days = country_holidays("CN", years=year, observed=False, language="en_US")
    return {day: _festival_name(label) for day, label in days.items() if day.year == year}


@cache
def estimate_year(year: int, window_days: int) -> EstimatedYear:
    from holidays import country_holidays

    festivals = statutory_festivals(year)
    expected = country_holidays("CN", years=year, language="en_US")
    substitutes = {day: _festival_name(label) for day, label in expected.items()
                   if day.year == year and day not in festivals}
    # Festivals of the neighbouring years count too: a make-up day for 元旦 can fall in the
    # last days of December.
    near = {**statutory_festivals(year - 1), **festivals, **statutory_festivals(year + 1)}
    could: set[date] = set(substitutes)
    current = date(year, 1, 1)
    while current.year == year:
        if current.weekday() >= 5 and current not in festivals and any(
                abs((current - festival).days) <= window_days for festival in near):
            could.add(current)
        current += timedelta(days=1)
    return EstimatedYear(year, festivals, substitutes, frozenset(could))
