"""A DataTable that shows one keyset page at a time; the screen fetches pages from services."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from rich.text import Text
from textual.coordinate import Coordinate
from textual.widgets import DataTable

from helpdesk.i18n import t

Key = TypeVar("Key")


class KeysetPager(Generic[Key]):
    """Remembers where each page started so PageUp can go back without OFFSET scans."""

    def __init__(self, page_size: int) -> None:
        self.page_size = page_size
        self._starts: list[Key | None] = [None]
        self.has_next = False

    @property
    def start(self) -> Key | None:
        return self._starts[-1]

    @property
    def page_number(self) -> int:
        return len(self._starts)

    def reset(self) -> None:
        self._starts = [None]

    def loaded(self, rows: int, last_key: Key | None) -> None:
        self.has_next = rows >= self.page_size
        self._next = last_key

    def forward(self) -> bool:
        if not self.has_next:
            return False
        self._starts.append(self._next)
        return True

    def back(self) -> bool:
        if len(self._starts) == 1:
            return False
        self._starts.pop()
        return True


def one_line(cell: Text | str) -> Text:
    """A cell as a list row shows it: one line that ends in "…" when its column is narrower
    ("In progres" and "12h54m lef" were cut mid-word). A cell of several lines (a row made
    taller for it) keeps them, each ending in "…" when cut."""
    if isinstance(cell, str):
        cell = Text(cell)
    if cell.overflow == "ellipsis" and (cell.no_wrap or "\n" in cell.plain):
        return cell
    cell = cell.copy()
    cell.overflow = "ellipsis"
    cell.no_wrap = True
    return cell


def fill(table: DataTable[Text], rows: Sequence[tuple[str, Sequence[Text]]]) -> None:
    """Replace the rows, keeping the cursor on the same record (by key) when it is still
    listed, else on the same line: a refresh after someone else's change moves nothing."""
    rows = [(key, [one_line(cell) for cell in cells]) for key, cells in rows]
    keys = [key for key, _cells in rows]
    if rows and [row.key.value for row in table.ordered_rows] == keys:
        _update_in_place(table, rows)  # the same records: only changed cells are redrawn
        return
    cursor = table.cursor_row
    current: str | None = None
    if 0 <= cursor < table.row_count:
        current = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    table.clear()
    for key, cells in rows:
        table.add_row(*cells, key=key)
    if not rows:
        table.add_row(*([Text(t("list.empty"), style="dim")] + [Text("")] *
                        (len(table.columns) - 1)), key="__empty__")
        return
    target = keys.index(current) if current in keys else min(cursor, len(rows) - 1)
    table.move_cursor(row=target)


def _update_in_place(table: DataTable[Text], rows: Sequence[tuple[str, Sequence[Text]]]) -> None:
    """A refresh that lists the same rows (another engineer changed one of them): cells are
    updated by row key, the cursor and the scroll position do not move."""
    for row_index, (_key, cells) in enumerate(rows):
        shown = table.get_row_at(row_index)
        for column_index, cell in enumerate(cells):
            if column_index < len(shown) and shown[column_index] != cell:
                table.update_cell_at(Coordinate(row_index, column_index), cell)
