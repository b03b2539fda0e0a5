"""Build a report's figures from the records (never typed twice): questions and SLA, repeated
questions and their FAQ articles, configuration requests, cases and urgings, the assessment
rates and their trend, training, on-site coverage, inspections, requirements and problems,
data-service requests. Aggregates run in SQL; personal data leaves here masked."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, case, func, literal_column, or_
from sqlmodel import Session, col, select

from helpdesk.actor import Actor
from helpdesk.calendar.periods import ReportPeriod
from helpdesk.cases.models import PetitionCase, Urging
from helpdesk.cases.proxy_work import proxy_figures
from helpdesk.cases.ranking import list_ranks
from helpdesk.cases.rate_figures import rates_with_trend
from helpdesk.cases.rates import UnitRates
from helpdesk.count import Count
from helpdesk.data.models import DataRequest
from helpdesk.i18n import t
from helpdesk.inspection.actions import inspection_obligation, inspections_between
from helpdesk.masking import mask_name
from helpdesk.monitoring.oplog import oplog_usage
from helpdesk.monitoring.oplog_figures import OplogUsage
from helpdesk.questions.models import (
    ConfigRequest,
    KbArticle,
    Question,
    QuestionKbLink,
    TrackerItem,
)
from helpdesk.reports.figures import (
    BREACH_LIST_LIMIT,
    ITEM_LIST_LIMIT,
    BreachLine,
    CaseFigures,
    CoverageFigures,
    DataServiceFigures,
    GroupSla,
    InspectionLine,
    RankLine,
    RepeatedQuestion,
    ReportFigures,
    SlaCounts,
    TrackerLine,
    TrainingLine,
    WeekPoint,
)
from helpdesk.roles import require
from helpdesk.roster.actions import coverage_gaps
from helpdesk.services.audit_log import chain_head, head_text
from helpdesk.services.workspace import Workspace
from helpdesk.storage.models import Unit
from helpdesk.training.actions import kind_title
from helpdesk.training.models import TrainingSession
from helpdesk.training.report import training_report

Q = Question


def day_start(ws: Workspace, day: date) -> datetime:
    return datetime.combine(day, time(0), ws.hours.zone).astimezone(UTC)


def _local(ws: Workspace, instant: datetime | None) -> str:
    return "" if instant is None else f"{instant.astimezone(ws.hours.zone):%Y-%m-%d %H:%M}"


def _clock_conditions(now: datetime) -> dict[str, Any]:
    responded = col(Q.first_response_at).is_not(None)
    resolved = col(Q.resolved_at).is_not(None)
    return {
        "response_counted": or_(responded, col(Q.response_due_at) < now),
        "response_met": and_(responded, col(Q.first_response_at) <= col(Q.response_due_at)),
        "resolution_counted": or_(resolved, and_(col(Q.resolve_due_at).is_not(None),
                                                 col(Q.resolve_due_at) < now)),
        "resolution_met": and_(resolved, col(Q.resolved_at) <= col(Q.resolve_due_at)),
    }


def _in(start: datetime, end: datetime) -> Any:
    return and_(col(Q.received_at) >= start, col(Q.received_at) < end)


def _sla_columns(now: datetime) -> tuple[Any, ...]:
    cond = _clock_conditions(now)

    def total(condition: Any) -> Any:
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    return (func.count(), total(cond["response_met"]), total(cond["response_counted"]),
            total(cond["resolution_met"]), total(cond["resolution_counted"]))


def sla_counts(session: Session, start: datetime, end: datetime, now: datetime) -> SlaCounts:
    row = session.exec(select(*_sla_columns(now)).where(_in(start, end))).one()
    return SlaCounts(*(int(value) for value in row))


def _grouped(session: Session, column: Any, start: datetime, end: datetime, now: datetime,
             label: Any) -> tuple[GroupSla, ...]:
    """Questions and SLA attainment per value of `column` (a question column or Unit.name)."""
    if column is not Unit.name:
        # An expression, not the bare column: grouping by the column would lead SQLite to its
        # (column, received_at) index and the table's rows; this reads ix_question_sla only.
        column = func.coalesce(column, literal_column("''"))
    query = select(column, *_sla_columns(now)).select_from(Q)
    if column is Unit.name:
        query = query.join(Unit, col(Unit.id) == col(Q.unit_id), isouter=True)
    rows = session.exec(query.where(_in(start, end)).group_by(column)
                        .order_by(func.count().desc(), column)).all()
    return tuple(GroupSla(label(value), SlaCounts(*(int(v) for v in counts)))
                 for value, *counts in rows)


def _late(done: datetime | None, due: datetime | None, now: datetime) -> bool:
    """The Python twin of the SQL condition: a clock that ended and was not met."""
    if done is not None:
        return due is None or done > due
    return due is not None and due < now


def _breaches(ws: Workspace, session: Session, start: datetime, end: datetime,
              now: datetime) -> tuple[BreachLine, ...]:
    cond = _clock_conditions(now)
    late_response = and_(cond["response_counted"], ~cond["response_met"])
    late_resolution = and_(cond["resolution_counted"], ~cond["resolution_met"])
    rows = session.exec(select(Q, Unit.name).join(
        Unit, col(Unit.id) == col(Q.unit_id), isouter=True)
        .where(_in(start, end), or_(late_response, late_resolution))
        .order_by(col(Q.received_at), col(Q.id)).limit(BREACH_LIST_LIMIT)).all()
    lines = []
    for question, unit in rows:
        clocks = [(clock, due, done) for clock, due, done in (
            ("response", question.response_due_at, question.first_response_at),
            ("resolution", question.resolve_due_at, question.resolved_at))
            if _late(done, due, now)]
        for clock, due, done in clocks:
            lines.append(BreachLine(question.number, question.title, unit or "",
                                    mask_name(question.asker_name),
                                    t(f"category.{question.category}"),
                                    t(f"priority.{question.priority}"), clock,
                                    _local(ws, due), _local(ws, done)))
    return tuple(lines[:BREACH_LIST_LIMIT])


def _repeated(session: Session, start: datetime, end: datetime) -> tuple[RepeatedQuestion, ...]:
    rows = session.exec(select(Q.title, func.count()).where(_in(start, end))
                        .group_by(col(Q.title)).having(func.count() > 1)
                        .order_by(func.count().desc(), col(Q.title)).limit(10)).all()
    titles = [title for title, _count in rows]
    used = session.exec(select(Q.title, KbArticle.title, func.count()).select_from(Q).join(
        QuestionKbLink, col(QuestionKbLink.question_id) == col(Q.id)).join(
        KbArticle, col(KbArticle.id) == col(QuestionKbLink.article_id))
        .where(_in(start, end), col(Q.title).in_(titles))
        .group_by(col(Q.title), col(KbArticle.title))).all() if titles else []
    best: dict[str, tuple[int, str]] = {}
    for title, article, count in used:
        if (count, article) > best.get(title, (0, "")):
            best[title] = (count, article)
    return tuple(RepeatedQuestion(title, int(count), best.get(title, (0, ""))[1])
                 for title, count in rows)


def _config_requests(session: Session, start: datetime, end: datetime) -> tuple[Count, ...]:
    rows = session.exec(select(ConfigRequest.kind, func.count()).select_from(ConfigRequest)
                        .join(Q, col(Q.id) == col(ConfigRequest.question_id))
                        .where(_in(start, end)).group_by(col(ConfigRequest.kind))
                        .order_by(func.count().desc())).all()
    return tuple(Count(t(f"config.kind_{kind}"), int(count)) for kind, count in rows)


def _cases(session: Session, period: ReportPeriod, start: datetime, end: datetime
           ) -> CaseFigures:
    c = PetitionCase
    registered = session.exec(select(func.count()).select_from(c).where(
        col(c.registered_on) >= period.start, col(c.registered_on) <= period.end)).one()
    closed = session.exec(select(func.count()).select_from(c).where(
        col(c.closed_on) >= period.start, col(c.closed_on) <= period.end)).one()
    # Open at the end = registered by then minus closed by then (both read an index).
    open_at_end = session.exec(select(func.count()).select_from(c).where(
        col(c.registered_on) <= period.end)).one() - session.exec(
        select(func.count()).select_from(c).where(col(c.closed_on) <= period.end)).one()
    steps = session.exec(select(Urging.step, func.count()).where(
        col(Urging.at) >= start, col(Urging.at) < end).group_by(col(Urging.step))
        .order_by(func.count().desc())).all()
    by_step = tuple(Count(t(f"urging.step_{step}"), int(count)) for step, count in steps)
    return CaseFigures(int(registered), int(closed), int(open_at_end),
                       sum(s.count for s in by_step), by_step)


def _trainings(ws: Workspace, actor: Actor, session: Session, start: datetime,
               end: datetime) -> tuple[TrainingLine, ...]:
    ids = session.exec(select(TrainingSession.id).where(
        col(TrainingSession.status) == "held", col(TrainingSession.starts_at) >= start,
        col(TrainingSession.starts_at) < end).order_by(col(TrainingSession.starts_at))).all()
    lines = []
    for session_id in ids:
        assert session_id is not None
        report = training_report(ws, actor, session_id)
        overall = next((q.mean for q in report.stats.questions if q.question == "overall"), None)
        lines.append(TrainingLine(
            session_id, report.session.starts_at.astimezone(ws.hours.zone).date(),
            kind_title(ws, report.session.kind), report.session.title, len(report.attendees),
            report.stats.signed_in, report.stats.responses, report.stats.response_rate,
            overall))
    return tuple(lines)


def _inspections(ws: Workspace, actor: Actor, period: ReportPeriod, today: date
                 ) -> tuple[InspectionLine, ...]:
    states = {row.month: row for row in inspection_obligation(ws, actor, today)}
    views = {view.month: view for view in inspections_between(ws, actor, period.start,
                                                              period.end)}
    low = ws.config.inspection.low_usage_percent
    lines = []
    for year, month in period.months():
        key = f"{year:04d}-{month:02d}"
        obligation, view = states.get(key), views.get(key)
        if obligation is None and view is None:
            continue
        lines.append(InspectionLine(
            key, obligation.state if obligation else "", view.id if view else None,
            view.done_at.astimezone(ws.hours.zone).date() if view and view.done_at else None,
            view.coverage if view else None, view.usage if view else None,
            sum(1 for r in view.results if r.result) if view else 0,
            tuple(f"{r.item}：{r.note}" for r in view.issues) if view else (),
            view.unconnected if view else (),
            tuple((i.name, i.usage) for i in view.institutions
                  if i.connected and i.usage.value is not None
                  and i.usage.value * 100 < low) if view else ()))
    return tuple(lines)


def _trackers(session: Session, start: datetime, end: datetime
              ) -> tuple[tuple[Count, ...], tuple[TrackerLine, ...], int]:
    rows = session.exec(select(TrackerItem.kind, TrackerItem.status, func.count()).where(
        col(TrackerItem.created_at) < end).group_by(col(TrackerItem.kind),
                                                    col(TrackerItem.status))
        .order_by(col(TrackerItem.kind), col(TrackerItem.status))).all()
    counts = tuple(Count(f"{t(f'trackers.{kind}')}/{t(f'trackers.state_{status}')}",
                         int(count)) for kind, status, count in rows)
    window = and_(col(TrackerItem.created_at) >= start, col(TrackerItem.created_at) < end)
    total = session.exec(select(func.count()).select_from(TrackerItem).where(window)).one()
    items = session.exec(select(TrackerItem).where(window)
                         .order_by(col(TrackerItem.created_at)).limit(ITEM_LIST_LIMIT)).all()
    return counts, tuple(TrackerLine(i.number, t(f"trackers.{i.kind}"), i.title,
                                     t(f"trackers.state_{i.status}")) for i in items), int(total)


def _data_service(ws: Workspace, session: Session, start: datetime, end: datetime
                  ) -> DataServiceFigures:
    d = DataRequest
    window = and_(col(d.received_at) >= start, col(d.received_at) < end)
    rows = session.exec(select(  # type: ignore[call-overload]
        d.status, d.due_on, d.fulfilled_at).where(window)).all()
    fulfilled = [(due, at) for status, due, at in rows if status == "fulfilled"]
    return DataServiceFigures(
        len(rows), len(fulfilled),
        sum(1 for due, at in fulfilled
            if at is not None and at.astimezone(ws.hours.zone).date() <= due),
        sum(1 for status, _due, _at in rows if status == "open"))


def _oplog(ws: Workspace, actor: Actor, period: ReportPeriod) -> OplogUsage | None:
    usage = oplog_usage(ws, actor, period.start, period.end)
    return usage if usage.total.operations or usage.total.accounts else None


def _ranks(ws: Workspace, actor: Actor, period: ReportPeriod, overall: UnitRates,
           monthly: dict[str, UnitRates]) -> tuple[RankLine, ...]:

    months = {f"{year:04d}-{month:02d}" for year, month in period.months()}
    lines = []
    for rank in list_ranks(ws, actor):
        if rank.period == period.label:
            own: UnitRates | None = overall
        elif rank.kind == "monthly" and rank.period in months and period.kind != "monthly":
            own = monthly.get(rank.period)
        else:
            continue
        lines.append(RankLine(rank.period, rank.rate, rank.rank, rank.ranked, rank.movement,
                              rank.province_average, rank.district_value,
                              getattr(own, rank.rate) if own is not None else None))
    lines.sort(key=lambda line: line.period != period.label)  # stable: newest month first
    return tuple(lines)


def build_report(ws: Workspace, actor: Actor, period: ReportPeriod) -> ReportFigures:
    require(actor.role, "read", actor.login)
    now = ws.now()
    today = now.astimezone(ws.hours.zone).date()
    start, end = day_start(ws, period.start), day_start(ws, period.end + timedelta(days=1))
    with ws.db.read() as session:
        sla = sla_counts(session, start, end, now)
        weeks = tuple(WeekPoint(first, last, sla_counts(
            session, day_start(ws, first), day_start(ws, last + timedelta(days=1)), now))
            for first, last in period.weeks())
        by_category = _grouped(session, Q.category, start, end, now,
                               lambda v: t(f"category.{v}"))
        by_channel = _grouped(session, Q.channel, start, end, now, lambda v: t(f"channel.{v}"))
        by_unit = _grouped(session, Unit.name, start, end, now,
                           lambda v: v or t("report.no_unit"))
        breaches = _breaches(ws, session, start, end, now)
        repeated = _repeated(session, start, end)
        config_requests = _config_requests(session, start, end)
        cases = _cases(session, period, start, end)
        trainings = _trainings(ws, actor, session, start, end)
        trackers, new_trackers, new_total = _trackers(session, start, end)
        data_service = _data_service(ws, session, start, end)
        proxy = proxy_figures(session, start, end)
    rates, trend = rates_with_trend(ws, actor, period.start, period.end)
    until = min(period.end, today)
    coverage = coverage_gaps(ws, actor, period.start, until) if until >= period.start else None
    contract = ws.config.contract
    return ReportFigures(
        period, _local(ws, now), contract.bureau, contract.vendor, contract.name, sla,
        by_category, by_channel, by_unit, breaches, weeks, repeated, config_requests, cases,
        rates, tuple(trend), trainings,
        CoverageFigures(until, coverage.percent if coverage else 100.0,
                        coverage.office_minutes if coverage else 0,
                        coverage.covered_minutes if coverage else 0,
                        len(coverage.gaps) if coverage else 0),
        _inspections(ws, actor, period, today), trackers, new_trackers, new_total, data_service,
        _ranks(ws, actor, period, rates.overall, dict(trend)), proxy,
        _oplog(ws, actor, period), head_text(chain_head(ws)))


def late_numbers(session: Session, start: datetime, end: datetime, now: datetime,
                 clock: str, limit: int | None = 20) -> list[str]:
    """Question numbers whose `clock` (response | resolution) ended unmet: the evidence (the
    first `limit`, or every one)."""
    cond = _clock_conditions(now)
    rows = session.exec(select(Q.number).where(
        _in(start, end), cond[f"{clock}_counted"], ~cond[f"{clock}_met"])
        .order_by(col(Q.received_at), col(Q.id)).limit(limit)).all()
    return list(rows)
