"""Installing a year's official schedule (the State Council's notice) in the database, then
bringing every stored deadline up to date with it, in one audited transaction."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from helpdesk.actor import Actor
from helpdesk.app.calendar_store import stored_tables
from helpdesk.app.calendar_sync import RecomputeResult, recompute
from helpdesk.calendar import business_hours_from_config, calendar_from_config
from helpdesk.calendar.tables import YearTable, parse_year_table
from helpdesk.errors import UsageError
from helpdesk.roles import require
from helpdesk.services.workspace import Workspace, change
from helpdesk.storage.calendar_models import CalendarYear


@dataclass(frozen=True)
class LoadResult:
    year: int
    path: str
    holidays: int
    makeup_workdays: int
    sha256: str
    recompute: RecomputeResult


def check_table(source: Path) -> YearTable:
    """Validate a table file without installing it (every problem listed, ConfigError)."""
    try:
        text = source.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:  # a missing file is the CLI's usage error (exit 2)
        raise UsageError("calendar.load_unreadable", path=str(source), error=err.reason) \
            from None
    stem = source.stem
    expected = int(stem) if stem.isdigit() and len(stem) == 4 else None
    return parse_year_table(text, str(source), expected)


def load_table(ws: Workspace, actor: Actor, source: Path) -> LoadResult:
    """Manager only: validate, keep in the database (`calendar_year`, replacing that year's
    table), recompute every stored deadline the year touches, in one audited transaction."""
    require(actor.role, "manage_calendar", actor.login)
    table = check_table(source)
    text = source.read_text(encoding="utf-8-sig")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    before = (ws.calendar, ws.hours)
    stored = stored_tables(ws.db)
    stored[table.year] = text
    ws.calendar = calendar_from_config(ws.config, stored)
    ws.hours = business_hours_from_config(ws.config, ws.calendar)
    try:
        with change(ws, actor, "manage_calendar") as tx:
            row = tx.session.get(CalendarYear, table.year)
            if row is None:
                row = CalendarYear(year=table.year, text=text, sha256=digest,
                                   source=str(source), loaded_by=actor.login,
                                   loaded_at=tx.now)
                tx.session.add(row)
            else:
                row.text, row.sha256, row.source = text, digest, str(source)
                row.loaded_by, row.loaded_at = actor.login, tx.now
            tx.session.flush()
            result = recompute(ws, actor, force=False, note=(
                "calendar.load", {"year": table.year, "file": str(source), "sha256": digest,
                                  "holidays": len(table.holidays),
                                  "makeup_workdays": len(table.makeup_workdays)}))
    except BaseException:
        ws.calendar, ws.hours = before
        raise
    return LoadResult(table.year, str(source), len(table.holidays),
                      len(table.makeup_workdays), digest, result)
