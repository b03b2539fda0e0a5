"""`helpdesk contract years | renew`: the contract's service years (服务年度)."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import TYPE_CHECKING

from helpdesk.cli.argtypes import YUAN
from helpdesk.cli.common import actor_of, parse_day, print_json, workspace_of

if TYPE_CHECKING:
    from helpdesk.services.service_years import ServiceYear
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    contract = commands.add_parser("contract", parents=[common],
                                   help="the contract's service years and their renewal")
    sub = contract.add_subparsers(dest="contract_command", required=True)
    years = sub.add_parser("years", parents=[common],
                           help="each service year: the configured one, then each renewal",
                           epilog="example: helpdesk contract years --json")
    years.add_argument("--json", action="store_true")
    years.set_defaults(handler=cmd_years)
    renew = sub.add_parser(
        "renew", parents=[common],
        help="record the next service year (续签, manager); the other terms stay as configured",
        epilog="example: helpdesk contract renew --end 2027-12-08 --value 198000")
    renew.add_argument("--start", type=parse_day,
                       help="its first day (default: the day after the last year ends)")
    renew.add_argument("--end", required=True, type=parse_day, help="its last day")
    renew.add_argument("--value", required=True, type=YUAN, help="its value in yuan")
    renew.add_argument("--note", default="", help="e.g. the renewal's contract number")
    renew.add_argument("--json", action="store_true")
    renew.set_defaults(handler=cmd_renew)


def cmd_years(args: argparse.Namespace) -> int:
    from helpdesk.services.service_years import list_years

    ws = workspace_of(args)
    years = list_years(ws, actor_of(ws))
    if args.json:
        print_json([_json(year) for year in years])
    else:
        for year in years:
            print(_line(year))
    return 0


def cmd_renew(args: argparse.Namespace) -> int:
    from helpdesk.services.service_years import renew

    ws = workspace_of(args)
    year = renew(ws, actor_of(ws), args.start, args.end, args.value, note=args.note)
    if args.json:
        print_json(_json(year))
    else:
        print(_line(year))
    return 0


def _json(year: ServiceYear) -> dict[str, object]:
    data = asdict(year)
    data["until"] = None if year.until.year == 9999 else year.until
    return data


def _line(year: ServiceYear) -> str:
    from helpdesk.contract.payment_text import money
    from helpdesk.i18n import t

    return t("contract.year_line", label=year.label, value=money(year.value_yuan),
             note=year.note)
