"""培训效果评价汇总: response rate, mean and distribution per question, the comments, and the
questions raised during the session (each can become a desk question or a FAQ draft)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.widgets import DataTable, Header, Static

from helpdesk.errors import HelpdeskError
from helpdesk.i18n import t
from helpdesk.training.evaluation import SCORES

from ..keys import bindings
from ..render import plain
from ..widgets.key_footer import KeyFooter
from ..widgets.paged_table import fill
from .training_export import TrainingExport
from .training_render import distribution_bar

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.services.workspace import Workspace
    from helpdesk.training.report import TrainingReport


class TrainingSummaryScreen(TrainingExport["TrainingReport"]):
    SCOPED_CSS = False
    DEFAULT_CSS = """
    #summary-stats {
        height: auto;
        padding: 0 1;
    }
    #summary-comments {
        height: auto;
        max-height: 6;
        padding: 0 1;
    }
    #raised-table {
        height: 1fr;
        min-height: 4;
    }
    """
    BINDINGS = bindings("training.raise", "training.to_desk", "training.to_faq",
                        "training.export_summary")
    help_key = "training.summary"
    EXPORT_PART = "evaluation"
    EXPORT_NAME = "evaluation-{id}.xlsx"

    def __init__(self, session_id: int) -> None:
        super().__init__()
        self.session_id = session_id
        self.report: TrainingReport | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="summary-stats", classes="panel")
        yield Static(id="summary-comments", classes="panel")
        table: DataTable[Text] = DataTable(id="raised-table", cursor_type="row")
        yield table
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#summary-comments").border_title = t("training.comments")
        table = self.query_one("#raised-table", DataTable)
        for label, width in (("training.raised", 26), ("training.asked_by", 8),
                             ("training.answer", 20), ("training.follow_up", 12)):
            table.add_column(t(label), width=width)
        table.focus()
        if self.helpdesk.ws is not None:
            self.reload()

    def fetch(self, ws: Workspace, actor: Actor) -> TrainingReport:
        from helpdesk.training.report import training_report

        return training_report(ws, actor, self.session_id)

    def show(self, data: TrainingReport) -> None:
        from helpdesk.training.report import mean, percent

        report: TrainingReport = data
        self.report = report
        stats = report.stats
        panel = self.query_one("#summary-stats", Static)
        panel.border_title = t("training.evaluation_summary")
        head = plain(f"{report.session.title}  {report.when}", style="bold", limit=200)
        rate = Text(t("training.response_line", responses=stats.responses,
                      signed_in=stats.signed_in, rate=percent(stats.response_rate)))
        table = Table(box=None, pad_edge=False, expand=False, header_style="dim")
        table.add_column(Text(t("training.question")), no_wrap=True, min_width=8)
        table.add_column(Text(t("training.answered")), justify="right", no_wrap=True)
        table.add_column(Text(t("training.mean")), justify="right", no_wrap=True)
        table.add_column(Text("1-5"), no_wrap=True)
        for score in SCORES:
            table.add_column(Text(f"{score}{t('training.points')}"), justify="right",
                             no_wrap=True)
        for item in stats.questions:
            table.add_row(Text(t(f"training.q_{item.question}")), Text(str(item.answered)),
                          Text(mean(item.mean), style="bold"), distribution_bar(item),
                          *(Text(str(item.distribution[s])) for s in SCORES))
        panel.update(Group(head, rate, table))
        comments = [plain(f"{who}：{text}", limit=300) for who, text in report.comments] or \
            [Text(t("training.no_comments"), style="dim")]
        box = self.query_one("#summary-comments", Static)
        box.border_title = f"{t('training.comments')}（{len(report.comments)}）"
        box.update(Group(*comments))
        fill(self.query_one("#raised-table", DataTable), [
            (str(r.id), [plain(r.text), plain(r.asked_by or "—"), plain(r.answer or "—"),
                         Text(("→Q " if r.question_id else "") +
                              (f"FAQ#{r.article_id}" if r.article_id else ""),
                              style="green")])
            for r in report.raised])

    def _highlighted(self) -> int | None:
        if self.report is None:
            return None
        row = self.query_one("#raised-table", DataTable).cursor_row
        raised = self.report.raised
        return raised[row].id if 0 <= row < len(raised) else None

    def action_raise(self) -> None:
        from .training_entry import RaisedQuestionForm

        self.app.push_screen(RaisedQuestionForm(self.session_id), self.reload_if_saved)

    def action_follow_up(self, where: str) -> None:
        raised_id = self._highlighted()
        if raised_id is not None:
            self._follow_up(raised_id, where)

    @work(thread=True, group="follow-up")
    def _follow_up(self, raised_id: int, where: str) -> None:
        from helpdesk.app.desk import training_to_desk, training_to_faq

        app = self.helpdesk
        assert app.ws is not None and app.actor is not None
        try:
            if where == "desk":
                training_to_desk(app.ws, app.actor, raised_id)
            else:
                training_to_faq(app.ws, app.actor, raised_id)
        except HelpdeskError as err:
            app.call_from_thread(self.show_error, str(err))
            return
        app.call_from_thread(self.notify, t(f"training.followed_{where}"))
        app.call_from_thread(self.reload)
