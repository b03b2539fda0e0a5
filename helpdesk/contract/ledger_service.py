"""The service rows of the compliance ledger beyond the first five, month by month from the
records:
- urging: every working day has an urging or an explicit "nothing due" (services 6);
- data_due: every data-service request due that month delivered by its day;
- problem_due: every problem resolved by its follow-up day (service 7);
- requirements: every requirement fed back to the province within
  `requirement_feedback_workdays` working days of being raised (service 7);
- reports: each monthly / quarterly report delivered by `report_due_working_day` of the month
  after its period (the deliverables register);
- curriculum: by the contract's end, the sessions held covered every content of every kind in
  the training curriculum (counted in the contract's last month).
A month still running is pending, flagged at risk when something is already missed."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta

from sqlmodel import col, select

from helpdesk.calendar.days import WorkCalendar
from helpdesk.cases.models import Urging, WorklistDay
from helpdesk.contract.ledger_security import Finding, MonthSpan
from helpdesk.contract.models import Deliverable
from helpdesk.data.models import DataRequest
from helpdesk.errors import CalendarUnavailable, UsageError
from helpdesk.i18n import joined, t
from helpdesk.questions.models import TrackerItem
from helpdesk.services.workspace import Workspace
from helpdesk.training.actions import curriculum
from helpdesk.training.models import TrainingSession

SERVICE_OBLIGATIONS = ("urging", "data_due", "problem_due", "requirements", "reports",
                       "curriculum")


def service_findings(ws: Workspace, spans: Sequence[MonthSpan], today: date
                     ) -> dict[tuple[str, str], list[Finding]]:
    if not spans:
        return {}
    found: dict[tuple[str, str], list[Finding]] = {}

    def add(obligation: str, day: date, evidence: str) -> None:
        for span in spans:
            if span.start <= day <= span.end:
                found.setdefault((obligation, span.key), []).append(
                    Finding(obligation, day, evidence))
                return

    _urging(ws, spans, today, add)
    _data_and_problems(ws, today, add)
    _reports(ws, spans, today, add)
    _curriculum(ws, spans, add)
    return found


def _curriculum(ws: Workspace, spans: Sequence[MonthSpan],
                add: Callable[[str, date, str], None]) -> None:

    end = spans[-1].end
    try:
        courses = curriculum(ws)
    except UsageError as err:  # the training area names the file's problem too
        add("curriculum", end, str(err))
        return
    start = datetime.combine(spans[0].start, time(), tzinfo=ws.hours.zone)
    finish = datetime.combine(end + timedelta(days=1), time(), tzinfo=ws.hours.zone)
    covered: dict[str, set[str]] = {}
    with ws.db.read() as session:
        held = session.exec(select(TrainingSession).where(
            col(TrainingSession.status) == "held", col(TrainingSession.starts_at) >= start,
            col(TrainingSession.starts_at) < finish)).all()
    for row in held:
        covered.setdefault(row.kind, set()).update(
            item["item"] for item in json.loads(row.contents or "[]"))
    for kind, course in courses.items():
        missing = [item for item in course.contents if item not in covered.get(kind, set())]
        if missing:
            add("curriculum", end, t("ledger.curriculum_missing",
                                     kind=t(f"training.kind_{kind}"), items=joined(missing)))


def _urging(ws: Workspace, spans: Sequence[MonthSpan], today: date,
            add: Callable[[str, date, str], None]) -> None:
    """Working days before today (today is still open) without an urging or a nothing-due."""
    zone = ws.hours.zone
    first, last = spans[0].start, min(spans[-1].end, today - timedelta(days=1))
    if last < first:
        return
    start = datetime.combine(first, time(), tzinfo=zone)
    end = datetime.combine(last + timedelta(days=1), time(), tzinfo=zone)
    with ws.db.read() as session:
        nothing_due = set(session.exec(select(col(WorklistDay.day)).where(
            col(WorklistDay.day) >= first, col(WorklistDay.day) <= last)).all())
        # one row per urging in the contract so far; at province scale a few hundred a day
        instants = session.exec(select(col(Urging.at)).where(
            col(Urging.at) >= start, col(Urging.at) < end)).all()
    urged = {instant.astimezone(zone).date() for instant in instants}
    day = first
    while day <= last:
        if _working(ws.calendar, day) and day not in urged and day not in nothing_due:
            add("urging", day, f"{day:%m-%d}")
        day += timedelta(days=1)


def _working(calendar: WorkCalendar, day: date) -> bool:
    try:
        return calendar.is_working_day(day)
    except CalendarUnavailable:  # a year with no calendar at all: the banner says so
        return False


def _data_and_problems(ws: Workspace, today: date,
                       add: Callable[[str, date, str], None]) -> None:
    zone = ws.hours.zone
    with ws.db.read() as session:
        requests = session.exec(select(DataRequest).where(
            col(DataRequest.status) != "cancelled", col(DataRequest.due_on) < today)).all()
        problems = session.exec(select(TrackerItem).where(
            col(TrackerItem.kind) == "problem", col(TrackerItem.follow_up_due) < today)).all()
        requirements = session.exec(select(TrackerItem).where(
            col(TrackerItem.kind) == "requirement")).all()
    for request in requests:
        delivered = request.fulfilled_at.astimezone(zone).date() \
            if request.fulfilled_at is not None else None
        if delivered is None or delivered > request.due_on:
            add("data_due", request.due_on,
                f"{request.number} " + (t("ledger.delivered_late", day=f"{delivered:%m-%d}")
                                        if delivered else t("ledger.not_delivered")))
    for item in problems:
        assert item.follow_up_due is not None
        if item.resolved_on is None or item.resolved_on > item.follow_up_due:
            add("problem_due", item.follow_up_due, f"{item.number} {item.title}")
    workdays = ws.config.sla.requirement_feedback_workdays
    for item in requirements:
        raised = item.created_at.astimezone(zone).date()
        due = ws.calendar.add_working_days(raised, workdays).expected_day
        if due < today and (item.fed_back_on is None or item.fed_back_on > due):
            add("requirements", due, f"{item.number} {item.title}")


def _report_due(calendar: WorkCalendar, month_after: date, nth: int) -> date:
    """The nth working day of the month that begins on `month_after`."""
    day, seen = month_after, 0
    while True:
        if _working(calendar, day):
            seen += 1
            if seen == nth:
                return day
        day += timedelta(days=1)
        if day.month != month_after.month:
            return day - timedelta(days=1)


def _reports(ws: Workspace, spans: Sequence[MonthSpan], today: date,
             add: Callable[[str, date, str], None]) -> None:
    nth = ws.config.contract.report_due_working_day
    with ws.db.read() as session:
        rows = session.exec(select(Deliverable).where(col(Deliverable.kind).in_(
            ("monthly_report", "quarterly_report")))).all()
    delivered = {(row.kind, row.period.strip().upper()): row.delivered_on for row in rows}
    for span in spans:
        month = date(int(span.key[:4]), int(span.key[5:]), 1)
        following = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
        due = _report_due(ws.calendar, following, nth)
        periods = [("monthly_report", span.key, t("ledger.monthly_report", period=span.key))]
        if month.month % 3 == 0:
            quarter = f"{month.year}-Q{month.month // 3}"
            periods.append(("quarterly_report", quarter,
                            t("ledger.quarterly_report", period=quarter)))
        for kind, period, label in periods:
            handed = delivered.get((kind, period))
            if handed is not None and handed <= due:
                continue
            if handed is None and due >= today:
                continue  # not due yet
            add("reports", due if handed is None else handed,
                f"{label} " + (t("ledger.delivered_late", day=f"{handed:%m-%d}")
                               if handed else t("ledger.not_delivered_by", day=f"{due:%m-%d}")))
