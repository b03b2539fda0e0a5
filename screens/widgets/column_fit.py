"""Column widths for the width a list has: the columns that carry free text (a title, a unit
name, a summary) take the spare width at 120 columns and give width back first at 80, so the
short columns (numbers, dates, deadlines) stay whole and on screen."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.cells import cell_len
from rich.text import Text
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


def fit_with_content(declared: Sequence[int], needed: Sequence[int], growing: Sequence[int],
                     available: int) -> list[int]:
    """As fit_widths, starting from what the short columns hold now (`needed`, at least
    `declared`); when even the growing columns at their floor leave too little room, the short
    columns go back towards their declared widths, the widest first."""
    fitted = fit_widths(needed, growing, available)
    excess = sum(fitted) - available
    while excess > 0:
        over = [(fitted[i] - declared[i], i) for i in range(len(fitted))
                if i not in growing and fitted[i] > declared[i]]
        if not over:
            break
        _room, index = max(over)
        fitted[index] -= 1
        excess -= 1
    return fitted


def fit_table(table: DataTable[Any], declared: Sequence[int], growing: Sequence[int]) -> None:
    """Fit a table's columns to its width: the short columns as wide as what they hold (up to
    twice their declared width), the growing ones (indexes) sharing what is left, or giving
    it back first on a narrow terminal. Nothing to do before the table is laid out."""
    padding = 2 * table.cell_padding * len(declared)
    available = table.size.width - table.styles.scrollbar_size_vertical - padding
    if available <= 0 or len(table.columns) != len(declared):
        return
    needed = [width if index in growing else needed_width(table, index, width)
              for index, width in enumerate(declared)]
    apply_widths(table, fit_with_content(declared, needed, growing, available))


def apply_widths(table: DataTable[Any], widths: Sequence[int]) -> None:
    """Set the columns' widths (Textual is pinned exactly: DataTable has no public setter; the
    same flags its add_column sets make it measure and draw again)."""
    for column, width in zip(table.ordered_columns, widths, strict=False):
        column.width = width
        column.auto_width = False
    table._require_update_dimensions = True
    table._clear_caches()
    fit_labels(table)
    table.refresh()


def fit_labels(table: DataTable[Any]) -> None:
    """A column name longer than its column ends in "…" instead of being cut mid-word
    ("Outgoi", "Amount (yu" at 80 columns in English); whole again when the column widens.
    The full names are kept on the table."""
    full: dict[Any, Text] = table.__dict__.setdefault("_helpdesk_full_labels", {})
    changed = False
    for key, column in table.columns.items():
        label = full.setdefault(key, column.label)
        if column.auto_width:  # sized to its content, the name included: never cut
            continue
        width = column.width
        shown = label if label.cell_len <= width or width < 2 else \
            Text(_cut(label.plain, width - 1) + "…", style=label.style)
        if shown.plain != column.label.plain:
            column.label = shown
            changed = True
    if changed:
        table._clear_caches()
        table.refresh()


def _cut(text: str, width: int) -> str:
    """The longest start of `text` within `width` cells (CJK characters are two)."""
    taken = 0
    for index, char in enumerate(text):
        taken += cell_len(char)
        if taken > width:
            return text[:index].rstrip()
    return text


def needed_width(table: DataTable[Any], index: int, width: int) -> int:
    """A short column's width: as declared, or wider (up to twice) when what it holds now is
    (English labels are longer than Chinese: "In progress" beside 处理中)."""
    widest = 0
    for row in range(table.row_count):
        cell = table.get_row_at(row)[index]
        widest = max(widest, cell.cell_len if isinstance(cell, Text) else cell_len(str(cell)))
    return max(width, min(widest, 2 * width))
