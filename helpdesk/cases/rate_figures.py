"""The assessment rates over a period, overall and per responsible unit, from the tracked cases.

Which cases count in a period is `[cases.rate_period]` (definitions differ between bureaus);
by default 及时受理率 takes the cases whose acceptance-notice deadline falls in the period;
按期办结率 the cases whose handling deadline (after any extension) falls in it; 参评率 and 满意率
the cases replied in it. A deadline still open at the period's end counts as overdue only once
it has passed (as of today). A reply whose rating window (`rating_window_days`) passed with no
rating is 超期未评价, whatever the imported sheet says."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, case, func, not_, or_, select

from helpdesk.actor import Actor
from helpdesk.cases.models import PetitionCase
from helpdesk.cases.rates import (
    RatesReport,
    UnitRates,
    on_time_completion,
    participation,
    satisfaction,
    timely_acceptance,
)
from helpdesk.errors import UsageError
from helpdesk.roles import require
from helpdesk.services.workspace import Workspace
from helpdesk.storage.models import Unit


@dataclass
class _Counts:
    accepted_on_time: int = 0
    accepted_late: int = 0
    unaccepted_overdue: int = 0
    done_on_time: int = 0
    done_late: int = 0
    undone_overdue: int = 0
    rated: int = 0
    expired: int = 0
    satisfied: int = 0
    basically: int = 0
    dissatisfied: int = 0


def _rates(unit: str, counts: _Counts) -> UnitRates:
    return UnitRates(
        unit,
        timely_acceptance(counts.accepted_on_time, counts.accepted_late,
                          counts.unaccepted_overdue),
        on_time_completion(counts.done_on_time, counts.done_late, counts.undone_overdue),
        participation(counts.rated, counts.expired),
        satisfaction(counts.satisfied, counts.basically, counts.dissatisfied))


def _tally(ws: Workspace, start: date, end: date, unit_id: int | None, monthly: bool = False
           ) -> tuple[dict[str, _Counts], dict[str, _Counts]]:
    """Counts per month ("YYYY-MM", with `monthly`; else all under "") and per unit over the
    whole span: one aggregate query per rate over covering indexes of the stored step
    deadlines (services/step_deadlines), grouped by unit (and day, for months), so the work
    grows with the period and not with the backlog."""
    today = ws.now().astimezone(ws.hours.zone).date()
    basis = ws.config.cases.rate_period
    window = ws.config.cases.rating_window_days
    c = PetitionCase.__table__.c  # type: ignore[attr-defined]
    totals: defaultdict[str, _Counts] = defaultdict(_Counts)
    per_unit: defaultdict[str, _Counts] = defaultdict(_Counts)

    def between(column: Any) -> Any:
        return and_(column >= start, column <= end)

    def count(condition: Any) -> Any:
        return func.sum(case((condition, 1), else_=0))

    # (rate, the day that places a case, the rows it may place, field -> condition)
    done = func.coalesce(c.accepted_on, c.objected_on)
    acceptance_day = {"deadline": c.notice_due, "received": c.received_on,
                      "registered": c.registered_on}[basis["timely_acceptance"]]
    completion_choice = basis["on_time_completion"]
    completion_day = {"deadline": c.handling_due,
                      "replied": func.coalesce(c.replied_on, c.handling_due),
                      "registered": c.registered_on}[completion_choice]
    completion_rows = or_(between(c.replied_on), and_(c.replied_on.is_(None),
                                                      between(c.handling_due))) \
        if completion_choice == "replied" else between(completion_day)
    # 超期未评价: the window passed with no rating, whatever the sheet says.
    cutoff = today - timedelta(days=window)
    expired = or_(c.rating == "expired", and_(c.rating == "", c.replied_on < cutoff))
    shift = timedelta(days=window)

    def placed_by_reply(choice: str) -> tuple[Any, Any, timedelta]:
        if choice == "registered":
            return c.registered_on, between(c.registered_on), timedelta()
        if choice == "rating_deadline":  # replied + window in the period
            return c.replied_on, and_(c.replied_on >= start - shift,
                                      c.replied_on <= end - shift), shift
        return c.replied_on, between(c.replied_on), timedelta()

    participation_day, participation_rows, participation_shift = \
        placed_by_reply(basis["participation"])
    satisfaction_day, satisfaction_rows, satisfaction_shift = \
        placed_by_reply(basis["satisfaction"])
    queries: list[tuple[Any, Any, timedelta, dict[str, Any]]] = [
        (acceptance_day, and_(c.received_on.is_not(None), between(acceptance_day)), timedelta(),
         {"accepted_on_time": and_(done.is_not(None), done <= c.notice_due),
          "accepted_late": and_(done.is_not(None), done > c.notice_due),
          "unaccepted_overdue": and_(done.is_(None), c.notice_due < today)}),
        (completion_day, and_(c.accepted_on.is_not(None), completion_rows), timedelta(),
         {"done_on_time": and_(c.replied_on.is_not(None), c.replied_on <= c.handling_due),
          "done_late": and_(c.replied_on.is_not(None), c.replied_on > c.handling_due),
          "undone_overdue": and_(c.replied_on.is_(None), c.handling_due < today)}),
        (participation_day, and_(c.replied_on.is_not(None), participation_rows),
         participation_shift,
         {"expired": expired, "rated": and_(c.rating != "", not_(expired))}),
        (satisfaction_day, and_(c.replied_on.is_not(None), satisfaction_rows),
         satisfaction_shift,
         {rating: and_(c.rating == rating, not_(expired))
          for rating in ("satisfied", "basically", "dissatisfied")}),
    ]
    with ws.db.read() as session:
        connection = session.connection()
        units = dict(connection.execute(select(Unit.__table__.c.id,  # type: ignore[attr-defined]
                                               Unit.__table__.c.name)).all())  # type: ignore[attr-defined]
        for day_column, rows, day_shift, fields in queries:
            names = list(fields)
            # A trend groups by day (the index's order, no sort) and folds days into months
            # here; the rating deadline's shift (reply + window) is applied on the way.
            keys = [day_column] if monthly else []
            query = select(c.unit_id, *keys,
                           *(count(fields[name]).label(name) for name in names)
                           ).where(rows).group_by(*keys, c.unit_id)
            if unit_id is not None:
                query = query.where(c.unit_id == unit_id)
            sums: dict[tuple[str, str], list[int]] = {}
            months: dict[object, str] = {}
            for unit, *values in connection.execute(query):
                key = ""
                if monthly:
                    raw = values.pop(0)
                    key = months.get(raw, "")
                    if not key:
                        day = raw if isinstance(raw, date) else date.fromisoformat(str(raw))
                        key = months[raw] = f"{day + day_shift:%Y-%m}"
                name = units.get(unit, "") if unit is not None else ""
                found = sums.get((name, key))
                if found is None:
                    sums[(name, key)] = [int(value or 0) for value in values]
                else:
                    for index, value in enumerate(values):
                        found[index] += int(value or 0)
            for (name, key), values in sums.items():
                for counts in (totals[key], per_unit[name]):
                    for field_name, value in zip(names, values, strict=True):
                        setattr(counts, field_name, getattr(counts, field_name) + value)
    return totals, per_unit


def case_rates(ws: Workspace, actor: Actor, start: date, end: date,
               unit_id: int | None = None) -> RatesReport:
    require(actor.role, "read", actor.login)
    if end < start:
        raise UsageError("err.common.period_backwards")
    totals, per_unit = _tally(ws, start, end, unit_id)
    span = end - start
    previous_end = start - timedelta(days=1)
    previous_totals, _ = _tally(ws, previous_end - span, previous_end, unit_id)
    units = [_rates(name, counts) for name, counts in sorted(per_unit.items()) if name]
    return RatesReport(start, end, _rates("", totals[""]), units,
                       _rates("", previous_totals[""]), dict(ws.config.cases.rate_period))


def _month_keys(start: date, end: date) -> list[str]:
    keys: list[str] = []
    day = start.replace(day=1)
    while day <= end:
        keys.append(f"{day.year:04d}-{day.month:02d}")
        day = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return keys


def rates_with_trend(ws: Workspace, actor: Actor, start: date, end: date
                     ) -> tuple[RatesReport, list[tuple[str, UnitRates]]]:
    """The period's rates (with the previous span and per unit) and the district's rates month
    by month ("YYYY-MM", rates): the report's figures, in two passes over the cases."""
    require(actor.role, "read", actor.login)
    if end < start:
        raise UsageError("err.common.period_backwards")
    by_month, per_unit = _tally(ws, start, end, None, monthly=True)
    total = _Counts()
    for counts in by_month.values():
        for name in vars(total):
            setattr(total, name, getattr(total, name) + getattr(counts, name))
    span = end - start
    previous_end = start - timedelta(days=1)
    previous_totals, _ = _tally(ws, previous_end - span, previous_end, None)
    units = [_rates(name, counts) for name, counts in sorted(per_unit.items()) if name]
    report = RatesReport(start, end, _rates("", total), units, _rates("", previous_totals[""]),
                         dict(ws.config.cases.rate_period))
    return report, [(key, _rates("", by_month[key])) for key in _month_keys(start, end)]
