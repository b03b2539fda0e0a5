"""The `helpdesk` command: the command line of helpdesk.cli, with the console to open when no
subcommand is given (the UI depends on the core, never the reverse)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from helpdesk.cli.main import main as cli_main

if TYPE_CHECKING:
    from helpdesk.config import Config


def open_console(config: Config, db_url: str | None) -> int:
    from .app import HelpdeskApp

    HelpdeskApp(config, db_url).run()
    return 0


def main(argv: list[str] | None = None) -> int:
    return cli_main(sys.argv[1:] if argv is None else argv, console=open_console)
