"""A session's papers: the sign-in sheet (签到表) and the evaluation summary (培训效果评价汇总),
as xlsx that prints on A4 and as Markdown, both built from one TrainingReport."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from helpdesk.actor import Actor
from helpdesk.errors import UsageError
from helpdesk.i18n import clauses, joined, t
from helpdesk.services.file_export import write_bytes
from helpdesk.services.workspace import Workspace
from helpdesk.storage.page_layout import (
    page_marks,
    right_aligned_header,
    text_width,
    wrap_heights,
)
from helpdesk.storage.sheets import save_book
from helpdesk.text import markdown_text
from helpdesk.training.actions import SessionView, get_session, kind_title
from helpdesk.training.evaluation import SCORES, EvaluationStats, summarise
from helpdesk.training.people import (
    AttendeeView,
    EvaluationView,
    list_attendees,
    list_evaluations,
)
from helpdesk.training.questions import RaisedQuestion, list_raised

PARTS = ("all", "signin", "evaluation")
BLANK_SIGNIN_ROWS = 5  # spare lines on the printed sheet for walk-ins


@dataclass(frozen=True)
class TrainingReport:
    session: SessionView
    kind_title: str
    when: str  # local "2026-11-20 14:30-16:30"
    attendees: tuple[AttendeeView, ...]
    evaluations: tuple[EvaluationView, ...]
    stats: EvaluationStats
    raised: tuple[RaisedQuestion, ...]

    @property
    def comments(self) -> list[tuple[str, str]]:
        """(who, comment) for every form with a comment; anonymous forms say so."""
        return [(_who(e), e.comment) for e in self.evaluations if e.comment]


def _who(form: EvaluationView) -> str:
    if not form.name:
        return t("training.anonymous")
    return f"{form.name}（{form.unit}）" if form.unit else form.name


def training_report(ws: Workspace, actor: Actor, session_id: int) -> TrainingReport:
    session = get_session(ws, actor, session_id)
    attendees = tuple(list_attendees(ws, actor, session_id))
    evaluations = tuple(list_evaluations(ws, actor, session_id))
    start = session.starts_at.astimezone(ws.hours.zone)
    end = start + timedelta(minutes=session.minutes)
    stats = summarise([e.scores for e in evaluations],
                      sum(1 for a in attendees if a.attendance == "signed_in"))
    return TrainingReport(session, kind_title(ws, session.kind),
                          f"{start:%Y-%m-%d %H:%M}-{end:%H:%M}", attendees, evaluations, stats,
                          tuple(list_raised(ws, actor, session_id)))


def _header_lines(ws: Workspace, report: TrainingReport) -> list[tuple[str, str]]:
    session = report.session
    return [
        (t("training.kind"), report.kind_title),
        (t("training.when"), report.when),
        (t("training.place"), session.place),
        (t("training.trainer"), session.trainer or "—"),
        (t("training.contents"),
         clauses(c.item for c in session.contents) or "—"),
        (t("training.units"),
         joined(name for _id, name in session.invited_units) or "—"),
    ]


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def mean(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _md_cell(value: object) -> str:
    return markdown_text(value)


def signin_markdown(ws: Workspace, report: TrainingReport) -> str:
    lines = [f"# {ws.config.contract.bureau} {t('training.signin_sheet')}", "",
             f"**{_md_cell(report.session.title)}**", ""]
    lines += [f"- {label}：{_md_cell(value)}" for label, value in _header_lines(ws, report)]
    lines += ["", f"| {t('training.no')} | {t('training.name')} | {t('training.unit')} | "
              f"{t('training.role')} | {t('training.attendance')} | {t('training.signature')} |",
              "|---:|---|---|---|---|---|"]
    for number, person in enumerate(report.attendees, start=1):
        lines.append(f"| {number} | {_md_cell(person.name)} | {_md_cell(person.unit or '—')} | "
                     f"{_md_cell(person.role)} | {t(f'training.att_{person.attendance}')} |  |")
    counts = {state: sum(1 for a in report.attendees if a.attendance == state)
              for state in ("invited", "signed_in", "absent")}
    lines += ["", t("training.attendance_line", **counts), ""]
    return "\n".join(lines)


def evaluation_markdown(ws: Workspace, report: TrainingReport) -> str:
    stats = report.stats
    lines = [f"# {t('training.evaluation_summary')}", "",
             f"**{_md_cell(report.session.title)}**（{report.kind_title}，{report.when}）", "",
             t("training.response_line", responses=stats.responses, signed_in=stats.signed_in,
               rate=percent(stats.response_rate)), "",
             f"| {t('training.question')} | {t('training.answered')} | {t('training.mean')} | "
             + " | ".join(f"{s}{t('training.points')}" for s in SCORES) + " |",
             "|---|---:|---:|" + "---:|" * len(SCORES)]
    for item in stats.questions:
        lines.append(f"| {t(f'training.q_{item.question}')} | {item.answered} | "
                     f"{mean(item.mean)} | "
                     + " | ".join(str(item.distribution[s]) for s in SCORES) + " |")
    lines += ["", f"## {t('training.comments')}", ""]
    lines += [f"- {_md_cell(who)}：{_md_cell(text)}" for who, text in report.comments] or \
        [f"- {t('training.no_comments')}"]
    if report.raised:
        lines += ["", f"## {t('training.raised')}", ""]
        for raised in report.raised:
            lines.append(f"- {_md_cell(raised.text)}" + (f"（{_md_cell(raised.asked_by)}）"
                                                         if raised.asked_by else "")
                         + (f" — {_md_cell(raised.answer)}" if raised.answer else ""))
    lines.append("")
    return "\n".join(lines)


def report_markdown(ws: Workspace, report: TrainingReport, part: str = "all") -> str:
    texts = []
    if part in ("all", "signin"):
        texts.append(signin_markdown(ws, report))
    if part in ("all", "evaluation"):
        texts.append(evaluation_markdown(ws, report))
    return "\n".join(texts)


def _a4(sheet: Any, landscape: bool = False) -> None:
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    page_marks(sheet)


def _signin_sheet(ws: Workspace, book: Any, report: TrainingReport) -> int:
    from openpyxl.styles import Alignment, Border, Font, Side

    sheet = book.create_sheet(t("training.signin_sheet"))
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    sheet.cell(1, 1, f"{ws.config.contract.bureau} {t('training.signin_sheet')}")
    sheet.cell(1, 1).font = Font(bold=True, size=16)
    sheet.cell(1, 1).alignment = Alignment(horizontal="center")
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=6)
    sheet.cell(2, 1, report.session.title).font = Font(bold=True, size=12)
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=6)
    row = 3
    for label, value in _header_lines(ws, report):
        sheet.cell(row, 1, label).alignment = Alignment(vertical="top")
        sheet.cell(row, 2, value).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=6)
        row += 1
    header_row = row + 1
    headers = (t("training.no"), t("training.name"), t("training.unit"), t("training.role"),
               t("training.attendance"), t("training.signature"))
    for column, label in enumerate(headers, start=1):
        cell = sheet.cell(header_row, column, label)
        cell.font = Font(bold=True)
    people = list(report.attendees)
    for index in range(len(people) + BLANK_SIGNIN_ROWS):
        line = header_row + 1 + index
        sheet.cell(line, 1, index + 1)
        if index < len(people):
            person = people[index]
            sheet.cell(line, 2, person.name)
            sheet.cell(line, 3, person.unit)
            sheet.cell(line, 4, person.role)
            sheet.cell(line, 5, t(f"training.att_{person.attendance}")
                       if person.attendance != "invited" else "")
        sheet.row_dimensions[line].height = 24
    last = header_row + len(people) + BLANK_SIGNIN_ROWS
    for cells in sheet.iter_rows(min_row=header_row, max_row=last, max_col=6):
        for cell in cells:
            cell.border = box
            cell.alignment = Alignment(vertical="center", wrap_text=True)

    labels = max((text_width(label) for label, _value in _header_lines(ws, report)),
                 default=4)
    widths = dict(zip(range(1, 7), (max(6, labels + 2), 12, 24, 14, 10, 18), strict=True))
    for column, width in widths.items():  # the first column holds the labels above too
        sheet.column_dimensions["ABCDEF"[column - 1]].width = width
    wrap_heights(sheet, {2: sum(widths[c] for c in range(2, 7))})  # the merged value cells
    sheet.print_title_rows = f"{header_row}:{header_row}"
    _a4(sheet)
    return len(people)


def _evaluation_sheet(ws: Workspace, book: Any, report: TrainingReport) -> None:
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Alignment, Font

    stats = report.stats
    sheet = book.create_sheet(t("training.evaluation_summary"))
    sheet.cell(1, 1, f"{t('training.evaluation_summary')}：{report.session.title}").font = \
        Font(bold=True, size=14)
    sheet.cell(2, 1, f"{report.kind_title}  {report.when}  {report.session.place}")
    sheet.cell(3, 1, t("training.response_line", responses=stats.responses,
                       signed_in=stats.signed_in, rate=percent(stats.response_rate)))
    header = 5
    labels = [t("training.question"), t("training.answered"), t("training.mean"),
              *(f"{s}{t('training.points')}" for s in SCORES)]
    for column, label in enumerate(labels, start=1):
        sheet.cell(header, column, label).font = Font(bold=True)
        if column > 1:  # counts and means: the header over its numbers
            right_aligned_header(sheet.cell(header, column))
    for offset, item in enumerate(stats.questions, start=1):
        row = header + offset
        sheet.cell(row, 1, t(f"training.q_{item.question}"))
        sheet.cell(row, 2, item.answered)
        sheet.cell(row, 3, round(item.mean, 2) if item.mean is not None else None)
        for column, score in enumerate(SCORES, start=4):
            sheet.cell(row, column, item.distribution[score])
    last = header + len(stats.questions)
    chart = BarChart()
    chart.title = t("training.mean")
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 5
    chart.add_data(Reference(sheet, min_col=3, min_row=header, max_row=last),
                   titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=header + 1, max_row=last))
    chart.height, chart.width = 6, 14
    sheet.add_chart(chart, f"A{last + 2}")
    row = last + 15
    sheet.cell(row, 1, t("training.comments")).font = Font(bold=True)
    for who, text in report.comments or [("", t("training.no_comments"))]:
        row += 1
        sheet.cell(row, 1, who)
        sheet.cell(row, 2, text).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=8)
    names = max((text_width(who) for who, _text in report.comments), default=0)
    sheet.column_dimensions["A"].width = min(max(16, names + 2), 30)  # whole names, not cut
    sheet.column_dimensions["B"].width = 10
    _a4(sheet)


def write_report(ws: Workspace, actor: Actor, session_id: int, fmt: str, path: Path,
                 part: str = "all") -> TrainingReport:
    if fmt not in ("xlsx", "md"):
        raise UsageError("err.common.format_xlsx_md", fmt=fmt)
    if part not in PARTS:
        raise UsageError("err.training.part", part=part, parts=', '.join(PARTS))
    # imported here: report_figures reads this module, and report_export reads report_figures

    report = training_report(ws, actor, session_id)
    if fmt == "md":
        text = report_markdown(ws, report, part)
        write_bytes(ws, actor, path, text.encode("utf-8"), what="training_session",
                    label=f"{session_id}.md", title=_register_title(report, part))
        return report
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    if part in ("all", "signin"):
        _signin_sheet(ws, book, report)
    if part in ("all", "evaluation"):
        _evaluation_sheet(ws, book, report)
    data = save_book(book)
    write_bytes(ws, actor, path, data, what="training_session", label=f"{session_id}.xlsx",
                title=_register_title(report, part))
    return report


def _register_title(report: TrainingReport, part: str) -> str:
    """How the confidentiality register names the file: the session by its day and title
    and what the file holds (not the session's internal id)."""
    parts = [t("training.signin_sheet")] if part == "signin" else \
        [t("training.evaluation_summary")] if part == "evaluation" else \
        [t("training.signin_sheet"), t("training.evaluation_summary")]
    return f"{report.when[:10]} {report.session.title}（{joined(parts)}）"
