"""Write an inspection report (monthly, quarterly, annual) as xlsx or Markdown; an xlsx may be
password-protected. Every export is recorded in the audit log with the file's checksum."""

from __future__ import annotations

from pathlib import Path

from helpdesk.actor import Actor
from helpdesk.calendar.periods import parse_period
from helpdesk.i18n import t
from helpdesk.reports.figures import ReportFigures
from helpdesk.reports.gather import build_report
from helpdesk.reports.markdown import report_markdown
from helpdesk.reports.xlsx import report_workbook
from helpdesk.services.file_export import WrittenFile, book_bytes, check_format, write_bytes
from helpdesk.services.service_years import year_period
from helpdesk.services.workspace import Workspace


def render(figures: ReportFigures, fmt: str) -> bytes:
    if fmt == "md":
        return report_markdown(figures).encode("utf-8")
    return book_bytes(report_workbook(figures))


def write_report(ws: Workspace, actor: Actor, kind: str, value: str, fmt: str, path: Path,
                 password: str | None = None, approval: str | None = None
                 ) -> tuple[ReportFigures, WrittenFile]:
    check_format(fmt, password)
    service = year_period(ws, value) if kind == "annual" else None
    period = service or parse_period(kind, value)
    figures = build_report(ws, actor, period)
    written = write_bytes(ws, actor, path, render(figures, fmt), what="report",
                          label=f"{kind}:{period.label}", password=password,
                          title=t(f"reports.key_{kind}") + f" {period.label}",
                          approval=approval)
    return figures, written
