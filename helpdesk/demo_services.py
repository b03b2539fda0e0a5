"""Demo data for the catalogue's smaller services: the province's 三率 ranking of the last
three months and the last quarter (the district climbing in satisfaction, slipping in timely
acceptance), as the province's monthly notices give them. The district's own figure in the
notice is the rate the demo's cases give, and the province average sits a fixed distance from
it, so the console's own rates and the notice agree as they would on the job."""

from __future__ import annotations

from helpdesk.actor import Actor
from helpdesk.reports.periods import ReportPeriod, parse_period, period_label, shifted
from helpdesk.services.workspace import Workspace

# Per rate: the ranks over the three months, oldest first, and how many percentage points the
# district stood above (+) or below (−) the province average each month.
MONTHLY_RANKS = {
    "timely_acceptance": ((4, 5, 7), (0.8, 0.4, -0.4)),
    "on_time_completion": ((6, 6, 5), (-0.3, 0.1, 0.6)),
    "participation": ((11, 9, 8), (-2.3, -0.4, 1.1)),
    "satisfaction": ((9, 6, 3), (-1.1, 0.6, 1.7)),
}
DISTRICTS = 21


def _record(ws: Workspace, manager: Actor, period: ReportPeriod, ranks: dict[str, int],
            gaps: dict[str, float]) -> int:
    from helpdesk.services.case_rates import case_rates
    from helpdesk.services.ranking import record_rank

    own = case_rates(ws, manager, period.start, period.end).overall
    for rate, rank in ranks.items():
        # The notice prints rates to 0.01 %.
        exact = getattr(own, rate).value
        value = None if exact is None else round(exact, 4)
        average = None if value is None else round(min(1.0, max(0.0, value - gaps[rate] / 100)),
                                                   4)
        record_rank(ws, manager, period.label, rate, rank, DISTRICTS,
                    province_average=average, district_value=value,
                    note=f"省信访局{period.label}三率通报")
    return len(ranks)


def build_ranking_demo(ws: Workspace, manager: Actor) -> int:
    today = ws.now().astimezone(ws.hours.zone).date()
    latest = shifted(parse_period("monthly", period_label("monthly", today)), -1)
    recorded = 0
    for index, step in enumerate((-2, -1, 0)):
        recorded += _record(ws, manager, shifted(latest, step),
                            {rate: ranks[index] for rate, (ranks, _g) in MONTHLY_RANKS.items()},
                            {rate: gaps[index] for rate, (_r, gaps) in MONTHLY_RANKS.items()})
    quarter = shifted(parse_period("quarterly", period_label("quarterly", today)), -1)
    return recorded + _record(
        ws, manager, quarter, {rate: ranks[1] for rate, (ranks, _g) in MONTHLY_RANKS.items()},
        {rate: gaps[1] for rate, (_r, gaps) in MONTHLY_RANKS.items()})
