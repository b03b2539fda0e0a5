"""Every workbook the demo can write, printed as the bureau prints it: LibreOffice headless to
PDF, then each page read back with poppler's `pdftotext -bbox` (its words, where they sit and
how tall they print). Shared by tests/test_print_pages.py and bench/print_pages.py (which also
renders every page to PNG for a person to look at)."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tests.json_shapes_support import demo_runner

SOFFICE = shutil.which("soffice")
PDFTOTEXT = shutil.which("pdftotext")
PDFTOPPM = shutil.which("pdftoppm")


def calibri_metrics() -> bool:
    """Whether LibreOffice prints Calibri (the workbooks' font) at Calibri's widths: with
    Carlito installed it does; without, a wider substitute widens every column."""
    match = shutil.which("fc-match")
    if match is None:
        return False
    found = subprocess.run([match, "Calibri"], capture_output=True, text=True, timeout=30)
    return "Carlito" in found.stdout or "Calibri" in found.stdout


FULL_SCALE_HEIGHT = 14.3  # a word of the body text (11 pt) printed at 100 %: its box's height

# name -> the command line that writes it (every xlsx export of the product, on the demo)
EXPORTS: dict[str, tuple[str, ...]] = {
    "roster": ("roster", "export", "--format", "xlsx", "--month", "2026-10"),
    "signin": ("training", "report", "1", "--format", "xlsx", "--part", "signin"),
    "evaluation": ("training", "report", "1", "--format", "xlsx", "--part", "evaluation"),
    "training": ("training", "report", "1", "--format", "xlsx"),
    "kb": ("kb", "export", "--format", "xlsx"),
    "report": ("report", "monthly", "2026-09", "--format", "xlsx"),
    "quarterly": ("report", "quarterly", "2026-Q3", "--format", "xlsx"),
    "security": ("security", "export", "--plain"),
    "bulletin": ("ledger", "bulletin", "--month", "2026-09", "--plain"),
    "requirement": ("requirement", "export", "R2026-0001", "--plain"),
    "data": ("data", "fulfil", "DS2026-0002", "cases_by_unit", "--from", "2026-07-01",
             "--to", "2026-09-30"),
}


@dataclass(frozen=True)
class Word:
    text: str
    x: float
    y: float  # top, in points from the page's top
    height: float  # printed height in points (the font size as scaled on the page)


@dataclass(frozen=True)
class Page:
    book: str
    number: int  # 1-based within its book
    width: int
    height: int
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)

    def sheet(self) -> str:
        """The sheet this page prints: every sheet's page header names it (&A), in the
        line that starts 36 pt from the top of the page."""
        top = sorted((w for w in self.words if 30 < w.y < 42), key=lambda w: w.x)
        return " ".join(w.text for w in top)

    def body_scale(self) -> float | None:
        """The scale the page printed at: the commonest word height below the page header,
        over that height at 100 % (None for a page without body text)."""
        heights = [round(w.height, 1) for w in self.words if 55 <= w.y < self.height - 55]
        if not heights:
            return None
        common = max(set(heights), key=heights.count)
        return common / FULL_SCALE_HEIGHT


def write_exports(folder: Path, locale: str = "zh_CN") -> list[Path]:
    """Every export of the demo as an xlsx in folder/out, plus the acceptance pack."""
    run = demo_runner(folder, f'[ui]\nlocale = "{locale}"\n')
    out = folder / "out"
    out.mkdir()
    for name, args in EXPORTS.items():
        code, text = run(*args, "-o", str(out / f"{name}.xlsx"))
        assert code == 0, f"{name}: {text}"
    code, text = run("ledger", "pack", "-o", str(out / "pack"))
    assert code == 0, text
    return sorted(out.glob("*.xlsx"))


def print_pdfs(books: list[Path], folder: Path) -> None:
    """Each book printed to book.pdf beside it, by one LibreOffice run."""
    assert SOFFICE is not None
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{folder}/lo",
                    "--convert-to", "pdf", "--outdir", str(books[0].parent), *map(str, books)],
                   check=True, capture_output=True, timeout=900)


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">'
                   r"(.*?)</word>", re.S)


def read_pages(pdf: Path) -> list[Page]:
    assert PDFTOTEXT is not None
    xml = subprocess.run([PDFTOTEXT, "-bbox", str(pdf), "-"], check=True,
                         capture_output=True, text=True, timeout=120).stdout
    pages = []
    for number, (width, height, body) in enumerate(_PAGE.findall(xml), start=1):
        words = tuple(Word(html.unescape(text), float(x), float(top), float(bottom) - float(top))
                      for x, top, bottom, text in _WORD.findall(body))
        pages.append(Page(pdf.stem, number, round(float(width)), round(float(height)), words))
    return pages
