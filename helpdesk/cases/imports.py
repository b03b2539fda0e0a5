"""Importing the provincial system's case exports (read by services/sheets.py: xlsx, xls, csv).

Columns are found by their Chinese headers (config.toml [cases.import_headers]). Every row is
validated (required fields, dates, ID checksum, known unit, channel and rating labels). The
import is idempotent by case number: a newer export moves a case forward; a row that would move
it backwards is reported, not applied. All-or-nothing unless skip_invalid: then good rows are
written and bad ones reported. A dry run validates and counts without writing."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam
from sqlalchemy import select as select_columns
from sqlmodel import col, select

from helpdesk.actor import Actor
from helpdesk.cases.actions import schedule_next_step
from helpdesk.cases.idcard import check_id_number
from helpdesk.cases.models import CaseEvent, NewCase, PetitionCase
from helpdesk.cases.proxy_work import awaiting_export, confirm_registrations
from helpdesk.i18n import clauses, t
from helpdesk.services.sheets import parse_day, read_sheet
from helpdesk.services.workspace import Workspace, change
from helpdesk.storage.bulk import insert_rows, roomy_cache
from helpdesk.storage.database import BULK_ROWS
from helpdesk.storage.models import Unit
from helpdesk.text import clean

REQUIRED = ("case_number", "registered_on", "subject")
CHANNELS = {"来信": "letter", "来访": "visit", "网上": "online", "网上信访": "online",
            "电话": "phone", "letter": "letter", "visit": "visit", "online": "online",
            "phone": "phone"}
RATINGS = {"满意": "satisfied", "基本满意": "basically", "不满意": "dissatisfied",
           "超期未评价": "expired", "": ""}
# The order stages are reached in, for the "would move backwards" check.
ORDER = ("registered", "transferred", "accepted", "replied", "rated")
Progress = Callable[[int, int], None]


@dataclass
class ImportReport:
    rows: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    unknown_units: set[str] = field(default_factory=set)
    written: bool = False
    dry_run: bool = False
    confirmed: int = 0  # cases registered by hand that this export now names (merged)


@dataclass(frozen=True)
class CaseRow:
    line: int
    case_number: str
    registered_on: date
    channel: str
    petitioner_name: str
    id_number: str
    phone: str
    subject: str
    summary: str
    category: str
    unit_id: int | None
    dates: dict[str, date]  # transferred_on, accepted_on, replied_on
    rating: str
    supervised: bool
    digest: str = ""  # the row as read, hashed (row_digest)

    @property
    def stage(self) -> str:
        if self.rating and "replied_on" in self.dates:
            return "rated"
        for stage in ("replied", "accepted", "transferred"):
            if f"{stage}_on" in self.dates:
                return stage
        return "registered"


def row_digest(values: list[Any], order: list[int]) -> str:
    """The row's mapped cells as read, hashed: equal for the same row in tomorrow's export,
    whatever the order of its columns (`order`: the cells' indexes by field name)."""
    text = "\x1f".join("\x00" if value is None else str(value) for value in (
        values[index] if index < len(values) else None
        for index in order))  # as text, as `_parse` reads the cells (1 and "1" alike)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def _number(values: list[Any], columns: dict[str, int]) -> str:
    """The row's case number as `_parse` reads it ("" when there is none)."""
    index = columns["case_number"]
    value = values[index] if index < len(values) else None
    return "" if value is None else clean(str(value), single_line=True).strip()


def stored_digests(ws: Workspace, numbers: list[str]) -> dict[str, str]:
    """Each known case's import digest, by number."""
    cases = PetitionCase.__table__  # type: ignore[attr-defined]
    found: dict[str, str] = {}
    wanted = [number for number in numbers if number]
    with ws.db.snapshot() as connection:
        for first in range(0, len(wanted), CHUNK):
            found.update((number, digest) for number, digest in connection.execute(
                select_columns(cases.c.case_number, cases.c.import_digest).where(
                    cases.c.case_number.in_(wanted[first:first + CHUNK]),
                    cases.c.import_digest.is_not(None))))
    return found


def _parse(line: int, values: list[Any], columns: dict[str, int], units: dict[str, int],
           today: date, report: ImportReport, labels: dict[str, str],
           digest: str = "") -> CaseRow | None:
    def cell(name: str) -> str:
        index = columns.get(name)
        if index is None or index >= len(values) or values[index] is None:
            return ""
        value = values[index]
        return value if isinstance(value, date | datetime) else clean(  # type: ignore[return-value]
            str(value), single_line=True).strip()

    problems: list[str] = []
    number, subject = cell("case_number"), cell("subject")
    if not number:
        problems.append(t("err.imports.no_case_number"))
    if not subject:
        problems.append(t("err.imports.no_subject"))
    dates: dict[str, date] = {}
    registered: date | None = None
    for name in ("registered_on", "transferred_on", "accepted_on", "replied_on"):
        try:
            parsed = parse_day(cell(name))
        except ValueError as err:
            problems.append(f"{labels.get(name, name)}：{err}")
            continue
        if parsed is not None and parsed > today:
            problems.append(t("err.imports.future_date", label=labels.get(name, name), day=parsed))
        elif parsed is not None:
            if name == "registered_on":
                registered = parsed
            else:
                dates[name] = parsed
    if registered is None and not any(p.startswith("registered_on") for p in problems):
        problems.append(t("err.imports.no_registered_on"))
    ordered = [dates[n] for n in ("transferred_on", "accepted_on", "replied_on") if n in dates]
    if registered and ordered and (ordered != sorted(ordered) or ordered[0] < registered):
        problems.append(t("err.imports.dates_out_of_order"))
    if "replied_on" in dates and "accepted_on" not in dates:
        problems.append(t("err.imports.replied_unaccepted"))
    channel = CHANNELS.get(str(cell("channel")) or "letter")
    if channel is None:
        problems.append(t("err.imports.bad_channel", value=cell("channel")))
    rating = RATINGS.get(str(cell("rating")))
    if rating is None:
        problems.append(t("err.imports.bad_rating", value=cell("rating")))
    id_number = str(cell("id_number")).upper()
    if id_number:
        checked = check_id_number(id_number, today)
        if not checked.valid:
            problems.append(t("err.cases.bad_id_card", problem=checked.problem))
        elif checked.legacy:
            report.warnings.append((line, t("err.imports.legacy_id")))
    unit_name = str(cell("unit"))
    unit_id = units.get(unit_name) if unit_name else None
    if unit_name and unit_id is None:
        report.unknown_units.add(unit_name)
        problems.append(t("err.imports.unknown_responsible_unit", unit=unit_name))
    if problems:
        report.errors.append((line, clauses(problems)))
        return None
    assert registered is not None and channel is not None and rating is not None
    return CaseRow(line, number, registered, channel, str(cell("petitioner_name")), id_number,
                   str(cell("phone")), subject, str(cell("summary")), str(cell("category")),
                   unit_id, dates, rating, str(cell("supervised")) in ("是", "Y", "y", "1",
                                                                        "true", "督办"),
                   digest)


def import_cases(ws: Workspace, actor: Actor, path: Path, *, dry_run: bool = False,
                 skip_invalid: bool = False, progress: Progress | None = None) -> ImportReport:
    sheet = read_sheet(path, ws.config.cases.import_headers, REQUIRED)
    columns = sheet.columns
    today = ws.now().astimezone(ws.hours.zone).date()
    report = ImportReport(rows=len(sheet.rows), dry_run=dry_run)
    header = [clean(str(h or ""), single_line=True).strip() for h in sheet.header]
    labels = {name: header[index] for name, index in columns.items()}
    with ws.db.read() as session:
        units = {unit.name: unit.id for unit in session.exec(select(Unit)).all()
                 if unit.id is not None}
    parsed: list[CaseRow] = []
    first_line: dict[str, int] = {}  # case number -> the row it first appeared on
    numbers = [_number(values, columns) for _line, values in sheet.rows]
    kept = {} if dry_run else stored_digests(ws, numbers)
    order = [index for _name, index in sorted(columns.items())]
    for (line, values), number in zip(sheet.rows, numbers, strict=True):
        digest = row_digest(values, order)
        if number and kept.get(number) == digest:  # imported before from this very row
            earlier = first_line.setdefault(number, line)
            if earlier != line:
                report.errors.append((line, t("cases.import_duplicate", number=number,
                                              first=earlier, line=line)))
            else:
                report.unchanged += 1
            continue
        row = _parse(line, values, columns, units, today, report, labels, digest)
        if row is None:
            continue
        earlier = first_line.setdefault(row.case_number, line)
        if earlier != line:  # one case twice in one file: which row is right is unknowable
            report.errors.append((line, t("cases.import_duplicate", number=row.case_number,
                                          first=earlier, line=line)))
            continue
        parsed.append(row)
        if progress and line % 1000 == 0:
            progress(line - 1, report.rows)
    if dry_run:
        _count_only(ws, parsed, report)  # what the good rows would do
        return report
    if report.errors and not skip_invalid:
        return report  # all-or-nothing: nothing written
    _write(ws, actor, parsed, report, path.name, list(first_line))
    if report.added + report.updated >= BULK_ROWS:
        ws.db.refresh_statistics("petition_case", "case_event")
    if progress:
        progress(report.rows, report.rows)
    return report


def _count_only(ws: Workspace, rows: list[CaseRow], report: ImportReport) -> None:
    with ws.db.read() as session:
        awaiting = awaiting_export(session, [row.case_number for row in rows])
        for row in rows:
            existing = session.exec(select(PetitionCase).where(
                col(PetitionCase.case_number) == row.case_number)).first()
            _classify(existing, row, report, merge=row.case_number in awaiting)


COMPARED = ("case_number", "stage", "transferred_on", "accepted_on", "replied_on",
            "import_digest")


def _classify(existing: Any, row: CaseRow, report: ImportReport, *,
              merge: bool = False) -> str:
    """`merge`: a case registered by hand that the export names for the first time: the
    export's record is taken whatever the stages say."""
    if existing is None:
        report.added += 1
        return "add"
    if merge:
        report.updated += 1
        return "merge"
    current = ORDER.index(existing.stage) if existing.stage in ORDER else len(ORDER)
    incoming = ORDER.index(row.stage)
    if incoming < current:
        report.warnings.append((row.line, t("err.imports.stage_backwards",
                                            number=row.case_number,
                                            stage=t(f"cases.stage_{row.stage}"),
                                            current=t(f"cases.stage_{existing.stage}"))))
        report.unchanged += 1
        return "skip"
    if incoming == current and all(getattr(existing, name) == value
                                   for name, value in row.dates.items()):
        report.unchanged += 1
        return "same"
    report.updated += 1
    return "update"


CHUNK = 1000


def _write(ws: Workspace, actor: Actor, rows: list[CaseRow], report: ImportReport,
           source: str, numbers: list[str]) -> None:
    """One transaction, a chunk at a time: known cases are looked up together and updated as
    objects (an export mostly moves a few forward); new ones are inserted in bulk from plain
    values, and every row's timeline event too. `numbers`: every case number of the file (the
    hand registrations among them are confirmed)."""

    cases = PetitionCase.__table__  # type: ignore[attr-defined]
    events = CaseEvent.__table__  # type: ignore[attr-defined]
    with change(ws, actor) as tx, roomy_cache(connection := tx.session.connection()):
        for first in range(0, len(rows), CHUNK):
            chunk = rows[first:first + CHUNK]
            with tx.session.no_autoflush:
                in_chunk = [row.case_number for row in chunk]
                # What a row is compared with, as plain rows: most of a daily export has not
                # moved, and building a case object for each was a third of a re-import.
                stored = {found.case_number: found for found in connection.execute(
                    select_columns(*(cases.c[name] for name in COMPARED))
                    .where(cases.c.case_number.in_(in_chunk)))}
                awaiting = awaiting_export(tx.session, in_chunk)
                decisions = [(row, _classify(stored.get(row.case_number), row, report,
                                             merge=row.case_number in awaiting))
                             for row in chunk]
                changing = [row.case_number for row, decision in decisions
                            if decision in ("update", "merge")]
                known = {case.case_number: case for case in tx.session.exec(
                    select(PetitionCase).where(col(PetitionCase.case_number).in_(
                        changing))).all()} if changing else {}
                updated: list[tuple[PetitionCase, CaseRow]] = []
                added: list[tuple[NewCase, CaseRow]] = []
                # A row that moves nothing keeps its hash, so tomorrow it is not even parsed
                # (a row that would move a case back is parsed again, and warned of again).
                same = [{"number": row.case_number, "digest": row.digest}
                        for row, decision in decisions if decision == "same"
                        and stored[row.case_number].import_digest != row.digest]
                if same:
                    connection.execute(cases.update().where(
                        cases.c.case_number == bindparam("number")).values(
                        import_digest=bindparam("digest")), same)
                for row, decision in decisions:
                    if decision in ("skip", "same"):
                        continue
                    existing = known.get(row.case_number)
                    if existing is None:
                        draft = NewCase(case_number=row.case_number,
                                        registered_on=row.registered_on, channel=row.channel,
                                        subject=row.subject, created_at=tx.now,
                                        created_by=actor.login, import_digest=row.digest)
                        _apply(ws, draft, row, is_new=True)
                        added.append((draft, row))
                        continue
                    if decision == "merge":  # the province's record replaces what was typed
                        existing.registered_on, existing.channel = row.registered_on, row.channel
                        existing.subject = row.subject
                    _apply(ws, existing, row, is_new=False)
                    existing.import_digest = row.digest
                    updated.append((existing, row))
            tx.session.flush()
            ids: dict[str, int] = {}
            if added:
                # A plain executemany, then the ids by the unique number: faster than
                # INSERT … RETURNING's batched statements on both engines.
                insert_rows(connection, cases, [vars(draft) for draft, _row in added])
                ids = {number: case_id for number, case_id in connection.execute(
                    select_columns(cases.c.case_number, cases.c.id).where(
                        cases.c.case_number.in_([draft.case_number for draft, _row in added])))}
            timeline = [(case.id, case.stage, row) for case, row in updated] + \
                [(ids[draft.case_number], draft.stage, row) for draft, row in added]
            if timeline:
                insert_rows(connection, events, [
                    {"case_id": case_id, "at": tx.now, "actor": actor.login,
                     "kind": "imported", "stage": stage,
                     "on_date": row.dates.get(f"{stage}_on"),
                     "detail": f"{source} 第 {row.line} 行"} for case_id, stage, row in timeline])

        report.confirmed = confirm_registrations(tx.session, numbers, tx.now)
        tx.record("case.import", "petition_case", source,
                  after={"rows": report.rows, "added": report.added,
                         "updated": report.updated, "unchanged": report.unchanged,
                         "errors": len(report.errors), "confirmed": report.confirmed})
    report.written = True


def _apply(ws: Workspace, case: PetitionCase | NewCase, row: CaseRow, *, is_new: bool) -> None:
    case.petitioner_name = row.petitioner_name or case.petitioner_name
    case.id_number = row.id_number or case.id_number
    case.phone = row.phone or case.phone
    case.summary = row.summary or case.summary
    case.category = row.category or case.category
    case.unit_id = row.unit_id or case.unit_id
    case.supervised = case.supervised or row.supervised
    for name, value in row.dates.items():
        setattr(case, name, value)
    if "transferred_on" in row.dates:
        case.received_on = row.dates["transferred_on"]
    if row.rating:
        case.rating = row.rating
        case.rated_on = case.rated_on or row.dates.get("replied_on")
    case.stage = row.stage
    if not is_new:
        case.version += 1
    schedule_next_step(ws, case)
