"""Every workbook the demo writes, printed as the bureau prints it (LibreOffice headless to PDF)
and each page rendered to PNG in one folder beside the workbooks and PDFs, for a person to
look at; prints each page's sheet, orientation and the scale its body text printed at
(tests/test_print_pages.py holds the same pages to >= 70 %). Needs LibreOffice (soffice) and
poppler (pdftotext, pdftoppm). Usage:

    .venv/bin/python bench/print_pages.py [--out /tmp/helpdesk-pages] [--dpi 60] [--locale en]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.print_support import (  # noqa: E402
    PDFTOPPM,
    PDFTOTEXT,
    SOFFICE,
    print_pdfs,
    read_pages,
    write_exports,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="/tmp/helpdesk-pages", help="folder for the PNG pages")
    parser.add_argument("--dpi", type=int, default=60)
    parser.add_argument("--locale", default="zh_CN", choices=("zh_CN", "en"))
    args = parser.parse_args()
    if not (SOFFICE and PDFTOTEXT and PDFTOPPM):
        print("needs soffice (LibreOffice) and pdftotext/pdftoppm (poppler-utils)")
        return 2
    out = Path(args.out)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as work:
        started = time.perf_counter()
        books = write_exports(Path(work), args.locale)
        print_pdfs(books, Path(work))
        print(f"{len(books)} workbooks written and printed in "
              f"{time.perf_counter() - started:.1f} s")
        lowest = 1.0
        for book in books:
            pdf = book.with_suffix(".pdf")
            shutil.copy(pdf, out / pdf.name)
            shutil.copy(book, out / book.name)
            subprocess.run([PDFTOPPM, "-png", "-r", str(args.dpi), str(pdf),
                            str(out / book.stem)], check=True)
            for page in read_pages(pdf):
                scale = page.body_scale()
                lowest = min(lowest, scale or 1.0)
                shape = "portrait" if page.height > page.width else "landscape"
                shown = "—" if scale is None else f"{scale:.0%}"
                print(f"{book.stem:<12} p{page.number:<3} {shape:<9} {shown:>5}  {page.sheet()}")
    print(f"lowest scale {lowest:.0%}; pages in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
