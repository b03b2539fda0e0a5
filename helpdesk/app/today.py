"""What the Today dashboard shows, computed in one call from a worker thread."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from helpdesk.actor import Actor
from helpdesk.app.audit_feed import AuditView, list_audit
from helpdesk.app.live import others_present as present
from helpdesk.app.staff_views import list_staff
from helpdesk.calendar.days import DayInfo
from helpdesk.cases.ranking import RankView, latest_ranks
from helpdesk.cases.urging_list import UrgingItem, urging_worklist
from helpdesk.contract.ledger import compute_ledger
from helpdesk.errors import CalendarUnavailable, HelpdeskError
from helpdesk.questions.actions import sweep_breaches
from helpdesk.questions.listing import count_by_sla, list_questions
from helpdesk.questions.trackers import TrackerView, list_items
from helpdesk.questions.views import QuestionFilter, QuestionRow
from helpdesk.roles import can
from helpdesk.roster.actions import coverage_gaps, on_duty
from helpdesk.roster.handover import overdue_handovers
from helpdesk.security.exams import exam_warnings
from helpdesk.security.network import network_alerts
from helpdesk.security.register_entries import register_alerts
from helpdesk.services.service_years import service_years, year_of
from helpdesk.services.workspace import Workspace
from helpdesk.training.actions import training_obligation
from helpdesk.training.obligation import Obligation

if TYPE_CHECKING:
    from helpdesk.app.live import Present
    from helpdesk.contract.ledger import NextDue
    from helpdesk.security.exams import ExamStanding
    from helpdesk.security.network import NetworkAlerts
    from helpdesk.security.register_entries import RegisterAlerts


@dataclass(frozen=True)
class CalendarWarning:
    year: int
    table_path: str
    status: str  # "estimate" (schedule unpublished: deadlines provisional), "broken", "missing"


@dataclass(frozen=True)
class DeskSummary:
    counts: dict[str, int]
    urgent: tuple[QuestionRow, ...]  # breached first, then at risk, soonest due first
    late_problems: tuple[TrackerView, ...]


@dataclass(frozen=True)
class CaseSummary:
    to_urge: int
    overdue: int
    supervised: int
    most_overdue: tuple[UrgingItem, ...]


@dataclass(frozen=True)
class DutySummary:
    now: tuple[str, ...]
    next_start: datetime | None
    next_slot: str
    next_names: tuple[str, ...]
    gap_days: int  # how far ahead gaps were looked for
    gaps: tuple[str, ...]  # "2026-12-03 14:00-18:00", soonest first
    overdue_handovers: tuple[tuple[int, str], ...]  # (id, outgoing engineer's name)


@dataclass(frozen=True)
class ContractSummary:
    next_due: NextDue | None
    at_risk: tuple[str, ...]  # this month's warnings
    breaches: int  # asserted by the bureau
    penalties: float
    open_risks: int  # months missed under a clause, not asserted (no penalty yet)
    start: date  # the service year in force (or the last one, once over)
    end: date
    days_left: int  # to the end of the period, counted from today (negative once over)
    year: int = 1  # its number: 1 is the configured [contract], then each renewal
    renewed: bool = False  # a next service year is recorded

    @property
    def running(self) -> bool:
        return self.days_left >= 0 and self.days_left <= (self.end - self.start).days


@dataclass(frozen=True)
class TodaySummary:
    now_local: datetime
    day: DayInfo | None  # None when today's year has no calendar data
    in_office_hours: bool
    office_periods: tuple[tuple[str, str], ...]
    next_working_day: date | None
    missing_calendar: tuple[CalendarWarning, ...]
    staff_active: int
    staff_by_role: dict[str, int]
    recent_activity: tuple[AuditView, ...]
    duty: DutySummary | None = None
    training: Obligation | None = None
    exams: tuple[ExamStanding, ...] = ()  # passes ending soon, lapsed, failed or missing
    registers: RegisterAlerts | None = None  # overdue borrowings, open leaks, unreported passwords
    network: NetworkAlerts | None = None  # the scan cycle lapsed, findings past their day
    others: tuple[Present, ...] = ()  # other engineers with the console open now
    ranks: tuple[RankView, ...] = ()  # the province's ranking of the newest period recorded


def today_summary(ws: Workspace, actor: Actor) -> TodaySummary:
    """What the dashboard shows at once; the desk, the cases and the contract line are each
    fetched on their own (`desk_summary`, `case_summary`, `contract_summary`) so the first
    paint never waits on the heaviest figure."""
    now_local = ws.now().astimezone(ws.hours.zone)
    today = now_local.date()
    try:
        day: DayInfo | None = ws.calendar.day(today)
        in_hours = ws.hours.is_open(now_local)
    except CalendarUnavailable:  # no data for this year, or its table is broken (the banner says)
        day, in_hours = None, False
    try:
        following = ws.calendar.next_working_day(today) if day else None
    except CalendarUnavailable:
        following = None
    staff = list_staff(ws, actor)
    by_role: dict[str, int] = {}
    for member in staff:
        if member.active:
            by_role[member.role] = by_role.get(member.role, 0) + 1
    permission = "read_audit" if can(actor.role, "read_audit") else None
    recent = list_audit(ws, actor, limit=8) if permission else []
    periods = tuple((start.strftime("%H:%M"), end.strftime("%H:%M"))
                    for start, end in ws.config.office_hours.periods)
    return TodaySummary(now_local, day, in_hours, periods, following,
                        calendar_warnings(ws, today),
                        sum(by_role.values()), by_role, tuple(recent),
                        duty_summary(ws, actor, today), training_summary(ws, actor, today),
                        exam_summary(ws, actor), register_summary(ws, actor),
                        network_summary(ws, actor), tuple(others_present(ws, actor)),
                        tuple(latest_ranks(ws, actor)))


def others_present(ws: Workspace, actor: Actor) -> list[Present]:
    return present(ws, actor)


def network_summary(ws: Workspace, actor: Actor) -> NetworkAlerts | None:
    alerts = network_alerts(ws, actor)
    return alerts if alerts else None


def register_summary(ws: Workspace, actor: Actor) -> RegisterAlerts | None:
    alerts = register_alerts(ws, actor)
    return alerts if alerts else None


def exam_summary(ws: Workspace, actor: Actor) -> tuple[ExamStanding, ...]:
    return tuple(exam_warnings(ws, actor))


def calendar_warnings(ws: Workspace, today: date) -> tuple[CalendarWarning, ...]:
    """This year, and next year once its end is near, when their data is not official."""
    years = [today.year]
    if (date(today.year, 12, 31) - today).days < ws.config.calendar.warn_days_before_year_end:
        years.append(today.year + 1)
    years += [year for year in ws.calendar.broken if year not in years]
    return tuple(CalendarWarning(year, ws.calendar.display_path(year), status)
                 for year in years
                 if (status := ws.calendar.status(year)) in ("estimate", "broken", "missing"))


def _local_today(ws: Workspace) -> date:
    return ws.now().astimezone(ws.hours.zone).date()


def contract_summary(ws: Workspace, actor: Actor) -> ContractSummary:
    """The ledger's next obligation due and this month's risks while the service period runs;
    outside it, only the period (Today says so instead of counting under an ended contract)."""

    today = _local_today(ws)
    years = service_years(ws)
    year = year_of(years, today)
    days_left = (year.end - today).days
    renewed = years[-1].start > year.end
    if not year.holds(today):
        return ContractSummary(None, (), 0, 0.0, 0, year.start, year.end, days_left,
                               year.number, renewed)
    ledger = compute_ledger(ws, actor, today)
    return ContractSummary(ledger.next_due, ledger.at_risk, len(ledger.breaches),
                           ledger.penalties, len(ledger.open_risks), year.start, year.end,
                           days_left, year.number, renewed)


def training_summary(ws: Workspace, actor: Actor, today: date) -> Obligation | None:
    if not ws.config.contract.trainings_per_year or \
            not any(year.holds(today) for year in service_years(ws)):
        return None
    return training_obligation(ws, actor, today)


def duty_summary(ws: Workspace, actor: Actor, today: date) -> DutySummary | None:
    try:
        duty = on_duty(ws, actor)
        days = ws.config.roster.gap_lookahead_days
        coverage = coverage_gaps(ws, actor, today, today + timedelta(days=days))
    except CalendarUnavailable:
        return None
    now = ws.now()
    gaps = tuple(f"{gap.day.isoformat()} {gap.hours}" for gap in coverage.gaps
                 if datetime.combine(gap.day, gap.end, tzinfo=ws.hours.zone) > now)
    overdue = tuple((row.id, row.outgoing_name) for row in overdue_handovers(ws, actor))
    return DutySummary(duty.now, duty.next_start, duty.next_slot, duty.next_names, days, gaps,
                       overdue)


def case_summary(ws: Workspace, actor: Actor) -> CaseSummary | None:
    """The day's worklist counted whole (not its first page) and its two most overdue."""

    today = _local_today(ws)
    try:
        work = urging_worklist(ws, actor, today)
    except CalendarUnavailable:
        return None
    if not work.total:
        return None
    overdue = [item for item in work.items[:2] if item.due is not None and item.due < today]
    return CaseSummary(work.total, work.overdue, work.supervised, tuple(overdue))


def desk_summary(ws: Workspace, actor: Actor) -> DeskSummary | None:
    # Recording breaches needs the write lock; a busy database only delays it to next refresh.
    with suppress(HelpdeskError):
        sweep_breaches(ws)
    try:
        counts = count_by_sla(ws, actor)
    except CalendarUnavailable:
        return None
    urgent: list[QuestionRow] = []
    for state in ("breached", "at_risk"):  # three lines fit the dashboard at 80x24
        urgent += list_questions(ws, actor, QuestionFilter(sla_state=state, sort="due"),
                                 limit=3 - len(urgent)).rows if len(urgent) < 3 else []
    late = list_items(ws, actor, late_only=True, limit=3)
    return DeskSummary(counts, tuple(urgent), tuple(late))

