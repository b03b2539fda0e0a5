"""The handover draft, assembled from the shift's own records (never typed from memory).

The window runs from the start of the outgoing engineer's shift (or the end of their previous
handover today, or the first office period) to now. Informational sections list what happened
in the window; carried sections list work still open that the incoming engineer must review."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_
from sqlmodel import Session, col, select

from helpdesk.actor import Actor
from helpdesk.cases.models import PetitionCase, Urging
from helpdesk.errors import CalendarUnavailable
from helpdesk.questions.actions import question_row
from helpdesk.questions.models import ConfigRequest, Question, QuestionEvent, TrackerItem
from helpdesk.roles import require
from helpdesk.roster.actions import next_slot_start, shift_of
from helpdesk.roster.handover_models import Handover, HandoverItem
from helpdesk.services.workspace import Workspace
from helpdesk.storage.models import Staff, Unit
from helpdesk.vocab import OPEN_STATUSES

# In the order a handover shows them. Carried sections need the incoming engineer's review.
SECTIONS = ("opened", "resolved", "at_risk", "open", "urged", "urging_due", "config",
            "problem", "attention")
CARRIED = frozenset({"at_risk", "open", "urging_due", "config", "problem", "attention"})


@dataclass(frozen=True)
class DraftItem:
    section: str
    entity: str  # question | case | config_request | tracker | "" (typed attention line)
    entity_id: int | None
    label: str
    detail: str
    carry_count: int = 0  # handovers in a row that carried this item, this one included

    @property
    def carried(self) -> bool:
        return self.section in CARRIED


@dataclass(frozen=True)
class HandoverDraft:
    outgoing: str
    outgoing_name: str
    window_start: datetime
    window_end: datetime
    next_shift_start: datetime
    items: tuple[DraftItem, ...]

    def section(self, name: str) -> tuple[DraftItem, ...]:
        return tuple(item for item in self.items if item.section == name)


def shift_window(ws: Workspace, login: str, now: datetime) -> tuple[datetime, datetime]:
    local = now.astimezone(ws.hours.zone)
    bounds = shift_of(ws, login, now)
    if bounds is not None:
        start = bounds[0]
    else:
        first = ws.config.office_hours.periods[0][0]
        start = datetime.combine(local.date(), first, tzinfo=ws.hours.zone)
    with ws.db.read() as session:
        previous = session.exec(select(func.max(Handover.window_end))
                                .where(col(Handover.outgoing) == login)).one()
    if previous is not None and start <= previous <= now:
        start = previous
    return min(start, now), now


def _next_shift_start(ws: Workspace, now: datetime) -> datetime:
    try:
        found = next_slot_start(ws, now)
    except CalendarUnavailable:
        found = None
    return found[2] if found else now + timedelta(days=1)


def _next_working_day(ws: Workspace, day: date) -> date | None:
    try:
        return ws.calendar.next_working_day(day)
    except CalendarUnavailable:
        return None


def draft_handover(ws: Workspace, actor: Actor, attention: tuple[str, ...] = (),
                   window: tuple[datetime, datetime] | None = None) -> HandoverDraft:
    require(actor.role, "write", actor.login)
    now = ws.now()
    start, end = window or shift_window(ws, actor.login, now)
    with ws.db.read() as session:
        items = _collect(ws, session, actor.login, start, end)
        items += [DraftItem("attention", "", None, line, "") for line in attention if line]
        items = _with_carry_counts(session, items)
    return HandoverDraft(actor.login, actor.name, start, end, _next_shift_start(ws, end),
                         tuple(items))


def _question_label(question: Question, unit: str | None) -> str:
    return f"{question.number} {question.title}" + (f"（{unit}）" if unit else "")


def _collect(ws: Workspace, session: Session, login: str, start: datetime,
             end: datetime) -> list[DraftItem]:

    def in_window(column: Any) -> list[Any]:
        return [col(column) >= start, col(column) < end]

    items: list[DraftItem] = []
    base = select(Question, Unit.name).join(Unit, col(Unit.id) == col(Question.unit_id),
                                            isouter=True)
    for question, unit in session.exec(base.where(*in_window(Question.received_at))
                                       .order_by(col(Question.received_at))).all():
        items.append(DraftItem("opened", "question", question.id,
                               _question_label(question, unit), question.status))
    for question, unit in session.exec(base.where(*in_window(Question.resolved_at))
                                       .order_by(col(Question.resolved_at))).all():
        items.append(DraftItem("resolved", "question", question.id,
                               _question_label(question, unit), ""))
    staff_id = session.exec(select(Staff.id).where(col(Staff.login) == login)).first()
    touched = select(QuestionEvent.question_id).where(col(QuestionEvent.actor) == login,
                                                      *in_window(QuestionEvent.at))
    mine = or_(col(Question.id).in_(touched), col(Question.assignee_id) == staff_id,
               *in_window(Question.received_at))
    # Desk-wide, only the clocks that turned at-risk during this shift: older ones were in
    # earlier handovers (and stay carried by whoever holds them).
    risky = or_(and_(col(Question.first_response_at).is_(None),
                     *in_window(Question.response_risk_at)),
                and_(col(Question.resolved_at).is_(None), *in_window(Question.resolve_risk_at)))
    still_open = session.exec(base.where(col(Question.status).in_(OPEN_STATUSES),
                                         col(Question.received_at) < end, or_(mine, risky))
                              .order_by(col(Question.resolve_due_at), col(Question.id))).all()
    for question, unit in still_open:
        row = question_row(ws, session, question, end, unit or "", "")
        section = "at_risk" if row.sla_state in ("at_risk", "breached") else "open"
        items.append(DraftItem(section, "question", question.id,
                               _question_label(question, unit),
                               f"{row.sla_state} {row.remaining_label}"))
    case_base = select(Urging, PetitionCase.case_number, Unit.name).join(
        PetitionCase, col(PetitionCase.id) == col(Urging.case_id)).join(
        Unit, col(Unit.id) == col(PetitionCase.unit_id), isouter=True)
    for urging, number, unit in session.exec(case_base.where(*in_window(Urging.at))
                                             .order_by(col(Urging.at))).all():
        items.append(DraftItem("urged", "case", urging.case_id, f"{number} {unit or ''}".strip(),
                               f"{urging.step} {urging.method} {urging.contact}".strip()))
    following = _next_working_day(ws, end.astimezone(ws.hours.zone).date())
    if following is not None:
        latest = select(Urging.case_id, func.max(Urging.id).label("last")) \
            .group_by(col(Urging.case_id)).subquery()
        due = session.exec(case_base.join(latest, col(latest.c.last) == col(Urging.id))
                           .where(col(Urging.next_check) == following,
                                  col(PetitionCase.stage) != "closed")
                           .order_by(col(Urging.case_id))).all()
        for urging, number, unit in due:
            items.append(DraftItem("urging_due", "case", urging.case_id,
                                   f"{number} {unit or ''}".strip(),
                                   f"{urging.step} {following.isoformat()}"))
    requests = session.exec(select(ConfigRequest, Question).join(
        Question, col(Question.id) == col(ConfigRequest.question_id))
        .where(col(ConfigRequest.done_at).is_(None), col(Question.received_at) < end)
        .order_by(col(ConfigRequest.id))).all()
    for request, question in requests:
        items.append(DraftItem("config", "config_request", request.id,
                               _question_label(question, None), request.kind))
    trackers = session.exec(select(TrackerItem).where(
        col(TrackerItem.created_at) < end,
        or_(col(TrackerItem.kind) == "problem", *in_window(TrackerItem.created_at)),
        col(TrackerItem.status).not_in(("resolved", "closed")))
        .order_by(col(TrackerItem.id))).all()
    for tracker in trackers:
        items.append(DraftItem("problem", "tracker", tracker.id,
                               f"{tracker.number} {tracker.title}", tracker.status))
    return items


def _with_carry_counts(session: Session, items: list[DraftItem]) -> list[DraftItem]:
    previous = session.exec(select(Handover.id).order_by(col(Handover.signed_at).desc(),
                                                         col(Handover.id).desc())).first()
    counts: dict[tuple[str, int | None], int] = {}
    if previous is not None:
        for entity, entity_id, count in session.exec(
                select(HandoverItem.entity, HandoverItem.entity_id, HandoverItem.carry_count)
                .where(col(HandoverItem.handover_id) == previous,
                       col(HandoverItem.carried), col(HandoverItem.entity) != "")).all():
            counts[(entity, entity_id)] = count
    return [DraftItem(i.section, i.entity, i.entity_id, i.label, i.detail,
                      counts.get((i.entity, i.entity_id), 0) + 1 if i.carried else 0)
            for i in items]
