"""Column widths for the width a list has: the columns that carry free text (a title, a unit
name, a summary) take the spare width at 120 columns and give width back first at 80, so the
short columns (numbers, dates, deadlines) stay whole and on screen."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.widgets import DataTable

SHRINK_FLOOR = 6  # a growing column never narrower than this, nor than half its own width


def fit_widths(widths: Sequence[int], growing: Sequence[int], available: int) -> list[int]:
    """Widths (content cells, padding excluded) summing to `available` where the growing
    columns (indexes, the first to give width back first) can absorb the difference; the
    others keep theirs."""
    result = list(widths)
    if not growing:
        return result
    difference = available - sum(widths)
    if difference > 0:
        share, rest = divmod(difference, len(growing))
        for order, index in enumerate(growing):
            result[index] += share + (1 if order < rest else 0)
        return result
    excess = -difference
    for index in growing:
        floor = max(SHRINK_FLOOR, widths[index] // 2)
        cut = min(excess, max(0, result[index] - floor))
        result[index] -= cut
        excess -= cut
    return result


def apply_widths(table: DataTable[Any], widths: Sequence[int]) -> None:
    """Set the columns' widths (Textual is pinned exactly: DataTable has no public setter; the
    same flags its add_column sets make it measure and draw again)."""
    for column, width in zip(table.ordered_columns, widths, strict=False):
        column.width = width
        column.auto_width = False
    table._require_update_dimensions = True
    table._clear_caches()
    table.refresh()
