"""Every workbook the product writes, printed as the bureau prints it (LibreOffice headless to
PDF, poppler reading the pages back: tests/print_support.py): A4 pages at a readable size,
each page naming its sheet, a table continued on a new page under its header again, no row
whose cells print at different heights, charts with something to show, every category named
and nothing under them, no internal id on paper; the roster month and a sign-in sheet on one
page each. Runs when `soffice` and `pdftotext` are installed (.ci/run installs them);
otherwise skipped with the reason shown. `bench/print_pages.py` renders the same pages to PNG.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest
from openpyxl import load_workbook

from helpdesk.i18n import catalog
from tests.print_support import (
    PDFTOTEXT,
    SOFFICE,
    Page,
    calibri_metrics,
    print_pdfs,
    read_pages,
    write_exports,
)

pytestmark = pytest.mark.skipif(SOFFICE is None or PDFTOTEXT is None or not calibri_metrics(),
                                reason="LibreOffice (soffice), poppler (pdftotext) or Carlito "
                                "(Calibri's widths) is not installed here: the printed pages "
                                "were not checked")
A4 = {(595, 842), (842, 595)}
READABLE = 0.70  # the layout's promise: no page printed smaller than 70 %
DEFAULT_ROW = 15.0


@dataclass(frozen=True)
class Printed:
    locale: str
    books: dict[str, Any]  # name -> openpyxl workbook
    pages: dict[str, list[Page]]

    def t(self, key: str, **values: object) -> str:
        return catalog(self.locale)[key].format(**values)


@pytest.fixture(scope="module", params=["zh_CN", "en"])
def printed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
            ) -> Printed:
    """Every export in each language (English words are longer: other widths, other
    pages)."""
    folder = tmp_path_factory.mktemp(f"print-{request.param}")
    books = write_exports(folder, request.param)
    for book in books:
        workbook = load_workbook(book)
        for sheet in workbook.worksheets:
            assert str(sheet.page_setup.paperSize) == "9", f"{book.name}/{sheet.title}: not A4"
            assert sheet.sheet_properties.pageSetUpPr.fitToPage, f"{book.name}/{sheet.title}"
            assert sheet.page_setup.fitToWidth == 1, f"{book.name}/{sheet.title}"
    print_pdfs(books, folder)
    return Printed(request.param, {book.stem: load_workbook(book) for book in books},
                   {book.stem: read_pages(book.with_suffix(".pdf")) for book in books})


def _sheet_pages(printed: Printed) -> dict[tuple[str, str], list[Page]]:
    pages: dict[tuple[str, str], list[Page]] = {}
    for name, book_pages in printed.pages.items():
        for page in book_pages:
            pages.setdefault((name, page.sheet()), []).append(page)
    return pages


def test_every_page_is_a4_and_names_its_sheet(printed: Printed) -> None:
    for name, pages in printed.pages.items():
        assert pages, f"{name}: no pages"
        assert {(p.width, p.height) for p in pages} <= A4, name
        names = set(printed.books[name].sheetnames)
        for page in pages:
            assert page.sheet() in names, f"{name} p{page.number}: header {page.sheet()!r}"


def test_every_page_prints_at_a_readable_size(printed: Printed) -> None:
    for name, pages in printed.pages.items():
        for page in pages:
            scale = page.body_scale()
            assert scale is None or scale >= READABLE, \
                f"{name} p{page.number} ({page.sheet()}) printed at {scale:.0%}"


def test_what_promises_one_page_takes_one(printed: Printed) -> None:
    pages = printed.pages
    assert len(pages["roster"]) == 1  # the month grid, landscape
    assert (pages["roster"][0].width, pages["roster"][0].height) == (842, 595)
    assert len(pages["signin"]) == 1  # up to 30 people
    assert len(pages["data"]) == 1  # 24 units × 4 columns: no column alone on a page 2
    assert len(pages["kb"]) == 1  # the hidden id column takes no room


def test_long_workbooks_stay_readable(printed: Printed) -> None:
    """Fit to width only: a workbook grows in pages, never shrinks a sheet to one unreadable
    page, and no sheet spills a stray column onto pages of its own."""
    for name in ("report", "bulletin", "pack", "security"):
        sheets = len(printed.books[name].worksheets)
        assert sheets <= len(printed.pages[name]) <= 3 * sheets, name


def _chart_titles(sheet: Any) -> set[str]:
    titles = set()
    for chart in sheet._charts:
        runs = [run.t for paragraph in chart.title.tx.rich.p for run in (paragraph.r or [])]
        titles.add("".join(runs).split()[0])
    return titles


def _bold_starts(sheet: Any) -> set[str]:
    """The first word of every bold cell: the titles and the header rows."""
    return {str(cell.value).split()[0] for row in sheet.iter_rows() for cell in row
            if cell.value not in (None, "") and cell.font is not None and cell.font.b}


def test_a_continued_sheet_starts_with_a_title_a_header_or_a_chart(printed: Printed) -> None:
    """A page after a sheet's first begins with the header row (repeated for a long table),
    a table's title (a short table is moved whole to the next page) or a chart: never with a
    table's rows cut from their header."""
    checked = 0
    for (name, sheet_name), pages in _sheet_pages(printed).items():
        sheet = printed.books[name][sheet_name]
        starts = _bold_starts(sheet) | _chart_titles(sheet)
        for page in pages[1:]:
            body = [w for w in page.words if 55 <= w.y < page.height - 55]
            top = min(w.y for w in body)
            first_line = [w.text for w in body if w.y < top + 4]  # a chart's title is centred
            assert set(first_line) & starts, \
                f"{name}/{sheet_name} p{page.number} starts with {first_line}"
            checked += 1
    assert checked >= 10


def test_a_long_table_repeats_its_header(printed: Printed) -> None:
    sheet = printed.t("report.sheet_breaches")
    breaches = printed.books["report"][sheet]
    assert breaches.print_title_rows, "the breach list's header is not repeated"
    header = breaches.print_title_rows.split(":")[0].lstrip("$")
    labels = [c.value for c in breaches[int(header)] if c.value]
    pages = _sheet_pages(printed)[("report", sheet)]
    assert len(pages) >= 2
    for page in pages:
        assert all(label in page.text for label in labels), page.number


def test_the_cells_of_a_tall_row_print_at_one_height(printed: Printed) -> None:
    """A label left at the bottom of a tall row printed beside the next row's text: the
    first-response evidence read as 培训's. The cells of a tall row share one alignment (top,
    or the roster's centred two-line day headers)."""
    tall = 0
    for name, book in printed.books.items():
        for sheet in book.worksheets:
            for number, dimension in sheet.row_dimensions.items():
                if (dimension.height or DEFAULT_ROW) <= DEFAULT_ROW:
                    continue
                tall += 1
                verticals = {cell.alignment.vertical if cell.alignment else None
                             for cell in sheet[number] if cell.value not in (None, "")}
                assert len(verticals) <= 1, f"{name}/{sheet.title} row {number}: {verticals}"
    assert tall >= 5


def _anchor(chart: Any) -> tuple[int, int, int, int]:
    anchor = chart.anchor
    return anchor._from.col, anchor._from.row, anchor.to.col, anchor.to.row


def _points(chart: Any) -> int:
    total = 0
    for series in chart.series:
        reference = series.val.numRef.f
        rows = [int(n) for n in re.findall(r"\$(\d+)", reference)]
        total += rows[-1] - rows[0] + 1 if len(rows) == 2 else 1
    return total


def test_charts_show_something_name_everything_and_cover_nothing(printed: Printed) -> None:
    charts = 0
    for name, book in printed.books.items():
        for sheet in book.worksheets:
            placed: list[tuple[int, int, int, int]] = []
            for chart in sheet._charts:
                where = f"{name}/{sheet.title}"
                charts += 1
                assert _points(chart) >= 2, f"{where}: a chart of one point"
                if chart.tagname == "barChart" and chart.type == "bar":
                    assert chart.x_axis.tickLblSkip == 1, f"{where}: categories skipped"
                if type(chart.anchor).__name__ != "TwoCellAnchor":
                    continue  # the training evaluation's chart sits beside its small table
                left, top, right, bottom = _anchor(chart)
                for row in sheet.iter_rows(min_row=top + 1, max_row=bottom + 1,
                                           max_col=right + 1):
                    for cell in row:
                        assert cell.value in (None, ""), f"{where}: chart over {cell.coordinate}"
                for other in placed:
                    assert bottom < other[1] or top > other[3], f"{where}: charts overlap"
                placed.append((left, top, right, bottom))
    assert charts >= 8


def test_one_month_compares_with_the_month_before(printed: Printed) -> None:
    """A month's report has one point of the monthly rates: a bar of this month against the
    last, not an empty line chart."""
    sheet = printed.t("report.sheet_rates")
    rates = printed.books["report"][sheet]
    kinds = [chart.tagname for chart in rates._charts]
    assert kinds == ["barChart"]
    quarterly = printed.books["quarterly"][sheet]
    assert [chart.tagname for chart in quarterly._charts] == ["lineChart"]


INTERNAL = {
    "uuid": re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}"),
    "enum value": re.compile(r"\b[a-z]+_[a-z_]+\b"),
    "kind:label code": re.compile(r"\b[a-z]+:[0-9a-z]"),
    "record id": re.compile(r"#\d+"),
}


def test_no_internal_id_on_paper(printed: Printed) -> None:
    for name, pages in printed.pages.items():
        for page in pages:
            text = re.sub(r"/\S+", "", page.text)  # a file's path is what it is
            for what, pattern in INTERNAL.items():
                found = pattern.search(text)
                assert found is None, f"{name} p{page.number}: {what} {found and found[0]!r}"


def test_a_long_evidence_list_is_counted_and_listed_apart(printed: Printed) -> None:
    bulletin = printed.books["bulletin"]
    evidence_sheet = printed.t("bulletin.sheet_evidence")
    rows = {row[0]: row for row in bulletin[printed.t("bulletin.sheet")].iter_rows(
        values_only=True) if row[0]}
    response = rows[printed.t("ledger.o_response")]
    # 156 of 180 met: 24 missed
    assert response[3] == printed.t("bulletin.evidence_summary", count=24, sheet=evidence_sheet)
    listed = [row[1] for row in bulletin[evidence_sheet].iter_rows(values_only=True)
              if row[0] == printed.t("ledger.o_response")]
    assert len(listed) == 24 and all(str(n).startswith("Q2026-") for n in listed)
    assert rows[printed.t("ledger.o_inspection")][3] == printed.t("ledger.ev_inspection",
                                                                  month="2026-09")


def test_the_id_patterns_catch_what_they_name() -> None:
    text = "知识 92b0910f-abe6-4c91-bf4a-dd198624d943 报告 annual:2026 state_met #10"
    assert all(pattern.search(text) for pattern in INTERNAL.values())
