"""The built-in parameterised queries of the data service (数据服务): what the bureau asks for
most ("cases by street for Q3"), over the tracked cases and questions. Each has a fixed set of
parameters; personal data in a result is always masked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, case, func
from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select

from helpdesk.cases.models import PetitionCase, Urging
from helpdesk.errors import UsageError
from helpdesk.i18n import t
from helpdesk.masking import mask_name
from helpdesk.questions.models import Question
from helpdesk.storage.models import Unit
from helpdesk.vocab import DATA_QUERIES, UNIT_KINDS

ROW_LIMIT = 100_000  # an xlsx sheet holds about a million; a bureau query stays far below


@dataclass(frozen=True)
class QueryParams:
    start: date
    end: date
    unit_kind: str = ""  # "" = every unit; street | department | other
    unit_id: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(),
                "unit_kind": self.unit_kind, "unit_id": self.unit_id}


@dataclass(frozen=True)
class QueryResult:
    name: str
    title: str
    params: QueryParams
    headers: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


Runner = Callable[[Session, QueryParams, Any], tuple[tuple[str, ...], list[tuple[Any, ...]]]]


def _units(query: Any, params: QueryParams, unit_column: Any = PetitionCase.unit_id) -> Any:
    """Narrow to one unit and/or one kind of unit (the query joins Unit already)."""
    if params.unit_id is not None:
        query = query.where(col(unit_column) == params.unit_id)
    if params.unit_kind:
        query = query.where(col(Unit.kind) == params.unit_kind)
    return query


def _instants(params: QueryParams, zone: Any) -> tuple[datetime, datetime]:
    """The period's local days as UTC instants [start, end)."""
    return (datetime.combine(params.start, time(0), zone).astimezone(UTC),
            datetime.combine(params.end + timedelta(days=1), time(0), zone).astimezone(UTC))


def cases_by_unit(session: Session, params: QueryParams, zone: Any
                  ) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
    c = PetitionCase
    closed = func.sum(case((and_(col(c.closed_on).is_not(None),
                                 col(c.closed_on) <= params.end), 1), else_=0))
    replied = func.sum(case((col(c.replied_on).is_not(None), 1), else_=0))
    query = select(Unit.name, func.count(), replied, closed).select_from(c).join(
        Unit, col(Unit.id) == col(c.unit_id), isouter=True).where(
        col(c.registered_on) >= params.start, col(c.registered_on) <= params.end)
    rows = session.exec(_units(query, params).group_by(col(Unit.name))
                        .order_by(func.count().desc(), col(Unit.name))).all()
    headers = (t("dq.unit"), t("dq.registered"), t("dq.replied"), t("dq.closed"))
    return headers, [(name or t("report.no_unit"), int(n), int(r or 0), int(d or 0))
                     for name, n, r, d in rows]


def case_list(session: Session, params: QueryParams, zone: Any
              ) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
    c = PetitionCase
    columns = map(col, (c.case_number, c.registered_on, c.petitioner_name, c.subject, Unit.name,
                        c.stage, c.next_due, c.due_provisional, c.next_due_expected))
    query = select_columns(*columns).select_from(c).join(
        Unit, col(Unit.id) == col(c.unit_id), isouter=True).where(
        col(c.registered_on) >= params.start, col(c.registered_on) <= params.end)
    rows = session.execute(_units(query, params).order_by(col(c.registered_on), col(c.id))
                           .limit(ROW_LIMIT)).all()
    headers = (t("dq.case_number"), t("dq.registered_on"), t("dq.petitioner"), t("dq.subject"),
               t("dq.unit"), t("dq.stage"), t("dq.next_due"), t("dq.due_note"))
    stages = _stage_names()
    return headers, [(number, registered, mask_name(name), subject, unit or "", stages(stage),
                      due, _due_note(provisional, expected))
                     for number, registered, name, subject, unit, stage, due, provisional,
                     expected in rows]


def _due_note(provisional: bool, expected: date | None) -> str:
    """A provisional deadline (an unpublished year) says so beside the earliest day shown."""
    return t("dq.due_provisional", expected=f"{expected}") if provisional else ""


def _stage_names() -> Callable[[str], str]:
    names: dict[str, str] = {}
    return lambda stage: names.get(stage) or names.setdefault(stage, t(f"cases.stage_{stage}"))


def questions_by_category(session: Session, params: QueryParams, zone: Any
                          ) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
    start, end = _instants(params, zone)
    q = Question
    resolved = func.sum(case((col(q.resolved_at).is_not(None), 1), else_=0))
    query = select(q.category, func.count(), resolved).select_from(q).join(
        Unit, col(Unit.id) == col(q.unit_id), isouter=True).where(
        col(q.received_at) >= start, col(q.received_at) < end)
    rows = session.exec(_units(query, params, q.unit_id).group_by(col(q.category))
                        .order_by(func.count().desc())).all()
    headers = (t("dq.category"), t("dq.questions"), t("dq.resolved"))
    return headers, [(t(f"category.{cat}"), int(n), int(r or 0)) for cat, n, r in rows]


def urgings_by_unit(session: Session, params: QueryParams, zone: Any
                    ) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
    start, end = _instants(params, zone)
    c = PetitionCase
    query = select(Unit.name, func.count(), func.count(func.distinct(Urging.case_id))) \
        .select_from(Urging).join(c, col(c.id) == col(Urging.case_id)).join(
        Unit, col(Unit.id) == col(c.unit_id), isouter=True).where(
        col(Urging.at) >= start, col(Urging.at) < end)
    rows = session.exec(_units(query, params).group_by(col(Unit.name))
                        .order_by(func.count().desc())).all()
    headers = (t("dq.unit"), t("dq.urgings"), t("dq.cases_urged"))
    return headers, [(name or t("report.no_unit"), int(n), int(d)) for name, n, d in rows]


def overdue_cases(session: Session, params: QueryParams, zone: Any
                  ) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
    """Cases registered in the period, still open, whose next statutory deadline fell before
    the period's last day; days overdue are counted to that day (calendar days)."""
    c = PetitionCase
    query = select_columns(*map(col, (c.case_number, c.registered_on, c.petitioner_name,
                                      c.subject, Unit.name, c.stage, c.next_due,
                                      c.supervised, c.due_provisional,
                                      c.next_due_expected))).select_from(c).join(
        Unit, col(Unit.id) == col(c.unit_id), isouter=True).where(
        col(c.registered_on) >= params.start, col(c.registered_on) <= params.end,
        col(c.stage) != "closed", col(c.next_due).is_not(None), col(c.next_due) < params.end)
    rows = session.execute(_units(query, params).order_by(col(c.next_due), col(c.id))
                           .limit(ROW_LIMIT)).all()
    headers = (t("dq.case_number"), t("dq.registered_on"), t("dq.petitioner"), t("dq.subject"),
               t("dq.unit"), t("dq.stage"), t("dq.next_due"), t("dq.days_overdue"),
               t("dq.supervised"), t("dq.due_note"))
    stages, yes = _stage_names(), t("dq.yes")
    return headers, [(number, registered, mask_name(name), subject, unit or "", stages(stage),
                      due, (params.end - due).days, yes if supervised else "",
                      _due_note(provisional, expected))
                     for number, registered, name, subject, unit, stage, due, supervised,
                     provisional, expected in rows]


def _in_time(done: datetime | None, due: datetime | None) -> str:
    if done is None:
        return t("dq.not_yet")
    return t("dq.yes") if due is None or done <= due else t("dq.no")


def question_list(session: Session, params: QueryParams, zone: Any
                  ) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
    """Every question received in the period with whether each clock ended in time."""
    start, end = _instants(params, zone)
    q = Question
    columns = map(col, (q.number, q.received_at, Unit.name, q.asker_name, q.category, q.channel,
                        q.title, q.status, q.first_response_at, q.response_due_at,
                        q.resolved_at, q.resolve_due_at))
    query = select_columns(*columns).select_from(q).join(
        Unit, col(Unit.id) == col(q.unit_id), isouter=True).where(
        col(q.received_at) >= start, col(q.received_at) < end)
    rows = session.execute(_units(query, params, q.unit_id)
                           .order_by(col(q.received_at), col(q.id)).limit(ROW_LIMIT)).all()
    headers = (t("dq.question_number"), t("dq.received"), t("dq.unit"), t("dq.asker"),
               t("dq.category"), t("dq.channel"), t("dq.title"), t("dq.status"),
               t("dq.response_in_time"), t("dq.resolution_in_time"))
    return headers, [(number, received.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
                      unit or "", mask_name(asker), t(f"category.{category}"),
                      t(f"channel.{channel}"), title, t(f"status.{status}"),
                      _in_time(responded, response_due), _in_time(resolved, resolve_due))
                     for number, received, unit, asker, category, channel, title, status,
                     responded, response_due, resolved, resolve_due in rows]


QUERIES: dict[str, Runner] = {
    "cases_by_unit": cases_by_unit,
    "case_list": case_list,
    "overdue_cases": overdue_cases,
    "questions_by_category": questions_by_category,
    "question_list": question_list,
    "urgings_by_unit": urgings_by_unit,
}


assert tuple(QUERIES) == DATA_QUERIES, "vocab.DATA_QUERIES names the queries for the CLI"


def check_params(name: str, params: QueryParams) -> None:
    if name not in QUERIES:
        raise UsageError("err.data_queries.query", name=name, queries=', '.join(QUERIES))
    if params.end < params.start:
        raise UsageError("err.common.period_backwards")
    if params.unit_kind and params.unit_kind not in UNIT_KINDS:
        raise UsageError("err.data_queries.unit_kind",
                         unit_kind=params.unit_kind, unit_kinds=', '.join(UNIT_KINDS))


def query_title(name: str) -> str:
    return t(f"dq.q_{name}")
