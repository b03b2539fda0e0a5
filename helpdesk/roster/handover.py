"""The shift handover cycle: the outgoing engineer signs the draft (frozen as it was), the
incoming engineer reviews each carried item and acknowledges; history and the manager's view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, func, or_, tuple_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from helpdesk.actor import Actor
from helpdesk.errors import NotFound, StaleEdit, UsageError
from helpdesk.roles import require
from helpdesk.roster.handover_draft import draft_handover
from helpdesk.roster.handover_models import Handover, HandoverItem
from helpdesk.roster.models import DutyShift
from helpdesk.services.workspace import Workspace, change
from helpdesk.storage.models import Staff
from helpdesk.text import clean

REVIEWS = ("taken", "not_mine", "done")


@dataclass(frozen=True)
class HandoverRow:
    id: int
    signed_at: datetime
    outgoing: str
    outgoing_name: str
    incoming: str
    incoming_name: str
    window_start: datetime
    window_end: datetime
    next_shift_start: datetime
    acknowledged_at: datetime | None
    carried: int
    unreviewed: int
    open_items: int  # carried items the incoming engineer did not mark done
    repeated: int  # carried over more than once
    overdue: bool  # not acknowledged in time after the next shift started
    notes_first_line: str
    version: int

    @property
    def ack_delay(self) -> timedelta | None:
        if self.acknowledged_at is None:
            return None
        return max(self.acknowledged_at - self.next_shift_start, timedelta())


@dataclass(frozen=True)
class HandoverItemView:
    id: int
    section: str
    entity: str
    entity_id: int | None
    label: str
    detail: str
    carried: bool
    carry_count: int
    review: str
    reviewed_by: str


@dataclass(frozen=True)
class HandoverDetail:
    row: HandoverRow
    notes: str
    items: tuple[HandoverItemView, ...]


@dataclass(frozen=True)
class HandoverCursor:
    signed_at: datetime
    id: int


@dataclass(frozen=True)
class HandoverPage:
    rows: list[HandoverRow]
    next_cursor: HandoverCursor | None


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in clean(text).splitlines() if line.strip())


def sign_handover(ws: Workspace, actor: Actor, notes: str = "", attention: str = "",
                  window: tuple[datetime, datetime] | None = None) -> HandoverDetail:
    """Draft from the records at this moment and sign it; the handover cannot change after."""
    draft = draft_handover(ws, actor, _lines(attention)[:50], window)
    text = clean(notes).strip()[:4000]
    with change(ws, actor) as tx:
        handover = Handover(outgoing=actor.login, window_start=draft.window_start,
                            window_end=draft.window_end, signed_at=tx.now,
                            next_shift_start=draft.next_shift_start, notes=text)
        tx.session.add(handover)
        tx.session.flush()
        assert handover.id is not None
        tx.session.add_all(HandoverItem(
            handover_id=handover.id, position=n, section=i.section, entity=i.entity,
            entity_id=i.entity_id, label=i.label, detail=i.detail[:200], carried=i.carried,
            carry_count=i.carry_count) for n, i in enumerate(draft.items))
        tx.record("handover.sign", "handover", handover.id, after={
            "window": [draft.window_start.astimezone(UTC).isoformat(),
                       draft.window_end.astimezone(UTC).isoformat()],
            "items": len(draft.items), "carried": sum(i.carried for i in draft.items)})
        handover_id = handover.id
    return get_handover(ws, actor, handover_id)


def _load(session: Session, handover_id: int) -> Handover:
    handover = session.get(Handover, handover_id)
    if handover is None:
        raise NotFound("err.handover.not_found", handover_id=handover_id)
    return handover


def _as_incoming(ws: Workspace, session: Session, handover: Handover, actor: Actor,
                 reason: str = "") -> str:
    """Who takes a handover over: the engineer rostered for the shift it hands to, or a manager
    who records why (the incoming engineer is away, say). Returns the reason recorded."""
    if handover.acknowledged_at is not None:
        raise UsageError("err.handover.already_acknowledged",
                         id=handover.id, incoming=handover.incoming)
    if handover.outgoing == actor.login:
        raise UsageError("err.handover.own_handover")
    day = handover.next_shift_start.astimezone(ws.hours.zone).date()
    rostered = session.exec(select(DutyShift.id).join(
        Staff, col(Staff.id) == col(DutyShift.staff_id)).where(
        col(Staff.login) == actor.login, col(DutyShift.day) == day)).first()
    if rostered is not None:
        return ""
    reason = clean(reason, single_line=True, max_length=200).strip()
    if actor.role == "manager" and reason:
        return reason
    raise UsageError("err.handover.not_incoming" if actor.role != "manager"
                     else "err.handover.manager_reason", day=day)


def review_item(ws: Workspace, actor: Actor, item_id: int, review: str, reason: str = ""
                ) -> HandoverItemView:
    if review not in REVIEWS:
        raise UsageError("err.handover.review", review=review, reviews=', '.join(REVIEWS))
    with change(ws, actor) as tx:
        item = tx.session.get(HandoverItem, item_id)
        if item is None:
            raise NotFound("err.handover.item_not_found", item_id=item_id)
        if not item.carried:
            raise UsageError("err.handover.only_carried")
        why = _as_incoming(ws, tx.session, _load(tx.session, item.handover_id), actor, reason)
        previous = item.review
        item.review, item.reviewed_by, item.reviewed_at = review, actor.login, tx.now
        tx.session.flush()
        tx.record("handover.review", "handover_item", item.id,
                  before={"review": previous},
                  after={"review": review, **({"reason": why} if why else {})})
        return _item_view(item)


def review_and_acknowledge(ws: Workspace, actor: Actor, handover_id: int, item_ids: list[int],
                           review: str, *, acknowledge_after: bool, reason: str = "") -> None:
    """"Take all the rest" (and acknowledge): every item or none."""
    with change(ws, actor):
        for item_id in item_ids:
            review_item(ws, actor, item_id, review, reason)
        if acknowledge_after:
            acknowledge(ws, actor, handover_id, reason=reason)


def acknowledge(ws: Workspace, actor: Actor, handover_id: int,
                expected_version: int | None = None, *, reason: str = "") -> HandoverDetail:
    with change(ws, actor) as tx:
        handover = _load(tx.session, handover_id)
        if expected_version is not None and handover.version != expected_version:
            raise StaleEdit("err.handover.stale")
        why = _as_incoming(ws, tx.session, handover, actor, reason)
        pending = tx.session.exec(select(func.count()).select_from(HandoverItem).where(
            col(HandoverItem.handover_id) == handover_id, col(HandoverItem.carried),
            col(HandoverItem.review) == "")).one()
        if pending:
            raise UsageError("err.handover.pending_reviews", pending=pending)
        handover.incoming, handover.acknowledged_at = actor.login, tx.now
        handover.version += 1
        tx.session.flush()
        tx.record("handover.acknowledge", "handover", handover.id,
                  after={"incoming": actor.login, **({"reason": why} if why else {})})
    return get_handover(ws, actor, handover_id)


def _item_view(item: HandoverItem) -> HandoverItemView:
    assert item.id is not None
    return HandoverItemView(item.id, item.section, item.entity, item.entity_id, item.label,
                            item.detail, item.carried, item.carry_count, item.review,
                            item.reviewed_by)


def _rows(ws: Workspace, session: Session, handovers: list[Handover]) -> list[HandoverRow]:
    ids = [h.id for h in handovers]
    stats: dict[int, tuple[int, int, int, int]] = {}
    if ids:
        is_carried = col(HandoverItem.carried)

        def count(condition: Any) -> Any:
            return func.sum(case((condition, 1), else_=0))

        query = sa_select(
            col(HandoverItem.handover_id), count(is_carried),
            count(and_(is_carried, col(HandoverItem.review) == "")),
            count(and_(is_carried, col(HandoverItem.review) != "done")),
            count(and_(is_carried, col(HandoverItem.carry_count) > 1)),
        ).where(col(HandoverItem.handover_id).in_(ids)).group_by(col(HandoverItem.handover_id))
        for handover_id, carried, unreviewed, open_items, repeated in session.execute(query).all():
            stats[handover_id] = (int(carried or 0), int(unreviewed or 0), int(open_items or 0),
                                  int(repeated or 0))
    names = {s.login: s.name for s in session.exec(select(Staff)).all()}
    now = ws.now()
    grace = timedelta(minutes=ws.config.roster.handover_ack_minutes)
    rows = []
    for h in handovers:
        assert h.id is not None
        carried, unreviewed, open_items, repeated = stats.get(h.id, (0, 0, 0, 0))
        rows.append(HandoverRow(
            h.id, h.signed_at, h.outgoing, names.get(h.outgoing, h.outgoing), h.incoming,
            names.get(h.incoming, h.incoming), h.window_start, h.window_end, h.next_shift_start,
            h.acknowledged_at, carried, unreviewed, open_items, repeated,
            h.acknowledged_at is None and now > h.next_shift_start + grace,
            (h.notes.splitlines() or [""])[0], h.version))
    return rows


def get_handover(ws: Workspace, actor: Actor, handover_id: int) -> HandoverDetail:
    require(actor.role, "read", actor.login)
    with ws.db.read() as session:
        handover = _load(session, handover_id)
        row = _rows(ws, session, [handover])[0]
        items = session.exec(select(HandoverItem).where(
            col(HandoverItem.handover_id) == handover_id).order_by(
            col(HandoverItem.position))).all()
        return HandoverDetail(row, handover.notes, tuple(_item_view(i) for i in items))


def list_handovers(ws: Workspace, actor: Actor, *, engineer: str | None = None,
                   start: date | None = None, end: date | None = None, search: str = "",
                   pending_only: bool = False, after: HandoverCursor | None = None,
                   limit: int = 100) -> HandoverPage:
    """Newest first, one keyset page. `engineer` matches outgoing or incoming; start/end are
    local dates of signing; `search` looks in notes and item labels."""
    require(actor.role, "read", actor.login)
    query = select(Handover)
    if engineer:
        query = query.where(or_(col(Handover.outgoing) == engineer,
                                col(Handover.incoming) == engineer))
    zone = ws.hours.zone
    if start is not None:
        query = query.where(col(Handover.signed_at) >= datetime.combine(start, datetime.min.time(),
                                                                       tzinfo=zone))
    if end is not None:
        following = datetime.combine(end + timedelta(days=1), datetime.min.time(), tzinfo=zone)
        query = query.where(col(Handover.signed_at) < following)
    if search.strip():
        pattern = f"%{search.strip()}%"
        labels = select(HandoverItem.handover_id).where(col(HandoverItem.label).like(pattern))
        # An engineer's name or login finds the handovers they gave or took.
        people = select(Staff.login).where(or_(col(Staff.name).like(pattern),
                                               col(Staff.login).like(pattern)))
        query = query.where(or_(col(Handover.notes).like(pattern), col(Handover.id).in_(labels),
                                col(Handover.outgoing).in_(people),
                                col(Handover.incoming).in_(people)))
    if pending_only:
        query = query.where(col(Handover.acknowledged_at).is_(None))
    if after is not None:
        query = query.where(tuple_(col(Handover.signed_at), col(Handover.id))
                            < tuple_(after.signed_at, after.id))
    query = query.order_by(col(Handover.signed_at).desc(), col(Handover.id).desc()).limit(limit)
    with ws.db.read() as session:
        handovers = list(session.exec(query).all())
        rows = _rows(ws, session, handovers)
    cursor = HandoverCursor(rows[-1].signed_at, rows[-1].id) if len(rows) == limit else None
    return HandoverPage(rows, cursor)


def overdue_handovers(ws: Workspace, actor: Actor) -> list[HandoverRow]:
    """Signed, not acknowledged, and the grace after the next shift's start has passed."""
    page = list_handovers(ws, actor, pending_only=True, limit=50)
    return [row for row in page.rows if row.overdue]

