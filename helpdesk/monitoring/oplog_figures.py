"""How the provincial system was used in a span (日志管理与分析), as the oplog area computes it
and the reports print it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from helpdesk.cases.rates import Rate


@dataclass(frozen=True)
class UsageLine:
    """How one unit, kind of unit, person (or the district) used the provincial system."""

    label: str  # a unit's name, a kind of unit, an account, or "" for the whole district
    accounts: int  # enabled accounts on record (a person: 1)
    active_accounts: int  # accounts with at least one operation in the span
    active_days: int  # distinct days with an operation
    operations: int
    off_hours: int  # operations outside office hours
    by_kind: tuple[tuple[str, int], ...]  # the most frequent operations, most first
    unit_id: int | None = None  # a unit's line: the unit

    @property
    def usage(self) -> Rate:
        return Rate(min(self.active_accounts, self.accounts), self.accounts)

    @property
    def off_hours_share(self) -> Rate:
        return Rate(self.off_hours, self.operations)


@dataclass(frozen=True)
class OplogUsage:
    start: date
    end: date
    total: UsageLine
    kinds: tuple[UsageLine, ...]  # per kind of unit (label: street, department, other)
    units: tuple[UsageLine, ...]
    people: tuple[UsageLine, ...]  # with a unit chosen: its accounts, most operations first
