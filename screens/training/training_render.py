"""How training figures read on screen: the obligation line (Today and the session list) and
the score distribution bars of the evaluation summary."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from helpdesk.i18n import t
from helpdesk.training.evaluation import QuestionStats
from helpdesk.training.obligation import Obligation

STATUS_STYLE = {"planned": "yellow", "held": "green", "cancelled": "dim strike"}
STYLE = {"met": "green", "planned": "", "due": "yellow", "at_risk": "bold red",
         "missed": "bold red", "future": "dim"}


def obligation_line(obligation: Obligation, today: date) -> Text:
    """`培训 1/2 · ✘ 第2次尚未安排（12-08 前）`: the service year's standing."""
    text = Text(t("training.today_line", held=obligation.held, required=obligation.required),
                style="bold")
    missed = next((p for p in obligation.periods if p.state == "missed"), None)
    period = missed or obligation.current(today)
    if period is None:
        return text
    text.append(" · ")
    # the session still owed: any two in the service year, so the next one is held + 1
    text.append(t(f"training.next_{period.state}",
                  n=min(obligation.held + 1, obligation.required),
                  end=f"{period.end:%m-%d}",
                  date=f"{period.planned_on:%m-%d}" if period.planned_on else ""),
                style=STYLE[period.state])
    return text


def distribution_bar(stats: QuestionStats) -> Text:
    """One block per score 1-5, its height scaled to the most given score."""
    bars = " ▁▂▃▄▅▆▇█"  # index 0 unused: a score nobody gave shows as dots
    peak = max(stats.distribution.values(), default=0)
    text = Text()
    for score in sorted(stats.distribution):
        count = stats.distribution[score]
        if not count:
            text.append("··", style="dim")
            continue
        text.append(bars[max(1, round(count / peak * 8))] * 2, style="cyan")
    return text
