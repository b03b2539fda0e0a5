"""三率: the assessment rates for a month, quarter or year (m / j / y, as in the reports), overall
and per responsible unit, with the change against the period before. `[` and `]` move by one
period; the current period runs to today."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text

from helpdesk.calendar.periods import ReportPeriod, parse_period, period_label, shifted
from helpdesk.cases.rates import RATE_NAMES, basis_text
from helpdesk.i18n import t

from ..keys import bindings
from ..lists import ListScreen
from ..render import plain
from ..widgets.paged_table import fill

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.cases.ranking import RankView
    from helpdesk.cases.rates import Rate, RatesReport
    from helpdesk.services.workspace import Workspace


@dataclass(frozen=True)
class RatesPage:
    report: RatesReport
    ranks: list[RankView]  # the province's ranking of the period, when recorded



def rate_cell(rate: Rate, previous: Rate | None = None) -> Text:
    text = Text(rate.percent(), no_wrap=True)
    if previous is not None and rate.value is not None and previous.value is not None:
        change = (rate.value - previous.value) * 100
        if abs(change) >= 0.05:
            text.append(f" {'▲' if change > 0 else '▼'}{abs(change):.1f}",
                        style="green" if change > 0 else "red")
    return text


def ranking_rows(report: RatesReport, ranks: list[RankView]) -> list[tuple[str, list[Text]]]:
    """Two rows under the district's own rates: its place in the province (and the places
    gained or lost), and the province average with the own rate's gap to it."""
    from .ranking import gap_cell, movement_cell, percent

    by_rate = {rank.rate: rank for rank in ranks}
    if not by_rate:
        return []
    place: list[Text] = [Text(t("ranking.place"), style="bold")]
    average: list[Text] = [Text(t("ranking.average"), style="bold")]
    for name in RATE_NAMES:
        rank = by_rate.get(name)
        if rank is None:
            place.append(Text("—", style="dim"))
            average.append(Text("—", style="dim"))
            continue
        cell = Text(f"{rank.rank}/{rank.ranked} ")
        place.append(cell.append_text(movement_cell(rank)))
        own = getattr(report.overall, name).value
        cell = Text(percent(rank.province_average) + " ")
        gap = None if own is None or rank.province_average is None \
            else own - rank.province_average
        average.append(cell.append_text(gap_cell(gap)))
    return [("__rank__", place), ("__average__", average)]


class RatesScreen(ListScreen["RatesPage"]):
    BINDINGS = bindings("reports.monthly", "reports.quarterly", "reports.annual",
                        "reports.prev", "reports.next", "rates.ranking")
    help_key = "cases.rates"
    COLUMNS = (("worklist.unit", 14), ("rates.timely_acceptance", 13),
               ("rates.on_time_completion", 13), ("rates.participation", 13),
               ("rates.satisfaction", 13))
    GROW = ("worklist.unit",)

    def __init__(self) -> None:
        super().__init__()
        self.period: ReportPeriod | None = None

    def fetch(self, ws: Workspace, actor: Actor) -> RatesPage:
        from helpdesk.cases.ranking import list_ranks
        from helpdesk.cases.rate_figures import case_rates

        today = ws.now().astimezone(ws.hours.zone).date()
        if self.period is None:
            self.period = parse_period("monthly", period_label("monthly", today))
        start, end = self.period.start, self.period.end
        return RatesPage(case_rates(ws, actor, start, min(end, today) if start <= today else end),
                         list_ranks(ws, actor, period=self.period.label))

    def show(self, data: RatesPage) -> None:
        report = data.report
        previous = report.previous
        rows = [("__all__", [Text(t("rates.overall"), style="bold")]
                 + [rate_cell(getattr(report.overall, n), getattr(previous, n) if previous
                              else None) for n in RATE_NAMES])]
        rows += [(unit.unit, [plain(unit.unit, limit=14)]
                  + [rate_cell(getattr(unit, n)) for n in RATE_NAMES]) for unit in report.units]
        rows[1:1] = ranking_rows(report, data.ranks)
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

    def action_ranking(self) -> None:
        from .ranking import RankingScreen

        self.app.push_screen(RankingScreen())

    def action_prev(self) -> None:
        self._move(-1)
