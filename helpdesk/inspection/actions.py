"""The monthly inspection (巡检服务): start one for a month from the checklist template, mark
each item, record the usage figures, finish it; the obligation month by month."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from helpdesk import resources
from helpdesk.actor import Actor
from helpdesk.cases.rates import Rate
from helpdesk.errors import CalendarUnavailable, NotFound, StaleEdit, UsageError
from helpdesk.i18n import current_locale
from helpdesk.inspection.checklist import Section, fill, load_checklist
from helpdesk.inspection.models import (
    Inspection,
    InspectionInstitution,
    InspectionResult,
)
from helpdesk.inspection.obligation import InspectionMonth, inspection_months, month_bounds
from helpdesk.inspection.usage import InstitutionLine, UsageFigures, coverage, usage
from helpdesk.questions.models import TrackerItem
from helpdesk.roles import require
from helpdesk.services.service_years import contract_terms
from helpdesk.services.workspace import Change, Workspace, change
from helpdesk.text import clean

RESULTS = ("ok", "issue", "na")
FIGURE_FIELDS = ("institutions_expected", "institutions_connected", "accounts_issued",
                 "accounts_disabled", "accounts_active")


@dataclass(frozen=True)
class ResultView:
    id: int
    position: int
    section: str
    section_title: str  # the section's short name
    item: str
    result: str  # "" while not yet checked
    note: str
    problem_id: int | None
    problem_number: str
    checked_by: str
    version: int


@dataclass(frozen=True)
class InspectionView:
    id: int
    month: str
    status: str  # open | done
    started_at: datetime
    started_by: str
    done_at: datetime | None
    done_by: str
    summary: str
    figures: UsageFigures
    usage_source: str
    coverage: Rate | None
    usage: Rate | None
    version: int
    results: tuple[ResultView, ...]
    institutions: tuple[InstitutionLine, ...] = ()  # when the figures came from an export

    @property
    def unconnected(self) -> tuple[str, ...]:
        return tuple(i.name for i in self.institutions if not i.connected)

    def count(self, result: str) -> int:
        return sum(1 for r in self.results if r.result == result)

    @property
    def issues(self) -> tuple[ResultView, ...]:
        return tuple(r for r in self.results if r.result == "issue")


def checklist(ws: Workspace) -> tuple[Section, ...]:
    """The configured file, else the one shipped in the package."""
    configured = ws.config.inspection.checklist_file
    return load_checklist(ws.config.resolve_path(configured) if configured
                          else resources.path("inspection_checklist.toml"))


def parse_month(value: str) -> tuple[int, int]:
    try:
        year_text, month_text = value.strip().split("-")
        year, month = int(year_text), int(month_text)
        date(year, month, 1)
    except ValueError:
        raise UsageError("err.inspection.bad_month", value=value) from None
    return year, month


def _today(ws: Workspace) -> date:
    return ws.now().astimezone(ws.hours.zone).date()


def figures_of(row: Inspection) -> UsageFigures:
    return UsageFigures(*(getattr(row, name) for name in FIGURE_FIELDS))


def _view(ws: Workspace, session: Session, row: Inspection) -> InspectionView:
    assert row.id is not None
    titles = {s.key: s.short(current_locale()) for s in checklist(ws)}
    results = session.exec(select(InspectionResult, TrackerItem.number).join(
        TrackerItem, col(TrackerItem.id) == col(InspectionResult.problem_id), isouter=True)
        .where(col(InspectionResult.inspection_id) == row.id)
        .order_by(col(InspectionResult.position))).all()
    figures = figures_of(row)
    institutions = tuple(InstitutionLine(i.name, i.connected, i.issued, i.disabled, i.active)
                         for i in session.exec(select(InspectionInstitution).where(
                             col(InspectionInstitution.inspection_id) == row.id)
                             .order_by(col(InspectionInstitution.id))).all())
    return InspectionView(
        row.id, row.month, row.status, row.started_at, row.started_by, row.done_at, row.done_by,
        row.summary, figures, row.usage_source, coverage(figures),
        usage(figures, ws.config.inspection.usage_denominator), row.version,
        tuple(ResultView(r.id or 0, r.position, r.section, titles.get(r.section, r.section),
                         r.item, r.result, r.note, r.problem_id, number or "", r.checked_by,
                         r.version) for r, number in results), institutions)


def start_inspection(ws: Workspace, actor: Actor, month: str) -> InspectionView:
    """A new inspection of `month` with the checklist as it reads today."""
    year, number = parse_month(month)
    key = f"{year:04d}-{number:02d}"
    first, _last = month_bounds(year, number)
    if first > _today(ws):
        raise UsageError("err.inspection.not_started", key=key)
    sections = checklist(ws)
    values = {"unused_days": ws.config.inspection.unused_account_days,
              "active_days": ws.config.inspection.active_account_days}
    with change(ws, actor) as tx:
        existing = tx.session.exec(select(Inspection).where(col(Inspection.month) == key)).first()
        if existing is not None:
            raise UsageError("err.inspection.exists", key=key, id=existing.id)
        row = Inspection(month=key, started_at=tx.now, started_by=actor.login)
        tx.session.add(row)
        tx.session.flush()
        assert row.id is not None
        position = 0
        for section in sections:
            for item in section.items:
                position += 1
                tx.session.add(InspectionResult(inspection_id=row.id, position=position,
                                                section=section.key,
                                                item=fill(item, values)[:400]))
        tx.record("inspection.start", "inspection", row.id,
                  after={"month": key, "items": position})
        tx.session.flush()
        return _view(ws, tx.session, row)


def _inspection(tx: Change, inspection_id: int, expected_version: int | None) -> Inspection:
    row = tx.session.get(Inspection, inspection_id)
    if row is None:
        raise NotFound("err.inspection.not_found", inspection_id=inspection_id)
    if expected_version is not None and row.version != expected_version:
        raise StaleEdit("err.inspection.stale", month=row.month)
    return row


def get_inspection(ws: Workspace, actor: Actor, inspection_id: int) -> InspectionView:
    require(actor.role, "read", actor.login)
    with ws.db.read() as session:
        row = session.get(Inspection, inspection_id)
        if row is None:
            raise NotFound("err.inspection.not_found", inspection_id=inspection_id)
        return _view(ws, session, row)


def find_inspection(ws: Workspace, actor: Actor, month: str) -> InspectionView | None:
    require(actor.role, "read", actor.login)
    year, number = parse_month(month)
    with ws.db.read() as session:
        row = session.exec(select(Inspection).where(
            col(Inspection.month) == f"{year:04d}-{number:02d}")).first()
        return _view(ws, session, row) if row else None


def inspections_between(ws: Workspace, actor: Actor, start: date, end: date
                        ) -> list[InspectionView]:
    """The inspections of the months that [start, end] touches, oldest first."""
    require(actor.role, "read", actor.login)
    first, last = f"{start.year:04d}-{start.month:02d}", f"{end.year:04d}-{end.month:02d}"
    with ws.db.read() as session:
        rows = session.exec(select(Inspection).where(
            col(Inspection.month) >= first, col(Inspection.month) <= last)
            .order_by(col(Inspection.month))).all()
        return [_view(ws, session, row) for row in rows]


def record_result(ws: Workspace, actor: Actor, result_id: int, expected_version: int | None,
                  result: str, note: str = "") -> ResultView:
    if result not in (*RESULTS, ""):
        raise UsageError("err.inspection.result", result=result, results=', '.join(RESULTS))
    note = clean(note, max_length=4000).strip()
    if result == "issue" and not note:
        raise UsageError("err.inspection.issue_note")
    with change(ws, actor) as tx:
        item = tx.session.get(InspectionResult, result_id)
        if item is None:
            raise NotFound("err.inspection.item_not_found", result_id=result_id)
        if expected_version is not None and item.version != expected_version:
            raise StaleEdit("err.inspection.item_stale")
        parent = _inspection(tx, item.inspection_id, None)
        if parent.status == "done":
            raise UsageError("err.inspection.finished_locked", month=parent.month)
        before = {"result": item.result, "note": item.note}
        item.result, item.note = result, note
        item.checked_by, item.checked_at = actor.login, tx.now
        item.version += 1
        parent.version += 1
        tx.record("inspection.check", "inspection_result", item.id, before=before,
                  after={"result": result, "note": note})
        tx.session.flush()
        view = _view(ws, tx.session, parent)
        return next(r for r in view.results if r.id == result_id)


def set_usage(ws: Workspace, actor: Actor, inspection_id: int, expected_version: int | None,
              figures: UsageFigures, source: str = "",
              institutions: Sequence[InstitutionLine] = ()) -> InspectionView:
    """The month's figures; `institutions` are the export's lines they were summed from (typed
    figures have none, and replace an earlier import's)."""
    problems = figures.problems()
    if problems:
        raise UsageError("err.inspection.usage_invalid", problems="; ".join(problems))
    with change(ws, actor) as tx:
        row = _inspection(tx, inspection_id, expected_version)
        before = {name: getattr(row, name) for name in FIGURE_FIELDS}
        for name in FIGURE_FIELDS:
            setattr(row, name, getattr(figures, name))
        row.usage_source = clean(source, single_line=True, max_length=200)
        for old in tx.session.exec(select(InspectionInstitution).where(
                col(InspectionInstitution.inspection_id) == row.id)).all():
            tx.session.delete(old)
        tx.session.flush()
        assert row.id is not None
        for line in institutions:
            tx.session.add(InspectionInstitution(
                inspection_id=row.id, name=line.name[:128], connected=line.connected,
                issued=line.issued, disabled=line.disabled, active=line.active))
        row.version += 1
        tx.record("inspection.usage", "inspection", row.id, before=before,
                  after={**{name: getattr(figures, name) for name in FIGURE_FIELDS},
                         "source": row.usage_source, "institutions": len(institutions)})
        tx.session.flush()
        return _view(ws, tx.session, row)


def finish_inspection(ws: Workspace, actor: Actor, inspection_id: int,
                      expected_version: int | None, summary: str = "") -> InspectionView:
    """Finish once every item is marked and the usage figures are in."""
    with change(ws, actor) as tx:
        row = _inspection(tx, inspection_id, expected_version)
        if row.status == "done":
            raise UsageError("err.inspection.already_finished", month=row.month)
        unchecked = tx.session.exec(select(InspectionResult.position).where(
            col(InspectionResult.inspection_id) == row.id,
            col(InspectionResult.result) == "")).all()
        if unchecked:
            raise UsageError("err.inspection.unchecked",
                             count=len(unchecked), items=', '.join(map(str, unchecked[:10])))
        if not figures_of(row).complete:
            raise UsageError("err.inspection.usage_first")
        row.status, row.done_at, row.done_by = "done", tx.now, actor.login
        row.summary = clean(summary, max_length=20_000).strip()
        row.version += 1
        tx.record("inspection.finish", "inspection", row.id,
                  after={"month": row.month, "summary": row.summary})
        tx.session.flush()
        return _view(ws, tx.session, row)


def reopen_inspection(ws: Workspace, actor: Actor, inspection_id: int,
                      expected_version: int | None, reason: str) -> InspectionView:
    """A correction: the finish day is kept in the audit log, the obligation re-reads it."""
    reason = clean(reason, single_line=True, max_length=200).strip()
    if not reason:
        raise UsageError("err.inspection.reopen_reason")
    with change(ws, actor) as tx:
        row = _inspection(tx, inspection_id, expected_version)
        if row.status != "done":
            raise UsageError("err.inspection.not_finished", month=row.month)
        before = {"status": row.status, "done_at": row.done_at.isoformat()
                  if row.done_at else None}
        row.status, row.done_at, row.done_by = "open", None, ""
        row.version += 1
        tx.record("inspection.reopen", "inspection", row.id, before=before,
                  after={"status": "open", "reason": reason})
        tx.session.flush()
        return _view(ws, tx.session, row)


def problem_to_raise(tx: Change, result_id: int) -> tuple[str, str]:
    """The desk problem an issue found would become (title, description), refused if the item
    is not an issue or already has one. helpdesk/app/desk.py raises it in the same unit of
    work, so two engineers at once leave one problem and no gap in its numbering."""
    row = tx.session.get(InspectionResult, result_id)
    if row is None:
        raise NotFound("err.inspection.item_not_found", result_id=result_id)
    parent = tx.session.get(Inspection, row.inspection_id)
    assert parent is not None
    if row.result != "issue":
        raise UsageError("err.inspection.only_issue")
    if row.problem_id is not None:
        raise UsageError("err.inspection.already_problem")
    return f"巡检 {parent.month}：{row.item}"[:200], row.note


def link_problem(ws: Workspace, tx: Change, result_id: int, problem_id: int,
                 problem_number: str) -> ResultView:
    row = tx.session.get(InspectionResult, result_id)
    assert row is not None
    row.problem_id = problem_id
    row.version += 1
    tx.record("inspection.problem", "inspection_result", row.id,
              after={"problem": problem_number})
    inspection = _inspection(tx, row.inspection_id, None)
    inspection.version += 1
    tx.session.flush()
    view = _view(ws, tx.session, inspection)
    return next(r for r in view.results if r.id == result_id)


def due_day(ws: Workspace, year: int, month: int) -> tuple[date, bool]:
    """The `due_working_day`-th working day of the following month; provisional while that
    year's schedule is unpublished (the earliest day it can be), and said so."""
    _first, last = month_bounds(year, month)
    following = last + timedelta(days=1)
    count = ws.config.inspection.due_working_day
    try:
        first_working = ws.calendar.next_working_day(following, include_self=True)
        estimated = ws.calendar.is_estimated(following.year)
        if count == 1:
            return first_working, estimated
        result = ws.calendar.add_working_days(first_working, count - 1)
        return result.deadline, estimated or result.provisional
    except CalendarUnavailable:
        day, left = following, count
        while True:
            if day.weekday() < 5:
                left -= 1
                if not left:
                    return day, True
            day += timedelta(days=1)


def inspection_obligation(ws: Workspace, actor: Actor, today: date | None = None
                          ) -> list[InspectionMonth]:
    require(actor.role, "read", actor.login)
    today = today or _today(ws)
    contract = contract_terms(ws, today)
    with ws.db.read() as session:
        rows = session.exec(select(Inspection)).all()
    done = {r.month: (r.id or 0, r.done_at.astimezone(ws.hours.zone).date()
                      if r.done_at else None) for r in rows}
    return inspection_months(contract.start, contract.end, done, today,
                             lambda y, m: due_day(ws, y, m))
