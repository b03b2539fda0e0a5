"""导入: the provincial export into the tracked cases. Enter validates (a dry run, with
progress), the report lists every bad row by number; Ctrl+S imports all-or-nothing, `k` imports
the good rows only."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Header, Input, ProgressBar, Static

from helpdesk.errors import HelpdeskError
from helpdesk.i18n import joined, t

from ..base import DataScreen
from ..keys import bindings
from ..render import plain
from ..widgets.field_input import FieldInput
from ..widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.cases.imports import ImportReport
    from helpdesk.services.workspace import Workspace


def report_renderable(report: ImportReport, *, all_or_nothing: bool = False) -> Group:
    """`all_or_nothing`: an import with no "good rows only" choice (its hints say so)."""
    strict = "_strict" if all_or_nothing else ""
    if report.dry_run:
        outcome = t(f"import.checked{strict}")
    elif report.written:
        outcome = t("import.written")
    else:
        outcome = t(f"import.refused{strict}")
    head = Text(t("import.counts", rows=report.rows, added=report.added,
                  updated=report.updated, unchanged=report.unchanged,
                  errors=len(report.errors)), style="bold")
    lines: list[Text] = [head, Text(outcome, style="red" if report.errors and not
                                    report.written else "green")]
    for row, reason in report.errors[:200]:
        lines.append(plain(t("import.row", row=row) + reason, style="red", limit=300))
    for row, reason in report.warnings[:50]:
        lines.append(plain(t("import.row", row=row) + reason, style="yellow", limit=300))
    if getattr(report, "confirmed", 0):
        lines.append(Text(t("import.confirmed", count=report.confirmed), style="green"))
    if report.unknown_units:
        lines.append(plain(t("import.unknown_units") + joined(sorted(report.unknown_units)),
                           style="yellow"))
    return Group(*lines)


class CaseImportScreen(DataScreen["None"]):
    SCOPED_CSS = False
    DEFAULT_CSS = """
    #import-path {
        height: 1;
        margin: 0 1;
        border: none;
    }
    #import-progress {
        margin: 0 1;
    }
    #import-report {
        height: 1fr;
        padding: 0 1;
    }
    """
    BINDINGS = bindings("import.run", "import.skip_invalid")
    help_key = "import.title"
    ALL_OR_NOTHING = False

    def __init__(self) -> None:
        super().__init__()
        self.checked: Path | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield FieldInput(placeholder=t("import.path_hint"), id="import-path", compact=True)
        yield ProgressBar(id="import-progress", show_eta=False)
        with VerticalScroll(id="import-report"):
            yield Static(Text(t("import.intro"), style="dim"), id="import-result")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).focus()

    def fetch(self, ws: Workspace, actor: Actor) -> None:
        return None  # nothing to load until a file is chosen

    def show(self, data: None) -> None:
        return None

    @on(Input.Submitted, "#import-path")
    def _check(self, event: Input.Submitted) -> None:
        self._run(Path(event.value.strip()).expanduser(), dry_run=True, skip_invalid=False)

    def action_run(self) -> None:
        if self.checked is not None:
            self._run(self.checked, dry_run=False, skip_invalid=False)

    def action_skip_invalid(self) -> None:
        if self.checked is not None:
            self._run(self.checked, dry_run=False, skip_invalid=True)

    @work(thread=True, exclusive=True, group="import")
    def _run(self, path: Path, *, dry_run: bool, skip_invalid: bool) -> None:
        from helpdesk.cases.imports import import_cases

        app = self.helpdesk
        assert app.ws is not None and app.actor is not None
        bar = self.query_one("#import-progress", ProgressBar)

        def progress(done: int, total: int) -> None:
            app.call_from_thread(bar.update, total=total, progress=done)

        try:
            report = import_cases(app.ws, app.actor, path, dry_run=dry_run,
                                  skip_invalid=skip_invalid, progress=progress)
        except (HelpdeskError, OSError) as err:
            app.call_from_thread(self.show_error, str(err))
            return
        app.call_from_thread(self._show_report, path, report)

    def _show_report(self, path: Path, report: ImportReport) -> None:
        # After a check, or a refused all-or-nothing import, the same file can be imported next.
        self.checked = None if report.written else path
        bar = self.query_one("#import-progress", ProgressBar)
        bar.update(total=max(report.rows, 1), progress=max(report.rows, 1))
        self.query_one("#import-result", Static).update(
            report_renderable(report, all_or_nothing=self.ALL_OR_NOTHING))
        self.query_one("#import-report", VerticalScroll).focus()  # keys act, not typing
