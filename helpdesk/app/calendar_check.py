"""The check every start makes: do the stored deadlines still follow the calendar's data and
the deadline rules they were computed with? Read on Core (no ORM imported), so that a command
that only reads pays for none of the recompute (app/calendar_sync.py), which it rarely needs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from helpdesk.cases.deadlines import STEPS_KEY, rules_fingerprint
from helpdesk.storage.core_tables import meta

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection
    from sqlmodel import Session

    from helpdesk.services.workspace import Workspace

META_PREFIX = "calendar:"


def watched_years(ws: Workspace) -> list[int]:
    """From the contract's start (or last year) to next year: the years stored deadlines
    can reach."""
    today = ws.now().astimezone(ws.hours.zone).date()
    first = min(ws.config.contract.start.year, today.year - 1)
    return list(range(first, today.year + 2))


def fingerprints(ws: Workspace, years: list[int]) -> dict[int, str]:
    return {year: ws.calendar.fingerprint(year) for year in years}


def stored_fingerprints(reader: Connection | Session, years: list[int]) -> dict[int, str]:
    """Year → the calendar data's fingerprint the stored deadlines were computed with."""
    keys = [f"{META_PREFIX}{year}" for year in years]
    rows = reader.execute(select(meta.c.key, meta.c.value).where(meta.c.key.in_(keys))).all()
    return {int(key.removeprefix(META_PREFIX)): value for key, value in rows}


def changed_years(ws: Workspace) -> list[int]:
    years = watched_years(ws)
    current = fingerprints(ws, years)
    with ws.db.snapshot() as connection:
        stored = stored_fingerprints(connection, years)
    return [year for year in years if stored.get(year) != current[year]]


def rules_changed(ws: Workspace) -> bool:
    """The deadline rules (config [deadlines]) differ from the ones the steps were stored
    with."""
    with ws.db.snapshot() as connection:
        value = connection.execute(select(meta.c.value).where(meta.c.key == STEPS_KEY)).scalar()
    return value is None or value != rules_fingerprint(ws.config.deadlines)
