"""A tall row reads as one line on paper: every cell starts at its top (issue 36: the ledger's
labels sat at the bottom of tall rows while their wrapped evidence started at the top, so a
breach list printed beside the next obligation)."""

from __future__ import annotations

from openpyxl import Workbook

from helpdesk.storage.page_layout import print_layout


def test_every_cell_of_a_tall_row_is_top_aligned() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["义务", "月份", "证据"])
    sheet.append(["首次响应", "2026-11", "、".join(f"Q2026-{n:05d}" for n in range(60))])
    sheet.append(["培训", "2026-11", "—"])
    print_layout(sheet)
    tall = sheet[2]
    assert (sheet.row_dimensions[2].height or 0) > 15  # the evidence wrapped
    assert [cell.alignment.vertical for cell in tall] == ["top", "top", "top"]
    assert sheet["C2"].alignment.wrap_text
    assert sheet["A3"].alignment.vertical != "top"  # a one-line row is left as it was
