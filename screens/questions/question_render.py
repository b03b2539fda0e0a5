"""How the questions desk shows SLA clocks and statuses: colour plus a text marker, so the
meaning survives NO_COLOR and 16-colour terminals."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from helpdesk.calendar import format_duration
from helpdesk.i18n import t

if TYPE_CHECKING:
    from helpdesk.questions.sla import ClockReading
    from helpdesk.questions.views import QuestionRow

MARKERS = {"on_track": " ", "at_risk": "!", "breached": "✘", "paused": "‖", "met": "✔",
           "missed": "✘"}
STYLES = {"on_track": "green", "at_risk": "bold yellow", "breached": "bold red",
          "paused": "cyan", "met": "dim green", "missed": "red"}


def clock_text(reading: ClockReading) -> Text:
    state = reading.state
    if state in ("on_track", "at_risk"):
        body = t("sla.remaining", time=format_duration(reading.remaining))
    elif state == "breached":
        body = t("sla.overdue", time=format_duration(-reading.remaining))
    else:
        body = t(f"sla.{state}")
    return Text(f"{MARKERS[state]}{body}", style=STYLES[state], no_wrap=True)


def sla_cell(row: QuestionRow) -> Text:
    running = row.resolution if row.response.state in ("met", "missed") else row.response
    return clock_text(running)


def status_text(status: str) -> Text:
    style = {"new": "bold", "escalated": "magenta", "waiting": "cyan", "resolved": "dim",
             "closed": "dim"}.get(status, "")
    return Text(t(f"status.{status}"), style=style, no_wrap=True)
