"""报告: a report's headline figures before it is written, with the trends as sparklines
(weekly questions, SLA attainment, the assessment rates month by month). `m`/`j`/`y` pick a
monthly, quarterly or annual report, `[`/`]` the period before/after, `p` writes it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Header, Static

from helpdesk.calendar.periods import ReportPeriod, parse_period, period_label, shifted
from helpdesk.cases.rates import RATE_NAMES
from helpdesk.errors import HelpdeskError
from helpdesk.i18n import clauses, t
from helpdesk.reports.markdown import proxy_line
from helpdesk.reports.sparkline import sparkline

from ..base import DataScreen
from ..keys import bindings
from ..render import plain
from ..widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.count import Count
    from helpdesk.reports.figures import GroupSla, ReportFigures
    from helpdesk.services.workspace import Workspace



def _counts(counts: Sequence[Count | GroupSla], limit: int = 6) -> Text:
    text = Text()
    for index, item in enumerate(counts[:limit]):
        text.append(t("app.list_sep") if index else "")
        text.append_text(plain(item.label, limit=12))
        text.append(f" {item.count}", style="bold")
    if len(counts) > limit:
        text.append(" …", style="dim")
    return text


def figures_table(figures: ReportFigures) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold cyan", no_wrap=True)
    grid.add_column(ratio=1)
    sla = figures.sla
    weeks = figures.weeks
    grid.add_row(Text(t("reports.l_questions")), Text(t(
        "report.sla_line", questions=sla.questions,
        response=f"{sla.response.percent()}", resolution=f"{sla.resolution.percent()}",
        breaches=sla.breaches)))
    for label, values, style in (
            ("report.trend_questions", sparkline([w.sla.questions for w in weeks], low=0),
             "cyan"),
            ("report.trend_resolution",
             sparkline([w.sla.resolution.value for w in weeks], low=0, high=1), "green")):
        trend = Text(values, style=style)
        trend.append(" " + t(label), style="dim")
        grid.add_row(Text(t("report.weekly")) if label.endswith("questions") else Text(""),
                     trend)
    grid.add_row(Text(t("report.by_category")), _counts(figures.by_category))
    grid.add_row(Text(t("report.by_unit")), _counts(figures.by_unit, 4))
    rates = Text()
    for name in RATE_NAMES:
        rate = getattr(figures.rates.overall, name)
        rates.append(t(f"rates.{name}") + " ", style="dim")
        rates.append(rate.percent() + " ")
        if len(figures.monthly_rates) > 1:
            rates.append(sparkline([getattr(r, name).value for _m, r in figures.monthly_rates],
                                   low=0, high=1), style="magenta")
        rates.append("  ")
    grid.add_row(Text(t("report.rate")), rates)
    own_ranks = [rank for rank in figures.ranks if rank.period == figures.period.label]
    if own_ranks:
        from ..cases.ranking import places_text

        grid.add_row(Text(t("ranking.title")), places_text(own_ranks))
    cases = figures.cases
    grid.add_row(Text(t("reports.l_cases")), Text(t(
        "report.cases_line", registered=cases.registered, closed=cases.closed,
        open=cases.open_at_end, urgings=cases.urgings)))
    grid.add_row(Text(t("report.s_proxy")), Text(proxy_line(figures.proxy, short=True)))
    training = Text(t("report.no_training")) if not figures.trainings else Text(clauses(
        f"{x.day:%m-%d} {x.title} {x.signed_in}/{x.invited}" for x in figures.trainings))
    grid.add_row(Text(t("reports.l_training")), training)
    coverage = figures.coverage
    grid.add_row(Text(t("report.onsite_coverage")), Text(t(
        "report.coverage_line", percent=f"{coverage.percent:.1f}%",
        covered=coverage.covered_minutes, office=coverage.office_minutes, gaps=coverage.gaps,
        until=coverage.until)))
    inspections = Text()
    for line in figures.inspections:
        inspections.append(f"{line.month[5:]} ")
        inspections.append(t(f"inspection.state_{line.state}") if line.state else "—",
                           style="red" if line.state == "missing" else "")
        if line.coverage is not None and line.usage is not None:
            inspections.append(f" {line.coverage.percent()}/{line.usage.percent()}", style="dim")
        if line.issues:
            inspections.append(f" ✘{len(line.issues)}", style="red")
        inspections.append("  ")
    grid.add_row(Text(t("reports.l_inspection")), inspections or Text(t("report.none")))
    oplog = figures.oplog
    if oplog is not None:
        grid.add_row(Text(t("reports.l_oplog")), Text(t(
            "report.oplog_line", usage=oplog.total.usage.percent(),
            active=oplog.total.active_accounts, accounts=oplog.total.accounts,
            operations=f"{oplog.total.operations:,}",
            off_hours=oplog.total.off_hours_share.percent())))
    grid.add_row(Text(t("reports.l_trackers")), _counts(figures.trackers, 4))
    data = figures.data_service
    grid.add_row(Text(t("reports.l_data")), Text(t(
        "report.data_line", received=data.received, fulfilled=data.fulfilled,
        on_time=data.on_time, open=data.open)))
    return grid


class ReportPreviewScreen(DataScreen["ReportFigures"]):
    SCOPED_CSS = False
    DEFAULT_CSS = """
    #report-title {
        height: 1;
        padding: 0 1;
    }
    #report-scroll {
        height: 1fr;
        padding: 0 1;
    }
    """
    BINDINGS = bindings("reports.monthly", "reports.quarterly", "reports.annual",
                        "reports.prev", "reports.next", "reports.export")
    help_key = "nav.reports"

    def __init__(self) -> None:
        super().__init__()
        self.period: ReportPeriod | None = None
        self.figures: ReportFigures | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="report-title")
        with VerticalScroll(id="report-scroll"):
            yield Static(id="report-body")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#report-scroll").focus()

    def fetch(self, ws: Workspace, actor: Actor) -> ReportFigures:
        from helpdesk.reports.gather import build_report

        if self.period is None:
            today = ws.now().astimezone(ws.hours.zone).date()
            last_month = today.replace(day=1) - timedelta(days=1)
            self.period = parse_period("monthly", period_label("monthly", last_month))
        return build_report(ws, actor, self.period)

    def show(self, data: ReportFigures) -> None:
        from helpdesk.reports.markdown import period_title

        self.figures = data
        title = Text(period_title(data), style="bold")
        title.append(f"  {data.period.start} — {data.period.end}", style="dim")
        self.query_one("#report-title", Static).update(title)
        self.query_one("#report-body", Static).update(figures_table(data))

    def _load(self, period: ReportPeriod) -> None:
        self.period = period
        self.query_one("#report-title", Static).update(Text(t("reports.loading"), style="dim"))
        self.reload()

    def action_kind(self, kind: str) -> None:
        if self.period is not None and self.period.kind != kind:
            self._load(parse_period(kind, period_label(kind, self.period.start)))

    def action_prev(self) -> None:
        if self.period is not None:
            self._load(shifted(self.period, -1))

    def action_next(self) -> None:
        if self.period is not None:
            self._load(shifted(self.period, 1))

    def action_export(self) -> None:
        from ..file_export import ask_export

        if self.period is None:
            return
        default = f"report-{self.period.label}.xlsx"
        ask_export(self.app, t("reports.export_prompt"), default, self._export)

    @work(thread=True, group="export")
    def _export(self, path: Path, password: str | None) -> None:
        from helpdesk.reports.export import write_report

        period = self.period
        assert period is not None
        fmt = "md" if path.suffix.lower() in (".md", ".markdown") else "xlsx"
        app = self.helpdesk
        assert app.ws is not None and app.actor is not None
        try:
            write_report(app.ws, app.actor, period.kind, period.label, fmt, path, password)
        except (HelpdeskError, OSError) as err:
            app.call_from_thread(self.show_error, str(err))
            return
        app.call_from_thread(self.notify, t("export.written", path=str(path)), markup=False)
