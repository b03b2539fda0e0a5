"""Importing a file from a list screen: ask for its path, run the screen's import in a thread
worker, then show what it did (counts, written or refused, the bad rows by number) and reload
the list. One flow for the ranking, inventory and operation-log imports."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from helpdesk.errors import HelpdeskError
from helpdesk.i18n import t

from .host import host_of

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.services.workspace import Workspace

    from .base import DataScreen

ImportCall = Callable[["Workspace", "Actor", Path], Any]


def outcome_text(report: Any, counts: str | None = None) -> str:
    """An all-or-nothing import's report as lines: `counts` replaces the usual counts line."""
    lines = [counts or t("import.counts", rows=report.rows, added=report.added,
                         updated=report.updated, unchanged=report.unchanged,
                         errors=len(report.errors)),
             t("import.written") if report.written else t("inventory.import_refused")]
    lines += [t("import.row", row=row) + reason for row, reason in report.errors[:200]]
    return "\n".join(lines)


def ask_import(screen: DataScreen[Any], prompt: str, placeholder: str, title: str,
               run: ImportCall, counts: Callable[[Any], str] | None = None) -> None:
    from .prompt import PromptScreen

    def with_path(value: str | None) -> None:
        if value:
            path = Path(value).expanduser()
            screen.run_worker(lambda: _run(screen, title, path, run, counts), thread=True,
                              exclusive=True, group="import")

    screen.app.push_screen(PromptScreen(prompt, placeholder=placeholder), with_path)


def _run(screen: DataScreen[Any], title: str, path: Path, run: ImportCall,
         counts: Callable[[Any], str] | None) -> None:
    from .text_dialog import TextDialog

    app = host_of(screen.app)
    assert app.ws is not None and app.actor is not None
    try:
        report = run(app.ws, app.actor, path)
    except HelpdeskError as err:
        app.call_from_thread(screen.show_error, str(err))
        return
    text = outcome_text(report, counts(report) if counts else None)
    app.call_from_thread(app.push_screen, TextDialog(title, text))
    app.call_from_thread(screen.reload)
