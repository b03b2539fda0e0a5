"""SLA attainment of ended months, counted once and kept in `month_figure`.

A stored month is read back as long as (a) no question received in it was inserted, changed or
deleted since (triggers raise its `stale`, migration 0022) and (b) no clock of it has run out
unrecorded since (`valid_until`: an unanswered question counts as late once its due instant
passes, with no change to any row). A missing or spent month is counted again and stored:

1. a row is written for it with `stale` 0 and no figure (committed first),
2. the questions are counted in a later snapshot,
3. the figure is stored only where `stale` is still 0 and the row is still this count's (its
   token) — a change committed after step 1 has raised `stale`, and the count may have missed
   it; another console that began counting the month meanwhile has replaced the row (and its
   `stale`): either way this figure is not kept.

The month still running is always counted: its figures change by the minute."""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import asdict
from datetime import datetime

from sqlalchemy import delete, func, insert, update
from sqlalchemy import select as select_columns
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, col

from helpdesk.contract.figure_models import MonthFigure
from helpdesk.questions.models import Question
from helpdesk.reports.figures import SlaCounts
from helpdesk.reports.gather import sla_counts
from helpdesk.services.workspace import Workspace

NAME = "sla"
Span = tuple[datetime, datetime]  # start_at <= received_at < end_at, UTC


def sla_by_month(ws: Workspace, spans: Sequence[Span], now: datetime) -> list[SlaCounts]:
    """The SLA counts of each span as of `now`; spans that ended before `now` from storage."""
    ended = [span for span in spans if span[1] <= now]
    found = _stored(ws, ended, now)
    missing = [span for span in ended if span not in found]
    if missing:
        with suppress(DBAPIError):  # a read-only or busy database: counted below, not kept
            found |= _counted_and_stored(ws, missing, now)
    live = [span for span in spans if span not in found]
    if live:
        with ws.db.read() as session:
            for start, end in live:
                found[start, end] = sla_counts(session, start, end, now)
    return [found[span] for span in spans]


def _stored(ws: Workspace, spans: Sequence[Span], now: datetime) -> dict[Span, SlaCounts]:
    if not spans:
        return {}
    f = MonthFigure
    with ws.db.read() as session:
        rows = session.connection().execute(
            select_columns(col(f.start_at), col(f.end_at), col(f.body))
            .where(col(f.name) == NAME, col(f.start_at).in_([start for start, _e in spans]),
                   col(f.stale) == 0, col(f.body) != "",
                   (col(f.valid_until).is_(None)) | (col(f.valid_until) > now))).all()
    wanted = set(spans)
    return {(start, end): SlaCounts(**json.loads(body)) for start, end, body in rows
            if (start, end) in wanted}


def _counted_and_stored(ws: Workspace, spans: Sequence[Span], now: datetime
                        ) -> dict[Span, SlaCounts]:
    f = MonthFigure
    starts = [start for start, _end in spans]
    token = secrets.token_hex(16)
    with ws.db.write() as session:  # 1: the rows the triggers will mark from now on
        connection = session.connection()
        connection.execute(delete(MonthFigure).where(col(f.name) == NAME,
                                                     col(f.start_at).in_(starts)))
        connection.execute(insert(MonthFigure), [
            {"name": NAME, "start_at": start, "end_at": end, "stale": 0, "token": token,
             "body": ""} for start, end in spans])
    counted: dict[Span, SlaCounts] = {}
    lapses: dict[Span, datetime | None] = {}
    with ws.db.read() as session:  # 2
        for start, end in spans:
            counted[start, end] = sla_counts(session, start, end, now)
            lapses[start, end] = _next_lapse(session, start, end, now)
    with ws.db.write() as session:  # 3
        connection = session.connection()
        for (start, end), counts in counted.items():
            connection.execute(
                update(MonthFigure).where(col(f.name) == NAME, col(f.start_at) == start,
                                          col(f.stale) == 0, col(f.token) == token)
                .values(body=json.dumps(asdict(counts)), computed_at=now,
                        valid_until=lapses[start, end]))
    return counted


def _next_lapse(session: Session, start: datetime, end: datetime, now: datetime
                ) -> datetime | None:
    """When the first clock of the span still running at `now` runs out: from then on it
    counts as late, with no row changed."""
    q = Question
    in_span = (col(q.received_at) >= start) & (col(q.received_at) < end)
    response = select_columns(func.min(q.response_due_at)).where(
        in_span, col(q.first_response_at).is_(None), col(q.response_due_at) >= now)
    resolution = select_columns(func.min(q.resolve_due_at)).where(
        in_span, col(q.resolved_at).is_(None), col(q.resolve_due_at) >= now)
    firsts = [session.execute(query).scalar_one_or_none() for query in (response, resolution)]
    due = [instant for instant in firsts if instant is not None]
    return min(due) if due else None
