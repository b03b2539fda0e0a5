"""三率: the assessment rates for a month, quarter or year (m / j / y, as in the reports), overall
and per responsible unit, with the change against the period before. `[` and `]` move by one
period; the current period runs to today."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from helpdesk.cases.rates import basis_text
from helpdesk.i18n import t
from helpdesk.reports.periods import ReportPeriod, parse_period, period_label, shifted
from screens.keys import bindings
from screens.lists import ListScreen
from screens.render import plain
from screens.widgets.paged_table import fill

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.cases.rates import Rate, RatesReport
    from helpdesk.services.workspace import Workspace

NAMES = ("timely_acceptance", "on_time_completion", "participation", "satisfaction")


def rate_cell(rate: Rate, previous: Rate | None = None) -> Text:
    text = Text(rate.percent(), no_wrap=True)
    if previous is not None and rate.value is not None and previous.value is not None:
        change = (rate.value - previous.value) * 100
        if abs(change) >= 0.05:
            text.append(f" {'▲' if change > 0 else '▼'}{abs(change):.1f}",
                        style="green" if change > 0 else "red")
    return text


class RatesScreen(ListScreen["RatesReport"]):
    BINDINGS = bindings("reports.monthly", "reports.quarterly", "reports.annual",
                        "reports.prev", "reports.next")
    help_key = "cases.rates"
    COLUMNS = (("worklist.unit", 14), ("rates.timely_acceptance", 13),
               ("rates.on_time_completion", 13), ("rates.participation", 13),
               ("rates.satisfaction", 13))
    GROW = ("worklist.unit",)

    def __init__(self) -> None:
        super().__init__()
        self.period: ReportPeriod | None = None

    def fetch(self, ws: Workspace, actor: Actor) -> RatesReport:
        from helpdesk.services.case_rates import case_rates

        today = ws.now().astimezone(ws.hours.zone).date()
        if self.period is None:
            self.period = parse_period("monthly", period_label("monthly", today))
        start, end = self.period.start, self.period.end
        return case_rates(ws, actor, start, min(end, today) if start <= today else end)

    def show(self, data: RatesReport) -> None:
        report: RatesReport = data
        previous = report.previous
        rows = [("__all__", [Text(t("rates.overall"), style="bold")]
                 + [rate_cell(getattr(report.overall, n), getattr(previous, n) if previous
                              else None) for n in NAMES])]
        rows += [(unit.unit, [plain(unit.unit, limit=14)]
                  + [rate_cell(getattr(unit, n)) for n in NAMES]) for unit in report.units]
        fill(self.table, rows)
        self.set_status(t("rates.period", start=str(report.start), end=str(report.end))
                        + "\n" + basis_text(report.basis))

    def action_kind(self, kind: str) -> None:
        if self.period is not None and self.period.kind != kind:
            self.period = parse_period(kind, period_label(kind, self.period.start))
            self.action_refresh()

    def _move(self, steps: int) -> None:
        if self.period is not None:
            self.period = shifted(self.period, steps)
            self.action_refresh()

    def action_next(self) -> None:
        self._move(1)

    def action_prev(self) -> None:
        self._move(-1)
