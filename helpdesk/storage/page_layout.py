"""How every sheet we write prints: A4, portrait when its columns fit the page's width and
landscape otherwise, scaled to the page's width only (never its height, so the type stays
readable), long text wrapped instead of shrinking everything, the header rows repeated on every
printed page, numeric columns' headers aligned with their numbers. Column widths count what a
terminal or Excel shows: CJK characters are two columns wide (rich.cells)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from copy import copy
from typing import Any

from rich.cells import cell_len

PORTRAIT_WIDTH = 90  # column-width units that fit A4 portrait at 100 % with default margins
LANDSCAPE_WIDTH = 135
WIDEST_COLUMN = 50  # longer text wraps within this width
DEFAULT_WIDTH = 8.43  # a column no width was set for (Excel's and LibreOffice's default)
PAGE_HEADER = "&A"  # every printed page names its sheet
PAGE_FOOTER = "&P / &N"  # and numbers itself (a field, so no language of its own)


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
    total = sum((sheet.column_dimensions[get_column_letter(c)].width or DEFAULT_WIDTH)
                for c in range(1, (sheet.max_column or 1) + 1) if c not in hidden)
    page_setup(sheet, total, (1, header_rows) if header_rows and (sheet.max_row or 0)
               > header_rows else None)


def wrap_heights(sheet: Any, widths: Mapping[int, float]) -> None:
    """Rows holding wrapped text get the height of their lines (a spreadsheet reading the
    file does not always recompute it, and the lines would overlap the next row)."""

    from openpyxl.utils import get_column_letter

    hidden = {letter for letter, dimension in sheet.column_dimensions.items()
              if dimension.hidden}
    for row in sheet.iter_rows():
        lines = 1
        for cell in row:
            if type(cell).__name__ == "MergedCell" or not isinstance(cell.value, str):
                continue
            if cell.alignment is None or not cell.alignment.wrap_text \
                    or get_column_letter(cell.column) in hidden:  # a hidden id prints nowhere
                continue
            width = max(widths.get(cell.column, DEFAULT_WIDTH) - 1, 1)
            lines = max(lines, wrapped_lines(cell.value, width))
        if lines > 1:
            sheet.row_dimensions[row[0].row].height = 15 * lines
            _top_aligned(row)


# Where a spreadsheet may break a line: after a space or a CJK character; a run of other
# characters (a number, a date range, a question number) stays whole unless it alone is
# wider than the column.
_BREAKABLE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]|[^\s\u2e80-\u9fff"
                        r"\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+\s*|\s+")


def wrapped_lines(text: str, width: float) -> int:
    """How many lines `text` takes wrapped in a column `width` characters wide (greedy, by
    the pieces a spreadsheet breaks between: it does not cut a date in two)."""
    lines = 0
    for paragraph in text.splitlines() or [""]:
        used, count = 0.0, 1
        for piece in _BREAKABLE.findall(paragraph):
            size = cell_len(piece.rstrip()) or cell_len(piece)
            if used and used + size > width:
                count, used = count + 1, 0.0
            if size > width:  # a piece wider than the column is cut where it must be
                count += math.ceil(size / width) - 1
                used = size % width
            else:
                used += cell_len(piece)
        lines += count
    return lines


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
    more on landscape A4: a wide table wraps its text rather than shrink to unreadable. Aimed
    at 75 %: LibreOffice printed a sheet planned for 70.3 % at 68 %."""
    target = LANDSCAPE_WIDTH / 0.75
    cap = WIDEST_COLUMN
    while cap > 10 and sum(min(width, cap) for width in widths) > target:
        cap -= 1
    return cap


def page_height(total_width: float) -> float:
    """How many points of rows (at 100 %) one printed page holds once the sheet is scaled to
    the page's width: A4 less its margins, the page's header and its footer (718 pt of rows
    in portrait, 471 in landscape as LibreOffice prints them, less a little to spare)."""
    portrait = total_width <= PORTRAIT_WIDTH
    usable_height, usable_width = (700, PORTRAIT_WIDTH) if portrait else (460, LANDSCAPE_WIDTH)
    scale = min(1.0, usable_width / max(total_width, 1))
    return usable_height / scale


def rows_per_page(total_width: float, row_points: float = 15.0) -> int:
    """About how many default rows one printed page holds."""
    return max(10, int(page_height(total_width) / row_points))


def table_breaks(blocks: list[tuple[int, int]], page: float,
                 height: Callable[[int], float] = lambda row: 1.0) -> list[int]:
    """Rows to start a new page at, so that no titled table that fits on a page is split
    across two (its header on one page and its last rows orphaned on the next): every page's
    first row, so the printer paginates as planned. `page` is what a page holds in the unit
    of `height` (a row's height; rows by default)."""
    tops = [0.0, 0.0]  # tops[row]: where the row starts, rows numbered from 1

    def top(row: int) -> float:
        while len(tops) <= row:
            tops.append(tops[-1] + height(len(tops) - 1))
        return tops[row]

    breaks: list[int] = []
    page_start = 1
    for first, last in blocks:
        while top(first + 1) - top(page_start) > page:  # earlier content filled a page
            row = page_start
            while top(row + 1) - top(page_start) <= page:
                row += 1
            page_start = max(row, page_start + 1)
            # Broken here too: our page is shorter than the printer's (to be safe), and a
            # printer left to break later would shift every page after it.
            breaks.append(page_start)
        crosses = top(last + 1) - top(page_start) > page
        if crosses and top(last + 1) - top(first) <= page and first > page_start:
            breaks.append(first)
            page_start = first
    return breaks


def page_setup(sheet: Any, total_width: float, title_rows: tuple[int, int] | None) -> None:
    """A4, the orientation the width needs, fit to the page's width only; `title_rows`
    (first, last) repeat on every printed page; each page headed by its sheet's name and
    numbered at its foot. Works on write-only sheets too."""
    setup = sheet.page_setup
    setup.paperSize = "9"  # A4 (Worksheet.PAPERSIZE_A4; write-only sheets lack the name)
    setup.orientation = "portrait" if total_width <= PORTRAIT_WIDTH else "landscape"
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    page_marks(sheet)
    if title_rows is not None:
        sheet.print_title_rows = f"{title_rows[0]}:{title_rows[1]}"


def page_marks(sheet: Any) -> None:
    """Each printed page headed by its sheet's name and numbered at its foot: a loose page
    says where it belongs."""
    sheet.oddHeader.center.text = PAGE_HEADER
    sheet.oddFooter.center.text = PAGE_FOOTER


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
