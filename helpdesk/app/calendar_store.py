"""The working-day tables a database holds (`calendar_year`): read for every calendar a
process builds, written only by `calendar load` (app/calendar_tables.py). A one-account
database adopts the tables its owner's folder held before they moved here, once."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from helpdesk.actor import SYSTEM
from helpdesk.calendar import WorkCalendar, business_hours_from_config, calendar_from_config
from helpdesk.calendar.tables import load_year_table
from helpdesk.config import Config
from helpdesk.errors import ConfigError
from helpdesk.services.workspace import Workspace, change
from helpdesk.storage.core_tables import calendar_year, meta
from helpdesk.storage.database import Database

ADOPTED_KEY = "calendar_folder_adopted"


def stored_tables(db: Database) -> dict[int, str]:
    """Year → the loaded table's text; none before the table exists (an old schema)."""
    try:
        with db.snapshot() as connection:
            rows = connection.execute(select(calendar_year.c.year, calendar_year.c.text)).all()
    except DBAPIError:
        return {}
    return {int(year): str(text) for year, text in rows}


def calendar_of(config: Config, db: Database) -> WorkCalendar:
    return calendar_from_config(config, stored_tables(db))


def refresh_calendar(ws: Workspace) -> None:
    ws.calendar = calendar_of(ws.config, ws.db)
    ws.hours = business_hours_from_config(ws.config, ws.calendar)


def adopt_folder_tables(ws: Workspace) -> tuple[int, ...]:
    """Before 0024 each account read `<local_tables_dir>/YEAR.toml` itself. A one-account
    database takes its owner's valid tables once (audited as `calendar.adopt`), so no deadline
    moves on the upgrade; later files there are inputs for `calendar load` only. A team
    database adopts nothing: its tables are a manager's to load."""
    if not ws.db.is_sqlite:
        return ()
    with ws.db.snapshot() as connection:
        if connection.execute(select(meta.c.key).where(meta.c.key == ADOPTED_KEY)).first():
            return ()
    # Adopting writes (once per database): only then the ORM models.
    from helpdesk.storage.calendar_models import CalendarYear
    from helpdesk.storage.models import Meta

    folder = ws.config.resolve_path(ws.config.calendar.local_tables_dir)
    found: list[tuple[Path, str]] = []
    for path in sorted(folder.glob("[0-9][0-9][0-9][0-9].toml")) if folder.is_dir() else []:
        try:
            load_year_table(path)
            found.append((path, path.read_text(encoding="utf-8-sig")))
        except (ConfigError, OSError, UnicodeDecodeError):
            continue  # a broken file stays where it is; doctor names it
    adopted: list[int] = []
    with change(ws, SYSTEM) as tx:
        if tx.session.get(Meta, ADOPTED_KEY) is not None:
            return ()
        for path, text in found:
            year = int(path.stem)
            if tx.session.get(CalendarYear, year) is not None:
                continue
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            tx.session.add(CalendarYear(year=year, text=text, sha256=digest, source=str(path),
                                        loaded_by=SYSTEM.login, loaded_at=tx.now))
            tx.record("calendar.adopt", "calendar", str(year),
                      after={"year": year, "file": str(path), "sha256": digest})
            adopted.append(year)
        tx.session.add(Meta(key=ADOPTED_KEY, value=",".join(map(str, adopted)) or "-"))
    if adopted:
        refresh_calendar(ws)
    return tuple(adopted)
