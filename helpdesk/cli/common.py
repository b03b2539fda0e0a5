"""What every command shares: loading config, opening the workspace, printing results."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from typing import TYPE_CHECKING, Any

from helpdesk.config import Config, load_config
from helpdesk.text import clean

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.services.workspace import Workspace


def config_of(args: argparse.Namespace) -> Config:
    return load_config(args.config or os.environ.get("HELPDESK_CONFIG") or None)


def db_of(args: argparse.Namespace) -> str | None:
    return args.db or os.environ.get("HELPDESK_DB") or None


def workspace_of(args: argparse.Namespace) -> Workspace:
    """The workspace of an existing database (`helpdesk init` creates one)."""
    from helpdesk.i18n import set_locale
    from helpdesk.services.workspace import open_workspace, require_existing

    config = config_of(args)
    set_locale(config.ui.locale)
    require_existing(config, db_of(args))
    return open_workspace(config, db_of(args))


def actor_of(ws: Workspace) -> Actor:
    from helpdesk.services.workspace import resolve_actor

    return resolve_actor(ws)


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def parse_day(value: str) -> date:
    """A date the user typed (YYYY-MM-DD), or a usage error naming it."""
    from helpdesk.errors import UsageError

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError("app.not_a_date", value=clean(value, single_line=True,
                                                          max_length=40)) from None
