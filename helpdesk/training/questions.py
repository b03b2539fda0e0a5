"""Questions raised during a training (答疑): kept with the session, and turned into a question
of the questions desk (so it is tracked under its SLA) or a FAQ draft (when it was answered)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from helpdesk.actor import Actor
from helpdesk.errors import NotFound, UsageError
from helpdesk.roles import require
from helpdesk.services.workspace import Workspace, change
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


def to_desk_question(ws: Workspace, actor: Actor, raised_id: int) -> int:
    """Open a desk question (channel "other", received now) and link it; returns its id.
    One unit of work: the desk's own service numbers the question inside it, the link is
    checked under the write lock, so two engineers at once never leave an orphan or a gap."""
    from helpdesk.questions.actions import add_question

    with change(ws, actor) as tx:
        row, training = _raised_in(tx.session, raised_id)
        if row.question_id is not None:
            raise UsageError("err.training.already_desk")
        created = add_question(
            ws, actor, title=_title(row.text),
            category=CATEGORY_OF_KIND.get(training.kind, "other"), channel="other",
            asker_name=row.asked_by, description=f"培训现场提问（{training.title}）：\n{row.text}")
        row.question_id = created.id
        tx.record("training.question_to_desk", "training_question", raised_id,
                  after={"question": created.number})
        return created.id


def to_faq_draft(ws: Workspace, actor: Actor, raised_id: int) -> int:
    """A FAQ draft from an answered question; returns the article id."""
    from helpdesk.questions.kb import save_article

    with change(ws, actor) as tx:
        row, training = _raised_in(tx.session, raised_id)
        if row.article_id is not None:
            raise UsageError("err.training.already_faq")
        if not row.answer:
            raise UsageError("err.training.no_answer")
        article = save_article(ws, actor, None, None, title=_title(row.text),
                               question=row.text, answer=row.answer,
                               category=CATEGORY_OF_KIND.get(training.kind, "other"),
                               tags=f"培训,{training.kind}")
        row.article_id = article.id
        tx.record("training.question_to_faq", "training_question", raised_id,
                  after={"article": article.id})
        return article.id
