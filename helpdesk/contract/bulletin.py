"""The monthly service bulletin for the bureau (服务情况通报; the bureau has the right to know
how the service is going): the month's report figures, the month's column of the compliance
ledger with its evidence, the confidentiality registers' movements and the bureau's
suggestions and supervision notices with our answers. An xlsx is encrypted unless the caller
says otherwise (it holds the bureau's information); Markdown (escaped) for a chat group."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from helpdesk.actor import Actor
from helpdesk.calendar.periods import parse_period
from helpdesk.contract.ledger import Ledger, LedgerCell, compute_ledger, missed_questions
from helpdesk.errors import UsageError
from helpdesk.i18n import joined, t
from helpdesk.reports.gather import build_report
from helpdesk.reports.markdown import report_markdown, table
from helpdesk.reports.sheet_writer import SheetWriter
from helpdesk.reports.xlsx import report_workbook
from helpdesk.security.register_entries import EntryView, list_entries
from helpdesk.security.registers import REGISTER_KINDS
from helpdesk.services.file_export import WrittenFile, book_bytes, check_format, write_bytes
from helpdesk.services.workspace import Workspace

EVIDENCE_IN_CELL = 5  # more items than this are counted in the cell, listed on a sheet


@dataclass(frozen=True)
class Bulletin:
    month: str
    ledger_cells: tuple[LedgerCell, ...]
    entries: tuple[EntryView, ...]  # register entries made or closed that month
    suggestions: tuple[EntryView, ...]  # the bureau's suggestions and notices that month


def _in_month(entry: EntryView, start: date, end: date) -> bool:
    days = [entry.start_on, entry.approved_on, entry.closed_on, entry.reported_on]
    return any(day is not None and start <= day <= end for day in days)


def _all_evidence(ws: Workspace, cell: LedgerCell) -> LedgerCell:
    """The cell with every missed question as its evidence (the ledger keeps the first 20)."""
    if cell.obligation in ("response", "resolution") and cell.evidence:
        return replace(cell, evidence=missed_questions(ws, cell.month, cell.obligation))
    return cell


def build_bulletin(ws: Workspace, actor: Actor, month: str, ledger: Ledger | None = None
                   ) -> Bulletin:
    period = parse_period("monthly", month)
    ledger = ledger or compute_ledger(ws, actor)
    if period.label not in ledger.months:
        raise UsageError("err.contract.month_outside", month=period.label)
    cells = tuple(_all_evidence(ws, ledger.cell(name, period.label))
                  for name, _cells in ledger.rows)
    entries: list[EntryView] = []
    suggestions: list[EntryView] = []
    for kind in REGISTER_KINDS:
        for entry in list_entries(ws, actor, kind, limit=5000):
            if _in_month(entry, period.start, period.end):
                (suggestions if kind == "suggestion" else entries).append(entry)
    return Bulletin(period.label, cells, tuple(entries), tuple(suggestions))


def _ledger_rows(bulletin: Bulletin, listed_apart: bool = False
                 ) -> list[tuple[str, str, str, str]]:
    """One row per obligation; `listed_apart`: evidence of more than EVIDENCE_IN_CELL items
    is counted in the cell and listed on the evidence sheet (a cell of 24 question numbers
    printed as a tall block beside the next obligation's label)."""
    def evidence(cell: LedgerCell) -> str:
        if listed_apart and len(cell.evidence) > EVIDENCE_IN_CELL:
            return t("bulletin.evidence_summary", count=len(cell.evidence),
                     sheet=t("bulletin.sheet_evidence"))
        return joined(cell.evidence)

    return [(t(f"ledger.o_{cell.obligation}"), t(f"ledger.state_{cell.state}"), cell.figure,
             evidence(cell)) for cell in bulletin.ledger_cells]


def _entry_rows(entries: tuple[EntryView, ...]) -> list[tuple[str, str, str, str, str]]:
    return [(entry.number, t(f"registers.kind_{entry.kind}"), entry.title,
             str(entry.start_on or entry.approved_on or ""),
             t(f"registers.outcome_{entry.outcome}") + f" {entry.closed_on}"
             if entry.status == "closed" else t("registers.open")) for entry in entries]


def _suggestion_rows(entries: tuple[EntryView, ...]) -> list[tuple[str, str, str, str]]:
    return [(entry.number, entry.title, str(entry.start_on or ""),
             f"{entry.closed_on} {entry.close_note}" if entry.status == "closed"
             else t("bulletin.unanswered")) for entry in entries]


def bulletin_sheets(book: Any, bulletin: Bulletin) -> None:
    writer = SheetWriter(book, t("bulletin.sheet"))
    writer.title(t("bulletin.title", month=bulletin.month))
    writer.table([t("ledger.obligation"), t("bulletin.state"), t("bulletin.figure"),
                  t("ledger.evidence")], _ledger_rows(bulletin, listed_apart=True))
    writer.title(t("bulletin.registers"), size=12)
    writer.table([t("registers.col_number"), t("bulletin.register"), t("registers.field_title"),
                  t("registers.field_start_on"), t("registers.col_state")],
                 _entry_rows(bulletin.entries))
    writer.title(t("bulletin.suggestions"), size=12)
    writer.table([t("registers.col_number"), t("registers.field_title"),
                  t("bulletin.received"), t("bulletin.answer")],
                 _suggestion_rows(bulletin.suggestions))
    writer.finish()
    sheets = list(writer.sheets)
    long_lists = [cell for cell in bulletin.ledger_cells
                  if len(cell.evidence) > EVIDENCE_IN_CELL]
    if long_lists:
        evidence = SheetWriter(book, t("bulletin.sheet_evidence"))
        evidence.title(t("bulletin.sheet_evidence"))
        evidence.table([t("ledger.obligation"), t("bulletin.item")],
                       [(t(f"ledger.o_{cell.obligation}"), item) for cell in long_lists
                        for item in cell.evidence])
        evidence.finish()
        sheets += evidence.sheets
    for place, sheet in enumerate(sheets):  # first, before the report's sheets
        book.move_sheet(sheet, offset=place - book.index(sheet))


def bulletin_markdown(bulletin: Bulletin, report: str) -> str:
    lines = [f"# {t('bulletin.title', month=bulletin.month)}", ""]
    lines += table([t("ledger.obligation"), t("bulletin.state"), t("bulletin.figure"),
                    t("ledger.evidence")], _ledger_rows(bulletin))
    lines += ["", f"## {t('bulletin.registers')}", ""]
    lines += table([t("registers.col_number"), t("bulletin.register"),
                    t("registers.field_title"), t("registers.field_start_on"),
                    t("registers.col_state")], _entry_rows(bulletin.entries))
    lines += ["", f"## {t('bulletin.suggestions')}", ""]
    lines += table([t("registers.col_number"), t("registers.field_title"),
                    t("bulletin.received"), t("bulletin.answer")],
                   _suggestion_rows(bulletin.suggestions))
    lines += ["", report]
    return "\n".join(lines)


def write_bulletin(ws: Workspace, actor: Actor, month: str, fmt: str, path: Path, *,
                   password: str | None = None, plain: bool = False,
                   approval: str | None = None) -> tuple[Bulletin, WrittenFile]:
    """xlsx needs a password unless `plain` (the bulletin holds the bureau's information)."""
    check_format(fmt, password)
    if fmt == "xlsx" and password is None and not plain:
        raise UsageError("err.contract.bulletin_password")
    bulletin = build_bulletin(ws, actor, month)
    figures = build_report(ws, actor, parse_period("monthly", month))
    if fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        book.remove(book.active)
        report_workbook(figures, book)
        bulletin_sheets(book, bulletin)
        data = book_bytes(book)
    else:
        data = bulletin_markdown(bulletin, report_markdown(figures)).encode("utf-8")
    written = write_bytes(ws, actor, path, data, what="bulletin", label=bulletin.month,
                          password=password, approval=approval)
    return bulletin, written
