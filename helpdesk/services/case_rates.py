"""The assessment rates over a period, overall and per responsible unit, from the tracked cases.

Which cases count in a period (a choice, documented in config.toml's spirit of "definitions
differ"): 及时受理率 takes the cases whose acceptance-notice deadline falls in the period;
按期办结率 the cases whose handling deadline (after any extension) falls in it; 参评率 and 满意率
the cases replied in it. A deadline still open at the period's end counts as overdue only once
it has passed (as of today)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlmodel import col, select

from helpdesk.actor import Actor
from helpdesk.cases.deadlines import handling_deadline, step_deadline
from helpdesk.cases.rates import (
    Rate,
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


def _rates(unit: str, counts: _Counts) -> UnitRates:
    return UnitRates(
        unit,
        timely_acceptance(counts.accepted_on_time, counts.accepted_late,
                          counts.unaccepted_overdue),
        on_time_completion(counts.done_on_time, counts.done_late, counts.undone_overdue),
        participation(counts.rated, counts.expired),
        satisfaction(counts.satisfied, counts.basically, counts.dissatisfied))


def _tally(ws: Workspace, start: date, end: date, unit_id: int | None
           ) -> tuple[_Counts, dict[str, _Counts]]:
    today = ws.now().astimezone(ws.hours.zone).date()
    rules = ws.config.deadlines
    query = select(PetitionCase, Unit.name).join(
        Unit, col(Unit.id) == col(PetitionCase.unit_id), isouter=True)
    if unit_id is not None:
        query = query.where(col(PetitionCase.unit_id) == unit_id)
    # A case matters if received, accepted or replied no earlier than the longest step before
    # the period; narrower SQL is a later optimisation for province-scale data.
    horizon = start - timedelta(days=rules.steps["handling"].days + rules.extension_max_days + 40)
    query = query.where(col(PetitionCase.registered_on) >= horizon)
    total = _Counts()
    per_unit: defaultdict[str, _Counts] = defaultdict(_Counts)
    with ws.db.read() as session:
        for case, unit in session.exec(query).all():
            buckets = (total, per_unit[unit or ""])
            notice_days = rules.steps["accept_notice"].days
            if case.received_on is not None and \
                    case.received_on + timedelta(days=notice_days) <= end:
                # A deadline is never before start + N days: later ones cannot fall in the
                # period, and need no calendar (next year's may not exist yet).
                due = step_deadline(ws.calendar, rules, "accept_notice", case.received_on).deadline
                if start <= due <= end:
                    done = case.accepted_on or case.objected_on
                    for counts in buckets:
                        if done is not None:
                            if done <= due:
                                counts.accepted_on_time += 1
                            else:
                                counts.accepted_late += 1
                        elif due < today:
                            counts.unaccepted_overdue += 1
            handling_days = rules.steps["handling"].days + case.extension_days
            if case.accepted_on is not None and \
                    case.accepted_on + timedelta(days=handling_days) <= end:
                extensions = (case.extension_days,) if case.extension_days else ()
                due = handling_deadline(ws.calendar, rules, case.accepted_on, extensions).deadline
                if start <= due <= end:
                    for counts in buckets:
                        if case.replied_on is not None:
                            if case.replied_on <= due:
                                counts.done_on_time += 1
                            else:
                                counts.done_late += 1
                        elif due < today:
                            counts.undone_overdue += 1
            if case.replied_on is not None and start <= case.replied_on <= end:
                for counts in buckets:
                    if case.rating == "expired":
                        counts.expired += 1
                    elif case.rating:
                        counts.rated += 1
                        setattr(counts, case.rating, getattr(counts, case.rating) + 1)
    return total, per_unit


def case_rates(ws: Workspace, actor: Actor, start: date, end: date,
               unit_id: int | None = None) -> RatesReport:
    require(actor.role, "read", actor.login)
    if end < start:
        raise UsageError("the period must end after it starts")
    total, per_unit = _tally(ws, start, end, unit_id)
    span = end - start
    previous_end = start - timedelta(days=1)
    previous_total, _ = _tally(ws, previous_end - span, previous_end, unit_id)
    units = [_rates(name, counts) for name, counts in sorted(per_unit.items()) if name]
    return RatesReport(start, end, _rates("", total), units, _rates("", previous_total))
