"""合同履约: the compliance ledger (obligations by contract month, met / not met / pending),
the evidence of the highlighted month, the breaches with the money at risk; `a` shows the
acceptance checklist instead, `p` writes the acceptance pack."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.widgets import DataTable, Header, Static

from helpdesk.contract.clauses import is_target
from helpdesk.errors import HelpdeskError
from helpdesk.i18n import clauses, joined, t

from ..base import DataScreen
from ..keys import bindings
from ..render import plain
from ..widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.contract.acceptance import Acceptance
    from helpdesk.contract.ledger import Ledger, LedgerCell
    from helpdesk.services.workspace import Workspace

CELL = {"met": ("✔", "green"), "not_met": ("✘", "bold red"), "pending": ("…", ""),
        "none": ("—", "dim")}
TARGET_MISSED = ("△", "yellow")
CHECK = {"ok": "green", "fail": "bold red", "risk": "bold yellow", "pending": "yellow"}


def _mark(obligation: str, cell: LedgerCell) -> Text:
    """✔ ✘ … —, and △ for a missed target of our own: no risk, so not the ✘ alarm."""
    glyph, style = TARGET_MISSED if is_target(obligation) and cell.state == "not_met" \
        else CELL[cell.state]
    return Text(glyph, style=style + (" on #5f5f00" if cell.at_risk else ""),
                justify="center")


def summary_text(ledger: Ledger) -> Text:
    line = Text()
    count = len(ledger.breaches)
    line.append(t("ledger.total_short", count=count, amount=f"{ledger.penalties:,.0f}"),
                style="bold red" if count else "green")
    if ledger.termination_possible:
        line.append("  " + t("ledger.termination", limit=ledger.termination_after),
                    style="reverse red")
    risks = ledger.open_risks
    if risks:
        line.append("  " + t("ledger.risks_short", count=len(risks),
                             amount=f"{ledger.worst_case:,.0f}"), style="yellow")
    line.append("\n")
    # The second line: what is at risk first (at 80 columns the line's end is what is cut),
    # then the next deadline.
    if ledger.at_risk:
        line.append(t("ledger.at_risk", count=len(ledger.at_risk)) + t("ledger.colon"),
                    style="bold yellow")
        line.append_text(plain(clauses(ledger.at_risk), style="yellow", limit=200))
        line.append("  ")
    if ledger.next_due is not None:
        line.append(t("ledger.next_line", text=ledger.next_due.text,
                      day=f"{ledger.next_due.day:%m-%d}"))
    return line


class LedgerScreen(DataScreen["Acceptance"]):
    SCOPED_CSS = False
    DEFAULT_CSS = """
    #ledger-summary {
        height: 2;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    #ledger-grid {
        height: 7;
    }
    #ledger-detail {
        height: 2;
        padding: 0 1;
        color: $text-muted;
    }
    #ledger-breaches, #acceptance-table {
        height: 1fr;
    }
    """
    BINDINGS = bindings("ledger.acceptance", "ledger.pack")
    help_key = "nav.ledger"

    def __init__(self) -> None:
        super().__init__()
        self.accept: Acceptance | None = None
        self.acceptance_shown = False
        self.placed = False  # the cursor starts on this month, then stays where it is put

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="ledger-summary")
        grid: DataTable[Text] = DataTable(id="ledger-grid", cursor_type="cell",
                                          zebra_stripes=False)
        yield grid
        yield Static(id="ledger-detail")
        yield DataTable(id="ledger-breaches", cursor_type="row")
        yield DataTable(id="acceptance-table", cursor_type="row")
        yield Static(id="ledger-status", classes="status")
        yield KeyFooter()

    def on_mount(self) -> None:
        breaches = self.query_one("#ledger-breaches", DataTable)
        for label, width in (("ledger.obligation", 10), ("report.month", 7),
                             ("ledger.reason", 40), ("ledger.amount", 10)):
            breaches.add_column(t(label), width=width)
        checklist = self.query_one("#acceptance-table", DataTable)
        for label, width in (("acceptance.item", 12), ("acceptance.state", 6),
                             ("acceptance.detail", 54)):
            checklist.add_column(t(label), width=width)
        checklist.display = False
        self.query_one("#ledger-grid", DataTable).focus()

    def fetch(self, ws: Workspace, actor: Actor) -> Acceptance:
        from helpdesk.contract.acceptance import acceptance

        return acceptance(ws, actor)

    def show(self, data: Acceptance) -> None:
        self.accept = data
        ledger = data.ledger
        self.query_one("#ledger-summary", Static).update(summary_text(ledger))
        grid = self.query_one("#ledger-grid", DataTable)
        kept = grid.cursor_coordinate if self.placed else None
        grid.clear(columns=True)
        grid.add_column(t("ledger.obligation"), width=10)
        for month in ledger.months:
            grid.add_column(month[5:], width=3)
        for name, cells in ledger.rows:
            grid.add_row(plain(t(f"ledger.o_{name}"), limit=10),
                         *(_mark(name, c) for c in cells), key=name)
        breaches = self.query_one("#ledger-breaches", DataTable)
        breaches.clear()
        for number, breach in enumerate(ledger.breaches):
            breaches.add_row(plain(t(f"ledger.o_{breach.obligation}")), plain(breach.month),
                             plain(breach.reason), Text(f"{breach.amount:,.0f}",
                                                        justify="right"), key=str(number))
        for number, risk in enumerate(ledger.open_risks):  # not asserted: no amount
            breaches.add_row(plain(t(f"ledger.o_{risk.obligation}")), plain(risk.month),
                             plain(t("ledger.risk_reason", figure=risk.figure,
                                     clause=risk.clause), style="yellow"),
                             Text("—", justify="right"), key=f"risk-{number}")
        for number, target in enumerate(ledger.targets_missed):  # our own bar: no clause
            breaches.add_row(plain(t(f"ledger.o_{target.obligation}")), plain(target.month),
                             plain(t("ledger.target_reason", figure=target.figure),
                                   style="dim"),
                             Text("—", justify="right"), key=f"target-{number}")
        checklist = self.query_one("#acceptance-table", DataTable)
        checklist.clear()
        for item in data.items:
            checklist.add_row(plain(item.label), Text(t(f"acceptance.s_{item.state}"),
                                                      style=CHECK[item.state]),
                              plain(item.detail), key=item.key)
        if kept is not None:
            grid.move_cursor(row=kept.row, column=kept.column)
        else:
            self.placed = True
            current = f"{ledger.today.year:04d}-{ledger.today.month:02d}"
            if current in ledger.months:
                grid.move_cursor(row=0, column=ledger.months.index(current) + 1)
        self._status()
        self._detail()

    def _status(self) -> None:
        if self.accept is None:
            return
        text = t("acceptance.day_line", day=self.accept.day, today=self.accept.ledger.today)
        if self.acceptance_shown:
            text = f"{t('acceptance.title')} · {text}"
        self.query_one("#ledger-status", Static).update(Text(text))

    @on(DataTable.CellHighlighted, "#ledger-grid")
    def _cell_moved(self) -> None:
        self._detail()

    def _highlighted(self) -> LedgerCell | None:
        if self.accept is None:
            return None
        grid = self.query_one("#ledger-grid", DataTable)
        row, column = grid.cursor_coordinate
        ledger = self.accept.ledger
        if not 0 <= row < len(ledger.rows):
            return None
        cells = ledger.rows[row][1]
        return cells[column - 1] if 1 <= column <= len(cells) else None

    def _detail(self) -> None:
        cell = self._highlighted()
        detail = Text()
        if cell is not None:
            detail.append(t("ledger.cell_title", obligation=t(f"ledger.o_{cell.obligation}"),
                            month=cell.month) + t("ledger.colon"), style="bold")
            detail.append(t(f"ledger.state_{cell.state}"), style=CELL[cell.state][1])
            if cell.figure:
                detail.append(" · ")
                detail.append_text(plain(cell.figure, limit=80))
            if cell.evidence:
                detail.append("\n" + t("ledger.evidence") + t("ledger.colon"))
                detail.append_text(plain(joined(cell.evidence), limit=200))
        self.query_one("#ledger-detail", Static).update(detail)

    @on(DataTable.CellSelected, "#ledger-grid")
    def _open_evidence(self) -> None:
        """Enter on an inspection month opens that inspection; on training, the sessions."""
        cell = self._highlighted()
        if cell is None:
            return
        if cell.obligation == "inspection":
            from ..inspection.inspection import InspectionScreen

            self.app.push_screen(InspectionScreen(cell.month))
        elif cell.obligation == "training":
            from ..training.training_list import TrainingListScreen

            self.app.push_screen(TrainingListScreen())

    def action_toggle_acceptance(self) -> None:
        self.acceptance_shown = not self.acceptance_shown
        self.query_one("#acceptance-table").display = self.acceptance_shown
        self.query_one("#ledger-breaches").display = not self.acceptance_shown
        self._status()

    def action_pack(self) -> None:
        from ..file_export import ask_export

        default = f"acceptance-{self.accept.day}.xlsx" if self.accept else "acceptance.xlsx"
        ask_export(self.app, t("ledger.pack_prompt"), default, self._pack)

    @work(thread=True, group="export")
    def _pack(self, path: Path, password: str | None) -> None:
        from helpdesk.contract.acceptance import write_pack

        app = self.helpdesk
        assert app.ws is not None and app.actor is not None
        try:
            _accept, xlsx, md = write_pack(app.ws, app.actor, path, password)
        except (HelpdeskError, OSError) as err:
            app.call_from_thread(self.show_error, str(err))
            return
        written = ", ".join(str(w.path) for w in (xlsx, md) if w is not None)
        app.call_from_thread(self.notify, t("export.written", path=written), markup=False)
