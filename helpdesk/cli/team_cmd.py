"""`helpdesk team setup|upgrade`: the administrator's commands for a team database on
PostgreSQL (app/team.py), run as a PostgreSQL superuser."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from helpdesk.cli.common import config_of, db_of, print_json

if TYPE_CHECKING:
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    team = commands.add_parser(
        "team", parents=[common],
        help="a team database on PostgreSQL: roles, grants and an audit the server writes")
    sub = team.add_subparsers(dest="team_command", required=True)
    setup = sub.add_parser(
        "setup", parents=[common],
        help="make a PostgreSQL database a team's (as a superuser); again to repair it",
        description="As the PostgreSQL superuser (runuser -u postgres --). "
                    "Example: helpdesk team setup "
                    "--db 'postgresql+psycopg:///helpdesk?host=/var/run/postgresql' "
                    "--manager wang")
    setup.add_argument("--manager", required=True,
                       help="the first manager's login (their Unix account's name)")
    setup.add_argument("--key", type=Path,
                       help="the audit key file the database's existing records were signed "
                            "with (a database used before it was a team's)")
    setup.add_argument("--sql", action="store_true",
                       help="print the SQL for a DBA to read instead of running it")
    setup.add_argument("--json", action="store_true", help="print the result as JSON")
    setup.set_defaults(handler=cmd_setup)
    upgrade = sub.add_parser(
        "upgrade", parents=[common], help="migrate a team database's schema (as a superuser)",
        description="As the PostgreSQL superuser (runuser -u postgres --). "
                    "Example: helpdesk team upgrade "
                    "--db 'postgresql+psycopg:///helpdesk?host=/var/run/postgresql'")
    upgrade.add_argument("--json", action="store_true", help="print the result as JSON")
    upgrade.set_defaults(handler=cmd_upgrade)


def _url(args: argparse.Namespace) -> str:
    from helpdesk.storage.target import database_target

    return database_target(config_of(args), db_of(args))


def cmd_setup(args: argparse.Namespace) -> int:
    from helpdesk.app.team import setup_sql, setup_team
    from helpdesk.clock import SystemClock
    from helpdesk.i18n import t
    from helpdesk.identity import refuse_sudo

    if args.sql:
        print(setup_sql(_url(args), args.manager), end="")
        return 0
    refuse_sudo()
    done = setup_team(_url(args), args.manager, SystemClock(), args.key)
    if args.json:
        print_json({"database": done.database, "manager": done.manager,
                    "records": done.records, "created_manager": done.created_manager})
    else:
        print(t("team.set_up", database=done.database, manager=done.manager,
                records=done.records))
    return 0


def cmd_upgrade(args: argparse.Namespace) -> int:
    from helpdesk.app.team import upgrade_team
    from helpdesk.i18n import t
    from helpdesk.identity import refuse_sudo

    refuse_sudo()
    before, after = upgrade_team(_url(args))
    if args.json:
        print_json({"before": before, "after": after})
    else:
        print(t("team.upgraded", before=before or "-", after=after))
    return 0
