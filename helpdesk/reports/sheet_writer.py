"""Titled tables written down a sheet, laid out to print as a reader wants them (issue 36):

- a chart sits *below* its table, as wide as the table (never beside it, which shrank the page
  to half size), anchored to the rows kept for it so nothing overlaps it;
- a table longer than a printed page gets a sheet of its own, its header row repeated on every
  page; several short tables share a sheet, each kept whole on one page;
- widths from the text written, wide text wrapped (storage/page_layout.py), A4 fit to width.

openpyxl is imported lazily."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from helpdesk.i18n import t
from helpdesk.storage.page_layout import (
    DEFAULT_WIDTH,
    fitting_cap,
    numeric_column,
    page_height,
    page_setup,
    right_aligned_header,
    table_breaks,
    text_width,
    wrap_heights,
    wrapped_lines,
)

LONG_TABLE = 30  # more data rows than this and a table prints on a sheet of its own
ROW_CM = 15 / 72 * 2.54  # a default row (15 pt) in centimetres
CHART_ROWS = 14  # a column or line chart: about 7.4 cm tall
CHART_MIN_WIDTH = 60  # column-width units: narrower tables still get a readable chart
DEFAULT_ROW_POINTS = 15.0
TITLE_LINE = 1.4  # a title row's height over its font size, as a spreadsheet sizes it
_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")


@dataclass
class _Chart:
    chart: Any
    row: int  # the first row kept for it
    rows: int


class SheetWriter:
    """Writes titled tables down a sheet (and on to new sheets when a table is long);
    remembers the widest text per column. `finish()` lays out every sheet it wrote."""

    def __init__(self, book: Any, title: str) -> None:
        self.book = book
        self.name = title
        self.sheets: list[Any] = []
        self._start(title)

    def _start(self, title: str) -> None:
        self.sheet = self.book.create_sheet(self._free_name(title))
        self.sheets.append(self.sheet)
        self.row = 1
        self.widths: dict[int, int] = {}
        self.blocks: list[tuple[int, int]] = []  # (first, last) row of each titled table
        self.charts: list[_Chart] = []
        self._titled: int | None = None  # the row of a title not yet followed by a table
        self._repeat: int | None = None  # the header row of this sheet's one long table
        self._title_heights: dict[int, float] = {}
        self._sentences: list[int] = []  # rows holding one sentence (run on, or wrapped)
        self._noted: int | None = None  # the block of the table just written (its notes)
        self._headers: list[int] = []  # each table's header row

    def _free_name(self, title: str) -> str:
        name = _SHEET_NAME.sub(" ", title).strip()[:31] or self.name[:31]
        name = name[:1].upper() + name[1:]  # "files and media" is a sentence's word
        taken = set(self.book.sheetnames)
        base, number = name, 2
        while name in taken:
            suffix = f"（{number}）"
            name, number = base[:31 - len(suffix)] + suffix, number + 1
        return name

    def _continue(self, title: str) -> None:
        """Finish this sheet and go on on a new one, named by the title just written (which
        moves with it) or else `title`."""
        from openpyxl.styles import Font

        moved: tuple[Any, float] | None = None
        if self._titled is not None:
            cell = self.sheet.cell(self._titled, 1)
            moved = (cell.value, cell.font.size or 11)
            cell.value, cell.font = None, Font()
            self.row = self._titled
            self._titled = None
        self._finish_sheet()
        self._start(str(moved[0]) if moved else title)
        if moved:
            self.title(str(moved[0]), int(moved[1]))

    def title(self, text: str, size: int = 14) -> None:
        from openpyxl.styles import Font

        if self._repeat is not None:  # after a long table: its repeated header is not ours
            self._continue(t("report.sheet_continued", name=self.name))
        self.sheet.cell(self.row, 1, text).font = Font(bold=True, size=size)
        self._noted = None
        self._title_heights[self.row] = size * TITLE_LINE
        self._titled = self.row
        self.row += 2 if size > 12 else 1

    def line(self, *values: object) -> None:
        """A row of values; a sentence alone on its row runs on across the empty cells
        beside it and does not widen its column."""
        if len(values) == 1:
            self.sheet.cell(self.row, 1, _cell_value(values[0]))
            self._sentences.append(self.row)
        else:
            for column, value in enumerate(values, start=1):
                self._put(self.row, column, value)
        if self._noted is not None:  # a note under a table is printed with it
            first, _last = self.blocks[self._noted]
            self.blocks[self._noted] = (first, self.row)
        self.row += 1
        self._titled = None

    def table(self, headers: Sequence[str], rows: Iterable[Sequence[object]],
              percent_columns: Sequence[int] = ()) -> tuple[int, int]:
        """Write a header and rows; return (header row, last row)."""
        from openpyxl.styles import Font, PatternFill

        rows = list(rows)
        if self._repeat is not None or (len(rows) > LONG_TABLE and self._has_content()):
            self._continue(t("report.sheet_continued", name=self.name))
        header_row = self.row
        self._headers.append(header_row)
        fill = PatternFill("solid", fgColor="DDEBF7")
        header_cells: list[Any] = []
        for column, label in enumerate(headers, start=1):
            cell = self._put(header_row, column, label, bold=True)
            cell.font, cell.fill = Font(bold=True), fill
            header_cells.append(cell)
        columns: list[list[object]] = [[] for _ in headers]
        if not rows:  # a header over nothing reads, on paper, as if rows were lost
            self.row += 1
            self._put(self.row, 1, t("report.none"))
        for values in rows:
            for column, value in enumerate(values[:len(columns)]):
                columns[column].append(value)
            self.row += 1
            for column, value in enumerate(values, start=1):
                cell = self._put(self.row, column, value)
                if column in percent_columns:
                    cell.number_format = "0.0%"
        last = self.row
        self.blocks.append((self._titled or header_row, last))
        self._titled = None
        for cell, values in zip(header_cells, columns, strict=True):
            if numeric_column(values):
                right_aligned_header(cell)
        if len(rows) > LONG_TABLE:
            self._repeat = header_row
        self._noted = len(self.blocks) - 1
        self.row += 2
        return header_row, last

    def _has_content(self) -> bool:
        return any(cell.value not in (None, "") for row in self.sheet.iter_rows()
                   for cell in row if cell.row != self._titled)

    def chart(self, chart: Any, rows: int = CHART_ROWS) -> None:
        """Keep `rows` rows below what was written for `chart`; it is anchored to them (and
        spans the table's width) when the sheet is finished. A chart is never split across
        printed pages: one that would be starts the next page."""
        self._noted = None
        self.charts.append(_Chart(chart, self.row, rows))
        self.blocks.append((self.row, self.row + rows - 1))
        self.row += rows + 1

    def _put(self, row: int, column: int, value: object, bold: bool = False) -> Any:
        value = _cell_value(value)
        cell = self.sheet.cell(row, column, value)
        if isinstance(value, str):
            width = text_width(value) + (bold and math.ceil(len(value) / 8))  # bold is wider
            self.widths[column] = max(self.widths.get(column, 8), min(width + 2, 60))
        return cell

    def finish(self) -> None:
        self._finish_sheet()

    def _finish_sheet(self) -> None:
        """Widths from the text written, wide text wrapped so the sheet prints readable
        (storage/page_layout.py), charts anchored, A4 fit to width."""
        from openpyxl.styles import Alignment
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.pagebreak import Break

        cap = fitting_cap(list(self.widths.values()))
        for column, width in self.widths.items():
            self.sheet.column_dimensions[get_column_letter(column)].width = min(width, cap)
            if width > cap:
                for (cell,) in self.sheet.iter_rows(min_col=column, max_col=column,
                                                    min_row=2):
                    alone = all(other.value in (None, "") for other in
                                self.sheet[cell.row] if other is not cell)
                    if isinstance(cell.value, str) and text_width(cell.value) + 2 > cap \
                            and not alone:  # a sentence alone on its row runs on instead
                        cell.alignment = Alignment(wrap_text=True, vertical="top")
        widths = {column: min(width, cap) for column, width in self.widths.items()}
        total = sum(widths.values())
        wrap_heights(self.sheet, widths)
        self._wrap_sentences(max(total, CHART_MIN_WIDTH if self.charts else 0))
        self._anchor_charts(widths)
        header = self._repeat if self._repeat is not None or len(self._headers) != 1 \
            else self._headers[0]  # a sheet of one table: its header on each of its pages
        repeat = None if header is None else (header, header)
        page_setup(self.sheet, max(total, self._chart_width(widths)) if self.charts
                   else total, repeat)
        page = page_height(total) - (self._row_height(header) if header else 0)
        for row in table_breaks(self.blocks, page, self._row_height):
            self.sheet.row_breaks.append(Break(id=row - 1))  # a break after the row above

    def _row_height(self, row: int) -> float:
        """A row's printed height in points: set for wrapped text, a title's by its font."""
        set_height = self.sheet.row_dimensions[row].height if row in \
            self.sheet.row_dimensions else None
        return float(set_height or self._title_heights.get(row, DEFAULT_ROW_POINTS))

    def _wrap_sentences(self, width: float) -> None:
        """A sentence wider than the sheet's tables is wrapped across their width (merged
        cells), so paper does not cut it at the page's edge."""
        from openpyxl.styles import Alignment

        columns = max(self.widths, default=1)
        for row in self._sentences:
            text = str(self.sheet.cell(row, 1).value or "")
            if text_width(text) <= width or columns < 2:
                continue
            self.sheet.merge_cells(start_row=row, start_column=1, end_row=row,
                                   end_column=columns)
            self.sheet.cell(row, 1).alignment = Alignment(wrap_text=True, vertical="top")
            self.sheet.row_dimensions[row].height = \
                DEFAULT_ROW_POINTS * wrapped_lines(text, width - 1)

    def _chart_width(self, widths: Mapping[int, float]) -> float:
        return max(sum(widths.values()), CHART_MIN_WIDTH)

    def _anchor_charts(self, widths: Mapping[int, float]) -> None:
        """Each chart from column A over as many columns as make the table's width (at least
        CHART_MIN_WIDTH), down the rows kept for it."""
        from openpyxl.drawing.spreadsheet_drawing import AnchorMarker, TwoCellAnchor

        want = self._chart_width(widths)
        columns, covered = 0, 0.0
        while covered < want - 0.5:
            covered += widths.get(columns + 1, DEFAULT_WIDTH)
            columns += 1
        for kept in self.charts:
            kept.chart.anchor = TwoCellAnchor(
                _from=AnchorMarker(col=0, row=kept.row - 1),
                to=AnchorMarker(col=columns, row=kept.row - 1 + kept.rows))
            kept.chart.width = covered * 0.19  # cm; the anchor decides, this only informs
            kept.chart.height = kept.rows * ROW_CM
            self.sheet.add_chart(kept.chart)


def _cell_value(value: object) -> object:
    return value if value is None or isinstance(value, (int, float, str)) else str(value)


def bar_rows(categories: int) -> int:
    """Rows for a horizontal bar chart with one bar per category, each label readable."""
    return max(CHART_ROWS, math.ceil(categories * 1.4) + 4)
