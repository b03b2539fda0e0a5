"""The daily and weekly summary as chat text (运维日报 / 周报 for the bureau's 企业微信 or WeChat
group): plain text with no Markdown marks (a chat shows `###` and `**` literally), numbered
lines, the catalogue's punctuation (full-width in Chinese), figures only — question numbers,
never titles or names typed by people — and split into numbered messages that a chat accepts.
The figures are the inspection report's (reports/gather.py) for a day or a Monday-based week."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from helpdesk.calendar.names import weekday_name
from helpdesk.calendar.periods import ReportPeriod
from helpdesk.chat import chat_messages
from helpdesk.i18n import t
from helpdesk.reports.figures import ReportFigures
from helpdesk.reports.gather import build_report
from helpdesk.services.workspace import Workspace

if TYPE_CHECKING:
    from helpdesk.actor import Actor

SUMMARY_KINDS = ("daily", "weekly")
LISTED_BREACHES = 10  # overdue question numbers named; the rest counted


@dataclass(frozen=True)
class ChatSummary:
    period: ReportPeriod
    messages: tuple[str, ...]


def chat_summary(ws: Workspace, actor: Actor, kind: str, day: date | None = None
                 ) -> ChatSummary:
    """The day's (or the week's) summary as the messages to post; today's by default."""
    period = summary_period(kind, day or ws.now().astimezone(ws.hours.zone).date())
    figures = build_report(ws, actor, period)
    return ChatSummary(period, chat_messages(title_of(figures), summary_lines(figures)))


def summary_period(kind: str, day: date) -> ReportPeriod:
    """The day, or the Monday-to-Sunday week holding it."""
    if kind == "daily":
        return ReportPeriod("daily", day.isoformat(), day, day)
    monday = day - timedelta(days=day.weekday())
    iso = monday.isocalendar()
    return ReportPeriod("weekly", f"{iso.year}-W{iso.week:02d}", monday,
                        monday + timedelta(days=6))


def title_of(figures: ReportFigures) -> str:
    period = figures.period
    if period.kind == "daily":
        span = t("chat.day", day=period.start.isoformat(), weekday=weekday_name(period.start))
    else:
        span = t("chat.week", start=period.start.isoformat(), end=f"{period.end:%m-%d}",
                 week=period.label)
    return t(f"chat.title_{period.kind}", bureau=figures.bureau, span=span)


def summary_lines(figures: ReportFigures) -> list[str]:
    """What the period came to, one fact per line, most looked-for first."""
    sla = figures.sla
    lines = [t("chat.questions", count=sla.questions, response=sla.response.percent(),
               resolution=sla.resolution.percent(), breaches=sla.breaches)]
    late = sorted({line.number for line in figures.breaches})
    if late:
        shown = t("chat.list_separator").join(late[:LISTED_BREACHES])
        more = len(late) - LISTED_BREACHES
        lines.append(t("chat.late", numbers=shown) + (t("chat.more", count=more)
                                                       if more > 0 else ""))
    cases = figures.cases
    lines.append(t("chat.cases", registered=cases.registered, closed=cases.closed,
                   urgings=cases.urgings, open=cases.open_at_end))
    coverage = figures.coverage
    lines.append(t("chat.coverage", percent=f"{coverage.percent:.1f}", gaps=coverage.gaps))
    if figures.trainings:
        signed = sum(line.signed_in for line in figures.trainings)
        lines.append(t("chat.trainings", count=len(figures.trainings), signed=signed))
    data = figures.data_service
    if data.received or data.fulfilled or data.open:
        lines.append(t("chat.data", received=data.received, fulfilled=data.fulfilled,
                       on_time=data.on_time, open=data.open))
    return lines
