"""System requirements (需求) and problems (问题) raised from daily support, with status flows.
Problems carry a follow-up due date counted in working days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import col, select

from helpdesk.actor import Actor
from helpdesk.errors import NotFound, StaleEdit, UsageError
from helpdesk.i18n import t
from helpdesk.questions.models import Question, TrackerItem
from helpdesk.roles import require
from helpdesk.services.counters import next_number
from helpdesk.services.workspace import Workspace, change
from helpdesk.text import clean
from helpdesk.vocab import PROBLEM_FLOW, REQUIREMENT_FLOW, TRACKER_KINDS

FLOWS = {"requirement": REQUIREMENT_FLOW, "problem": PROBLEM_FLOW}
PREFIX = {"requirement": "R", "problem": "P"}


@dataclass(frozen=True)
class TrackerView:
    id: int
    number: str
    kind: str
    title: str
    description: str
    status: str
    source_question_id: int | None
    province_ref: str
    follow_up_due: date | None
    created_at: datetime
    created_by: str
    version: int
    late: bool


def tracker_view(item: TrackerItem, today: date) -> TrackerView:
    assert item.id is not None
    late = (item.kind == "problem" and item.follow_up_due is not None
            and item.status not in ("resolved", "closed") and item.follow_up_due < today)
    return TrackerView(item.id, item.number, item.kind, item.title, item.description,
                       item.status, item.source_question_id, item.province_ref,
                       item.follow_up_due, item.created_at, item.created_by, item.version, late)


def raise_item(ws: Workspace, actor: Actor, kind: str, *, title: str = "", description: str = "",
               question_id: int | None = None) -> TrackerView:
    """Record a requirement or problem, by default from a question (one key in the console)."""
    if kind not in TRACKER_KINDS:
        raise UsageError("err.trackers.kind", kind=kind, tracker_kinds=', '.join(TRACKER_KINDS))
    with change(ws, actor) as tx:
        if question_id is not None:
            question = tx.session.get(Question, question_id)
            if question is None:
                raise NotFound("err.common.question_not_found", question_id=question_id)
            title = title or question.title
            description = description or f"{question.number} {question.description}".strip()
        title = clean(title, single_line=True, max_length=200).strip()
        if not title:
            raise UsageError("err.common.title_empty")
        today = tx.now.astimezone(ws.hours.zone).date()
        follow_up = ws.calendar.add_working_days(
            today, ws.config.sla.problem_follow_up_workdays).deadline \
            if kind == "problem" else None
        year = tx.now.astimezone(ws.hours.zone).year
        number = f"{PREFIX[kind]}{year}-{next_number(tx, f'{kind}-{year}'):04d}"
        item = TrackerItem(number=number, kind=kind, title=title,
                           description=clean(description, max_length=20_000),
                           status=FLOWS[kind][0], source_question_id=question_id,
                           follow_up_due=follow_up, created_at=tx.now, created_by=actor.login)
        tx.session.add(item)
        tx.session.flush()
        tx.record(f"{kind}.add", "tracker_item", item.id,
                  after={"number": number, "title": title, "from_question": question_id})
        return tracker_view(item, today)


def advance(ws: Workspace, actor: Actor, item_id: int, expected_version: int, to_status: str,
            *, province_ref: str = "", note: str = "") -> TrackerView:
    """Move one step along the flow (or back one step); `fed_back` needs the province's ref."""
    with change(ws, actor) as tx:
        item = tx.session.get(TrackerItem, item_id)
        if item is None:
            raise NotFound("err.trackers.not_found", item_id=item_id)
        if item.version != expected_version:
            raise StaleEdit("err.trackers.stale", number=item.number)
        flow = FLOWS[item.kind]
        if to_status not in flow:
            raise UsageError("err.trackers.status",
                             to_status=to_status, kind=item.kind, flow=', '.join(flow))
        step = flow.index(to_status) - flow.index(item.status)
        if step not in (1, -1):
            following = flow[min(flow.index(item.status) + 1, len(flow) - 1)]
            raise UsageError("err.trackers.next_step",
                             number=item.number, status=t(f"trackers.state_{item.status}"),
                             value=t(f"trackers.state_{following}"))
        if item.kind == "requirement" and to_status == "confirmed" and not item.confirmer_name:
            # 需求确认 is the bureau's: only with its confirmer, unit and day on record
            raise UsageError("err.trackers.confirm_with_confirmer", number=item.number)
        if item.kind == "requirement" and item.status == "confirmed" and step == -1:
            item.confirmer_name, item.confirmer_unit, item.confirmed_on = "", "", None
        if to_status == "fed_back":
            ref = clean(province_ref, single_line=True, max_length=64).strip()
            if not ref:
                raise UsageError("err.trackers.province_reference")
            item.province_ref = ref
        if item.kind == "problem" and to_status == "following":
            today = tx.now.astimezone(ws.hours.zone).date()
            item.follow_up_due = ws.calendar.add_working_days(
                today, ws.config.sla.problem_follow_up_workdays).deadline
        before = item.status
        if to_status in ("resolved", "closed") and item.resolved_on is None:
            item.resolved_on = tx.now.astimezone(ws.hours.zone).date()
        if to_status == "fed_back":
            item.fed_back_on = tx.now.astimezone(ws.hours.zone).date()
        item.status = to_status
        item.version += 1
        tx.record(f"{item.kind}.status", "tracker_item", item.id, before={"status": before},
                  after={"status": to_status, "note": note[:200]})
        return tracker_view(item, tx.now.astimezone(ws.hours.zone).date())


def find_item(ws: Workspace, actor: Actor, kind: str, value: str) -> TrackerView:
    """One item by its number (R2026-0001) or id."""
    require(actor.role, "read", actor.login)
    today = ws.now().astimezone(ws.hours.zone).date()
    query = select(TrackerItem).where(col(TrackerItem.kind) == kind)
    query = query.where(col(TrackerItem.id) == int(value)) if value.isdigit() else \
        query.where(col(TrackerItem.number) == value.upper())
    with ws.db.read() as session:
        item = session.exec(query).first()
        if item is None:
            raise NotFound("err.trackers.number_not_found", value=value)
        return tracker_view(item, today)


def list_items(ws: Workspace, actor: Actor, *, kind: str | None = None,
               statuses: tuple[str, ...] = (), late_only: bool = False,
               before_id: int | None = None, limit: int = 100) -> list[TrackerView]:
    require(actor.role, "read", actor.login)
    today = ws.now().astimezone(ws.hours.zone).date()
    query = select(TrackerItem).order_by(col(TrackerItem.id).desc()).limit(limit)
    if kind:
        query = query.where(col(TrackerItem.kind) == kind)
    if statuses:
        query = query.where(col(TrackerItem.status).in_(statuses))
    if late_only:
        query = query.where(col(TrackerItem.kind) == "problem",
                            col(TrackerItem.status).not_in(("resolved", "closed")),
                            col(TrackerItem.follow_up_due) < today)
    if before_id is not None:
        query = query.where(col(TrackerItem.id) < before_id)
    with ws.db.read() as session:
        return [tracker_view(item, today) for item in session.exec(query).all()]
