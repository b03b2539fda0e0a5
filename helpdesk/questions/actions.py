"""The questions desk: intake, lifecycle, SLA clocks in business hours, history, listing."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_
from sqlmodel import Session, col, select

from helpdesk.actor import SYSTEM, Actor
from helpdesk.errors import NotFound, StaleEdit, UsageError
from helpdesk.i18n import t
from helpdesk.questions.listing import ROW_NAMES, listed, targets, unrecorded_breaches
from helpdesk.questions.models import (
    KbArticle,
    Question,
    QuestionEvent,
    QuestionKbLink,
    SlaBreach,
    TrackerItem,
)
from helpdesk.questions.sla import schedule
from helpdesk.questions.sla_explain import explain, running_stretches
from helpdesk.questions.views import (
    QuestionDetail,
    QuestionEventView,
    QuestionFilter,
    QuestionRow,
)
from helpdesk.roles import require
from helpdesk.services.counters import next_number
from helpdesk.services.workspace import Change, Workspace, change
from helpdesk.storage.models import Staff, Unit
from helpdesk.text import clean
from helpdesk.vocab import (
    OPEN_STATUSES,
    PRIORITIES,
    QUESTION_CATEGORIES,
    QUESTION_CHANNELS,
    REOPENABLE_STATUSES,
    TRANSITIONS,
)

__all__ = [
    "QuestionFilter",
    "add_question",
    "get_question",
    "reopen",
    "resolve",
    "sweep_breaches",
    "transition",
]


def _check_choice(value: str, options: tuple[str, ...], what: str) -> str:
    if value not in options:
        raise UsageError("err.questions.choice", what=what, value=value, options=', '.join(options))
    return value


def _pauses(ws: Workspace, status: str) -> bool:
    return status == "waiting" or (status == "escalated" and ws.config.sla.pause_when_escalated)


def add_question(ws: Workspace, actor: Actor, *, title: str, category: str,
                 unit_id: int | None = None, channel: str = "phone", priority: str = "normal",
                 asker_name: str = "", asker_phone: str = "", description: str = "",
                 received_at: datetime | None = None, assignee: str | None = None) -> QuestionRow:
    title = clean(title, single_line=True, max_length=200).strip()
    if not title:
        raise UsageError("err.common.title_empty")
    _check_choice(category, QUESTION_CATEGORIES, "category")
    _check_choice(channel, QUESTION_CHANNELS, "channel")
    _check_choice(priority, PRIORITIES, "priority")
    with change(ws, actor) as tx:
        received = received_at or tx.now
        if received.tzinfo is None:
            raise UsageError("err.questions.received_naive")
        if received > tx.now + timedelta(minutes=5):
            raise UsageError("err.questions.received_future")
        if unit_id is not None and tx.session.get(Unit, unit_id) is None:
            raise UsageError("err.common.unit_not_found", unit_id=unit_id)
        assignee_id = _staff_id(tx.session, assignee or actor.login)
        response_target, resolve_target = targets(ws, category, priority)
        share = ws.config.sla.at_risk_share
        response = schedule(ws.hours, received, response_target, response_target, share)
        resolve = schedule(ws.hours, received, resolve_target, resolve_target, share)
        number = f"Q{received.astimezone(ws.hours.zone):%Y}-" \
                 f"{next_number(tx, f'question-{received.year}'):05d}"
        question = Question(
            number=number, received_at=received, title=title, category=category,
            channel=channel, priority=priority, unit_id=unit_id, status="new",
            asker_name=clean(asker_name, single_line=True, max_length=64).strip(),
            asker_phone=clean(asker_phone, single_line=True, max_length=32).strip(),
            description=clean(description, max_length=20_000),
            assignee_id=assignee_id, created_by=actor.login,
            response_due_at=response.due_at, response_risk_at=response.risk_at,
            resolve_due_at=resolve.due_at, resolve_risk_at=resolve.risk_at,
        )
        tx.session.add(question)
        tx.session.flush()
        _event(tx, question, "created", "", "new", title)
        tx.record("question.add", "question", question.id,
                  after={"number": number, "title": title, "category": category,
                         "priority": priority})
        _flush_breaches(tx, question)
        return question_row(ws, tx.session, question, tx.now)


def add_resolved_question(ws: Workspace, actor: Actor, *, answer: str,
                          kb_article_ids: tuple[int, ...] = (), **fields: Any) -> QuestionRow:
    """Log a question already answered (the intake's "resolved with this KB answer"): the
    question and its resolution are one unit of work, so a failure leaves no question behind
    and a retry cannot log it twice."""
    with change(ws, actor):
        row = add_question(ws, actor, **fields)
        return resolve(ws, actor, row.id, row.version, answer=answer,
                       kb_article_ids=kb_article_ids)


def recompute_clocks(ws: Workspace, tx: Change, since: datetime) -> int:
    """Running SLA clocks whose due instant falls from `since` on, counted again on the
    calendar's current data (a year's schedule arrived); returns how many moved. A paused
    clock keeps its business time left and is counted when it resumes."""

    share = ws.config.sla.at_risk_share
    rows = tx.session.exec(select(Question).where(or_(
        col(Question.first_response_at).is_(None) & (col(Question.response_due_at) >= since),
        col(Question.resolved_at).is_(None) & (col(Question.resolve_due_at) >= since)))).all()
    moved = 0
    for question in rows:
        assert question.id is not None
        response_target, resolve_target = targets(ws, question.category, question.priority)
        before = (question.response_due_at, question.resolve_due_at)
        if question.first_response_at is None and question.response_due_at is not None:
            plan = schedule(ws.hours, question.received_at, response_target, response_target,
                            share)
            question.response_due_at, question.response_risk_at = plan.due_at, plan.risk_at
        if question.resolved_at is None and question.resolve_due_at is not None:
            events = tx.session.exec(select(QuestionEvent).where(
                col(QuestionEvent.question_id) == question.id).order_by(
                col(QuestionEvent.at), col(QuestionEvent.id))).all()
            stretches = running_stretches(ws, question.received_at, events, tx.now)
            if not stretches:
                continue
            *done, (current, _now) = stretches
            used = sum((ws.hours.duration(start, end) for start, end in done), timedelta())
            plan = schedule(ws.hours, current, resolve_target - used, resolve_target, share)
            question.resolve_due_at, question.resolve_risk_at = plan.due_at, plan.risk_at
        if (question.response_due_at, question.resolve_due_at) != before:
            question.version += 1
            moved += 1
    return moved


def _staff_id(session: Session, login: str) -> int | None:
    staff = session.exec(select(Staff).where(col(Staff.login) == login)).first()
    if staff is None:
        raise UsageError("err.common.staff_not_found", login=login)
    return staff.id


def _event(tx: Change, question: Question, kind: str, from_status: str, to_status: str,
           detail: str = "") -> None:
    assert question.id is not None
    tx.session.add(QuestionEvent(question_id=question.id, at=tx.now, actor=tx.actor.login,
                                 kind=kind, from_status=from_status, to_status=to_status,
                                 detail=clean(detail, max_length=2000)))


def _load(tx: Change, question_id: int, expected_version: int | None) -> Question:
    question = tx.session.get(Question, question_id)
    if question is None:
        raise NotFound("err.common.question_not_found", question_id=question_id)
    if expected_version is not None and question.version != expected_version:
        raise StaleEdit(
            "err.questions.stale", number=question.number
        )
    return question


def _flush_breaches(tx: Change, question: Question) -> None:
    """Record each clock that is past due and not yet recorded (idempotent)."""
    assert question.id is not None
    for clock, done, due in (("response", question.first_response_at, question.response_due_at),
                             ("resolution", question.resolved_at, question.resolve_due_at)):
        late = due is not None and (done or tx.now) > due
        if not late:
            continue
        exists = tx.session.exec(select(SlaBreach).where(
            col(SlaBreach.question_id) == question.id, col(SlaBreach.clock) == clock)).first()
        if exists is None:
            assert due is not None
            tx.session.add(SlaBreach(question_id=question.id, clock=clock, due_at=due,
                                     recorded_at=tx.now, category=question.category,
                                     priority=question.priority))
            tx.record("sla.breach", "question", question.id,
                      after={"number": question.number, "clock": clock,
                             "due_at": due.isoformat()})


def _respond(tx: Change, question: Question) -> None:
    if question.first_response_at is None:
        question.first_response_at = tx.now
        _event(tx, question, "responded", question.status, question.status)


def _keep_remaining(ws: Workspace, tx: Change, question: Question) -> None:
    """Remember the business time left on the resolution clock."""
    if question.resolve_due_at is None:
        return
    left = ws.hours.duration(tx.now, question.resolve_due_at)
    question.resolve_paused_seconds = int(left.total_seconds())


def _pause(ws: Workspace, tx: Change, question: Question) -> None:
    if question.resolve_due_at is None:
        return
    _keep_remaining(ws, tx, question)
    question.resolve_due_at = question.resolve_risk_at = None


def _resume(ws: Workspace, tx: Change, question: Question) -> None:
    if question.resolve_due_at is not None or question.resolve_paused_seconds is None:
        return
    _response_target, resolve_target = targets(ws, question.category, question.priority)
    plan = schedule(ws.hours, tx.now, timedelta(seconds=question.resolve_paused_seconds),
                    resolve_target, ws.config.sla.at_risk_share)
    question.resolve_due_at, question.resolve_risk_at = plan.due_at, plan.risk_at
    question.resolve_paused_seconds = None


def transition(ws: Workspace, actor: Actor, question_id: int, expected_version: int,
               to_status: str, *, note: str = "", escalation_ref: str = "") -> QuestionRow:
    """Move along the lifecycle: start, wait on the asker (pauses), escalate, resume, close."""
    with change(ws, actor) as tx:
        question = _load(tx, question_id, expected_version)
        before = question.status
        if to_status not in TRANSITIONS.get(before, ()):
            raise UsageError("err.questions.bad_transition",
                             number=question.number, before=t(f"status.{before}"),
                             to_status=t(f"status.{to_status}"))
        _flush_breaches(tx, question)
        if to_status != "closed":
            _respond(tx, question)
        if to_status == "escalated":
            ref = clean(escalation_ref, single_line=True, max_length=64).strip()
            if not ref:
                raise UsageError("err.questions.province_reference")
            question.escalation_ref = ref
        pauses_now, paused_before = _pauses(ws, to_status), _pauses(ws, before)
        if pauses_now and not paused_before:
            _pause(ws, tx, question)
        elif paused_before and not pauses_now:
            _resume(ws, tx, question)
        if to_status == "closed":
            question.closed_at = tx.now
        question.status = to_status
        question.version += 1
        _event(tx, question, "status", before, to_status, note or escalation_ref)
        tx.record("question.status", "question", question.id, before={"status": before},
                  after={"status": to_status, "note": note[:200]})
        return question_row(ws, tx.session, question, tx.now)


def resolve(ws: Workspace, actor: Actor, question_id: int, expected_version: int | None, *,
            answer: str, time_spent_minutes: int = 0,
            kb_article_ids: tuple[int, ...] = ()) -> QuestionRow:
    answer = clean(answer, max_length=20_000).strip()
    if not answer:
        raise UsageError("err.questions.answer_needed")
    if time_spent_minutes < 0:
        raise UsageError("err.questions.time_negative")
    with change(ws, actor) as tx:
        question = _load(tx, question_id, expected_version)
        if question.status not in OPEN_STATUSES:
            raise UsageError("err.questions.not_open",
                             number=question.number, status=t(f"status.{question.status}"))
        before = question.status
        _respond(tx, question)
        if _pauses(ws, before):
            _resume(ws, tx, question)
        _flush_breaches(tx, question)
        _keep_remaining(ws, tx, question)  # for a reopen; the deadline stays as evidence
        question.answer = answer
        question.resolved_at = tx.now
        question.status = "resolved"
        question.time_spent_minutes += time_spent_minutes
        question.version += 1
        for article_id in kb_article_ids:
            if tx.session.get(KbArticle, article_id) is None:
                raise UsageError("err.common.article_not_found", article_id=article_id)
            if tx.session.get(QuestionKbLink, (question.id, article_id)) is None:
                assert question.id is not None
                tx.session.add(QuestionKbLink(question_id=question.id, article_id=article_id))
        _event(tx, question, "resolved", before, "resolved", answer[:500])
        tx.record("question.resolve", "question", question.id, before={"status": before},
                  after={"status": "resolved", "time_spent_minutes": time_spent_minutes,
                         "kb_articles": list(kb_article_ids)})
        return question_row(ws, tx.session, question, tx.now)


def reopen(ws: Workspace, actor: Actor, question_id: int, expected_version: int,
           reason: str) -> QuestionRow:
    with change(ws, actor) as tx:
        question = _load(tx, question_id, expected_version)
        if question.status not in REOPENABLE_STATUSES:
            raise UsageError("err.questions.not_resolved", number=question.number)
        before = question.status
        question.resolved_at = question.closed_at = None
        question.status = "in_progress"
        question.resolve_due_at = question.resolve_risk_at = None
        _resume(ws, tx, question)
        question.version += 1
        _event(tx, question, "reopened", before, "in_progress", reason)
        tx.record("question.reopen", "question", question.id, before={"status": before},
                  after={"status": "in_progress", "reason": reason[:200]})
        _flush_breaches(tx, question)
        return question_row(ws, tx.session, question, tx.now)


def add_time(ws: Workspace, actor: Actor, question_id: int, minutes: int, note: str = ""
             ) -> QuestionRow:
    if minutes <= 0:
        raise UsageError("err.questions.minutes_positive")
    with change(ws, actor) as tx:
        question = _load(tx, question_id, None)
        question.time_spent_minutes += minutes
        question.version += 1
        _event(tx, question, "time", question.status, question.status, f"+{minutes}m {note}")
        tx.record("question.time", "question", question.id, after={"minutes": minutes})
        return question_row(ws, tx.session, question, tx.now)


def sweep_breaches(ws: Workspace) -> int:
    """Record breaches of open questions whose clocks ran out (the dashboard and CLI run it)."""
    return record_breaches(ws, unrecorded_breaches(ws))


def record_breaches(ws: Workspace, late: list[int]) -> int:
    """The breaches of these questions (listing.unrecorded_breaches found them)."""
    if not late:
        return 0
    with change(ws, SYSTEM) as tx:
        for question_id in late:
            question = tx.session.get(Question, question_id)
            if question is not None:
                _flush_breaches(tx, question)
    return len(late)


def question_row(ws: Workspace, session: Session, question: Question, now: datetime,
                 unit: str | None = None, assignee: str | None = None) -> QuestionRow:
    """One question as the lists show it (its SLA state as of `now`); for other services'
    views of questions, e.g. the handover draft."""
    if unit is None:
        found = session.get(Unit, question.unit_id) if question.unit_id else None
        unit = found.name if found else ""
    if assignee is None:
        staff = session.get(Staff, question.assignee_id) if question.assignee_id else None
        assignee = staff.name if staff else ""
    return listed(ws, now, tuple(getattr(question, name) for name in ROW_NAMES), unit,
                  assignee)


def get_question(ws: Workspace, actor: Actor, question_id: int) -> QuestionDetail:
    require(actor.role, "read", actor.login)
    now = ws.now()
    with ws.db.read() as session:
        question = session.get(Question, question_id)
        if question is None:
            raise NotFound("err.common.question_not_found", question_id=question_id)
        row = question_row(ws, session, question, now)
        events = [QuestionEventView(e.at, e.actor, e.kind, e.from_status, e.to_status, e.detail)
                  for e in session.exec(select(QuestionEvent).where(
                      col(QuestionEvent.question_id) == question_id).order_by(
                      col(QuestionEvent.at), col(QuestionEvent.id))).all()]
        articles = [(a.id, a.title) for a in session.exec(
            select(KbArticle).join(QuestionKbLink, col(QuestionKbLink.article_id) == KbArticle.id)
            .where(col(QuestionKbLink.question_id) == question_id)).all() if a.id is not None]
        trackers = [(t.number, t.kind, t.title) for t in session.exec(
            select(TrackerItem).where(col(TrackerItem.source_question_id) == question_id)).all()]
        detail = QuestionDetail(row, question.description, question.answer,
                                question.asker_phone, question.escalation_ref,
                                question.time_spent_minutes, question.unit_id, events, articles,
                                trackers)

    return QuestionDetail(**{**detail.__dict__, "sla_explanation": explain(ws, detail, now)})


def find_by_number(ws: Workspace, actor: Actor, number: str) -> int:
    require(actor.role, "read", actor.login)
    with ws.db.read() as session:
        found = session.exec(select(Question.id).where(col(Question.number) == number)).first()
    if found is None:
        # one code for a missing question, however it was asked for (by id or by number)
        raise NotFound("err.common.question_not_found", question_id=number)
    return found
