"""A requirement document (需求说明) written for the provincial project team: as Markdown and
as one xlsx sheet, the facts as a table, then each section of text. Everything typed is
literal in both (escaped Markdown, inert cells); the file goes through the one export path
(owner-only, audited, in the media register), encrypted unless plain."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from helpdesk.actor import Actor
from helpdesk.errors import UsageError
from helpdesk.i18n import t
from helpdesk.questions.requirement_docs import RequirementDoc, get_document
from helpdesk.services.file_export import book_bytes, check_format, write_bytes
from helpdesk.services.workspace import Workspace
from helpdesk.storage.page_layout import page_setup
from helpdesk.text import markdown_text

if TYPE_CHECKING:
    from helpdesk.services.file_export import WrittenFile

SECTIONS = ("description", "background", "current_behaviour", "wanted_behaviour", "analysis",
            "verification", "province_answer")


def document_title(doc: RequirementDoc) -> str:
    return t(f"requirements.doc_title_{doc.item.kind}", number=doc.item.number,
             title=doc.item.title)


def facts(doc: RequirementDoc) -> list[tuple[str, str]]:
    """(label, value) of the document's header, in the order it prints them."""
    item = doc.item
    return [
        (t("requirements.f_number"), item.number),
        (t("requirements.f_status"), t(f"trackers.state_{item.status}")),
        (t("requirements.f_raised"), doc.raised_on.isoformat()),
        (t("requirements.f_question"), doc.source_question or "—"),
        (t("requirements.f_affected_units"), doc.affected_units or "—"),
        (t("requirements.f_confirmer"), t("requirements.confirmer_line",
                                          name=doc.confirmer_name, unit=doc.confirmer_unit,
                                          day=doc.confirmed_on or "")
         if doc.confirmed else t("requirements.not_confirmed")),
        (t("requirements.f_province_ref"), item.province_ref or "—"),
    ]


def section_text(doc: RequirementDoc, name: str) -> str:
    return doc.item.description if name == "description" else str(getattr(doc, name))


def document_markdown(doc: RequirementDoc) -> str:
    lines = [f"# {markdown_text(document_title(doc))}", "",
             f"| {t('requirements.f_item')} | {t('requirements.f_value')} |", "|---|---|"]
    lines += [f"| {markdown_text(label)} | {markdown_text(value)} |"
              for label, value in facts(doc)]
    for name in SECTIONS:
        text = section_text(doc, name).strip()
        lines += ["", f"## {t(f'requirements.s_{name}')}", "",
                  markdown_text(text, inline=False) if text else t("requirements.empty")]
    lines += ["", t("requirements.doc_footer", number=doc.item.number)]
    return "\n".join(lines) + "\n"


def document_workbook(doc: RequirementDoc) -> Any:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = t("requirements.sheet")
    sheet.append([document_title(doc)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    for label, value in facts(doc):
        sheet.append([label, value])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
    for name in SECTIONS:
        sheet.append([])
        sheet.append([t(f"requirements.s_{name}")])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True, size=12)
        text = section_text(doc, name).strip() or t("requirements.empty")
        sheet.append([text])
        row = sheet.max_row
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        sheet.cell(row, 1).alignment = Alignment(wrap_text=True, vertical="top")
        # About 40 characters of CJK text per printed line across the two merged columns.
        sheet.row_dimensions[row].height = 15 * max(1, sum(
            len(line) // 40 + 1 for line in text.splitlines()))
    sheet.column_dimensions["A"].width = 18
    sheet.column_dimensions["B"].width = 62
    for row in sheet.iter_rows(min_row=3, max_col=2):
        for cell in row:
            if cell.alignment is None or not cell.alignment.wrap_text:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    page_setup(sheet, 18 + 62, None)
    book.properties.title = document_title(doc)
    return book


def write_document(ws: Workspace, actor: Actor, item_id: int, path: Path, fmt: str, *,
                   password: str | None = None, plain: bool = False) -> WrittenFile:
    """The document as xlsx or Markdown for the provincial project team. It describes the
    bureau's work (its units, its people, its system), so it is encrypted unless `plain`:
    an xlsx with the password, and Markdown (which cannot be encrypted) only when plain."""

    if fmt == "md" and not plain:
        raise UsageError("err.requirements.markdown_plain")
    check_format(fmt, password, encrypted=not plain)
    if password is None and not plain:
        raise UsageError("err.requirements.export_password")
    doc = get_document(ws, actor, item_id)
    data = book_bytes(document_workbook(doc)) if fmt == "xlsx" else \
        document_markdown(doc).encode("utf-8")
    return write_bytes(ws, actor, path, data, what="requirement", label=doc.item.number,
                       password=None if plain else password)
