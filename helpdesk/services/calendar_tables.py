"""Installing a year's official schedule (the State Council's notice) as a local table, then
bringing every stored deadline up to date with it, in one audited transaction."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from helpdesk.actor import Actor
from helpdesk.calendar import business_hours_from_config, calendar_from_config
from helpdesk.calendar.tables import YearTable, parse_year_table
from helpdesk.errors import UsageError
from helpdesk.roles import require
from helpdesk.services.calendar_sync import RecomputeResult, recompute
from helpdesk.services.workspace import Workspace
from helpdesk.storage.files import write_private


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
    """Manager only: validate, install as `<local_tables_dir>/<YEAR>.toml`, recompute."""
    require(actor.role, "manage_calendar", actor.login)
    table = check_table(source)
    data = source.read_bytes()
    directory = ws.config.resolve_path(ws.config.calendar.local_tables_dir)
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / f"{table.year}.toml"

    def copy(temporary: str) -> None:
        Path(temporary).write_bytes(data)
        os.chmod(temporary, 0o644)  # a public schedule: every console on the host reads it

    write_private(target, copy)
    ws.calendar = calendar_from_config(ws.config)
    ws.hours = business_hours_from_config(ws.config, ws.calendar)
    digest = hashlib.sha256(data).hexdigest()
    result = recompute(ws, actor, force=False, note=(
        "calendar.load", {"year": table.year, "file": str(target), "sha256": digest,
                          "holidays": len(table.holidays),
                          "makeup_workdays": len(table.makeup_workdays)}))
    return LoadResult(table.year, str(target), len(table.holidays), len(table.makeup_workdays),
                      digest, result)
