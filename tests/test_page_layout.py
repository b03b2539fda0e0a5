"""The print layout's arithmetic: CJK widths, the width cap that keeps a wide sheet readable,
and page breaks that never split a table that fits on one page."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from helpdesk.storage.page_layout import (
    LANDSCAPE_WIDTH,
    fitting_cap,
    rows_per_page,
    table_breaks,
    text_width,
    wrapped_lines,
)


def test_cjk_counts_twice() -> None:
    assert text_width("福田街道") == 8 and text_width("ab") == 2
    assert text_width("第一行\nlonger line") == 11 and text_width(None) == 0
    assert text_width(0.5) == 4  # "0.50"


def test_a_wide_sheet_wraps_rather_than_shrinks() -> None:
    widths = [60] * 14  # the ledger: 14 months of long findings
    cap = fitting_cap(widths)
    assert sum(min(w, cap) for w in widths) <= LANDSCAPE_WIDTH / 0.7
    assert fitting_cap([10, 20, 30]) == 50  # a narrow sheet keeps its widths


def test_rows_per_page_follow_the_scale() -> None:
    assert rows_per_page(60) == 46  # portrait at 100 %: 700 pt of 15 pt rows
    assert rows_per_page(130) == 30  # landscape at 100 %: 460 pt
    assert rows_per_page(270) == 61  # landscape at 50 %: twice the rows


def test_a_table_that_would_cross_a_page_starts_the_next() -> None:
    # Page of 40 rows: a table 30-45 would put its last 5 rows on page 2.
    assert table_breaks([(1, 12), (14, 28), (30, 45)], 40) == [30]
    # A table longer than a page is not moved (it breaks anyway).
    assert table_breaks([(1, 12), (14, 80)], 40) == []


@given(st.lists(st.tuples(st.integers(0, 5), st.integers(1, 30)), min_size=1, max_size=20),
       st.integers(31, 60))
def test_no_table_that_fits_is_ever_split(shape: list[tuple[int, int]], page: int) -> None:
    blocks: list[tuple[int, int]] = []
    row = 1
    for gap, length in shape:
        first = row + gap
        blocks.append((first, first + length - 1))
        row = first + length + 1
    breaks = table_breaks(blocks, page)
    starts = [1]
    for first, last in blocks:  # replay the pages as a printer would cut them
        while True:
            page_start = starts[-1]
            if first in breaks and first > page_start:
                starts.append(first)
                continue
            if first - page_start >= page:
                starts.append(page_start + page)
                continue
            break
        assert last - starts[-1] + 1 <= page, (blocks, breaks)


def test_tall_rows_count_by_their_height() -> None:
    """A page of 100 pt: rows 1-4 of 10 pt, row 5 of 50 pt (a wrapped cell); the table
    5-7 (70 pt) would cross the page's end at 110 pt, so it starts the next page."""
    heights = {5: 50.0}
    assert table_breaks([(1, 3), (5, 7)], 100, lambda row: heights.get(row, 10.0)) == [5]
    assert table_breaks([(1, 3), (5, 7)], 200, lambda row: heights.get(row, 10.0)) == []


def test_wrapped_lines_break_where_a_spreadsheet_does() -> None:
    assert wrapped_lines("福田街道", 4) == 2  # CJK breaks anywhere
    assert wrapped_lines("2025-12-09~2026-12-08", 11) == 2  # cut only because it must be
    assert wrapped_lines("代办 1 次 · 手工登记 0", 100) == 1
    assert wrapped_lines("第一行\n第二行", 40) == 2
