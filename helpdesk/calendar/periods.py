"""Report periods: a calendar month ("2026-11"), quarter ("2026-Q4") or year ("2026")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from helpdesk.errors import UsageError

KINDS = ("monthly", "quarterly", "annual")


@dataclass(frozen=True)
class ReportPeriod:
    kind: str  # monthly | quarterly | annual
    label: str  # "2026-11", "2026-Q4", "2026"
    start: date
    end: date  # inclusive

    def months(self) -> list[tuple[int, int]]:
        found = []
        year, month = self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            found.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return found

    def weeks(self) -> list[tuple[date, date]]:
        """Monday-based weeks clipped to the period."""
        first = self.start - timedelta(days=self.start.weekday())
        spans = []
        while first <= self.end:
            spans.append((max(first, self.start), min(first + timedelta(days=6), self.end)))
            first += timedelta(days=7)
        return spans


def _month_end(year: int, month: int) -> date:
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)


def parse_period(kind: str, value: str) -> ReportPeriod:
    value = value.strip()
    try:
        if kind == "monthly":
            year_text, month_text = value.split("-")
            year, month = int(year_text), int(month_text)
            return ReportPeriod(kind, f"{year:04d}-{month:02d}", date(year, month, 1),
                                _month_end(year, month))
        if kind == "quarterly":
            year_text, quarter_text = value.upper().split("-Q")
            year, quarter = int(year_text), int(quarter_text)
            if not 1 <= quarter <= 4:
                raise ValueError
            first = 3 * quarter - 2
            return ReportPeriod(kind, f"{year:04d}-Q{quarter}", date(year, first, 1),
                                _month_end(year, first + 2))
        if kind == "annual":
            year = int(value)
            return ReportPeriod(kind, f"{year:04d}", date(year, 1, 1), date(year, 12, 31))
    except ValueError:
        examples = {"monthly": "2026-11", "quarterly": "2026-Q4", "annual": "2026"}
        raise UsageError("err.periods.period",
                         kind=kind, value=value, value2=examples[kind]) from None
    raise UsageError("err.periods.kind", kind=kind, kinds=', '.join(KINDS))


def period_label(kind: str, day: date) -> str:
    """The label of the period of `kind` that holds `day` (2026-10, 2026-Q4, 2026)."""
    if kind == "monthly":
        return f"{day.year:04d}-{day.month:02d}"
    if kind == "quarterly":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    return f"{day.year:04d}"


def shifted(period: ReportPeriod, steps: int) -> ReportPeriod:
    """The period `steps` periods of the same kind later (earlier when negative)."""
    day = period.start
    for _ in range(abs(steps)):
        day = (period.end + timedelta(days=1)) if steps > 0 else (day - timedelta(days=1))
        period = parse_period(period.kind, period_label(period.kind, day))
        day = period.start
    return period


def any_period(value: str) -> ReportPeriod:
    """A period written any of the three ways (2026-10, 2026-Q4, 2026), its kind told by form."""
    text = value.strip().upper()
    kind = "quarterly" if "-Q" in text else "monthly" if "-" in text else "annual"
    try:
        return parse_period(kind, text)
    except UsageError:
        raise UsageError("err.periods.any_period", value=value) from None
