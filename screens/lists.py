"""Screens built around one DataTable: columns declared as data, rows fetched by a worker."""

from __future__ import annotations

from typing import Any, ClassVar, Generic, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Header, Static

from helpdesk.i18n import t

from .base import Data, DataScreen
from .keys import bindings
from .widgets.column_fit import fit_table
from .widgets.key_footer import KeyFooter
from .widgets.paged_table import KeysetPager

Key = TypeVar("Key")


class ListScreen(DataScreen[Data]):
    BINDINGS = bindings("list.view_row")
    COLUMNS: ClassVar[tuple[tuple[str, int], ...]] = ()  # (i18n key, width)
    # Columns (i18n keys) that share the spare width and, in this order, give width back on a
    # narrow terminal; none named: the widest column.
    GROW: ClassVar[tuple[str, ...]] = ()
    ZEBRA = True

    def action_view_row(self) -> None:
        """The highlighted row with every cell whole, one per line under its column's name."""
        from .text_dialog import TextDialog

        table = self.table
        if not table.row_count:
            return
        cells = table.get_row_at(table.cursor_row)
        labels = [str(column.label) for column in table.columns.values()]
        lines = [t("list.cell_line", label=label,
                   value=cell.plain if isinstance(cell, Text) else str(cell))
                 for label, cell in zip(labels, cells, strict=False)]
        self.app.push_screen(TextDialog(t("list.view_row_title"), "\n".join(lines)))

    def compose_top(self) -> ComposeResult:
        """Widgets above the table (filters, status lines)."""
        yield from ()

    def compose_bottom(self) -> ComposeResult:
        """Widgets between the table and the status line (details of the highlighted row)."""
        yield from ()

    def compose(self) -> ComposeResult:
        yield Header()
        yield from self.compose_top()
        table: DataTable[Text] = DataTable(id="list-table", cursor_type="row",
                                           zebra_stripes=self.ZEBRA)
        yield table
        yield from self.compose_bottom()
        yield Static(id="list-status", classes="status")
        yield KeyFooter()

    def on_mount(self) -> None:
        for label, width in self.COLUMNS:
            self.table.add_column(t(label), width=width)
        # Focused at once (not the search box): keys typed before the first page arrives pass
        # the table (it acts on keys through bindings, checked after the screen) and are held.
        self.table.focus()
        self.call_after_refresh(self.fit_columns)

    def on_resize(self) -> None:
        self.call_after_refresh(self.fit_columns)

    def fit_columns(self) -> None:
        # A page that lands while the console closes finds the table already gone.
        if not self.COLUMNS or not self.query("#list-table") or not self.table.columns:
            return
        grow = self.GROW or (max(self.COLUMNS, key=lambda column: column[1])[0],)
        labels = [label for label, _width in self.COLUMNS]
        # The vertical scrollbar is counted in, shown or not: rows arrive after the widths.
        fit_table(self.table, [width for _label, width in self.COLUMNS],
                  [labels.index(label) for label in grow])

    first_hit_pending = False  # Enter in the search box: open the first hit once it is in

    def after_show(self) -> None:
        self.fit_columns()
        if self.first_hit_pending:
            self.first_hit_pending = False
            self._open_first()

    def open_first_hit(self) -> None:
        """`/`, a search, Enter: the first hit opens, once the search's rows are in (issue 34:
        Enter only moved to the table)."""
        self.table.focus()
        if any(worker.group == "load" and worker.is_running for worker in self.workers):
            self.first_hit_pending = True
        else:
            self._open_first()

    def _open_first(self) -> None:
        opener = getattr(self, "action_open", None)
        if self.table.row_count and opener is not None:
            self.table.move_cursor(row=0)
            opener()

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one("#list-table", DataTable)

    def cursor_key(self) -> str:
        """The row key under the cursor ("" on an empty table)."""
        table = self.table
        if table.row_count == 0:
            return ""
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or ""

    def set_status(self, text: str) -> None:
        self.query_one("#list-status", Static).update(Text(text))

    @on(DataTable.RowSelected, "#list-table")
    async def _enter_on_row(self) -> None:
        """The table takes Enter first (as "select row"): run the screen's own Enter binding,
        if the keymap gives it one (the units list: edit)."""
        for binding in self._bindings.key_to_bindings.get("enter", []):
            await self.run_action(binding.action)
            return


class PagedListScreen(ListScreen[Data], Generic[Data, Key]):
    """A list that shows one keyset page at a time (never a whole table in the widget)."""

    BINDINGS = bindings("list.next_page", "list.prev_page")
    PAGE_SIZE = 100

    def __init__(self) -> None:
        super().__init__()
        self.pager: KeysetPager[Key] = KeysetPager(self.PAGE_SIZE)

    def page_loaded(self, rows: int, last_key: Key | None, *extra: Any) -> None:
        self.pager.loaded(rows, last_key)
        suffix = "".join(f" · {item}" for item in extra)
        self.set_status(t("list.page", page=self.pager.page_number) + suffix)

    def action_next_page(self) -> None:
        if self.pager.forward():
            self.action_refresh()

    def action_prev_page(self) -> None:
        if self.pager.back():
            self.action_refresh()
