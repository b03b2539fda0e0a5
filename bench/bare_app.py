"""The reference: a bare Textual app with Header, Footer and a 50-row DataTable."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header


class BareApp(App[None]):
    TITLE = "BARE-REFERENCE"

    def compose(self) -> ComposeResult:
        yield Header()
        table: DataTable[str] = DataTable()
        table.add_columns("id", "name", "value")
        for row in range(50):
            table.add_row(str(row), f"row {row}", str(row * row))
        yield table
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
