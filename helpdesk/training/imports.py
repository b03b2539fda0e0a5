"""Importing a session's sign-in list and evaluation forms from xlsx or csv (UTF-8, BOM or
GBK), typed up after the session. Columns are found by header (Chinese or English). Every row
is checked; any bad row refuses the whole file (nothing half-written) and each problem is
reported with its row number. A dry run checks and counts without writing.

Sign-in list: 姓名 (required), 单位 (unit name or code, must be known), 职务/角色, 签到. Without
a 签到 column every row signed in (it is a sign-in list); with one, 已签到/是/√/1 signs in,
缺席/否/×/0 is absent, blank is invited. A name already on the list (same unit) is updated.

Evaluation forms: 姓名 and 单位 (optional: a blank name is an anonymous form), 内容, 讲师,
实用性, 总体 (1-5 or blank), 意见. A named form must match one attendee; it replaces that
attendee's earlier form and marks them signed in. Anonymous forms are always added."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from helpdesk.actor import Actor
from helpdesk.errors import UsageError
from helpdesk.i18n import clauses, t
from helpdesk.services.sheets import read_sheet
from helpdesk.services.workspace import Workspace, change
from helpdesk.storage.models import Unit
from helpdesk.text import clean
from helpdesk.training.actions import session_row
from helpdesk.training.evaluation import QUESTIONS, check_score
from helpdesk.training.models import (
    TrainingAttendee,
    TrainingEvaluation,
)

ATTENDEE_HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "name"),
    "unit": ("单位", "所在单位", "unit"),
    "role": ("职务", "角色", "岗位", "role"),
    "attendance": ("签到", "签到情况", "出勤", "attendance"),
}
EVALUATION_HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "name"),
    "unit": ("单位", "所在单位", "unit"),
    "content": ("内容", "培训内容", "content"),
    "trainer": ("讲师", "授课讲师", "trainer"),
    "usefulness": ("实用性", "usefulness"),
    "overall": ("总体", "总体评价", "overall"),
    "comment": ("意见", "意见建议", "comment"),
}
SIGNED = {"已签到", "签到", "是", "√", "✓", "1", "y", "yes", "signed_in", "到"}
ABSENT = {"缺席", "未到", "否", "×", "✗", "0", "n", "no", "absent"}


@dataclass
class TrainingImportReport:
    rows: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0  # (the import report screen shows the same counts as the case import)
    errors: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    unknown_units: set[str] = field(default_factory=set)
    written: bool = False
    dry_run: bool = False


def _cell(values: Sequence[Any], columns: dict[str, int], name: str) -> Any:
    index = columns.get(name)
    if index is None or index >= len(values) or values[index] is None:
        return ""
    value = values[index]
    return value if isinstance(value, int | float) else clean(
        str(value), single_line=True).strip()


def _units(session: Session) -> dict[str, int]:
    found: dict[str, int] = {}
    for unit in session.exec(select(Unit)).all():
        if unit.id is not None:
            found[unit.name] = unit.id
            found[unit.code] = unit.id
    return found


def import_attendees(ws: Workspace, actor: Actor, session_id: int, path: Path, *,
                     dry_run: bool = False) -> TrainingImportReport:
    sheet = read_sheet(path, ATTENDEE_HEADERS, ("name",))
    columns, rows = sheet.columns, sheet.rows
    report = TrainingImportReport(rows=len(rows), dry_run=dry_run)
    with ws.db.read() as session:
        session_row(session, session_id)
        units = _units(session)
        existing = {(a.name, a.unit_id): a.id for a in session.exec(select(TrainingAttendee)
                    .where(col(TrainingAttendee.session_id) == session_id)).all()}
    parsed: list[tuple[int, str, int | None, str, str]] = []
    seen: dict[tuple[str, int | None], int] = {}
    for line, values in rows:
        problems: list[str] = []
        name = str(_cell(values, columns, "name"))[:64]
        if not name:
            problems.append(t("err.imports.no_name"))
        unit_text = str(_cell(values, columns, "unit"))
        unit_id = units.get(unit_text) if unit_text else None
        if unit_text and unit_id is None:
            report.unknown_units.add(unit_text)
            problems.append(t("err.imports.unknown_unit", unit=unit_text))
        mark = str(_cell(values, columns, "attendance")).lower()
        if "attendance" not in columns:
            attendance = "signed_in"
        elif not mark:
            attendance = "invited"
        elif mark in SIGNED:
            attendance = "signed_in"
        elif mark in ABSENT:
            attendance = "absent"
        else:
            attendance = ""
            problems.append(t("err.imports.bad_attendance", mark=mark))
        key = (name, unit_id)
        if name and key in seen:
            problems.append(t("err.imports.same_person", row=seen[key]))
        if problems:
            report.errors.append((line, clauses(problems)))
            continue
        seen[key] = line
        parsed.append((line, name, unit_id, str(_cell(values, columns, "role"))[:64],
                       attendance))
        if key in existing:
            report.updated += 1
        else:
            report.added += 1
    if dry_run or report.errors:
        return report
    with change(ws, actor) as tx:
        session_row(tx.session, session_id)
        current = {(a.name, a.unit_id): a for a in tx.session.exec(select(TrainingAttendee)
                   .where(col(TrainingAttendee.session_id) == session_id)).all()}
        position = len(current)
        for _line, name, unit_id, role, attendance in parsed:
            row = current.get((name, unit_id))
            if row is None:
                position += 1
                row = TrainingAttendee(session_id=session_id, position=position, name=name,
                                       unit_id=unit_id, created_by=actor.login,
                                       created_at=tx.now)
            else:
                row.version += 1
            row.role = role or row.role
            row.attendance = attendance
            tx.session.add(row)
        tx.record("training.attendees_import", "training_session", session_id,
                  after={"file": path.name, "rows": report.rows, "added": report.added,
                         "updated": report.updated})
    report.written = True
    return report


def import_evaluations(ws: Workspace, actor: Actor, session_id: int, path: Path, *,
                       dry_run: bool = False) -> TrainingImportReport:
    sheet = read_sheet(path, EVALUATION_HEADERS, ())
    columns, rows = sheet.columns, sheet.rows
    if not any(q in columns for q in (*QUESTIONS, "comment")):
        raise UsageError("err.training.no_score_columns")
    report = TrainingImportReport(rows=len(rows), dry_run=dry_run)
    with ws.db.read() as session:
        session_row(session, session_id)
        units = _units(session)
        attendees = session.exec(select(TrainingAttendee).where(
            col(TrainingAttendee.session_id) == session_id)).all()
        answered = set(session.exec(select(TrainingEvaluation.attendee_id).where(
            col(TrainingEvaluation.session_id) == session_id)).all())
    parsed: list[tuple[int, int | None, dict[str, int | None], str]] = []
    seen: dict[int, int] = {}
    for line, values in rows:
        problems: list[str] = []
        scores: dict[str, int | None] = {}
        for question in QUESTIONS:
            try:
                scores[question] = check_score(_cell(values, columns, question))
            except UsageError as err:
                label = EVALUATION_HEADERS[question][0]
                problems.append(t("err.imports.cell_problem", label=label, problem=err))
        comment = clean(str(_cell(values, columns, "comment")), max_length=2000)
        if not problems and all(v is None for v in scores.values()) and not comment:
            problems.append(t("err.training.form_empty"))
        name = str(_cell(values, columns, "name"))
        unit_text = str(_cell(values, columns, "unit"))
        attendee_id: int | None = None
        if name:
            matches = [a for a in attendees if a.name == name and (
                not unit_text or a.unit_id == units.get(unit_text))]
            if not matches:
                problems.append(t("err.imports.not_listed", name=name, unit=unit_text)
                                if unit_text else t("err.imports.not_listed_no_unit", name=name))
            elif len(matches) > 1:
                problems.append(t("err.imports.several_named", name=name))
            else:
                attendee_id = matches[0].id
                if attendee_id in seen:
                    problems.append(t("err.imports.same_person", row=seen[attendee_id]))
        if problems:
            report.errors.append((line, clauses(problems)))
            continue
        if attendee_id is not None:
            seen[attendee_id] = line
            if attendee_id in answered:
                report.updated += 1
                report.warnings.append((line, t("err.imports.replaces_form", name=name)))
            else:
                report.added += 1
        else:
            report.added += 1
        parsed.append((line, attendee_id, scores, comment))
    if dry_run or report.errors:
        return report
    with change(ws, actor) as tx:
        session_row(tx.session, session_id)
        forms = {f.attendee_id: f for f in tx.session.exec(select(TrainingEvaluation).where(
            col(TrainingEvaluation.session_id) == session_id,
            col(TrainingEvaluation.attendee_id).is_not(None))).all()}
        people = {a.id: a for a in tx.session.exec(select(TrainingAttendee).where(
            col(TrainingAttendee.session_id) == session_id)).all()}
        for _line, attendee_id, scores, comment in parsed:
            form = forms.get(attendee_id) if attendee_id is not None else None
            if form is None:
                form = TrainingEvaluation(session_id=session_id, attendee_id=attendee_id,
                                          created_by=actor.login, created_at=tx.now)
            for question, value in scores.items():
                setattr(form, question, value)
            form.comment = comment
            tx.session.add(form)
            person = people.get(attendee_id) if attendee_id is not None else None
            if person is not None and person.attendance != "signed_in":
                person.attendance, person.version = "signed_in", person.version + 1
        tx.record("training.evaluations_import", "training_session", session_id,
                  after={"file": path.name, "rows": report.rows, "added": report.added,
                         "updated": report.updated})
    report.written = True
    return report
