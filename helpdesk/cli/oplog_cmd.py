"""`helpdesk oplog import|usage|dormant`: the provincial system's operation log and account list
(日志管理与分析): how each unit and person used the system, and the accounts no longer used
(`dormant --request` turns them into one configuration request to disable them)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from helpdesk.cli.argtypes import DAYS
from helpdesk.cli.common import actor_of, import_lines, parse_day, print_json, workspace_of

if TYPE_CHECKING:
    from helpdesk.monitoring.oplog_figures import UsageLine

    Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("oplog", parents=[common],
                                 help="operation-log analysis (日志管理与分析)")
    sub = parser.add_subparsers(dest="oplog_command", required=True)
    imports = sub.add_parser(
        "import", parents=[common],
        help="import an operation log (操作时间, 账号, 操作类型, 姓名, 单位) or an account list "
             "(账号, 账号状态, 姓名, 单位, 开通日期, 最后登录时间); streamed, all or nothing",
        description="Example: helpdesk oplog import 操作日志2026-11.csv --json")
    imports.add_argument("file", help="xlsx, xls or csv (UTF-8 or GBK)")
    imports.add_argument("--dry-run", action="store_true", help="check and count; write nothing")
    imports.add_argument("--json", action="store_true", help="print the outcome as JSON")
    imports.set_defaults(handler=cmd_import)
    usage = sub.add_parser("usage", parents=[common],
                           help="per unit (and per person with --unit): operations, active "
                                "days, off-hours use, usage rate",
                           description="Example: helpdesk oplog usage --from 2026-11-01 "
                                       "--to 2026-11-30 --json")
    usage.add_argument("--from", dest="start", required=True, type=parse_day,
                       help="the first day, YYYY-MM-DD")
    usage.add_argument("--to", dest="end", required=True, type=parse_day,
                       help="the last day, YYYY-MM-DD")
    usage.add_argument("--unit", default="", help="one unit: its people too")
    usage.add_argument("--json", action="store_true", help="print the figures as JSON")
    usage.set_defaults(handler=cmd_usage)
    dormant = sub.add_parser("dormant", parents=[common],
                             help="enabled accounts unused for N days (or never)",
                             description="Example: helpdesk oplog dormant --days 90 --json")
    dormant.add_argument("--days", type=DAYS, required=True, help="idle at least this many days")
    dormant.add_argument("--request", action="store_true",
                         help="raise one configuration request to disable them")
    dormant.add_argument("--json", action="store_true", help="print the list as JSON")
    dormant.set_defaults(handler=cmd_dormant)


def _progress(rows: int) -> None:
    if sys.stderr.isatty():
        sys.stderr.write(f"\r{rows:,} rows read")
        sys.stderr.flush()


def cmd_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from helpdesk.monitoring.oplog_import import import_oplog

    ws = workspace_of(args)
    report = import_oplog(ws, actor_of(ws), Path(args.file), dry_run=args.dry_run,
                          progress=_progress)
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    if args.json:
        print_json({"kind": report.kind, "rows": report.rows, "added": report.added,
                    "updated": report.updated, "unchanged": report.unchanged,
                    "first": report.first, "last": report.last, "written": report.written,
                    "dry_run": report.dry_run, "error_count": report.error_count,
                    "errors": [{"row": r, "reason": m} for r, m in report.errors],
                    "unknown_units": sorted(report.unknown_units)})
    else:
        lines = import_lines(report, errors=report.error_count)
        if report.kind:
            from helpdesk.i18n import t

            lines[0] = t("cli_import.kind_line", kind=t(f"cli_import.kind_{report.kind}"),
                         line=lines[0])
        print("\n".join(lines))
    return 1 if report.error_count else 0


def usage_line(line: UsageLine) -> str:
    kinds = ", ".join(f"{name} {count}" for name, count in line.by_kind)
    return (f"{line.label or 'all':<16} accounts {line.active_accounts}/{line.accounts} "
            f"({line.usage.percent()})  operations {line.operations}  active days "
            f"{line.active_days}  off hours {line.off_hours_share.percent()}  {kinds}")


def cmd_usage(args: argparse.Namespace) -> int:
    from helpdesk.cli.lookup import unit_id
    from helpdesk.monitoring.oplog import oplog_usage

    ws = workspace_of(args)
    unit = unit_id(ws, args.unit) if args.unit else None
    usage = oplog_usage(ws, actor_of(ws), args.start, args.end, unit)
    if args.json:
        print_json(usage)
        return 0
    for line in (usage.total, *usage.kinds, *usage.units, *usage.people):
        print(usage_line(line))
    return 0


def cmd_dormant(args: argparse.Namespace) -> int:
    from helpdesk.app.desk import dormant_request
    from helpdesk.monitoring.oplog import dormant_accounts

    ws = workspace_of(args)
    if args.request:
        number, count = dormant_request(ws, actor_of(ws), args.days)
        if args.json:
            print_json({"question": number, "accounts": count})
        else:
            print(f"{number}: a configuration request to disable {count} accounts")
        return 0
    accounts = dormant_accounts(ws, actor_of(ws), args.days)
    if args.json:
        print_json(accounts)
        return 0
    for account in accounts:
        idle = "never used" if account.idle_days is None else f"{account.idle_days} days"
        print(f"{account.account:<16} {account.name}  {account.unit or '—'}  {idle}")
    return 0
