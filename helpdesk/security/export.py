"""The confidentiality records as one workbook for the bureau or an inspection: everyone's
exam standing, every register, the scans and their findings. It holds the bureau's
information, so it is encrypted unless the caller says otherwise."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from helpdesk.actor import Actor
from helpdesk.errors import UsageError
from helpdesk.i18n import t
from helpdesk.reports.sheet_writer import SheetWriter
from helpdesk.security.exams import exam_standings
from helpdesk.security.network import list_findings, list_scans
from helpdesk.security.register_entries import list_entries
from helpdesk.security.registers import CONFIDENTIALITY_KINDS, medium_label, register_of
from helpdesk.services.file_export import WrittenFile, book_bytes, write_bytes
from helpdesk.services.workspace import Workspace
from helpdesk.storage.core_tables import staff


def _day(value: object) -> str:
    return "" if value is None else str(value)


def staff_names(ws: Workspace) -> dict[str, str]:
    """Each staff login's name: a holder that is a login prints as the person it names."""
    with ws.db.snapshot() as connection:
        return {login: name for login, name in connection.execute(
            select(staff.c.login, staff.c.name))}


def security_workbook(ws: Workspace, actor: Actor) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    exams = SheetWriter(book, t("nav.security"))
    exams.title(t("security.exam_sheet"))
    exams.table([t("security.col_name"), t("security.col_login"), t("security.col_state"),
                 t("security.col_taken"), t("security.col_score"), t("security.col_until"),
                 t("security.col_pledge")],
                [(row.name, row.login, row.reason(), _day(row.latest and row.latest.taken_on),
                  row.latest.score if row.latest else None, _day(row.until),
                  _day(row.pledge_on)) for row in exam_standings(ws, actor)])
    exams.finish()
    people = staff_names(ws)
    for kind in CONFIDENTIALITY_KINDS:
        register = register_of(kind)
        assert register is not None
        sheet = SheetWriter(book, t(f"registers.kind_{kind}"))
        sheet.title(t(f"registers.kind_{kind}"))
        fields = [f for f in register.fields if f != "password_set"]
        headers = [t("registers.col_number"), *(t(f"registers.field_{f}") for f in fields),
                   t("registers.col_state"), t("registers.field_closed_on")]
        rows = []
        for entry in list_entries(ws, actor, kind, limit=100_000):
            values: list[object] = [entry.number]
            for field in fields:
                value = getattr(entry, field)
                values.append(entry.ref if field == "ref" else
                              medium_label(value) if field == "medium" else
                              people.get(value, value) if field == "holder" else _day(value))
            state = t(f"registers.outcome_{entry.outcome}") if entry.status == "closed" \
                else t("registers.open")
            values += [state, _day(entry.closed_on)]
            rows.append(values)
        sheet.table(headers, rows)
        sheet.finish()
    network = SheetWriter(book, t("network.title"))
    network.title(t("network.title"))
    network.table([t("network.col_scan"), t("network.kind"), t("network.tool"),
                   t("network.col_date"), t("network.summary"), "SHA-256"],
                  [(s.number, t(f"network.kind_{s.kind}"), s.tool, _day(s.scanned_on),
                    s.summary, s.report_sha256) for s in list_scans(ws, actor)])
    network.table([t("network.col_scan"), t("network.col_severity"),
                   t("network.col_title"), t("network.col_owner"), t("network.col_due"),
                   t("network.col_state"), t("network.remediation")],
                  [(f.scan, t(f"network.severity_{f.severity}"), f.title, f.owner,
                    _day(f.due_on), t(f"network.status_{f.status}"), f.remediation)
                   for f in list_findings(ws, actor)])
    network.finish()
    return book_bytes(book)


def write_security(ws: Workspace, actor: Actor, path: Path, *, password: str | None = None,
                   plain: bool = False) -> WrittenFile:
    if password is None and not plain:
        raise UsageError("err.registers.export_password")
    if Path(path).suffix.lower() != ".xlsx":
        raise UsageError("err.registers.export_xlsx")
    return write_bytes(ws, actor, Path(path), security_workbook(ws, actor), what="security",
                       label=ws.now().astimezone(ws.hours.zone).date().isoformat(),
                       password=password)
