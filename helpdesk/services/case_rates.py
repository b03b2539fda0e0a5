"""The assessment rates over a period, overall and per responsible unit, from the tracked cases.

Which cases count in a period is `[cases.rate_period]` (definitions differ between bureaus);
by default 及时受理率 takes the cases whose acceptance-notice deadline falls in the period;
按期办结率 the cases whose handling deadline (after any extension) falls in it; 参评率 and 满意率
the cases replied in it. A deadline still open at the period's end counts as overdue only once
it has passed (as of today). A reply whose rating window (`rating_window_days`) passed with no
rating is 超期未评价, whatever the imported sheet says."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import String, type_coerce
from sqlmodel import col, select

from helpdesk.actor import Actor
from helpdesk.cases.deadlines import handling_deadline, step_deadline
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
from helpdesk.storage.case_models import PetitionCase
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


def _tally(ws: Workspace, start: date, end: date, unit_id: int | None,
           key_of: Callable[[date], str] = lambda _day: ""
           ) -> tuple[dict[str, _Counts], dict[str, _Counts]]:
    """Counts per `key_of(day)` (one pass over the cases, e.g. per month for a trend) and per
    unit over the whole span."""
    today = ws.now().astimezone(ws.hours.zone).date()
    rules = ws.config.deadlines
    c = PetitionCase
    # Plain columns, not ORM objects: a province-scale period reads hundreds of thousands.
    # Dates as stored (ISO text on SQLite, date on PostgreSQL), parsed once per distinct day.
    query = select(*(type_coerce(column, String) for column in (  # type: ignore[call-overload]
        c.received_on, c.accepted_on, c.objected_on, c.replied_on, c.registered_on)),
        c.extension_days, c.rating, Unit.name).join(
        Unit, col(Unit.id) == col(c.unit_id), isouter=True)
    if unit_id is not None:
        query = query.where(col(c.unit_id) == unit_id)
    # A case matters if received, accepted or replied no earlier than the longest step before
    # the period.
    horizon = start - timedelta(days=rules.steps["handling"].days + rules.extension_max_days + 40)
    # A case registered after the period has every date after it too.
    query = query.where(col(c.registered_on) >= horizon, col(c.registered_on) <= end)
    basis = ws.config.cases.rate_period
    window = timedelta(days=ws.config.cases.rating_window_days)
    totals: defaultdict[str, _Counts] = defaultdict(_Counts)
    per_unit: defaultdict[str, _Counts] = defaultdict(_Counts)
    notice_days = rules.steps["accept_notice"].days
    # Deadlines depend only on the start day (and the extension): one calendar walk per day.
    notice_due: dict[date, date] = {}
    handling_due: dict[tuple[date, int], date] = {}
    days: dict[object, date] = {}

    def day(value: object) -> date | None:
        if value is None:
            return None
        found = days.get(value)
        if found is None:
            found = days[value] = value if isinstance(value, date) else \
                date.fromisoformat(str(value)[:10])
        return found

    def placed(choice: str, dates: dict[str, date | None]) -> date | None:
        """The day that puts the case in a period for one rate, if it falls in this one."""
        found = dates.get(choice)
        return found if found is not None and start <= found <= end else None

    def count_case(raw: Sequence[Any]) -> None:
        received, accepted, objected, replied, registered = (day(v) for v in raw[:5])
        extension, rating, unit = raw[5], raw[6], raw[7]
        unit_counts = per_unit[unit or ""]
        dates = {"received": received, "registered": registered, "replied": replied,
                 "rating_deadline": replied + window if replied else None}
        acceptance = basis["timely_acceptance"]
        if received is not None and (acceptance != "deadline"
                                     or received + timedelta(days=notice_days) <= end):
            # A deadline is never before start + N days: later ones cannot fall in the
            # period, and need no calendar walk.
            due = notice_due.get(received)
            if due is None:
                due = notice_due[received] = step_deadline(
                    ws.calendar, rules, "accept_notice", received).deadline
            member = placed(acceptance, {**dates, "deadline": due})
            if member is not None:
                done = accepted or objected
                for counts in (totals[key_of(member)], unit_counts):
                    if done is not None:
                        if done <= due:
                            counts.accepted_on_time += 1
                        else:
                            counts.accepted_late += 1
                    elif due < today:
                        counts.unaccepted_overdue += 1
        handling_days = rules.steps["handling"].days + extension
        completion = basis["on_time_completion"]
        if accepted is not None and (completion != "deadline"
                                     or accepted + timedelta(days=handling_days) <= end):
            due = handling_due.get((accepted, extension))
            if due is None:
                extensions = (extension,) if extension else ()
                due = handling_due[(accepted, extension)] = handling_deadline(
                    ws.calendar, rules, accepted, extensions).deadline
            # By reply date, a case not replied yet counts on its deadline (overdue or not).
            member = placed(completion, {**dates, "deadline": due,
                                         "replied": replied or due})
            if member is not None:
                for counts in (totals[key_of(member)], unit_counts):
                    if replied is not None:
                        if replied <= due:
                            counts.done_on_time += 1
                        else:
                            counts.done_late += 1
                    elif due < today:
                        counts.undone_overdue += 1
        if replied is None:
            return
        # 超期未评价: the window passed with no rating, whatever the sheet says.
        expired = rating == "expired" or (not rating and replied + window < today)
        member = placed(basis["participation"], dates)
        if member is not None and (rating or expired):
            for counts in (totals[key_of(member)], unit_counts):
                if expired:
                    counts.expired += 1
                else:
                    counts.rated += 1
        member = placed(basis["satisfaction"], dates)
        if member is not None and rating and not expired:
            for counts in (totals[key_of(member)], unit_counts):
                setattr(counts, rating, getattr(counts, rating) + 1)

    with ws.db.read() as session:
        # Core rows (no ORM bookkeeping), streamed: a province-scale year is ~10^6 cases.
        for raw in session.connection().execution_options(stream_results=True).execute(query):
            count_case(raw)
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
    by_month, per_unit = _tally(ws, start, end, None,
                                lambda day: f"{day.year:04d}-{day.month:02d}")
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
