"""What every command shares: loading config, opening the workspace, printing results."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from typing import TYPE_CHECKING, Any

from helpdesk.config import Config, load_config

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.services.workspace import Workspace


# The zone instants are printed in (the config's display zone once a config is loaded).
_DISPLAY_ZONE: list[str] = ["Asia/Shanghai"]


def config_of(args: argparse.Namespace) -> Config:
    config = load_config(args.config or os.environ.get("HELPDESK_CONFIG") or None)
    _DISPLAY_ZONE[0] = config.timezone
    return config


def db_of(args: argparse.Namespace) -> str | None:
    return args.db or os.environ.get("HELPDESK_DB") or None


def workspace_of(args: argparse.Namespace) -> Workspace:
    """The workspace of an existing database (`helpdesk init` creates one)."""
    from helpdesk.app.opening import open_workspace
    from helpdesk.i18n import set_locale
    from helpdesk.storage.target import require_existing

    config = config_of(args)
    set_locale(config.ui.locale)
    require_existing(config, db_of(args))
    ws = open_workspace(config, db_of(args))

    def daily_backup() -> None:
        from helpdesk.app.backups import take_daily_backup

        take_daily_backup(ws)

    # The first command of the day that writes takes the day's copy, before its change; a
    # command that only reads writes nothing (and imports none of it).
    ws.before_first_write = daily_backup
    return ws


def actor_of(ws: Workspace) -> Actor:
    from helpdesk.services.workspace import resolve_actor

    return resolve_actor(ws)


def json_value(value: Any) -> Any:
    """The one JSON convention (docs/json/README.md): an instant is ISO 8601 with "T" and the
    display zone's offset (2026-10-10T10:30:00+08:00), whatever zone it was held in; a day is
    YYYY-MM-DD; a duration is a number of seconds; dataclasses are objects."""
    import dataclasses
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    if isinstance(value, datetime):
        if value.tzinfo is None:  # stored naive means UTC (SQLite gives instants back naive)
            from datetime import UTC

            value = value.replace(tzinfo=UTC)
        return value.astimezone(ZoneInfo(_DISPLAY_ZONE[0])).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, timedelta):
        return int(value.total_seconds())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: json_value(getattr(value, field.name))
                for field in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(key): json_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [json_value(item) for item in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def emit(args: argparse.Namespace, value: Any, line: str) -> int:
    """A command's result: `value` as JSON with --json, else the one-line summary; exit 0."""
    if getattr(args, "json", False):
        print_json(value)
    else:
        print(line)
    return 0


def print_json(value: Any) -> None:
    # One write: json.dump writes each token, and every write is cleaned on the way out
    # (cli/main.py _Inert): 28,000 of them for a day's worklist.
    sys.stdout.write(json.dumps(json_value(value), ensure_ascii=False, indent=2) + "\n")


def parse_day(value: str) -> date:
    """A date the user typed (YYYY-MM-DD, full-width digits too, within the years the service
    covers), or a usage error naming it: as an argument's type and inside a handler alike."""
    from helpdesk.cli.argtypes import day
    from helpdesk.errors import UsageError

    try:
        return day(value)
    except argparse.ArgumentTypeError as err:
        raise UsageError("app.bad_value", problem=str(err)) from None


def print_import(args: argparse.Namespace, report: Any, **extra: object) -> int:
    """An all-or-nothing import's outcome (rows, added, updated, unchanged, errors by row):
    JSON with --json (plus `extra`), else a line and the bad rows; exit 1 when refused."""
    if getattr(args, "json", False):
        print_json({"rows": report.rows, "added": report.added, "updated": report.updated,
                    "unchanged": report.unchanged, **extra, "written": report.written,
                    "dry_run": report.dry_run,
                    "errors": [{"row": r, "reason": m} for r, m in report.errors]})
    else:
        print("\n".join(import_lines(report)))
    return 1 if report.errors else 0


def import_lines(report: Any, *, unchanged: bool = True, skip_hint: bool = False,
                 errors: int | None = None) -> list[str]:
    """An import's outcome for a person, in the UI's language: the counts and what happened,
    then each refused row and each warning by its row number in the file."""
    from helpdesk.i18n import t

    outcome = t("cli_import.dry_run") if report.dry_run else t("cli_import.written") \
        if report.written else t("cli_import.refused_skip" if skip_hint else "cli_import.refused")
    counts = {"rows": report.rows, "added": report.added, "updated": report.updated,
              "errors": len(report.errors) if errors is None else errors, "outcome": outcome}
    lines = [t("cli_import.summary", unchanged=report.unchanged, **counts) if unchanged
             else t("cli_import.summary_short", **counts)]
    if getattr(report, "confirmed", 0):
        lines.append(t("cli_import.confirmed", count=report.confirmed))
    lines += [t("cli_import.row", row=row, reason=reason) for row, reason in report.errors]
    lines += [t("cli_import.row_warning", row=row, reason=reason)
              for row, reason in getattr(report, "warnings", ())]
    return lines


def add_password_file(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--password-file", metavar="FILE",
                        help="read the password from this file (mode 0600, first line) "
                             "instead of asking: for cron and systemd timers")
