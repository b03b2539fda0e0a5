"""`helpdesk inventory import|list|outdated|link`: the terminals at the bureau and its units
(终端清单, 日常监测), their browser and plug-ins, the outdated ones against `[inventory]
minimum_versions`, and the terminal a desktop-support question was about."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from helpdesk.cli.argtypes import LIMIT
from helpdesk.cli.common import actor_of, emit, print_import, print_json, workspace_of

if TYPE_CHECKING:
    from helpdesk.monitoring.inventory import TerminalView

    Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("inventory", parents=[common],
                                 help="terminals, browsers and plug-ins (终端清单)")
    sub = parser.add_subparsers(dest="inventory_command", required=True)
    imports = sub.add_parser(
        "import", parents=[common],
        help="import the inventory (计算机名, 单位, 使用人, 位置, 浏览器, 浏览器版本, "
             "最近访问, and a …版本 column per plug-in)",
        description="Example: helpdesk inventory import 终端清单.xlsx --dry-run --json")
    imports.add_argument("file", help="xlsx, xls or csv (UTF-8 or GBK)")
    imports.add_argument("--dry-run", action="store_true", help="check and count; write nothing")
    imports.add_argument("--json", action="store_true", help="print the outcome as JSON")
    imports.set_defaults(handler=cmd_import)
    listing = sub.add_parser("list", parents=[common], help="by machine name",
                             description="Example: helpdesk inventory list --search 园岭 --json")
    listing.add_argument("--search", default="", help="machine, user or unit")
    listing.add_argument("--outdated", action="store_true",
                         help="only terminals with an outdated plug-in or browser")
    listing.add_argument("--limit", type=LIMIT, default=1000, help="at most this many")
    listing.add_argument("--json", action="store_true", help="print the list as JSON")
    listing.set_defaults(handler=cmd_list)
    outdated = sub.add_parser("outdated", parents=[common],
                              help="every outdated plug-in, driver or browser, by unit; "
                                   "exit 1 when there is one",
                              description="Example: helpdesk inventory outdated --json")
    outdated.add_argument("--json", action="store_true", help="print the list as JSON")
    outdated.set_defaults(handler=cmd_outdated)
    link = sub.add_parser("link", parents=[common],
                          help="name the terminal a question was about (--none: unlink)",
                          description="Example: helpdesk inventory link Q2026-00042 YL-PC-03")
    link.add_argument("question", help="question number or id")
    link.add_argument("machine", nargs="?", default="", help="the terminal's machine name")
    link.add_argument("--none", action="store_true", help="remove the link")
    link.add_argument("--json", action="store_true", help="print the terminal as JSON")
    link.set_defaults(handler=cmd_link)


def terminal_line(view: TerminalView) -> str:
    plugins = ", ".join(f"{name} {version}" for name, version in view.plugins)
    flag = "  OUTDATED: " + ", ".join(f"{o.name} {o.installed}<{o.required}"
                                      for o in view.outdated) if view.outdated else ""
    return (f"{view.machine:<16} {view.unit or '—'}  {view.user_name or '—'}  "
            f"{view.browser} {view.browser_version}  {plugins}  "
            f"last visit {view.last_visit or '—'}{flag}")


def cmd_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from helpdesk.monitoring.inventory_import import import_inventory

    ws = workspace_of(args)
    report = import_inventory(ws, actor_of(ws), Path(args.file), dry_run=args.dry_run)
    return print_import(args, report, plugins=list(report.plugins),
                        unknown_units=sorted(report.unknown_units))


def cmd_list(args: argparse.Namespace) -> int:
    from helpdesk.monitoring.inventory import list_terminals

    ws = workspace_of(args)
    views = list_terminals(ws, actor_of(ws), search=args.search, limit=args.limit,
                           outdated_only=args.outdated)
    if args.json:
        print_json(views)
        return 0
    for view in views:
        print(terminal_line(view))
    return 0


def cmd_outdated(args: argparse.Namespace) -> int:
    from helpdesk.monitoring.inventory import outdated_plugins

    ws = workspace_of(args)
    lines = outdated_plugins(ws, actor_of(ws))
    if args.json:
        print_json(lines)
    else:
        for line in lines:
            print(f"{line.unit or '—'}  {line.machine}  {line.user_name or '—'}  {line.name} "
                  f"{line.installed} < {line.required}")
    return 1 if lines else 0


def cmd_link(args: argparse.Namespace) -> int:
    from helpdesk.cli.lookup import question_id
    from helpdesk.errors import UsageError
    from helpdesk.monitoring.inventory import link_question

    if not args.none and not args.machine:
        raise UsageError("err.inventory.machine_or_none")
    ws = workspace_of(args)
    view = link_question(ws, actor_of(ws), question_id(ws, args.question),
                         None if args.none else args.machine)
    return emit(args, view, terminal_line(view) if view else "unlinked")
