"""Why an SLA figure is what it is: the running stretches of the clock replayed from the
question's history, the business time each counted, and the days and hours skipped."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from helpdesk.calendar import format_duration
from helpdesk.i18n import clauses, current_locale, joined, t
from helpdesk.questions.views import QuestionDetail
from helpdesk.services.workspace import Workspace


def _running_stretches(ws: Workspace, detail: QuestionDetail, now: datetime
                       ) -> list[tuple[datetime, datetime]]:
    return running_stretches(ws, detail.row.received_at, detail.events, now)


def running_stretches(ws: Workspace, received_at: datetime, events: Sequence[Any],
                      now: datetime) -> list[tuple[datetime, datetime]]:
    """The stretches the resolution clock ran, from the history's status changes (`events`
    have kind, to_status and at)."""
    pause_statuses = {"waiting"} | ({"escalated"} if ws.config.sla.pause_when_escalated else set())
    stretches: list[tuple[datetime, datetime]] = []
    start: datetime | None = received_at
    for event in events:
        if event.kind not in ("status", "resolved", "reopened"):
            continue
        stops = event.to_status in pause_statuses or event.to_status in ("resolved", "closed")
        if stops and start is not None:
            stretches.append((start, event.at))
            start = None
        elif not stops and start is None:
            start = event.at
    if start is not None:
        stretches.append((start, max(now, start)))
    return stretches


def explain(ws: Workspace, detail: QuestionDetail, now: datetime) -> list[str]:
    zone = ws.hours.zone
    locale = current_locale()
    row = detail.row
    lines = [t("sla.explain_target", response=format_duration(row.response.target),
               resolution=format_duration(row.resolution.target))]
    used = timedelta()
    skipped_days: dict[str, str] = {}
    for start, end in _running_stretches(ws, detail, now):
        counted = ws.hours.between(start, end)
        used += counted.amount
        lines.append(t("sla.explain_stretch", start=f"{start.astimezone(zone):%m-%d %H:%M}",
                       end=f"{end.astimezone(zone):%m-%d %H:%M}",
                       counted=format_duration(counted.amount)))
        for info in counted.skipped:
            skipped_days[info.day.isoformat()] = info.reason(locale)
    lines.append(t("sla.explain_used", used=format_duration(used),
                   target=format_duration(row.resolution.target)))
    if skipped_days:
        lines.append(t("sla.explain_skipped") + clauses(
            f"{day} {reason}" for day, reason in sorted(skipped_days.items())))
    periods = joined(
        f"{a:%H:%M}-{b:%H:%M}" for a, b in ws.config.office_hours.periods)
    lines.append(t("sla.explain_hours", periods=periods))
    return lines
