"""Data-service requests (数据服务): recorded like questions (who asked, from which unit, what,
the format wanted, due in working days), fulfilled by one of the built-in queries exported as
xlsx; the file's path and sha256 stay on the request as the evidence."""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import or_
from sqlmodel import Session, col, select

from helpdesk.actor import Actor
from helpdesk.data.models import DataRequest
from helpdesk.data.queries import (
    QUERIES,
    QueryParams,
    QueryResult,
    check_params,
    query_title,
)
from helpdesk.errors import CalendarUnavailable, NotFound, StaleEdit, UsageError
from helpdesk.i18n import current_locale, t
from helpdesk.masking import mask_name
from helpdesk.roles import require
from helpdesk.services.counters import next_number
from helpdesk.services.file_export import WrittenFile, book_bytes, write_bytes
from helpdesk.services.workspace import Change, Workspace, change
from helpdesk.storage.encrypted import check_password, is_encrypted
from helpdesk.storage.models import Unit
from helpdesk.storage.page_layout import (
    column_widths,
    numeric_column,
    page_setup,
    right_aligned_header,
)
from helpdesk.storage.sheets import inert
from helpdesk.text import clean

STATUSES = ("open", "fulfilled", "cancelled")


@dataclass(frozen=True)
class DataRequestView:
    id: int
    number: str
    received_at: datetime
    asker: str  # masked
    unit: str
    unit_id: int | None
    title: str
    description: str
    format_wanted: str
    due_workdays: int
    due_on: date
    status: str
    query: str
    params: dict[str, Any]
    file_path: str
    checksum: str
    rows: int | None
    fulfilled_at: datetime | None
    fulfilled_by: str
    version: int
    overdue: bool
    due_explanation: tuple[str, ...]  # how the due day was counted: the days skipped and why
    due_provisional: bool = False  # due_on is the earliest day an unpublished year allows
    cancel_reason: str = ""


def _view(ws: Workspace, row: DataRequest, unit: str | None) -> DataRequestView:
    assert row.id is not None
    today = ws.now().astimezone(ws.hours.zone).date()
    return DataRequestView(
        row.id, row.number, row.received_at, mask_name(row.asker_name), unit or "", row.unit_id,
        row.title,
        row.description, row.format_wanted, row.due_workdays, row.due_on, row.status, row.query,
        json.loads(row.params or "{}"), row.file_path, row.checksum, row.rows, row.fulfilled_at,
        row.fulfilled_by, row.version, row.status == "open" and row.due_on < today,
        due_explanation(ws, row.received_at, row.due_workdays), row.due_provisional,
        row.cancel_reason)


def _view_in(ws: Workspace, session: Session, row: DataRequest) -> DataRequestView:
    unit = session.get(Unit, row.unit_id) if row.unit_id else None
    return _view(ws, row, unit.name if unit else None)


def due_explanation(ws: Workspace, received_at: datetime, days: int) -> tuple[str, ...]:
    """The count behind the due day: the first working day it arrived on, then each
    non-working day skipped with its reason."""
    locale = current_locale()
    received = received_at.astimezone(ws.hours.zone).date()
    try:
        start = ws.calendar.next_working_day(received, include_self=True)
        lines = [] if start == received else [t(
            "data.due_moved", received=f"{received}",
            reason=ws.calendar.day(received).reason(locale), start=f"{start}")]
        return (*lines, *ws.calendar.add_working_days(start, days).explain(locale).splitlines())
    except CalendarUnavailable as err:
        return (str(err),)


def add_request(ws: Workspace, actor: Actor, *, title: str, asker_name: str = "",
                unit_id: int | None = None, description: str = "", format_wanted: str = "",
                due_workdays: int | None = None) -> DataRequestView:
    title = clean(title, single_line=True, max_length=200).strip()
    if not title:
        raise UsageError("err.common.title_empty")
    days = _check_days(ws.config.data_service.due_workdays if due_workdays is None
                       else due_workdays)
    with change(ws, actor) as tx:
        unit = tx.session.get(Unit, unit_id) if unit_id is not None else None
        if unit_id is not None and unit is None:
            raise UsageError("err.common.unit_not_found", unit_id=unit_id)
        local = tx.now.astimezone(ws.hours.zone)
        due, provisional = _due_on(ws, local.date(), days)
        number = f"DS{local:%Y}-{next_number(tx, f'data-{local.year}'):04d}"
        row = DataRequest(number=number, received_at=tx.now,
                          asker_name=clean(asker_name, single_line=True, max_length=64).strip(),
                          unit_id=unit_id, title=title,
                          description=clean(description, max_length=20_000),
                          format_wanted=clean(format_wanted, single_line=True,
                                              max_length=100).strip(),
                          due_workdays=days, due_on=due, due_provisional=provisional,
                          created_by=actor.login)
        tx.session.add(row)
        tx.session.flush()
        tx.record("data_request.add", "data_request", row.id,
                  after={"number": number, "title": title, "due_on": due.isoformat()})
        return _view(ws, row, unit.name if unit else None)


def _due_on(ws: Workspace, received: date, days: int) -> tuple[date, bool]:
    """The due day, and whether it is provisional (the earliest day it can be)."""
    start = ws.calendar.next_working_day(received, include_self=True)
    result = ws.calendar.add_working_days(start, days)
    return result.deadline, result.provisional or ws.calendar.is_estimated(received.year)


def recompute_due(ws: Workspace, tx: Change, since: date) -> int:
    """Open requests whose due day is provisional or falls from `since` on, counted again
    (the calendar's data changed); returns how many moved."""
    rows = tx.session.exec(select(DataRequest).where(
        col(DataRequest.status) == "open",
        or_(col(DataRequest.due_provisional), col(DataRequest.due_on) >= since))).all()
    moved = 0
    for row in rows:
        due, provisional = _due_on(ws, row.received_at.astimezone(ws.hours.zone).date(),
                                   row.due_workdays)
        if (due, provisional) != (row.due_on, row.due_provisional):
            row.due_on, row.due_provisional = due, provisional
            row.version += 1
            moved += 1
    return moved


def _check_days(days: int) -> int:
    if not 1 <= days <= 60:
        raise UsageError("err.data_service.due_range")
    return days


def edit_request(ws: Workspace, actor: Actor, request_id: int, expected_version: int | None, *,
                 title: str | None = None, asker_name: str | None = None,
                 unit_id: int | None = None, clear_unit: bool = False,
                 description: str | None = None,
                 format_wanted: str | None = None, due_workdays: int | None = None
                 ) -> DataRequestView:
    """Correct an open request. None keeps a field (`clear_unit` removes the unit); a new
    number of working days moves the due day, counted again from the day it arrived."""
    with change(ws, actor) as tx:
        row = _load_open(tx, request_id, expected_version)
        before = {"title": row.title, "asker": mask_name(row.asker_name), "unit_id": row.unit_id,
                  "description": row.description, "format": row.format_wanted,
                  "due_workdays": row.due_workdays, "due_on": row.due_on.isoformat()}
        if title is not None:
            row.title = clean(title, single_line=True, max_length=200).strip()
            if not row.title:
                raise UsageError("err.common.title_empty")
        if asker_name is not None:
            row.asker_name = clean(asker_name, single_line=True, max_length=64).strip()
        if unit_id is not None:
            if tx.session.get(Unit, unit_id) is None:
                raise UsageError("err.common.unit_not_found", unit_id=unit_id)
            row.unit_id = unit_id
        elif clear_unit:
            row.unit_id = None
        if description is not None:
            row.description = clean(description, max_length=20_000)
        if format_wanted is not None:
            row.format_wanted = clean(format_wanted, single_line=True, max_length=100).strip()
        if due_workdays is not None:
            row.due_workdays = _check_days(due_workdays)
            row.due_on, row.due_provisional = _due_on(
                ws, row.received_at.astimezone(ws.hours.zone).date(), due_workdays)
        after = {"title": row.title, "asker": mask_name(row.asker_name), "unit_id": row.unit_id,
                 "description": row.description, "format": row.format_wanted,
                 "due_workdays": row.due_workdays, "due_on": row.due_on.isoformat()}
        if after == before:
            raise UsageError("err.data_service.nothing_changed")
        row.version += 1
        tx.record("data_request.edit", "data_request", row.id, before=before, after=after)
        return _view_in(ws, tx.session, row)


def _require_open(number: str, status: str) -> None:
    if status != "open":
        raise UsageError("err.data_service.not_open", number=number, status=t(f"data.s_{status}"))


def _load_open(tx: Change, request_id: int, expected_version: int | None) -> DataRequest:
    row = tx.session.get(DataRequest, request_id)
    if row is None:
        raise NotFound("err.data_service.not_found", request_id=request_id)
    if expected_version is not None and row.version != expected_version:
        raise StaleEdit("err.data_service.stale", number=row.number)
    _require_open(row.number, row.status)
    return row


def request_id_of(ws: Workspace, actor: Actor, given: str) -> int:
    """A request as the user names it: its number as every list prints it (`DS2026-0002`) or
    its internal id."""
    require(actor.role, "read", actor.login)
    text = given.strip()
    if text.isascii() and text.isdigit():
        return int(text)
    with ws.db.read() as session:
        found = session.exec(select(DataRequest.id).where(
            col(DataRequest.number) == text.upper())).first()
    if found is None:
        raise NotFound("err.data_service.number_not_found", number=text)
    return int(found)


def get_request(ws: Workspace, actor: Actor, request_id: int) -> DataRequestView:
    require(actor.role, "read", actor.login)
    with ws.db.read() as session:
        row = session.get(DataRequest, request_id)
        if row is None:
            raise NotFound("err.data_service.not_found", request_id=request_id)
        return _view_in(ws, session, row)


def list_requests(ws: Workspace, actor: Actor, *, status: str | None = None,
                  after: tuple[datetime, int] | None = None, limit: int = 100
                  ) -> list[DataRequestView]:
    """Newest first, a keyset page at a time."""
    require(actor.role, "read", actor.login)
    query = select(DataRequest, Unit.name).join(
        Unit, col(Unit.id) == col(DataRequest.unit_id), isouter=True)
    if status:
        query = query.where(col(DataRequest.status) == status)
    if after is not None:
        at, last_id = after
        query = query.where((col(DataRequest.received_at) < at) | (
            (col(DataRequest.received_at) == at) & (col(DataRequest.id) < last_id)))
    query = query.order_by(col(DataRequest.received_at).desc(), col(DataRequest.id).desc())
    with ws.db.read() as session:
        return [_view(ws, row, unit) for row, unit in session.exec(query.limit(limit)).all()]


def run_query(ws: Workspace, actor: Actor, name: str, params: QueryParams) -> QueryResult:
    require(actor.role, "read", actor.login)
    check_params(name, params)
    with ws.db.read() as session:
        headers, rows = QUERIES[name](session, params, ws.hours.zone)
    return QueryResult(name, query_title(name), params, headers, tuple(rows))


def result_workbook(result: QueryResult, request: DataRequestView | None) -> Any:
    """A write-only workbook: rows stream into the file (a quarter's case list is ~100,000)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(t("dq.sheet"))
    widths = column_widths([list(result.headers), *(list(row) for row in result.rows[:2000])])
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A5"
    page_setup(sheet, sum(widths), (4, 4))  # the header row (4) on every printed page

    def styled(value: str, font: Any) -> Any:
        cell = WriteOnlyCell(sheet, inert(value))
        cell.font = font
        return cell

    line = f"{result.params.start} — {result.params.end}"
    if request is not None:
        line = f"{request.number} {request.title} · {line}"
    sheet.append([styled(result.title, Font(bold=True, size=14))])
    sheet.append([inert(line)])
    sheet.append([])
    bold = Font(bold=True)
    header_cells = [styled(header, bold) for header in result.headers]
    for index, cell in enumerate(header_cells):
        if numeric_column([row[index] for row in result.rows[:2000] if index < len(row)]):
            right_aligned_header(cell)
    sheet.append(header_cells)
    for values in result.rows:
        sheet.append([str(value) if isinstance(value, date) else inert(value)
                      for value in values])
    return book


def export_dir(ws: Workspace) -> Path:
    folder = ws.config.resolve_path(ws.config.data_service.export_dir)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def fulfil_request(ws: Workspace, actor: Actor, request_id: int, expected_version: int | None,
                   name: str, params: QueryParams, path: Path | None = None,
                   password: str | None = None, approval: str | None = None
                   ) -> tuple[DataRequestView, WrittenFile]:
    """Run the query, write the xlsx (owner-only, optionally encrypted), then attach the file
    and its checksum to the request."""
    request = get_request(ws, actor, request_id)
    _require_open(request.number, request.status)  # before any file is written
    result = run_query(ws, actor, name, params)
    target = path or export_dir(ws) / f"{request.number}.xlsx"
    written = write_bytes(ws, actor, target, book_bytes(result_workbook(result, request)),
                          what="data_request", label=request.number, password=password,
                          approval=approval)
    with change(ws, actor) as tx:
        row = _load_open(tx, request_id, expected_version)
        row.status, row.query = "fulfilled", name
        row.params = json.dumps(params.to_json(), ensure_ascii=False)
        row.file_path, row.checksum = str(Path(target).resolve()), written.sha256
        row.rows, row.fulfilled_at, row.fulfilled_by = len(result.rows), tx.now, actor.login
        row.version += 1
        tx.record("data_request.fulfil", "data_request", row.id,
                  after={"query": name, "params": params.to_json(), "file": row.file_path,
                         "sha256": written.sha256, "rows": row.rows})
        return _view_in(ws, tx.session, row), written


ATTACHMENT_LIMIT = 50 * 1024 * 1024  # spreadsheets and scanned letters, not database dumps


def deliver_file(ws: Workspace, actor: Actor, request_id: int, expected_version: int | None,
                 source: Path, password: str | None = None, approval: str | None = None
                 ) -> tuple[DataRequestView, WrittenFile]:
    """Answer a request with a file prepared elsewhere (the provincial system's own export, a
    hand-made table): a copy is kept owner-only beside the query exports, so the evidence
    cannot change after delivery, and its sha256 stays on the request."""

    request = get_request(ws, actor, request_id)
    _require_open(request.number, request.status)  # before any file is written
    source = Path(source).expanduser()
    if not source.is_file():
        raise UsageError("err.common.no_such_file", source=source)
    if source.stat().st_size > ATTACHMENT_LIMIT:
        raise UsageError("err.data_service.too_large",
                         source=source, value=ATTACHMENT_LIMIT // (1024 * 1024))
    data = source.read_bytes()
    if password is not None:
        check_password(password)
        if source.suffix.lower() != ".xlsx" or not zipfile.is_zipfile(source):
            raise UsageError("err.common.only_xlsx_encrypted")
        if is_encrypted(data):
            raise UsageError("err.data_service.already_encrypted", name=source.name)
    name = clean(source.name, single_line=True, max_length=120).replace(" ", "_")
    target = export_dir(ws) / f"{request.number}-{name}"
    written = write_bytes(ws, actor, target, data, what="data_request", label=request.number,
                          password=password, approval=approval)
    with change(ws, actor) as tx:
        row = _load_open(tx, request_id, expected_version)
        row.status, row.query, row.rows = "fulfilled", "", None
        row.params = json.dumps({"source": str(source.resolve())}, ensure_ascii=False)
        row.file_path, row.checksum = str(target.resolve()), written.sha256
        row.fulfilled_at, row.fulfilled_by = tx.now, actor.login
        row.version += 1
        tx.record("data_request.deliver", "data_request", row.id,
                  after={"source": str(source.resolve()), "file": row.file_path,
                         "sha256": written.sha256, "encrypted": written.encrypted})
        return _view_in(ws, tx.session, row), written


def cancel_request(ws: Workspace, actor: Actor, request_id: int, expected_version: int | None,
                   reason: str) -> DataRequestView:
    reason = clean(reason, single_line=True, max_length=200).strip()
    if not reason:
        raise UsageError("err.data_service.cancel_reason")
    with change(ws, actor) as tx:
        row = _load_open(tx, request_id, expected_version)
        row.status, row.cancel_reason = "cancelled", reason
        row.version += 1
        tx.record("data_request.cancel", "data_request", row.id, after={"reason": reason})
        return _view_in(ws, tx.session, row)
