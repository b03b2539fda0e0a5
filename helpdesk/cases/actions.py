"""Tracked petition cases: manual entry, validated stage changes, extension, the next statutory
deadline, and personal data masked unless an authorised user unmasks it with a reason."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import or_, tuple_
from sqlalchemy import select as select_columns
from sqlalchemy import text as sa_text
from sqlmodel import col, select

from helpdesk.actor import Actor
from helpdesk.cases.deadlines import handling_deadline, rereview_deadline, step_deadline
from helpdesk.cases.idcard import check_id_number
from helpdesk.cases.models import CaseEvent, NewCase, PetitionCase, Urging
from helpdesk.cases.proxy_views import list_proxy
from helpdesk.cases.step_deadlines import set_step_deadlines
from helpdesk.errors import HelpdeskError, NotFound, StaleEdit, UsageError
from helpdesk.i18n import current_locale, t
from helpdesk.masking import mask_id_number, mask_name, mask_phone
from helpdesk.roles import require
from helpdesk.services.workspace import Change, Workspace, change
from helpdesk.storage.like import fts_phrase, like_pattern
from helpdesk.storage.models import Unit
from helpdesk.text import clean
from helpdesk.vocab import CASE_CHANNELS

if TYPE_CHECKING:
    from helpdesk.cases.proxy_views import ProxyView

CASE_NUMBER_LIKE = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*")
RATINGS = ("satisfied", "basically", "dissatisfied", "expired")
# stage -> (the date column it sets, the stages it may follow)
STAGES: dict[str, tuple[str, tuple[str, ...]]] = {
    "registered": ("registered_on", ()),
    "transferred": ("transferred_on", ("registered",)),
    "accepted": ("accepted_on", ("transferred",)),
    "objected": ("objected_on", ("transferred",)),
    "replied": ("replied_on", ("accepted",)),
    "rated": ("rated_on", ("replied",)),
    "revisited": ("revisited_on", ("replied", "rated")),
    "review_requested": ("review_requested_on", ("replied", "rated", "revisited")),
    "reviewed": ("reviewed_on", ("review_requested",)),
    "rereview_requested": ("rereview_requested_on", ("reviewed",)),
    "rereviewed": ("rereviewed_on", ("rereview_requested",)),
    "closed": ("closed_on", ("objected", "replied", "rated", "revisited", "reviewed",
                             "rereviewed")),
}
# stage reached -> (next statutory step, the date column that starts its clock)
NEXT_STEP: dict[str, tuple[str, str]] = {
    "registered": ("transfer", "registered_on"),
    "transferred": ("accept_notice", "received_on"),
    "accepted": ("handling", "accepted_on"),
    "review_requested": ("review", "review_requested_on"),
    "rereview_requested": ("rereview", "rereview_requested_on"),
}


@dataclass(frozen=True)
class CaseView:
    id: int
    case_number: str
    registered_on: date
    channel: str
    petitioner: str  # masked unless unmasked
    id_number: str
    phone: str
    subject: str
    unit_id: int | None
    stage: str
    supervised: bool
    extension_days: int
    rating: str
    next_step: str
    next_due: date | None  # the earliest possible day while provisional
    id_legacy: bool
    version: int
    due_provisional: bool = False
    next_due_expected: date | None = None
    objection_due: date | None = None


# What a case view needs, read as plain columns by the lists (no ORM object, no summary text),
# in the order _listed unpacks them.
VIEW_COLUMNS = tuple(getattr(PetitionCase, name) for name in (
    "id", "case_number", "registered_on", "channel", "petitioner_name", "id_number", "phone",
    "subject", "unit_id", "stage", "supervised", "extension_days", "rating", "next_step",
    "next_due", "version", "due_provisional", "next_due_expected", "objection_due"))


def _view(case: PetitionCase, *, masked: bool = True) -> CaseView:
    assert case.id is not None
    return _listed((case.id, case.case_number, case.registered_on, case.channel,
                    case.petitioner_name, case.id_number, case.phone, case.subject, case.unit_id,
                    case.stage, case.supervised, case.extension_days, case.rating,
                    case.next_step, case.next_due, case.version, case.due_provisional,
                    case.next_due_expected, case.objection_due), masked=masked)


def _listed(values: Sequence[Any], *, masked: bool = True) -> CaseView:
    """A row of VIEW_COLUMNS as the screens show it (positional: a list reads 100 at once)."""
    (case_id, number, registered_on, channel, name, id_number, phone, subject, unit_id, stage,
     supervised, extension_days, rating, next_step, next_due, version, provisional, expected,
     objection_due) = values
    return CaseView(
        case_id, number, registered_on, channel, mask_name(name) if masked else name,
        mask_id_number(id_number) if masked else id_number,
        mask_phone(phone) if masked else phone, subject, unit_id, stage, bool(supervised),
        extension_days, rating, next_step, next_due, len(id_number) == 15, version,
        bool(provisional), expected, objection_due)


def _today(ws: Workspace) -> date:
    return ws.now().astimezone(ws.hours.zone).date()


def schedule_next_step(ws: Workspace, case: PetitionCase | NewCase) -> None:
    """Recompute the next statutory step and its deadline from the stage reached, and the
    objection window while a transferred case waits for acceptance; and the step deadlines
    the rates judge by."""
    set_step_deadlines(ws, case)
    rules = ws.config.deadlines
    case.objection_due = None
    if case.stage == "transferred" and case.received_on is not None:
        case.objection_due = step_deadline(ws.calendar, rules, "objection",
                                           case.received_on).deadline
    found = NEXT_STEP.get(case.stage)
    case.next_step, case.next_due, case.next_due_expected = "", None, None
    case.due_provisional = False
    if found is None:
        return
    step, column = found
    start = getattr(case, column)
    if start is None:
        return
    if step == "handling":
        extensions = (case.extension_days,) if case.extension_days else ()
        result = handling_deadline(ws.calendar, rules, start, extensions)
    elif step == "rereview":
        result = rereview_deadline(ws.calendar, rules, start, case.hearing_days)
    else:
        result = step_deadline(ws.calendar, rules, step, start)
    case.next_step, case.next_due = step, result.deadline
    case.due_provisional = result.provisional
    case.next_due_expected = result.expected_day if result.provisional else None


def add_case(ws: Workspace, actor: Actor, *, case_number: str, registered_on: date,
             channel: str, subject: str, petitioner_name: str = "", id_number: str = "",
             phone: str = "", summary: str = "", unit_id: int | None = None,
             category: str = "") -> CaseView:
    number = clean(case_number, single_line=True, max_length=40).strip()
    subject = clean(subject, single_line=True, max_length=200).strip()
    if not number or not subject:
        raise UsageError("err.cases.number_subject_required")
    if channel not in CASE_CHANNELS:
        raise UsageError("err.cases.channel",
                         channel=channel, case_channels=', '.join(CASE_CHANNELS))
    today = _today(ws)
    if registered_on > today:
        raise UsageError("err.cases.registered_future")
    id_number = id_number.strip().upper()
    if id_number:
        checked = check_id_number(id_number, today)
        if not checked.valid:
            raise UsageError("err.cases.bad_id_card", problem=checked.problem)
    with change(ws, actor) as tx:
        if tx.session.exec(select(PetitionCase.id).where(
                col(PetitionCase.case_number) == number)).first() is not None:
            raise UsageError("err.cases.duplicate", number=number)
        case = PetitionCase(
            case_number=number, registered_on=registered_on, channel=channel, subject=subject,
            petitioner_name=clean(petitioner_name, single_line=True, max_length=64).strip(),
            id_number=id_number, phone=clean(phone, single_line=True, max_length=32).strip(),
            summary=clean(summary, max_length=20_000), unit_id=unit_id,
            category=clean(category, single_line=True, max_length=32), stage="registered",
            created_at=tx.now, created_by=actor.login)
        schedule_next_step(ws, case)
        tx.session.add(case)
        tx.session.flush()
        _event(tx, case, "registered", "registered", registered_on, subject)
        # Personal data never goes into the audit log in clear.
        tx.record("case.add", "petition_case", case.id,
                  after={"case_number": number, "petitioner": mask_name(case.petitioner_name)})
        return _view(case)


def _event(tx: Change, case: PetitionCase, kind: str, stage: str, on_date: date | None,
           detail: str = "") -> None:
    assert case.id is not None
    tx.session.add(CaseEvent(case_id=case.id, at=tx.now, actor=tx.actor.login, kind=kind,
                             stage=stage, on_date=on_date, detail=clean(detail,
                                                                        max_length=2000)))


def _load(tx: Change, case_id: int, expected_version: int | None) -> PetitionCase:
    case = tx.session.get(PetitionCase, case_id)
    if case is None:
        raise NotFound("err.cases.not_found", case_id=case_id)
    if expected_version is not None and case.version != expected_version:
        raise StaleEdit("err.cases.stale", case_number=case.case_number)
    return case


# A review (复查) is requested within 30 days of the written reply, a re-review (复核) within 30
# days of the review's opinion (信访条例 Art. 35): the request, the day its window opened.
LATE_WINDOWS = {"review_requested": ("review_request", "replied_on"),
                "rereview_requested": ("rereview_request", "reviewed_on")}


def _outside_window(ws: Workspace, case: PetitionCase, stage: str, on_date: date
                    ) -> date | None:
    """The last day of the request's window when `on_date` is past it, else None."""
    if stage not in LATE_WINDOWS:
        return None
    step, column = LATE_WINDOWS[stage]
    opened = getattr(case, column)
    if opened is None:
        return None
    last = step_deadline(ws.calendar, ws.config.deadlines, step, opened).deadline
    return last if on_date > last else None


def advance(ws: Workspace, actor: Actor, case_id: int, expected_version: int, stage: str,
            on_date: date, *, rating: str = "", note: str = "",
            late_ground: str = "") -> CaseView:
    """Record that the case reached `stage` on `on_date` (validated order and dates). A review
    or re-review requested after its statutory window is refused unless a manager records the
    legal ground for accepting it late (`late_ground`, e.g. 不可抗力 with the reason)."""
    late_ground = clean(late_ground, single_line=True, max_length=200).strip()
    if stage not in STAGES or stage == "registered":
        raise UsageError("err.cases.stage", stage=stage, items=', '.join(list(STAGES)[1:]))
    if on_date > _today(ws):
        raise UsageError("err.cases.date_future")
    if stage == "rated" and rating not in RATINGS:
        raise UsageError("err.cases.rating", rating=rating, ratings=', '.join(RATINGS))
    with change(ws, actor) as tx:
        case = _load(tx, case_id, expected_version)
        column, follows = STAGES[stage]
        if case.stage not in follows:
            raise UsageError("err.cases.bad_stage_step",
                             case_number=case.case_number, stage=t(f"cases.stage_{case.stage}"),
                             stage2=t(f"cases.stage_{stage}"))
        previous = getattr(case, STAGES[case.stage][0])
        if previous is not None and on_date < previous:
            raise UsageError("err.cases.date_before_previous", previous=previous)
        window_end = _outside_window(ws, case, stage, on_date)
        if window_end is not None:
            if not late_ground:
                raise UsageError("err.cases.request_late", stage=t(f"cases.stage_{stage}"),
                                 day=on_date, last=window_end)
            require(actor.role, "late_request", actor.login)
            note = " ".join(filter(None, (t("cases.late_ground", ground=late_ground), note)))
        setattr(case, column, on_date)
        if stage == "transferred":
            case.received_on = on_date
        if stage == "rated":
            case.rating = rating
        before = case.stage
        case.stage = stage
        schedule_next_step(ws, case)
        case.version += 1
        _event(tx, case, "stage", stage, on_date, note)
        tx.record("case.stage", "petition_case", case.id, before={"stage": before},
                  after={"stage": stage, "on": on_date.isoformat(),
                         **({"late_ground": late_ground} if window_end else {})})
        return _view(case)


def extend(ws: Workspace, actor: Actor, case_id: int, expected_version: int, days: int,
           approved_on: date, reason: str) -> CaseView:
    """延期: once, within the configured limit; the petitioner must be told why."""
    if not reason.strip():
        raise UsageError("err.cases.extension_reason")
    if approved_on > _today(ws):
        raise UsageError("err.cases.extension_future", day=approved_on)
    with change(ws, actor) as tx:
        case = _load(tx, case_id, expected_version)
        if case.stage != "accepted" or case.accepted_on is None:
            raise UsageError("err.cases.extend_not_handling")
        if case.extension_days:
            raise UsageError("err.cases.already_extended")
        # Art. 34: an extension is approved within the period it extends, never after it.
        due = handling_deadline(ws.calendar, ws.config.deadlines, case.accepted_on).deadline
        if not case.accepted_on <= approved_on <= due:
            raise UsageError("err.cases.extension_late", day=approved_on,
                             accepted=case.accepted_on, due=due)
        handling_deadline(ws.calendar, ws.config.deadlines, case.accepted_on, (days,))
        case.extension_days, case.extension_approved_on = days, approved_on
        schedule_next_step(ws, case)
        case.version += 1
        _event(tx, case, "extended", case.stage, approved_on, f"+{days} {reason}")
        tx.record("case.extend", "petition_case", case.id,
                  after={"days": days, "approved_on": approved_on.isoformat()})
        return _view(case)


def record_hearing(ws: Workspace, actor: Actor, case_id: int, expected_version: int,
                   start: date, end: date, note: str = "") -> CaseView:
    """听证 held during the 复核 (Art. 36): its days, first to last inclusive, are not counted
    in the 复核 period, so its deadline moves by them. Only while the 复核 runs, on days from
    the request to today and starting within the period as it stood."""
    if end < start:
        raise UsageError("err.cases.hearing_backwards", start=start, end=end)
    if end > _today(ws):
        raise UsageError("err.cases.hearing_future", day=end)
    with change(ws, actor) as tx:
        case = _load(tx, case_id, expected_version)
        if case.stage != "rereview_requested" or case.rereview_requested_on is None:
            raise UsageError("err.cases.hearing_stage")
        due = rereview_deadline(ws.calendar, ws.config.deadlines, case.rereview_requested_on,
                                case.hearing_days).deadline
        if not case.rereview_requested_on <= start <= due:
            raise UsageError("err.cases.hearing_outside", start=start,
                             requested=case.rereview_requested_on, due=due)
        days = (end - start).days + 1
        case.hearing_days += days
        schedule_next_step(ws, case)
        case.version += 1
        text = clean(note, single_line=True, max_length=200).strip()
        _event(tx, case, "hearing", case.stage, end, f"{start}..{end} +{days} {text}".strip())
        tx.record("case.hearing", "petition_case", case.id,
                  after={"from": start.isoformat(), "to": end.isoformat(), "days": days,
                         "hearing_days": case.hearing_days})
        return _view(case)


def get_case(ws: Workspace, actor: Actor, case_id: int) -> CaseView:
    require(actor.role, "read", actor.login)
    with ws.db.read() as session:
        case = session.get(PetitionCase, case_id)
        if case is None:
            raise NotFound("err.cases.not_found", case_id=case_id)
        return _view(case)


def unmask(ws: Workspace, actor: Actor, case_id: int, reason: str) -> CaseView:
    """The petitioner's data in clear, for one case, with a typed reason; audited."""
    require(actor.role, "unmask", actor.login)
    reason = clean(reason, single_line=True, max_length=200).strip()
    if not reason:
        raise UsageError("err.cases.unmask_reason")
    with change(ws, actor, "unmask") as tx:
        case = _load(tx, case_id, None)
        tx.record("case.unmask", "petition_case", case.id, after={"reason": reason})
        return _view(case, masked=False)


def find_case(ws: Workspace, actor: Actor, case_number: str) -> CaseView:
    require(actor.role, "read", actor.login)
    with ws.db.read() as session:
        case = session.exec(select(PetitionCase).where(
            col(PetitionCase.case_number) == case_number.strip())).first()
        if case is None:
            raise NotFound("err.cases.number_not_found", case_number=case_number)
        return _view(case)


def list_cases(ws: Workspace, actor: Actor, *, search: str = "", unit_id: int | None = None,
               after: tuple[date, int] | None = None, limit: int = 100) -> list[CaseView]:
    """One keyset page, newest registration first. A search that looks like a case number
    (letters, digits, dashes) is an exact or prefix match on the number's index; anything
    else, or a number-like search that matches no number (a tail such as "2845"), matches the
    subject or the number anywhere."""

    require(actor.role, "read", actor.login)
    text = clean(search, single_line=True, max_length=100).strip()
    c = PetitionCase

    def page(condition: Any | None) -> list[CaseView]:
        query = select_columns(*VIEW_COLUMNS).order_by(col(c.registered_on).desc(),
                                                       col(c.id).desc()).limit(limit)
        if unit_id is not None:
            query = query.where(col(c.unit_id) == unit_id)
        if condition is not None:
            query = query.where(condition)
        if after is not None:
            query = query.where(tuple_(col(c.registered_on), col(c.id))
                                < tuple_(after[0], after[1]))
        with ws.db.read() as session:
            rows = session.connection().execute(query).all()
        return [_listed(row) for row in rows]

    if not text:
        return page(None)
    number_like = CASE_NUMBER_LIKE.fullmatch(text) is not None
    if number_like:
        # A range on the unique index: the same on SQLite and PostgreSQL, whatever LIKE does.
        found = page((col(c.case_number) >= text) & (col(c.case_number) < text + "\U0010ffff"))
        if found or after is not None:
            return found
    return page(_words(ws, text, number_like))


# A word in more cases than this is found sooner by reading the newest cases until a page is
# full (its hits are dense) than by collecting every match from the index and sorting them.
FTS_PROBE = 5000


def _words(ws: Workspace, text: str, number_like: bool) -> Any:
    """The subject (or the number, for text that can be part of one) containing `text`,
    shaped for an index: SQLite's trigram FTS5 table of subjects (0031) for 3+ characters
    that cannot be part of a number, in fewer than FTS_PROBE cases; PostgreSQL's trigram
    index on the subject (0020), which an OR with the unindexed number would stop the
    planner from using, so the number is asked only for text that can be part of one.
    Shorter or commoner text scans, newest first, stopping at the page (at 440,000 cases: a
    rare word 0.7 ms by the index, 965 ms by the scan)."""
    c = PetitionCase
    if ws.db.is_sqlite and len(text) >= 3 and not number_like:  # the index has no numbers
        phrase = fts_phrase(text)
        with ws.db.read() as session:
            found = session.execute(sa_text(
                "SELECT count(*) FROM (SELECT rowid FROM case_fts WHERE case_fts MATCH :phrase "
                "LIMIT :most)"), {"phrase": phrase, "most": FTS_PROBE}).scalar_one()
        if found < FTS_PROBE:
            return col(c.id).in_(sa_text(
                "SELECT rowid FROM case_fts WHERE case_fts MATCH :phrase").bindparams(
                phrase=phrase))
    pattern = like_pattern(text)
    if ws.db.is_sqlite:
        return or_(col(c.subject).like(pattern, escape="\\"),
                   col(c.case_number).like(pattern, escape="\\"))
    subject = col(c.subject).ilike(pattern, escape="\\")
    return or_(subject, col(c.case_number).ilike(pattern, escape="\\")) if number_like \
        else subject


@dataclass(frozen=True)
class CaseEventView:
    at: datetime
    actor: str
    kind: str
    stage: str
    on_date: date | None
    detail: str


@dataclass(frozen=True)
class UrgingView:
    at: datetime
    actor: str
    step: str
    method: str
    contact: str
    agreed: str
    next_check: date | None


@dataclass(frozen=True)
class CaseDetail:
    case: CaseView
    unit: str
    summary: str
    dates: dict[str, date]  # stage date columns that are set
    events: list[CaseEventView]
    urgings: list[UrgingView]
    deadline_explanation: str
    proxy: tuple[ProxyView, ...] = ()  # work done on users' behalf on this case, newest first


def get_case_detail(ws: Workspace, actor: Actor, case_id: int) -> CaseDetail:
    require(actor.role, "read", actor.login)
    with ws.db.read() as session:
        case = session.get(PetitionCase, case_id)
        if case is None:
            raise NotFound("err.cases.not_found", case_id=case_id)
        unit = session.get(Unit, case.unit_id) if case.unit_id else None
        events = [CaseEventView(e.at, e.actor, e.kind, e.stage, e.on_date, e.detail)
                  for e in session.exec(select(CaseEvent).where(
                      col(CaseEvent.case_id) == case_id).order_by(col(CaseEvent.at),
                                                                 col(CaseEvent.id))).all()]
        urgings = [UrgingView(u.at, u.actor, u.step, u.method, u.contact, u.agreed,
                              u.next_check)
                   for u in session.exec(select(Urging).where(
                       col(Urging.case_id) == case_id).order_by(col(Urging.at).desc())).all()]
        dates = {name: getattr(case, column) for name, (column, _after) in STAGES.items()
                 if getattr(case, column) is not None}
        explanation = ""
        found = NEXT_STEP.get(case.stage)
        if found and getattr(case, found[1]) is not None:
            step, column = found
            try:
                if step == "handling":
                    result = handling_deadline(
                        ws.calendar, ws.config.deadlines, getattr(case, column),
                        (case.extension_days,) if case.extension_days else ())
                elif step == "rereview":
                    result = rereview_deadline(ws.calendar, ws.config.deadlines,
                                               getattr(case, column), case.hearing_days)
                else:
                    result = step_deadline(ws.calendar, ws.config.deadlines, step,
                                           getattr(case, column))
                explanation = result.explain(current_locale())
                if step == "rereview" and case.hearing_days:
                    explanation += "\n" + t("cases.hearing_line", days=case.hearing_days)
            except HelpdeskError as err:  # no calendar for that year, or a broken table
                explanation = str(err)
        if case.stage == "transferred" and case.received_on is not None:
            try:
                objection = step_deadline(ws.calendar, ws.config.deadlines, "objection",
                                          case.received_on)
                explanation += ("\n" if explanation else "") + t("cases.objection_line") + \
                    "\n" + objection.explain(current_locale())
            except HelpdeskError as err:
                explanation += "\n" + str(err)

    proxy = tuple(list_proxy(ws, actor, case_number=case.case_number, limit=50))
    return CaseDetail(_view(case), unit.name if unit else "", case.summary, dates, events,
                      urgings, explanation, proxy)
