"""Every spreadsheet cell we write from data is inert: a value that starts with `= + - @`,
a tab or a carriage return is prefixed with an apostrophe (OWASP's rule for CSV/formula
injection), so opening an export never runs a formula typed by a user or an import.

`inert` is for values written one by one (write-only workbooks); `save_book` makes a whole
workbook inert on its way to bytes: every workbook the product writes goes through it."""

from __future__ import annotations

import io
from copy import copy
from typing import Any

from helpdesk.storage.page_layout import laid_out, print_layout

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
BOOK_FONT = "Calibri"  # openpyxl's default, as Excel's


def inert(value: Any) -> Any:
    if isinstance(value, str) and len(value) > 1 and value.startswith(DANGEROUS):
        return "'" + value
    return value


def ready_cells(book: Any) -> None:
    """One walk over a workbook's cells: every formula or formula-like text made text, and a
    font written without a name (`Font(bold=True)`) named as the workbook's, Calibri (left
    nameless, LibreOffice printed such titles and headers in a serif of other widths). A
    write-only workbook cannot be read back: its writer applies `inert` to each value."""
    if getattr(book, "write_only", False):
        return
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, str) and (cell.data_type == "f" or value != inert(value)):
                    cell.value = inert(value)
                    cell.data_type = "s"
                if cell.has_style and cell.font is not None and cell.font.name is None:
                    font = copy(cell.font)
                    font.name = BOOK_FONT
                    cell.font = font


def save_book(book: Any) -> bytes:
    """Neutralised, fonts named, and every sheet its writer did not lay out itself laid out
    for print (A4, fit to width, the first row repeated: storage/page_layout.py)."""

    ready_cells(book)
    if not getattr(book, "write_only", False):
        for sheet in book.worksheets:
            if not laid_out(sheet):
                print_layout(sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
