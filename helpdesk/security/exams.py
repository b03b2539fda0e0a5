"""Security and confidentiality exams (安全保密考核) and signed pledges: recorded by a manager,
and read by the roster, which refuses an engineer without a valid pass on the day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pendulum
from sqlmodel import Session, col, select

from helpdesk.actor import Actor
from helpdesk.config import Config
from helpdesk.errors import NotFound, UsageError
from helpdesk.i18n import t
from helpdesk.roles import can, require
from helpdesk.security.clearance import CLEARED, Clearance, ExamFact, Standing
from helpdesk.security.models import ConfidentialityPledge, SecurityExam
from helpdesk.services.workspace import Workspace, change
from helpdesk.storage.models import Staff
from helpdesk.text import clean


@dataclass(frozen=True)
class ExamView:
    id: int
    login: str
    name: str
    taken_on: date
    passed: bool
    score: int | None
    valid_until: date | None
    note: str
    recorded_by: str


@dataclass(frozen=True)
class ExamStanding:
    """One person's position today: the latest exam, the latest pledge and what they mean."""

    login: str
    name: str
    role: str
    latest: ExamView | None
    pledge_on: date | None
    state: str  # cleared | no_exam | failed | lapsed
    since: date | None
    until: date | None
    days_left: int | None  # days from today to the pass's last valid day
    warn: bool  # lapsed, failed, missing, or ending within the warning period

    @property
    def cleared(self) -> bool:
        return self.state == CLEARED

    def reason(self) -> str:
        return standing_reason(Standing(self.state, self.since, self.until))


def standing_reason(standing: Standing) -> str:
    """Why someone is (not) cleared, in the UI's language."""
    if standing.state == CLEARED and standing.until is None:
        return t("security.state_cleared_open")
    return t(f"security.state_{standing.state}", since=standing.since, until=standing.until)


def add_months(day: date, months: int) -> date:
    """Calendar months later; the 31st clamps to a shorter month's end (pendulum)."""
    later = pendulum.date(day.year, day.month, day.day).add(months=months)
    return date(later.year, later.month, later.day)


def default_valid_until(config: Config, taken_on: date) -> date:
    """A pass holds `exam_valid_months` from the exam day: 2026-01-10 + 12 months is valid to
    2027-01-09 inclusive."""
    return add_months(taken_on, config.security.exam_valid_months) - timedelta(days=1)


def load_clearance(session: Session, config: Config) -> Clearance:
    rows = session.exec(select(SecurityExam)).all()
    return Clearance((ExamFact(r.staff_id, r.taken_on, r.passed, r.valid_until) for r in rows),
                     required=config.security.exam_required)


def require_cleared(ws: Workspace, session: Session, staff: Staff, day: date) -> None:
    """Refuse putting `staff` on duty on `day` without a valid pass, naming the reason."""
    assert staff.id is not None
    standing = load_clearance(session, ws.config).standing(staff.id, day)
    if not standing.cleared:
        raise UsageError("err.security.not_cleared", name=staff.name, day=day,
                         reason=standing_reason(standing))


def _staff(session: Session, login: str) -> Staff:
    staff = session.exec(select(Staff).where(col(Staff.login) == login)).first()
    if staff is None:
        raise NotFound("err.common.staff_not_found", login=login)
    return staff


def _view(exam: SecurityExam, staff: Staff) -> ExamView:
    assert exam.id is not None
    return ExamView(exam.id, staff.login, staff.name, exam.taken_on, exam.passed, exam.score,
                    exam.valid_until, exam.note, exam.recorded_by)


def record_exam(ws: Workspace, actor: Actor, login: str, taken_on: date, *, passed: bool,
                score: int | None = None, valid_until: date | None = None,
                note: str = "") -> ExamView:
    today = ws.now().astimezone(ws.hours.zone).date()
    if taken_on > today:
        raise UsageError("err.security.exam_in_future", day=taken_on)
    if score is not None and not 0 <= score <= 100:
        raise UsageError("err.security.score", score=score)
    if not passed and valid_until is not None:
        raise UsageError("err.security.valid_until_for_fail")
    if passed:
        valid_until = valid_until or default_valid_until(ws.config, taken_on)
        if valid_until < taken_on:
            raise UsageError("err.security.valid_until_backwards", until=valid_until,
                             day=taken_on)
    with change(ws, actor, "manage_staff") as tx:
        staff = _staff(tx.session, login)
        assert staff.id is not None
        exam = SecurityExam(staff_id=staff.id, taken_on=taken_on, passed=passed, score=score,
                            valid_until=valid_until,
                            note=clean(note, single_line=True, max_length=200),
                            recorded_by=actor.login, recorded_at=tx.now)
        tx.session.add(exam)
        tx.session.flush()
        tx.record("security.exam", "security_exam", exam.id, after={
            "login": login, "taken_on": taken_on.isoformat(), "passed": passed, "score": score,
            "valid_until": valid_until.isoformat() if valid_until else None})
        return _view(exam, staff)


def record_pledge(ws: Workspace, actor: Actor, login: str, signed_on: date) -> date:
    today = ws.now().astimezone(ws.hours.zone).date()
    if signed_on > today:
        raise UsageError("err.security.pledge_in_future", day=signed_on)
    with change(ws, actor, "manage_staff") as tx:
        staff = _staff(tx.session, login)
        assert staff.id is not None
        pledge = ConfidentialityPledge(staff_id=staff.id, signed_on=signed_on,
                                       recorded_by=actor.login, recorded_at=tx.now)
        tx.session.add(pledge)
        tx.session.flush()
        tx.record("security.pledge", "confidentiality_pledge", pledge.id,
                  after={"login": login, "signed_on": signed_on.isoformat()})
    return signed_on


def exam_history(ws: Workspace, actor: Actor, login: str) -> list[ExamView]:
    """Every exam of one person, newest first."""
    require(actor.role, "read", actor.login)
    with ws.db.read() as session:
        staff = _staff(session, login)
        rows = session.exec(select(SecurityExam).where(col(SecurityExam.staff_id) == staff.id)
                            .order_by(col(SecurityExam.taken_on).desc(),
                                      col(SecurityExam.id).desc())).all()
        return [_view(row, staff) for row in rows]


def exam_standings(ws: Workspace, actor: Actor, on: date | None = None) -> list[ExamStanding]:
    """Every active person who may be put on duty, with their standing on `on` (today)."""
    require(actor.role, "read", actor.login)
    day = on or ws.now().astimezone(ws.hours.zone).date()
    roles = ws.config.roster.roles_on_duty
    with ws.db.read() as session:
        people = session.exec(select(Staff).where(col(Staff.active), col(Staff.role).in_(roles))
                              .order_by(col(Staff.login))).all()
        exams = session.exec(select(SecurityExam).where(col(SecurityExam.taken_on) <= day)
                             .order_by(col(SecurityExam.taken_on), col(SecurityExam.id))).all()
        pledges = session.exec(select(ConfidentialityPledge)
                               .where(col(ConfidentialityPledge.signed_on) <= day)
                               .order_by(col(ConfidentialityPledge.signed_on))).all()
        latest = {exam.staff_id: exam for exam in exams}
        pledged = {pledge.staff_id: pledge.signed_on for pledge in pledges}
        clearance = Clearance((ExamFact(e.staff_id, e.taken_on, e.passed, e.valid_until)
                               for e in exams), required=ws.config.security.exam_required)
        result = []
        for person in people:
            assert person.id is not None
            standing = clearance.standing(person.id, day)
            exam = latest.get(person.id)
            left = (standing.until - day).days if standing.until is not None else None
            warn = standing.state != CLEARED or (
                left is not None and left < ws.config.security.exam_warn_days)
            result.append(ExamStanding(
                person.login, person.name, person.role,
                _view(exam, person) if exam is not None else None, pledged.get(person.id),
                standing.state, standing.since, standing.until, left, warn))
        return result


def exam_warnings(ws: Workspace, actor: Actor) -> list[ExamStanding]:
    """What Today shows: a manager sees everyone's coming or past expiry; others their own."""
    rows = [row for row in exam_standings(ws, actor) if row.warn]
    if can(actor.role, "manage_staff"):
        return rows
    return [row for row in rows if row.login == actor.login]
