"""`helpdesk proxy add|list`: petition work done on a user's behalf (信访业务办理), one entry per
action. `add --action registered` on a case number the records do not hold registers the case
by hand (give --subject); the province's export later merges into it by number."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from helpdesk.cli.argtypes import LIMIT
from helpdesk.cli.common import actor_of, emit, parse_day, print_json, workspace_of
from helpdesk.vocab import CASE_CHANNELS, PROXY_ACTIONS

if TYPE_CHECKING:
    from datetime import datetime

    from helpdesk.cases.proxy_views import ProxyView
    from helpdesk.services.workspace import Workspace

    Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("proxy", parents=[common],
                                 help="petition work done on a user's behalf (信访业务办理)")
    sub = parser.add_subparsers(dest="proxy_command", required=True)
    add = sub.add_parser(
        "add", parents=[common], help="log one action done on a user's behalf",
        description="Example: helpdesk proxy add GD440304202610001 --action transferred "
                    "--for 李干事 --authorised-by 张主任 --note 代为转办至区住建局")
    add.add_argument("case", help="the case number")
    add.add_argument("--action", required=True, choices=PROXY_ACTIONS, help="what was done")
    add.add_argument("--for", required=True, dest="on_behalf_of",
                     help="on whose behalf (the user's name)")
    add.add_argument("--authorised-by", required=True, help="who authorised it")
    add.add_argument("--unit", default="", help="the unit it was done for (default: the case's)")
    add.add_argument("--note", default="", help="what exactly was done")
    add.add_argument("--at", default="", help="when, YYYY-MM-DDTHH:MM local (default: now)")
    add.add_argument("--subject", default="",
                     help="registering a case not yet in the records: its subject")
    add.add_argument("--channel", default="letter", choices=CASE_CHANNELS,
                     help="registering: how it came in")
    add.add_argument("--registered-on", default="", help="registering: the day (default: today)")
    add.add_argument("--json", action="store_true", help="print the entry as JSON")
    add.set_defaults(handler=cmd_add)
    listing = sub.add_parser("list", parents=[common], help="newest first",
                             description="Example: helpdesk proxy list --month 2026-11 --json")
    listing.add_argument("--case", default="", help="only this case number")
    listing.add_argument("--month", default="", help="only this month, YYYY-MM")
    listing.add_argument("--limit", type=LIMIT, default=100, help="at most this many")
    listing.add_argument("--json", action="store_true", help="print the list as JSON")
    listing.set_defaults(handler=cmd_list)


def _instant(ws: Workspace, value: str) -> datetime | None:
    from datetime import datetime

    from helpdesk.errors import UsageError
    from helpdesk.text import clean

    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise UsageError("app.not_an_instant",
                         value=clean(value, single_line=True, max_length=40)) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=ws.hours.zone)


def proxy_line(entry: ProxyView) -> str:
    confirmed = " (confirmed by the export)" if entry.confirmed_at else ""
    return (f"#{entry.id} {entry.case_number} {entry.action} for {entry.on_behalf_of} "
            f"({entry.unit or '—'}), authorised by {entry.authorised_by}{confirmed}")


def cmd_add(args: argparse.Namespace) -> int:
    from helpdesk.cases.proxy_work import NewCase, log_proxy
    from helpdesk.cli.lookup import unit_id

    ws = workspace_of(args)
    unit = unit_id(ws, args.unit) if args.unit else None
    new_case = None
    if args.subject:
        day = parse_day(args.registered_on) if args.registered_on else \
            ws.now().astimezone(ws.hours.zone).date()
        new_case = NewCase(args.subject, args.channel, day, unit)
    entry = log_proxy(ws, actor_of(ws), args.case, args.action,
                      on_behalf_of=args.on_behalf_of, authorised_by=args.authorised_by,
                      unit_id=unit, note=args.note, done_at=_instant(ws, args.at),
                      new_case=new_case)
    return emit(args, entry, proxy_line(entry))


def cmd_list(args: argparse.Namespace) -> int:
    from datetime import datetime, time

    from helpdesk.calendar.periods import parse_period
    from helpdesk.cases.proxy_views import list_proxy

    ws = workspace_of(args)
    start = end = None
    if args.month:
        from datetime import timedelta

        period = parse_period("monthly", args.month)
        start = datetime.combine(period.start, time(), tzinfo=ws.hours.zone)
        end = datetime.combine(period.end + timedelta(days=1), time(), tzinfo=ws.hours.zone)
    entries = list_proxy(ws, actor_of(ws), case_number=args.case or None, start=start,
                         end=end, limit=args.limit)
    if args.json:
        print_json(entries)
        return 0
    for entry in entries:
        print(proxy_line(entry))
    return 0
