"""Who came to a training and what they thought of it: attendees (invited / signed in /
absent) and their evaluation forms, keyed in one at a time."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import col, select

from helpdesk.actor import Actor
from helpdesk.errors import NotFound, StaleEdit, UsageError
from helpdesk.roles import require
from helpdesk.services.workspace import Workspace, change
from helpdesk.storage.models import Unit
from helpdesk.text import clean
from helpdesk.training.actions import ATTENDANCE, session_row
from helpdesk.training.evaluation import QUESTIONS, check_score
from helpdesk.training.models import (
    TrainingAttendee,
    TrainingEvaluation,
)


@dataclass(frozen=True)
class AttendeeView:
    id: int
    name: str
    unit_id: int | None
    unit: str
    role: str
    attendance: str
    version: int
    evaluated: bool


@dataclass(frozen=True)
class EvaluationView:
    id: int
    attendee_id: int | None
    name: str  # "" for an anonymous form
    unit: str
    scores: dict[str, int | None]
    comment: str


def list_attendees(ws: Workspace, actor: Actor, session_id: int) -> list[AttendeeView]:
    """In sign-in order. A session has tens of attendees, never thousands: one query."""
    require(actor.role, "read", actor.login)
    with ws.db.read() as session:
        session_row(session, session_id)
        rows = session.exec(select(TrainingAttendee, Unit).join(
            Unit, col(Unit.id) == col(TrainingAttendee.unit_id), isouter=True).where(
            col(TrainingAttendee.session_id) == session_id).order_by(
            col(TrainingAttendee.position), col(TrainingAttendee.id))).all()
        evaluated = set(session.exec(select(TrainingEvaluation.attendee_id).where(
            col(TrainingEvaluation.session_id) == session_id)).all())
        return [AttendeeView(a.id or 0, a.name, a.unit_id, u.name if u else "", a.role,
                             a.attendance, a.version, a.id in evaluated) for a, u in rows]


def list_evaluations(ws: Workspace, actor: Actor, session_id: int) -> list[EvaluationView]:
    require(actor.role, "read", actor.login)
    with ws.db.read() as session:
        session_row(session, session_id)
        rows = session.exec(select(TrainingEvaluation, TrainingAttendee).join(
            TrainingAttendee, col(TrainingAttendee.id) == col(TrainingEvaluation.attendee_id),
            isouter=True).where(col(TrainingEvaluation.session_id) == session_id)
            .order_by(col(TrainingEvaluation.id))).all()
        units = {u.id: u.name for u in session.exec(select(Unit)).all()}
        return [EvaluationView(e.id or 0, e.attendee_id, a.name if a else "",
                               units.get(a.unit_id, "") if a else "",
                               {q: getattr(e, q) for q in QUESTIONS}, e.comment)
                for e, a in rows]


def clean_name(name: str) -> str:
    return clean(name, single_line=True, max_length=64).strip()


def add_attendee(ws: Workspace, actor: Actor, session_id: int, name: str,
                 unit_id: int | None = None, role: str = "", attendance: str = "invited"
                 ) -> AttendeeView:
    name = clean_name(name)
    if not name:
        raise UsageError("err.training.name_empty")
    if attendance not in ATTENDANCE:
        raise UsageError("err.training.attendance",
                         attendance=attendance, attendance2=', '.join(ATTENDANCE))
    role = clean(role, single_line=True, max_length=64).strip()
    with change(ws, actor) as tx:
        session_row(tx.session, session_id)
        unit = tx.session.get(Unit, unit_id) if unit_id is not None else None
        if unit_id is not None and unit is None:
            raise UsageError("err.common.unit_not_found", unit_id=unit_id)
        same = tx.session.exec(select(TrainingAttendee).where(
            col(TrainingAttendee.session_id) == session_id,
            col(TrainingAttendee.name) == name,
            col(TrainingAttendee.unit_id) == unit_id if unit_id is not None
            else col(TrainingAttendee.unit_id).is_(None))).first()
        if same is not None:
            raise UsageError("err.training.already_listed", name=name)
        position = len(tx.session.exec(select(TrainingAttendee.id).where(
            col(TrainingAttendee.session_id) == session_id)).all()) + 1
        row = TrainingAttendee(session_id=session_id, position=position, name=name,
                               unit_id=unit_id, role=role, attendance=attendance,
                               created_by=actor.login, created_at=tx.now)
        tx.session.add(row)
        tx.session.flush()
        tx.record("training.attendee_add", "training_attendee", row.id,
                  after={"session": session_id, "name": name, "unit": unit_id,
                         "attendance": attendance})
        return AttendeeView(row.id or 0, name, unit_id, unit.name if unit else "", role,
                            attendance, row.version, False)


def set_attendance(ws: Workspace, actor: Actor, attendee_id: int, attendance: str,
                   expected_version: int | None = None) -> str:
    if attendance not in ATTENDANCE:
        raise UsageError("err.training.attendance",
                         attendance=attendance, attendance2=', '.join(ATTENDANCE))
    with change(ws, actor) as tx:
        row = tx.session.get(TrainingAttendee, attendee_id)
        if row is None:
            raise NotFound("err.training.attendee_not_found", attendee_id=attendee_id)
        if expected_version is not None and row.version != expected_version:
            raise StaleEdit("err.training.attendee_stale")
        before = row.attendance
        row.attendance, row.version = attendance, row.version + 1
        tx.session.flush()
        tx.record("training.attendance", "training_attendee", row.id,
                  before={"attendance": before}, after={"attendance": attendance})
        return attendance


def remove_attendee(ws: Workspace, actor: Actor, attendee_id: int) -> None:
    with change(ws, actor) as tx:
        row = tx.session.get(TrainingAttendee, attendee_id)
        if row is None:
            raise NotFound("err.training.attendee_not_found", attendee_id=attendee_id)
        if tx.session.exec(select(TrainingEvaluation).where(
                col(TrainingEvaluation.attendee_id) == attendee_id)).first() is not None:
            raise UsageError("err.training.has_evaluation", name=row.name)
        tx.record("training.attendee_remove", "training_attendee", row.id,
                  before={"session": row.session_id, "name": row.name})
        tx.session.delete(row)


def checked_scores(scores: dict[str, object]) -> dict[str, int | None]:
    unknown = set(scores) - set(QUESTIONS)
    if unknown:
        raise UsageError("err.training.unknown_questions", unknown=', '.join(sorted(unknown)))
    return {q: check_score(scores.get(q)) for q in QUESTIONS}


def save_evaluation(ws: Workspace, actor: Actor, session_id: int, attendee_id: int | None,
                    scores: dict[str, object], comment: str = "") -> EvaluationView:
    """One form: an attendee's replaces their earlier one; attendee None is anonymous. A form
    from someone not marked signed in marks them signed in (they were there)."""
    values = checked_scores(scores)
    comment = clean(comment, max_length=2000).strip()
    if all(v is None for v in values.values()) and not comment:
        raise UsageError("err.training.form_empty")
    with change(ws, actor) as tx:
        session_row(tx.session, session_id)
        attendee = tx.session.get(TrainingAttendee, attendee_id) if attendee_id else None
        if attendee_id is not None and (attendee is None or attendee.session_id != session_id):
            raise NotFound("err.training.attendee_elsewhere",
                           attendee_id=attendee_id, session_id=session_id)
        form = tx.session.exec(select(TrainingEvaluation).where(
            col(TrainingEvaluation.session_id) == session_id,
            col(TrainingEvaluation.attendee_id) == attendee_id)).first() \
            if attendee_id is not None else None
        action = "training.evaluation_edit" if form else "training.evaluation_add"
        if form is None:
            form = TrainingEvaluation(session_id=session_id, attendee_id=attendee_id,
                                      created_by=actor.login, created_at=tx.now)
        for question, value in values.items():
            setattr(form, question, value)
        form.comment = comment
        tx.session.add(form)
        if attendee is not None and attendee.attendance != "signed_in":
            attendee.attendance, attendee.version = "signed_in", attendee.version + 1
        tx.session.flush()
        tx.record(action, "training_evaluation", form.id,
                  after={"session": session_id, "attendee": attendee_id, **values})
        unit = tx.session.get(Unit, attendee.unit_id) if attendee and attendee.unit_id else None
        return EvaluationView(form.id or 0, attendee_id, attendee.name if attendee else "",
                              unit.name if unit else "", values, comment)
