"""Importing a session's sign-in list or evaluation forms: Enter checks the file (nothing
written) and lists every bad row by number; Ctrl+S imports, all rows or none."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.widgets import Static

from helpdesk.errors import HelpdeskError
from helpdesk.i18n import t

from ..cases.case_import import CaseImportScreen
from ..keys import bindings


class TrainingImportScreen(CaseImportScreen):
    BINDINGS = bindings("import.run")
    ALL_OR_NOTHING = True

    def __init__(self, session_id: int, what: str) -> None:
        super().__init__()
        self.session_id = session_id
        self.what = what  # attendees | evaluations

    def on_mount(self) -> None:
        super().on_mount()
        self.sub_title = t(f"training.import_{self.what}")
        self.query_one("#import-result", Static).update(
            Text(t(f"training.import_intro_{self.what}"), style="dim"))

    def action_skip_invalid(self) -> None:
        return None  # a session's lists are short: all rows or none

    @work(thread=True, exclusive=True, group="import")
    def _run(self, path: Path, *, dry_run: bool, skip_invalid: bool) -> None:
        from helpdesk.training.imports import import_attendees, import_evaluations

        app = self.helpdesk
        assert app.ws is not None and app.actor is not None
        run = import_attendees if self.what == "attendees" else import_evaluations
        try:
            report = run(app.ws, app.actor, self.session_id, path, dry_run=dry_run)
        except (HelpdeskError, OSError) as err:
            app.call_from_thread(self.show_error, str(err))
            return
        app.call_from_thread(self._show_report, path, report)
