"""Training sessions (培训服务): plan on a working day (a holiday or rest day is refused with
its reason; a make-up Saturday is a working day), warn outside office hours, record held or
cancelled, list a page at a time, and the twice-a-year obligation."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlmodel import Session, col, func, select

from helpdesk import resources
from helpdesk.actor import Actor
from helpdesk.calendar.hours import utc
from helpdesk.errors import NotFound, StaleEdit, UsageError
from helpdesk.i18n import current_locale, joined, t
from helpdesk.roles import require
from helpdesk.services.service_years import contract_terms
from helpdesk.services.workspace import Change, Workspace, change
from helpdesk.storage.models import Unit
from helpdesk.text import clean
from helpdesk.training.curriculum import KINDS, Course, load_curriculum
from helpdesk.training.models import (
    TrainingAttendee,
    TrainingEvaluation,
    TrainingSession,
)
from helpdesk.training.obligation import HeldOrPlanned, Obligation, obligation

STATUSES = ("planned", "held", "cancelled")
ATTENDANCE = ("invited", "signed_in", "absent")
# Which status may follow which: held and cancelled can be undone to planned (a correction).
MOVES = {"planned": ("held", "cancelled"), "held": ("planned",), "cancelled": ("planned",)}


@dataclass(frozen=True)
class ContentItem:
    item: str
    curriculum: bool  # from the contract's curriculum (else a free item)


@dataclass(frozen=True)
class SessionView:
    id: int
    kind: str
    title: str
    starts_at: datetime  # UTC
    minutes: int
    place: str
    trainer: str
    contents: tuple[ContentItem, ...]
    invited_units: tuple[tuple[int, str], ...]  # (unit id, name)
    status: str
    cancel_reason: str
    materials: str
    version: int
    invited: int = 0
    signed_in: int = 0
    absent: int = 0
    responses: int = 0

    @property
    def attendees(self) -> int:
        return self.invited + self.signed_in + self.absent


@dataclass(frozen=True)
class SessionSaved:
    session: SessionView
    warnings: tuple[str, ...]  # e.g. outside office hours


def curriculum(ws: Workspace) -> dict[str, Course]:
    """The configured file, else the one shipped in the package."""
    configured = ws.config.training.curriculum_file
    return load_curriculum(ws.config.resolve_path(configured) if configured
                           else resources.path("curriculum.toml"))


def kind_title(ws: Workspace, kind: str) -> str:
    return curriculum(ws)[kind].title(current_locale())


def _unit_ids(row: TrainingSession) -> list[int]:
    return [int(u) for u in json.loads(row.invited_units or "[]")]


def _unit_names(session: Session, rows: Sequence[TrainingSession]) -> dict[int, str]:
    """Names of the units invited to any of `rows`, in one query."""
    ids = {u for row in rows for u in _unit_ids(row)}
    return {u.id: u.name for u in session.exec(select(Unit).where(col(Unit.id).in_(ids))).all()
            if u.id is not None} if ids else {}


def _view(session: Session, row: TrainingSession, counts: dict[str, int] | None = None,
          responses: int = 0, names: dict[int, str] | None = None) -> SessionView:
    assert row.id is not None
    unit_ids = _unit_ids(row)
    names = _unit_names(session, [row]) if names is None else names
    counts = counts or {}
    return SessionView(
        row.id, row.kind, row.title, row.starts_at, row.minutes, row.place, row.trainer,
        tuple(ContentItem(str(c["item"]), bool(c.get("curriculum")))
              for c in json.loads(row.contents or "[]")),
        tuple((u, names.get(u, f"#{u}")) for u in unit_ids), row.status, row.cancel_reason,
        row.materials, row.version, counts.get("invited", 0), counts.get("signed_in", 0),
        counts.get("absent", 0), responses)


def _counts(session: Session, ids: Sequence[int]) -> tuple[dict[int, dict[str, int]],
                                                            dict[int, int]]:
    if not ids:
        return {}, {}
    attendance: dict[int, dict[str, int]] = {}
    for session_id, state, count in session.exec(
            select(TrainingAttendee.session_id, TrainingAttendee.attendance, func.count())
            .where(col(TrainingAttendee.session_id).in_(ids))
            .group_by(col(TrainingAttendee.session_id), col(TrainingAttendee.attendance))).all():
        attendance.setdefault(session_id, {})[state] = count
    responses = dict(session.exec(
        select(TrainingEvaluation.session_id, func.count())
        .where(col(TrainingEvaluation.session_id).in_(ids))
        .group_by(col(TrainingEvaluation.session_id))).all())
    return attendance, responses


def check_slot(ws: Workspace, day: date, start: time, minutes: int) -> list[str]:
    """Refuse a day that is not a working day (with the calendar's reason); return warnings
    for a time outside office hours."""
    info = ws.calendar.day(day)
    if not info.is_working:
        raise UsageError("err.training.not_working_day",
                         day=day, value=info.reason(), value2=info.reason('en'))
    end = (datetime.combine(day, start) + timedelta(minutes=minutes)).time()
    within = any(begin <= start and (end <= finish and end > start)
                 for begin, finish in ws.config.office_hours.periods)
    if within:
        return []
    periods = joined(
        f"{b:%H:%M}-{f:%H:%M}" for b, f in ws.config.office_hours.periods)
    return [f"{start:%H:%M}-{end:%H:%M} 不在办公时间内（{periods}）/ outside office hours"]


def _contents(ws: Workspace, kind: str, items: Sequence[str] | None) -> str:
    course = curriculum(ws)[kind]
    chosen = list(course.contents) if items is None else [
        clean(i, single_line=True, max_length=200).strip() for i in items]
    chosen = list(dict.fromkeys(i for i in chosen if i))
    return json.dumps([{"item": i, "curriculum": i in course.contents} for i in chosen],
                      ensure_ascii=False)


def _units(session: Session, unit_ids: Sequence[int]) -> str:
    ids = list(dict.fromkeys(int(u) for u in unit_ids))
    known = set(session.exec(select(Unit.id).where(col(Unit.id).in_(ids))).all()) if ids \
        else set()
    missing = [u for u in ids if u not in known]
    if missing:
        raise UsageError("err.training.unit_not_found", missing=', '.join(map(str, missing)))
    return json.dumps(ids)


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise UsageError("err.training.kind", kind=kind, kinds=', '.join(KINDS))


def plan_session(ws: Workspace, actor: Actor, *, kind: str, day: date, start: time,
                 place: str, trainer: str = "", title: str = "", minutes: int | None = None,
                 contents: Sequence[str] | None = None, invited_unit_ids: Sequence[int] = (),
                 materials: str = "") -> SessionSaved:
    """Plan a session; `contents` None means the kind's whole curriculum."""
    _check_kind(kind)
    minutes = minutes or ws.config.training.default_minutes
    if not 15 <= minutes <= 8 * 60:
        raise UsageError("err.training.length")
    place = clean(place, single_line=True, max_length=200).strip()
    if not place:
        raise UsageError("err.training.place_empty")
    warnings = check_slot(ws, day, start, minutes)
    title = clean(title, single_line=True, max_length=200).strip() or \
        f"{curriculum(ws)[kind].title_zh} {day:%Y-%m-%d}"
    with change(ws, actor) as tx:
        row = TrainingSession(
            kind=kind, title=title, starts_at=_instant(ws, day, start), minutes=minutes,
            place=place, trainer=clean(trainer, single_line=True, max_length=64).strip(),
            contents=_contents(ws, kind, contents),
            invited_units=_units(tx.session, invited_unit_ids),
            materials=clean(materials, max_length=4000).strip(), created_by=actor.login,
            created_at=tx.now, updated_at=tx.now)
        tx.session.add(row)
        tx.session.flush()
        tx.record("training.plan", "training_session", row.id, after=_audit(row))
        return SessionSaved(_view(tx.session, row), tuple(warnings))


def _instant(ws: Workspace, day: date, start: time) -> datetime:
    return utc(datetime.combine(day, start, tzinfo=ws.hours.zone))


def _audit(row: TrainingSession) -> dict[str, object]:
    return {"kind": row.kind, "title": row.title, "starts_at": row.starts_at.isoformat(),
            "place": row.place, "trainer": row.trainer, "status": row.status}


def session_row(session: Session, session_id: int) -> TrainingSession:
    row = session.get(TrainingSession, session_id)
    if row is None:
        raise NotFound("err.training.not_found", session_id=session_id)
    return row


def _load(tx: Change, session_id: int, expected_version: int | None) -> TrainingSession:
    row = session_row(tx.session, session_id)
    if expected_version is not None and row.version != expected_version:
        raise StaleEdit("err.training.stale")
    return row


def update_session(ws: Workspace, actor: Actor, session_id: int, expected_version: int, *,
                   kind: str, day: date, start: time, place: str, trainer: str, title: str,
                   minutes: int, contents: Sequence[str], invited_unit_ids: Sequence[int],
                   materials: str) -> SessionSaved:
    _check_kind(kind)
    place = clean(place, single_line=True, max_length=200).strip()
    if not place:
        raise UsageError("err.training.place_empty")
    if not 15 <= minutes <= 8 * 60:
        raise UsageError("err.training.length")
    warnings = check_slot(ws, day, start, minutes)
    with change(ws, actor) as tx:
        row = _load(tx, session_id, expected_version)
        before = _audit(row)
        row.kind, row.starts_at, row.minutes, row.place = kind, _instant(ws, day, start), \
            minutes, place
        row.trainer = clean(trainer, single_line=True, max_length=64).strip()
        row.title = clean(title, single_line=True, max_length=200).strip() or row.title
        row.contents = _contents(ws, kind, contents)
        row.invited_units = _units(tx.session, invited_unit_ids)
        row.materials = clean(materials, max_length=4000).strip()
        row.updated_at, row.version = tx.now, row.version + 1
        tx.session.flush()
        tx.record("training.edit", "training_session", row.id, before=before, after=_audit(row))
        return SessionSaved(_view(tx.session, row), tuple(warnings))


def set_status(ws: Workspace, actor: Actor, session_id: int, expected_version: int | None,
               status: str, reason: str = "") -> SessionView:
    if status not in STATUSES:
        raise UsageError("err.training.status", status=status, statuses=', '.join(STATUSES))
    reason = clean(reason, single_line=True, max_length=200).strip()
    with change(ws, actor) as tx:
        row = _load(tx, session_id, expected_version)
        if status not in MOVES[row.status]:
            raise UsageError("err.training.bad_transition",
                             status=t(f"training.status_{row.status}"),
                             status2=t(f"training.status_{status}"))
        if status == "cancelled" and not reason:
            raise UsageError("err.training.cancel_reason")
        if status == "held" and row.starts_at > tx.now:
            raise UsageError("err.training.not_started")
        before = {"status": row.status}
        row.status, row.cancel_reason = status, reason if status == "cancelled" else ""
        row.updated_at, row.version = tx.now, row.version + 1
        tx.session.flush()
        tx.record(f"training.{status}", "training_session", row.id, before=before,
                  after={"status": status, "reason": reason})
        return _view(tx.session, row)


def get_session(ws: Workspace, actor: Actor, session_id: int) -> SessionView:
    require(actor.role, "read", actor.login)
    with ws.db.read() as session:
        row = session_row(session, session_id)
        attendance, responses = _counts(session, [session_id])
        return _view(session, row, attendance.get(session_id), responses.get(session_id, 0))


def list_sessions(ws: Workspace, actor: Actor, *, year: int | None = None,
                  after: tuple[datetime, int] | None = None, limit: int = 100
                  ) -> list[SessionView]:
    """Newest first; `year` is the calendar year of the session date (local time)."""
    require(actor.role, "read", actor.login)
    query = select(TrainingSession)
    if year is not None:
        query = query.where(col(TrainingSession.starts_at) >= _instant(ws, date(year, 1, 1),
                                                                        time(0)),
                            col(TrainingSession.starts_at) < _instant(ws, date(year + 1, 1, 1),
                                                                       time(0)))
    if after is not None:
        at, last_id = after
        query = query.where((col(TrainingSession.starts_at) < at)
                            | ((col(TrainingSession.starts_at) == at)
                               & (col(TrainingSession.id) < last_id)))
    query = query.order_by(col(TrainingSession.starts_at).desc(),
                           col(TrainingSession.id).desc()).limit(limit)
    with ws.db.read() as session:
        rows = session.exec(query).all()
        attendance, responses = _counts(session, [r.id for r in rows if r.id is not None])
        names = _unit_names(session, rows)
        return [_view(session, r, attendance.get(r.id or 0), responses.get(r.id or 0, 0),
                      names) for r in rows]


def training_obligation(ws: Workspace, actor: Actor, today: date | None = None) -> Obligation:
    """Sessions held in the contract year holding `today` against `trainings_per_year`."""
    require(actor.role, "read", actor.login)
    today = today or ws.now().astimezone(ws.hours.zone).date()
    contract = contract_terms(ws, today)
    with ws.db.read() as session:
        rows = session.exec(select(TrainingSession).where(
            col(TrainingSession.status) != "cancelled",
            col(TrainingSession.starts_at) >= _instant(ws, contract.start, time(0)),
            col(TrainingSession.starts_at) < _instant(ws, contract.end + timedelta(days=1),
                                                       time(0)))).all()
        sessions = [HeldOrPlanned(r.id or 0, r.starts_at.astimezone(ws.hours.zone).date(),
                                  r.status) for r in rows]
    return obligation(contract.start, contract.end, contract.trainings_per_year, sessions,
                      today, ws.config.training.remind_weeks_before_due * 7)
