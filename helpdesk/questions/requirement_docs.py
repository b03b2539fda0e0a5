"""系统需求整理: the document behind a requirement (or a problem) sent to the provincial project
team: background, current and wanted behaviour, affected units, the engineer's analysis and
verification notes, the bureau's confirmer (name, unit, day), the province's reference and its
answer. Edited field by field under optimistic locking; confirming a verified requirement
records the confirmer and moves it to 已确认 in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date

from sqlmodel import Session

from helpdesk.actor import Actor
from helpdesk.errors import NotFound, StaleEdit, UsageError
from helpdesk.i18n import t
from helpdesk.questions.models import Question, TrackerItem
from helpdesk.questions.trackers import TrackerView, advance, tracker_view
from helpdesk.roles import require
from helpdesk.services.workspace import Workspace, change
from helpdesk.text import clean

# The document's free-text fields, in the order the document shows them.
TEXT_FIELDS = ("background", "current_behaviour", "wanted_behaviour", "affected_units",
               "analysis", "verification", "province_answer")
# What `edit_document` may change: the item's own words and the document's fields.
EDITABLE = ("title", "description", *TEXT_FIELDS, "province_ref")
SINGLE_LINE = {"title": 200, "province_ref": 64}


@dataclass(frozen=True)
class RequirementDoc:
    item: TrackerView
    source_question: str  # the number of the question it came from, "" when none
    background: str
    current_behaviour: str
    wanted_behaviour: str
    affected_units: str
    analysis: str
    verification: str
    province_answer: str
    confirmer_name: str
    confirmer_unit: str
    confirmed_on: date | None
    raised_on: date  # the local day it was raised

    @property
    def confirmed(self) -> bool:
        return bool(self.confirmer_name)


def _doc(ws: Workspace, session: Session, item: TrackerItem, today: date) -> RequirementDoc:
    created = item.created_at if item.created_at.tzinfo else item.created_at.replace(tzinfo=UTC)
    question = session.get(Question, item.source_question_id) \
        if item.source_question_id is not None else None
    return RequirementDoc(tracker_view(item, today), question.number if question else "",
                          item.background, item.current_behaviour, item.wanted_behaviour,
                          item.affected_units, item.analysis, item.verification,
                          item.province_answer, item.confirmer_name, item.confirmer_unit,
                          item.confirmed_on, created.astimezone(ws.hours.zone).date())


def get_document(ws: Workspace, actor: Actor, item_id: int) -> RequirementDoc:
    require(actor.role, "read", actor.login)
    with ws.db.read() as session:
        item = session.get(TrackerItem, item_id)
        if item is None:
            raise NotFound("err.trackers.not_found", item_id=item_id)
        return _doc(ws, session, item, ws.now().astimezone(ws.hours.zone).date())


def edit_document(ws: Workspace, actor: Actor, item_id: int, expected_version: int,
                  changes: dict[str, str]) -> RequirementDoc:
    """Change any of EDITABLE; only the fields whose text differs are written and audited."""
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise UsageError("err.requirements.field", field=", ".join(unknown),
                         fields=", ".join(EDITABLE))
    with change(ws, actor) as tx:
        item = tx.session.get(TrackerItem, item_id)
        if item is None:
            raise NotFound("err.trackers.not_found", item_id=item_id)
        if item.version != expected_version:
            raise StaleEdit("err.trackers.stale", number=item.number)
        if item.status == "closed":
            raise UsageError("err.requirements.closed", number=item.number)
        before: dict[str, str] = {}
        after: dict[str, str] = {}
        for name, value in changes.items():
            limit = SINGLE_LINE.get(name)
            text = clean(value, single_line=limit is not None,
                         max_length=limit or 20_000).strip()
            if name == "title" and not text:
                raise UsageError("err.common.title_empty")
            if text != getattr(item, name):
                before[name], after[name] = getattr(item, name)[:200], text[:200]
                setattr(item, name, text)
        if after:
            item.version += 1
            tx.record(f"{item.kind}.edit", "tracker_item", item.id, before=before, after=after)
        return _doc(ws, tx.session, item, tx.now.astimezone(ws.hours.zone).date())


def confirm_requirement(ws: Workspace, actor: Actor, item_id: int, expected_version: int, *,
                        name: str, unit: str, on: date | None = None) -> RequirementDoc:
    """The bureau's confirmation (需求确认): a verified requirement, confirmed by a named person
    of a named unit on a day (not in the future), moves to 已确认."""
    person = clean(name, single_line=True, max_length=64).strip()
    where = clean(unit, single_line=True, max_length=128).strip()
    if not person or not where:
        raise UsageError("err.requirements.confirmer")
    with change(ws, actor) as tx:
        today = tx.now.astimezone(ws.hours.zone).date()
        day = on or today
        if day > today:
            raise UsageError("err.requirements.confirmed_future")
        item = tx.session.get(TrackerItem, item_id)
        if item is None:
            raise NotFound("err.trackers.not_found", item_id=item_id)
        if item.kind != "requirement":
            raise UsageError("err.requirements.not_requirement", number=item.number)
        if item.status != "verified":
            raise UsageError("err.requirements.confirm_when_verified", number=item.number,
                             status=t(f"trackers.state_{item.status}"))
        item.confirmer_name, item.confirmer_unit, item.confirmed_on = person, where, day
        advance(ws, actor, item_id, expected_version, "confirmed",
                note=t("requirements.confirmed_by", name=person, unit=where))
        tx.record("requirement.confirm", "tracker_item", item.id,
                  after={"name": person, "unit": where, "day": day.isoformat()})
        return _doc(ws, tx.session, item, today)
