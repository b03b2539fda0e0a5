"""Questions raised during a training (答疑): kept with the session, and turned into a question
of the questions desk (so it is tracked under its SLA) or a FAQ draft (when it was answered)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from helpdesk.actor import Actor
from helpdesk.errors import NotFound, UsageError
from helpdesk.roles import require
from helpdesk.services.workspace import Change, Workspace, change
from helpdesk.text import clean
from helpdesk.training.actions import session_row
from helpdesk.training.models import TrainingQuestion, TrainingSession

# A question from an administrator training is usually about configuration.
CATEGORY_OF_KIND = {"business": "handling", "operation": "handling", "admin": "configuration"}


@dataclass(frozen=True)
class RaisedQuestion:
    id: int
    session_id: int
    text: str
    asked_by: str
    answer: str
    question_id: int | None
    article_id: int | None


def _view(row: TrainingQuestion) -> RaisedQuestion:
    return RaisedQuestion(row.id or 0, row.session_id, row.text, row.asked_by, row.answer,
                          row.question_id, row.article_id)


def add_raised(ws: Workspace, actor: Actor, session_id: int, text: str, asked_by: str = "",
               answer: str = "") -> RaisedQuestion:
    text = clean(text, max_length=2000).strip()
    if not text:
        raise UsageError("err.training.question_empty")
    with change(ws, actor) as tx:
        session_row(tx.session, session_id)
        row = TrainingQuestion(session_id=session_id, text=text,
                               asked_by=clean(asked_by, single_line=True, max_length=64).strip(),
                               answer=clean(answer, max_length=20_000).strip(),
                               created_by=actor.login, created_at=tx.now)
        tx.session.add(row)
        tx.session.flush()
        tx.record("training.question_add", "training_question", row.id,
                  after={"session": session_id, "text": text[:200]})
        return _view(row)


def list_raised(ws: Workspace, actor: Actor, session_id: int) -> list[RaisedQuestion]:
    require(actor.role, "read", actor.login)
    with ws.db.read() as session:
        return [_view(r) for r in session.exec(select(TrainingQuestion).where(
            col(TrainingQuestion.session_id) == session_id).order_by(
            col(TrainingQuestion.id))).all()]


def _raised_in(session: Session, raised_id: int) -> tuple[TrainingQuestion, TrainingSession]:
    row = session.get(TrainingQuestion, raised_id)
    if row is None:
        raise NotFound("err.training.raised_not_found", raised_id=raised_id)
    training = session.get(TrainingSession, row.session_id)
    assert training is not None
    return row, training


def _title(text: str) -> str:
    return clean(text, single_line=True, max_length=60).strip()


@dataclass(frozen=True)
class DeskDraft:
    """What a question raised at a session becomes at the desk (a question or a FAQ draft)."""
    title: str
    category: str
    asked_by: str
    text: str
    answer: str
    training_title: str
    training_kind: str


def desk_draft(tx: Change, raised_id: int, target: str) -> DeskDraft:
    """The question (`target` "desk") or FAQ draft ("faq") a raised question would become,
    refused if it already has one (or, for a FAQ, no answer yet). helpdesk/app/desk.py makes
    it in the same unit of work as the link, so two engineers at once leave no orphan."""
    row, training = _raised_in(tx.session, raised_id)
    if target == "desk" and row.question_id is not None:
        raise UsageError("err.training.already_desk")
    if target == "faq":
        if row.article_id is not None:
            raise UsageError("err.training.already_faq")
        if not row.answer:
            raise UsageError("err.training.no_answer")
    return DeskDraft(_title(row.text), CATEGORY_OF_KIND.get(training.kind, "other"),
                     row.asked_by, row.text, row.answer, training.title, training.kind)


def link_desk_question(tx: Change, raised_id: int, question_id: int, number: str) -> None:
    row, _training = _raised_in(tx.session, raised_id)
    row.question_id = question_id
    tx.record("training.question_to_desk", "training_question", raised_id,
              after={"question": number})


def link_faq_draft(tx: Change, raised_id: int, article_id: int) -> None:
    row, _training = _raised_in(tx.session, raised_id)
    row.article_id = article_id
    tx.record("training.question_to_faq", "training_question", raised_id,
              after={"article": article_id})
