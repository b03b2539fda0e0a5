"""网络安全: the scan cycle and every finding (open first, soonest due first), with forms to
record a scan, a finding, its fix and the re-scan that verified it; a finding becomes a desk
problem with one key."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult, SystemCommand
from textual.containers import Vertical
from textual.widgets import Input, Label, Select, Static

from helpdesk.errors import HelpdeskError
from helpdesk.i18n import t

from ..forms import ServiceForm
from ..keys import bindings
from ..lists import ListScreen
from ..render import plain
from ..widgets.field_input import FieldInput
from ..widgets.key_footer import KeyFooter
from ..widgets.paged_table import fill

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.security.network import FindingView, ScanDue, ScanView
    from helpdesk.services.workspace import Workspace

FORM_CSS = """
ScanForm, FindingForm, FixForm, VerifyForm { align: center middle; }
#network-form { width: 72; }
"""


@dataclass(frozen=True)
class NetworkPage:
    today: date
    due: ScanDue
    scans: list[ScanView]
    findings: list[FindingView]


def finding_state(row: FindingView, today: date) -> Text:
    if row.overdue(today):
        return Text("✘" + t("network.overdue"), style="bold red reverse")
    style = {"open": "bold", "fixed": "yellow", "verified": "dim"}[row.status]
    return Text(t(f"network.status_{row.status}"), style=style)


class NetworkScreen(ListScreen["NetworkPage"]):
    help_key = "network.title"
    BINDINGS = bindings("network.scan", "network.finding", "network.fix", "network.verify",
                        "network.problem")
    COLUMNS = (("network.col_id", 4), ("network.col_severity", 4),
               ("network.col_title", 19), ("network.col_owner", 6),
               ("network.col_due", 10), ("network.col_state", 8),
               ("network.col_scan", 11))
    GROW = ("network.col_title",)

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, FindingView] = {}
        self.latest_scan = ""

    def compose_top(self) -> ComposeResult:
        yield Static(id="network-cycle", classes="status")

    def fetch(self, ws: Workspace, actor: Actor) -> NetworkPage:
        from helpdesk.security.network import list_findings, list_scans, scan_due

        with ws.db.read() as session:
            due = scan_due(session, ws)
        return NetworkPage(ws.now().astimezone(ws.hours.zone).date(), due,
                           list_scans(ws, actor), list_findings(ws, actor))

    def show(self, data: NetworkPage) -> None:
        self.latest_scan = data.scans[0].number if data.scans else ""
        cycle = Text()
        if data.scans:
            last = data.scans[0]
            cycle.append_text(plain(t("network.last_scan", number=last.number,
                                      day=f"{last.scanned_on}", tool=last.tool)))
            cycle.append(" · ")
        cycle.append(t("network.next_scan", day=f"{data.due.next_due}"),
                     style="bold red reverse" if data.due.overdue else "")
        self.query_one("#network-cycle", Static).update(cycle)
        self.rows = {str(row.id): row for row in data.findings}
        fill(self.table, [(str(row.id), [
            plain(f"#{row.id}", style="dim"),
            plain(t(f"network.severity_{row.severity}"),
                  style="bold" if row.severity in ("critical", "high") else ""),
            plain(row.title), plain(row.owner), plain(row.due_on),
            finding_state(row, data.today),
            plain(row.problem or row.scan, style="dim")]) for row in data.findings])
        open_rows = sum(1 for row in data.findings if row.status == "open")
        overdue = sum(1 for row in data.findings if row.overdue(data.today))
        self.set_status(t("network.count", count=len(data.findings), open=open_rows,
                          overdue=overdue))

    def _selected(self) -> FindingView | None:
        return self.rows.get(self.cursor_key())

    def palette_commands(self) -> Iterable[SystemCommand]:
        for key, action in (("scan", self.action_scan), ("finding", self.action_finding),
                            ("fix", self.action_fix), ("verify", self.action_verify),
                            ("problem", self.action_problem)):
            yield SystemCommand(t(f"network.key_{key}"), t(f"network.key_{key}"), action)

    def _today(self) -> date:
        app = self.helpdesk
        assert app.ws is not None
        return app.ws.now().astimezone(app.ws.hours.zone).date()

    def action_scan(self) -> None:
        self.app.push_screen(ScanForm(self._today()), self.reload_if_saved)

    def action_finding(self) -> None:
        self.app.push_screen(FindingForm(self.latest_scan), self.reload_if_saved)

    def action_fix(self) -> None:
        row = self._selected()
        if row is not None and row.status == "open":
            self.app.push_screen(FixForm(row, self._today()), self.reload_if_saved)
        elif row is not None:
            self.notify(t("network.only_open"), markup=False)

    def action_verify(self) -> None:
        row = self._selected()
        if row is not None and row.status == "fixed":
            self.app.push_screen(VerifyForm(row, self.latest_scan), self.reload_if_saved)
        elif row is not None:
            self.notify(t("network.only_fixed"), markup=False)

    def action_problem(self) -> None:
        from ..confirm import ask

        row = self._selected()
        if row is not None:  # it makes a desk record: asked first (issue 34)
            ask(self, t("network.confirm_problem", title=row.title), lambda: self._raise(row.id))

    @work(thread=True, exclusive=True, group="problem")
    def _raise(self, finding_id: int) -> None:
        from helpdesk.app.desk import finding_problem

        app = self.helpdesk
        assert app.ws is not None and app.actor is not None
        try:
            row = finding_problem(app.ws, app.actor, finding_id)
        except HelpdeskError as err:
            app.call_from_thread(self.show_error, str(err))
            return
        app.call_from_thread(self.notify, t("network.raised", number=row.problem),
                             markup=False)
        app.call_from_thread(self.reload)


class _NetworkForm(ServiceForm):
    SCOPED_CSS = False
    DEFAULT_CSS = FORM_CSS
    TITLE_KEY = ""

    def fields(self) -> ComposeResult:
        yield from ()

    def compose(self) -> ComposeResult:
        with Vertical(id="network-form", classes="form"):
            yield Label(t(self.TITLE_KEY), classes="title")
            yield from self.fields()
            yield Static(id="form-error", classes="error")
            yield KeyFooter()

    def value(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value.strip()



class ScanForm(_NetworkForm):
    TITLE_KEY = "network.key_scan"

    def __init__(self, today: date) -> None:
        super().__init__()
        self.today = today

    def fields(self) -> ComposeResult:
        yield from self.row("network.kind", Select(
            [(t("network.kind_vuln_scan"), "vuln_scan"), (t("network.kind_audit"), "audit")],
            value="vuln_scan", allow_blank=False, id="scan-kind", compact=True))
        yield from self.row("network.tool", FieldInput(id="scan-tool", compact=True, max_length=64))
        yield from self.row("network.col_date", FieldInput(f"{self.today}", id="scan-date",
                                                           compact=True, max_length=10))
        yield from self.row("network.report", FieldInput(id="scan-report", compact=True,
                                                         max_length=500))
        yield from self.row("network.summary", FieldInput(id="scan-summary", compact=True,
                                                          max_length=200))

    def action_save(self) -> None:
        from helpdesk.security.network import record_scan

        day = self.day_field("#scan-date", "network.col_date")
        if day is None:
            return
        kind = str(self.query_one("#scan-kind", Select).value)
        tool, report, summary = (self.value("scan-tool"), self.value("scan-report"),
                                 self.value("scan-summary"))
        self.submit(lambda ws, actor: record_scan(
            ws, actor, kind, tool, day, report=Path(report) if report else None,
            summary=summary))


class FindingForm(_NetworkForm):
    TITLE_KEY = "network.key_finding"

    def __init__(self, scan: str) -> None:
        super().__init__()
        self.scan = scan

    def fields(self) -> ComposeResult:
        yield from self.row("network.col_scan", FieldInput(self.scan, id="finding-scan",
                                                           compact=True, max_length=16))
        yield from self.row("network.col_severity", Select(
            [(t(f"network.severity_{s}"), s) for s in ("critical", "high", "medium", "low")],
            value="high", allow_blank=False, id="finding-severity", compact=True))
        yield from self.row("network.col_title", FieldInput(id="finding-title", compact=True,
                                                            max_length=200))
        yield from self.row("network.col_owner", FieldInput(id="finding-owner", compact=True,
                                                            max_length=64))
        yield from self.row("network.col_due", FieldInput(id="finding-due", compact=True,
                                                          max_length=10,
                                                          placeholder=t("network.due_default")))

    def action_save(self) -> None:
        from helpdesk.security.network import add_finding

        due = None
        if self.value("finding-due"):
            due = self.day_field("#finding-due", "network.col_due")
            if due is None:
                return
        scan, title, owner = (self.value("finding-scan"), self.value("finding-title"),
                              self.value("finding-owner"))
        severity = str(self.query_one("#finding-severity", Select).value)
        self.submit(lambda ws, actor: add_finding(ws, actor, scan, severity, title,
                                                  owner=owner, due_on=due))


class FixForm(_NetworkForm):
    TITLE_KEY = "network.key_fix"

    def __init__(self, finding: FindingView, today: date) -> None:
        super().__init__()
        self.finding, self.today = finding, today

    def fields(self) -> ComposeResult:
        yield Static(plain(f"#{self.finding.id} {self.finding.title}"))
        yield from self.row("network.col_date", FieldInput(f"{self.today}", id="fix-date",
                                                           compact=True, max_length=10))
        yield from self.row("network.remediation", FieldInput(id="fix-remediation", compact=True,
                                                              max_length=2000))

    def action_save(self) -> None:
        from helpdesk.security.network import fix_finding

        day = self.day_field("#fix-date", "network.col_date")
        if day is None:
            return
        finding, remediation = self.finding, self.value("fix-remediation")
        self.submit(lambda ws, actor: fix_finding(ws, actor, finding.id, day, remediation,
                                                  finding.version))


class VerifyForm(_NetworkForm):
    TITLE_KEY = "network.key_verify"

    def __init__(self, finding: FindingView, scan: str) -> None:
        super().__init__()
        self.finding, self.scan = finding, scan

    def fields(self) -> ComposeResult:
        yield Static(plain(f"#{self.finding.id} {self.finding.title}"))
        yield from self.row("network.col_scan", FieldInput(self.scan, id="verify-scan",
                                                           compact=True, max_length=16))

    def action_save(self) -> None:
        from helpdesk.security.network import verify_finding

        finding, scan = self.finding, self.value("verify-scan")
        self.submit(lambda ws, actor: verify_finding(ws, actor, finding.id, scan,
                                                     finding.version))
