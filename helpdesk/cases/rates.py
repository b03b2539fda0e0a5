"""The assessment rates (三率 and 按期办结率), in one place. Each returns numerator,
denominator and the rate (None when there is nothing to rate), so reports can show the counts
behind every percentage.

- 及时受理率 timely acceptance = accepted on time ÷ all items due for acceptance
  (late, and late-and-not-yet-accepted, count in the denominator only);
- 参评率 rating participation = rated ÷ (rated + rating window passed unrated);
- 满意率 satisfaction = (满意 + 基本满意) ÷ rated;
- 按期办结率 on-time completion = on time ÷ (on time + late + unreplied past due + ...).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from helpdesk.i18n import t

# The four assessment rates, in the order every table shows them.
RATE_NAMES = ("timely_acceptance", "on_time_completion", "participation", "satisfaction")


@dataclass(frozen=True)
class Rate:
    numerator: int
    denominator: int

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None

    def percent(self) -> str:
        value = self.value
        return "—" if value is None else f"{value * 100:.1f}%"


def timely_acceptance(on_time: int, late: int, overdue_unaccepted: int) -> Rate:
    return Rate(on_time, on_time + late + overdue_unaccepted)


def participation(rated: int, expired_unrated: int) -> Rate:
    return Rate(rated, rated + expired_unrated)


def satisfaction(satisfied: int, basically_satisfied: int, dissatisfied: int) -> Rate:
    return Rate(satisfied + basically_satisfied,
                satisfied + basically_satisfied + dissatisfied)


def on_time_completion(on_time: int, late: int, overdue_open: int) -> Rate:
    return Rate(on_time, on_time + late + overdue_open)


def basis_text(basis: dict[str, str]) -> str:
    """One line naming, per rate, the date that puts a case in the period."""

    return t("rates.basis_line", parts=t("rates.basis_sep").join(
        t("rates.basis_part", rate=t(f"rates.{rate}"), basis=t(f"rates.basis_{choice}"))
        for rate, choice in basis.items()))


@dataclass(frozen=True)
class UnitRates:
    unit: str  # "" for the whole district
    timely_acceptance: Rate
    on_time_completion: Rate
    participation: Rate
    satisfaction: Rate


@dataclass(frozen=True)
class RatesReport:
    start: date
    end: date
    overall: UnitRates
    units: list[UnitRates] = field(default_factory=list)
    previous: UnitRates | None = None  # the same span just before, for the trend
    basis: dict[str, str] = field(default_factory=dict)  # rate -> the date that places a case
