"""Every workbook the product writes, printed as LibreOffice prints it: A4 pages, the roster
month and a sign-in sheet on one page each, a data delivery not split across pages, and every
sheet laid out (A4, fit to width only, so the type stays readable). Runs when `soffice` is
installed (.ci/run installs it); otherwise skipped with the reason shown."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.json_shapes_support import demo_runner

SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not "
                                "installed here: the printed pages were not checked")
A4 = {(595, 842), (842, 595)}


def _pages(pdf: Path) -> list[tuple[int, int]]:
    """The size of each page, in points, from the PDF's page objects."""
    data = pdf.read_bytes()
    boxes = re.findall(rb"/Type\s*/Page\b(?!s).{0,400}?/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)"
                       rb"\s+([\d.]+)\s+([\d.]+)\s*\]", data, re.S)
    if not boxes:  # MediaBox written before /Type
        boxes = re.findall(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]"
                           rb"[^>]{0,400}?/Type\s*/Page\b(?!s)", data, re.S)
    return [(round(float(x1) - float(x0)), round(float(y1) - float(y0)))
            for x0, y0, x1, y1 in boxes]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, int]]]:
    folder = tmp_path_factory.mktemp("print")
    run = demo_runner(folder)
    out = folder / "out"
    out.mkdir()
    exports = {
        "roster": ("roster", "export", "--format", "xlsx", "--month", "2026-10"),
        "signin": ("training", "report", "1", "--format", "xlsx", "--part", "signin"),
        "evaluation": ("training", "report", "1", "--format", "xlsx", "--part", "evaluation"),
        "kb": ("kb", "export", "--format", "xlsx"),
        "report": ("report", "monthly", "2026-09", "--format", "xlsx"),
        "security": ("security", "export", "--plain"),
        "bulletin": ("ledger", "bulletin", "--month", "2026-09", "--plain"),
    }
    for name, args in exports.items():
        code, text = run(*args, "-o", str(out / f"{name}.xlsx"))
        assert code == 0, f"{name}: {text}"
    code, text = run("data", "fulfil", "DS2026-0002", "cases_by_unit", "--from", "2026-07-01",
                     "--to", "2026-09-30", "-o", str(out / "data.xlsx"))
    assert code == 0, text
    code, text = run("ledger", "pack", "-o", str(out / "pack"))
    assert code == 0, text
    books = sorted(out.glob("*.xlsx"))
    for book in books:
        workbook = load_workbook(book)
        for sheet in workbook.worksheets:
            assert str(sheet.page_setup.paperSize) == "9", f"{book.name}/{sheet.title}: not A4"
            assert sheet.sheet_properties.pageSetUpPr.fitToPage, f"{book.name}/{sheet.title}"
            assert sheet.page_setup.fitToWidth == 1, f"{book.name}/{sheet.title}"
    assert SOFFICE is not None
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{folder}/lo",
                    "--convert-to", "pdf", "--outdir", str(out), *map(str, books)],
                   check=True, capture_output=True, timeout=600)
    return {book.stem: _pages(out / f"{book.stem}.pdf") for book in books}


@pytest.fixture(scope="module")
def sheets(printed: dict[str, list[tuple[int, int]]],
           tmp_path_factory: pytest.TempPathFactory) -> dict[str, int]:
    out = next(tmp_path_factory.getbasetemp().glob("print*/out"))
    return {book.stem: len(load_workbook(book).worksheets) for book in out.glob("*.xlsx")}


def test_every_page_is_a4(printed: dict[str, list[tuple[int, int]]]) -> None:
    for name, pages in printed.items():
        assert pages, f"{name}: no pages"
        assert set(pages) <= A4, f"{name}: {set(pages)}"


def test_what_promises_one_page_takes_one(printed: dict[str, list[tuple[int, int]]]) -> None:
    assert len(printed["roster"]) == 1  # the month grid, landscape
    assert printed["roster"][0] == (842, 595)
    assert len(printed["signin"]) == 1  # up to 30 people
    assert len(printed["data"]) == 1  # 24 units × 4 columns: no column alone on a page 2
    assert len(printed["kb"]) <= 2


def test_long_workbooks_stay_readable(printed: dict[str, list[tuple[int, int]]],
                                      sheets: dict[str, int]) -> None:
    """Fit to width only: a workbook grows in pages, never shrinks a sheet to one unreadable
    page, and no sheet spills a stray column onto pages of its own."""
    for name in ("report", "bulletin", "pack", "security"):
        assert sheets[name] <= len(printed[name]) <= 3 * sheets[name], name
