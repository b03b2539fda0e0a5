"""How every sheet we write prints: A4, portrait when its columns fit the page's width and
landscape otherwise, scaled to the page's width only (never its height, so the type stays
readable), long text wrapped instead of shrinking everything, the header rows repeated on every
printed page, numeric columns' headers aligned with their numbers. Column widths count what a
terminal or Excel shows: CJK characters are two columns wide (rich.cells)."""

from __future__ import annotations

import math
from copy import copy
from typing import Any

from rich.cells import cell_len

PORTRAIT_WIDTH = 90  # column-width units that fit A4 portrait at 100 % with default margins
LANDSCAPE_WIDTH = 135
WIDEST_COLUMN = 50  # longer text wraps within this width


def text_width(value: Any) -> int:
    """How many character columns a cell's longest line takes."""
    if value is None:
        return 0
    if isinstance(value, float):
        value = f"{value:.2f}"
    return max((cell_len(line) for line in str(value).splitlines()), default=0)


def print_layout(sheet: Any, header_rows: int = 1, *, widths: bool = True) -> None:
    """Lay out one worksheet for print (call after its cells are written)."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    rows = list(sheet.iter_rows())
    hidden = {column for column in range(1, (sheet.max_column or 1) + 1)
              if sheet.column_dimensions[get_column_letter(column)].hidden}
    if widths and rows:
        measured: dict[int, int] = {}
        for row in rows:
            for cell in row:
                if type(cell).__name__ == "MergedCell" or cell.column in hidden:
                    continue
                measured[cell.column] = max(measured.get(cell.column, 0),
                                            text_width(cell.value))
        cap = fitting_cap([width + 2 for width in measured.values()])
        final: dict[int, float] = {}
        for column, width in measured.items():
            letter = get_column_letter(column)
            final[column] = sheet.column_dimensions[letter].width = max(6, min(width + 2, cap))
            if width + 2 > cap:
                for row in rows[header_rows:]:
                    cell = row[column - 1] if column - 1 < len(row) else None
                    if cell is not None and type(cell).__name__ != "MergedCell":
                        cell.alignment = Alignment(wrap_text=True, vertical="top")
        wrap_heights(sheet, final)
    if rows and header_rows:
        _align_numeric_headers(rows, header_rows)
    total = sum((sheet.column_dimensions[get_column_letter(c)].width or 8.43)
                for c in range(1, (sheet.max_column or 1) + 1) if c not in hidden)
    page_setup(sheet, total, (1, header_rows) if header_rows and (sheet.max_row or 0)
               > header_rows else None)


def wrap_heights(sheet: Any, widths: dict[int, float]) -> None:
    """Rows holding wrapped text get the height of their lines (a spreadsheet reading the
    file does not always recompute it, and the lines would overlap the next row)."""

    for row in sheet.iter_rows():
        lines = 1
        for cell in row:
            if type(cell).__name__ == "MergedCell" or not isinstance(cell.value, str):
                continue
            if cell.alignment is None or not cell.alignment.wrap_text:
                continue
            width = max(widths.get(cell.column, 8.43) - 1, 1)
            lines = max(lines, sum(max(1, math.ceil(cell_len(part) / width))
                                   for part in cell.value.splitlines() or [""]))
        if lines > 1:
            sheet.row_dimensions[row[0].row].height = 15 * lines
            _top_aligned(row)


def _top_aligned(row: Any) -> None:
    """Every cell of a tall row starts at its top: a label left at the bottom (the default)
    reads beside the next row's text on paper (issue 36: the first-response breaches printed
    beside 培训)."""
    for cell in row:
        if type(cell).__name__ == "MergedCell" or cell.value is None:
            continue
        alignment = copy(cell.alignment)
        alignment.vertical = "top"
        cell.alignment = alignment


def fitting_cap(widths: list[int]) -> int:
    """The widest a column may be (longer text wraps) so that the sheet prints at 70 % or
    more on landscape A4: a wide table wraps its text rather than shrink to unreadable."""
    target = LANDSCAPE_WIDTH / 0.7
    cap = WIDEST_COLUMN
    while cap > 10 and sum(min(width, cap) for width in widths) > target:
        cap -= 1
    return cap


def rows_per_page(total_width: float, row_points: float = 15.0) -> int:
    """About how many default rows one printed page holds once the sheet is scaled to the
    page's width (A4 less margins: 734 pt tall in portrait, 500 pt in landscape)."""
    portrait = total_width <= PORTRAIT_WIDTH
    usable_height, usable_width = (734, PORTRAIT_WIDTH) if portrait else (500, LANDSCAPE_WIDTH)
    scale = min(1.0, usable_width / max(total_width, 1))
    return max(10, int(usable_height / (row_points * scale)))


def table_breaks(blocks: list[tuple[int, int]], page_rows: int) -> list[int]:
    """Rows to start a new page at, so that no titled table that fits on a page is split
    across two (its header on one page and its last rows orphaned on the next)."""
    breaks: list[int] = []
    page_start = 1
    for first, last in blocks:
        while first - page_start >= page_rows:  # earlier content filled pages on its own
            page_start += page_rows
        crosses = last - page_start + 1 > page_rows
        if crosses and last - first + 1 <= page_rows and first > page_start:
            breaks.append(first)
            page_start = first
    return breaks


def page_setup(sheet: Any, total_width: float, title_rows: tuple[int, int] | None) -> None:
    """A4, the orientation the width needs, fit to the page's width only; `title_rows`
    (first, last) repeat on every printed page. Works on write-only sheets too."""
    setup = sheet.page_setup
    setup.paperSize = "9"  # A4 (Worksheet.PAPERSIZE_A4; write-only sheets lack the name)
    setup.orientation = "portrait" if total_width <= PORTRAIT_WIDTH else "landscape"
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if title_rows is not None:
        sheet.print_title_rows = f"{title_rows[0]}:{title_rows[1]}"


def column_widths(rows: list[list[Any]]) -> list[int]:
    """Widths for columns of these values (for a write-only sheet, measured before writing)."""
    widths: list[int] = []
    for row in rows:
        for index, value in enumerate(row):
            if index == len(widths):
                widths.append(6)
            widths[index] = max(widths[index], min(text_width(value) + 2, WIDEST_COLUMN))
    return widths


def numeric_column(values: list[Any]) -> bool:
    """Whether a column's values (blanks left out) are all numbers: its header then aligns
    right, over them."""
    present = [v for v in values if v not in (None, "")]
    return bool(present) and all(isinstance(v, int | float) and not isinstance(v, bool)
                                 for v in present)


def right_aligned_header(cell: Any) -> None:
    from openpyxl.styles import Alignment

    cell.alignment = Alignment(horizontal="right", wrap_text=True)


def _align_numeric_headers(rows: list[Any], header_rows: int) -> None:
    header = rows[header_rows - 1]
    for index, cell in enumerate(header):
        if isinstance(cell.value, str) and numeric_column(
                [row[index].value for row in rows[header_rows:] if index < len(row)]):
            right_aligned_header(cell)


def laid_out(sheet: Any) -> bool:
    return sheet.page_setup.paperSize is not None
