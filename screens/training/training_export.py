"""Exporting a session's papers from a screen: ask for the path (the suffix picks xlsx or
Markdown), write in a worker, say where it went."""

from __future__ import annotations

from pathlib import Path

from textual import work

from helpdesk.errors import HelpdeskError
from helpdesk.i18n import t

from ..base import Data, DataScreen


class TrainingExport(DataScreen[Data]):
    """For a screen of one session (`session_id`); EXPORT_PART picks the papers."""

    EXPORT_PART = "all"
    EXPORT_NAME = "training-{id}.xlsx"
    session_id: int

    def action_export(self) -> None:
        from ..prompt import PromptScreen

        def to_path(value: str | None) -> None:
            if value:
                self._export(Path(value).expanduser())

        self.app.push_screen(PromptScreen(t("training.export_prompt"),
                                          value=self.EXPORT_NAME.format(id=self.session_id)),
                             to_path)

    @work(thread=True, group="export")
    def _export(self, path: Path) -> None:
        from helpdesk.training.report import write_report

        fmt = "md" if path.suffix.lower() in (".md", ".markdown") else "xlsx"
        app = self.helpdesk
        assert app.ws is not None and app.actor is not None
        try:
            write_report(app.ws, app.actor, self.session_id, fmt, path, self.EXPORT_PART)
        except (HelpdeskError, OSError) as err:
            app.call_from_thread(self.show_error, str(err))
            return
        app.call_from_thread(self.notify, t("training.exported", path=str(path)), markup=False)
