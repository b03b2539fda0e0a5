"""`helpdesk requirement|problem add|step|list`: the requirements (系统需求) and problems
(问题跟踪) the console's 需求问题 screen keeps, for scripts. An item is named by its number
(R2026-0001, P2026-0003) or its id."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from helpdesk.cli.common import actor_of, emit, print_json, workspace_of
from helpdesk.vocab import PROBLEM_FLOW, REQUIREMENT_FLOW

if TYPE_CHECKING:
    from helpdesk.services.trackers import TrackerView
    from helpdesk.services.workspace import Workspace

    Commands = argparse._SubParsersAction[argparse.ArgumentParser]

FLOW_OF = {"requirement": REQUIREMENT_FLOW, "problem": PROBLEM_FLOW}
WHAT = {"requirement": "system requirements collected for the province (系统需求)",
        "problem": "system problems followed up with the province (问题跟踪)"}


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    for kind in ("requirement", "problem"):
        flow = "|".join(FLOW_OF[kind])
        prefix = "R" if kind == "requirement" else "P"
        parser = commands.add_parser(kind, parents=[common], help=WHAT[kind])
        sub = parser.add_subparsers(dest=f"{kind}_command", required=True)
        add = sub.add_parser("add", parents=[common], help=f"record a {kind}",
                             description=f"Example: helpdesk {kind} add --title 登记页面增加"
                                         "批量导出 --from-question Q2026-00042 --json")
        add.add_argument("--title", default="", help="what it is (default: the question's)")
        add.add_argument("--description", default="", help="the details")
        add.add_argument("--from-question", default="",
                         help="the question it came from (id or number)")
        add.add_argument("--json", action="store_true", help="print the item as JSON")
        add.set_defaults(handler=cmd_add, kind=kind)
        step = sub.add_parser("step", parents=[common],
                              help=f"move one step along {flow} (or back one)",
                              description=f"Example: helpdesk {kind} step {prefix}2026-0001 "
                                          f"--to {FLOW_OF[kind][1]}")
        step.add_argument("item", help=f"number ({prefix}2026-0001) or id")
        step.add_argument("--to", required=True, help=flow)
        step.add_argument("--ref", default="",
                          help="the province's reference (required for fed_back)")
        step.add_argument("--note", default="", help="a note kept in the audit log")
        step.add_argument("--json", action="store_true", help="print the item as JSON")
        step.set_defaults(handler=cmd_step, kind=kind)
        listing = sub.add_parser("list", parents=[common], help="newest first",
                                 description=f"Example: helpdesk {kind} list --status "
                                             f"{FLOW_OF[kind][0]} --json")
        listing.add_argument("--status", action="append", default=[],
                             help=f"only these ({flow}); may be repeated")
        if kind == "problem":
            listing.add_argument("--late", action="store_true",
                                 help="only open problems past their follow-up day")
        listing.add_argument("--limit", type=int, default=100, help="at most this many")
        listing.add_argument("--json", action="store_true", help="print the list as JSON")
        listing.set_defaults(handler=cmd_list, kind=kind)


def _item(ws: Workspace, kind: str, value: str) -> TrackerView:
    from helpdesk.services.trackers import find_item

    return find_item(ws, actor_of(ws), kind, value.strip())


def _print(args: argparse.Namespace, item: TrackerView) -> int:
    return emit(args, item, f"{item.number} {item.status} {item.title}")


def cmd_add(args: argparse.Namespace) -> int:
    from helpdesk.cli.lookup import question_id
    from helpdesk.services.trackers import raise_item

    ws = workspace_of(args)
    source = question_id(ws, args.from_question) if args.from_question else None
    return _print(args, raise_item(ws, actor_of(ws), args.kind, title=args.title,
                                   description=args.description, question_id=source))


def cmd_step(args: argparse.Namespace) -> int:
    from helpdesk.services.trackers import advance

    ws = workspace_of(args)
    item = _item(ws, args.kind, args.item)
    return _print(args, advance(ws, actor_of(ws), item.id, item.version, args.to,
                                province_ref=args.ref, note=args.note))


def cmd_list(args: argparse.Namespace) -> int:
    from helpdesk.services.trackers import list_items

    ws = workspace_of(args)
    items = list_items(ws, actor_of(ws), kind=args.kind, statuses=tuple(args.status),
                       late_only=getattr(args, "late", False), limit=args.limit)
    if args.json:
        print_json(items)
        return 0
    for item in items:
        late = " !" if item.late else ""
        print(f"{item.number:<12} {item.status:<10} {item.title}{late}")
    return 0
