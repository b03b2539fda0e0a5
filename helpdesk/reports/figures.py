"""The figures of an inspection report, as plain data: built once from the records
(reports/gather.py), then written as xlsx, Markdown or shown in the console."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from helpdesk.calendar.periods import ReportPeriod
from helpdesk.cases.proxy_figures import ProxyFigures
from helpdesk.cases.rates import Rate, RatesReport, UnitRates
from helpdesk.count import Count
from helpdesk.monitoring.oplog_figures import OplogUsage

# A province-scale year can breach thousands of clocks: list this many, count the rest.
BREACH_LIST_LIMIT = 1000
ITEM_LIST_LIMIT = 200


@dataclass(frozen=True)
class SlaCounts:
    questions: int
    response_met: int
    response_total: int  # clocks that ended: answered, or due and passed
    resolution_met: int
    resolution_total: int

    @property
    def response(self) -> Rate:
        return Rate(self.response_met, self.response_total)

    @property
    def resolution(self) -> Rate:
        return Rate(self.resolution_met, self.resolution_total)

    @property
    def breaches(self) -> int:
        return (self.response_total - self.response_met) + \
            (self.resolution_total - self.resolution_met)


@dataclass(frozen=True)
class GroupSla:
    """Questions of one category, channel or unit, with their SLA attainment."""

    label: str
    sla: SlaCounts

    @property
    def count(self) -> int:
        return self.sla.questions


@dataclass(frozen=True)
class BreachLine:
    number: str
    title: str
    unit: str
    asker: str  # masked
    category: str
    priority: str
    clock: str  # response | resolution
    due: str  # local "2026-11-03 10:00"
    done: str  # local time answered/resolved, "" while still open


@dataclass(frozen=True)
class WeekPoint:
    start: date
    end: date
    sla: SlaCounts


@dataclass(frozen=True)
class RepeatedQuestion:
    title: str
    count: int
    article: str  # the FAQ article most replies used, "" when none


@dataclass(frozen=True)
class CaseFigures:
    registered: int
    closed: int
    open_at_end: int
    urgings: int
    urgings_by_step: tuple[Count, ...]


@dataclass(frozen=True)
class TrainingLine:
    id: int
    day: date
    kind: str
    title: str
    invited: int
    signed_in: int
    responses: int
    response_rate: float | None
    overall_mean: float | None


@dataclass(frozen=True)
class InspectionLine:
    month: str
    state: str  # obligation state, "" for a month outside the contract
    inspection_id: int | None
    done_on: date | None
    coverage: Rate | None
    usage: Rate | None
    checked: int
    issues: tuple[str, ...]  # "item: note"
    unconnected: tuple[str, ...] = ()  # institutions not connected (from the export)
    low_usage: tuple[tuple[str, Rate], ...] = ()  # below [inspection] low_usage_percent


@dataclass(frozen=True)
class TrackerLine:
    number: str
    kind: str
    title: str
    status: str


@dataclass(frozen=True)
class CoverageFigures:
    until: date  # the coverage is counted up to here (today, for a running period)
    percent: float
    office_minutes: int
    covered_minutes: int
    gaps: int


@dataclass(frozen=True)
class DataServiceFigures:
    received: int
    fulfilled: int
    on_time: int
    open: int


@dataclass(frozen=True)
class RankLine:
    """The province's ranking of one rate for the period or a month in it, beside the rate
    the console computed for the same span (None when not computed for that span)."""

    period: str
    rate: str
    rank: int
    ranked: int
    movement: int | None  # places gained since the period before
    province_average: float | None
    district_value: float | None  # as the province published it
    own: Rate | None

    @property
    def gap(self) -> float | None:
        """The console's own rate (else the published one) minus the province average."""
        value = self.own.value if self.own is not None else None
        value = self.district_value if value is None else value
        if value is None or self.province_average is None:
            return None
        return value - self.province_average


@dataclass(frozen=True)
class ReportFigures:
    period: ReportPeriod
    generated_at: str  # local time
    bureau: str
    vendor: str
    contract: str
    sla: SlaCounts
    by_category: tuple[GroupSla, ...]
    by_channel: tuple[GroupSla, ...]
    by_unit: tuple[GroupSla, ...]
    breaches: tuple[BreachLine, ...]
    weeks: tuple[WeekPoint, ...]
    repeated: tuple[RepeatedQuestion, ...]
    config_requests: tuple[Count, ...]
    cases: CaseFigures
    rates: RatesReport
    monthly_rates: tuple[tuple[str, UnitRates], ...]
    trainings: tuple[TrainingLine, ...]
    coverage: CoverageFigures
    inspections: tuple[InspectionLine, ...]
    trackers: tuple[Count, ...]  # "kind/status" counts of every item raised by the period end
    new_trackers: tuple[TrackerLine, ...]
    new_trackers_total: int
    data_service: DataServiceFigures
    ranks: tuple[RankLine, ...] = ()  # the period's own first, then its months, newest first
    proxy: ProxyFigures = ProxyFigures(0, (), 0, 0)
    oplog: OplogUsage | None = None  # the period's operation log; None when none imported
    # The audit chain's head when the figures were read (SEQ:HASH16): the page the bureau
    # signs carries it, and `helpdesk audit verify --head` checks the database against it.
    chain_head: str = ""
