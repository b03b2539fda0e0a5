"""`helpdesk question config ID ...`: the configuration request (配置变更单) a configuration
question carries: kind, who asked and approved, the checklist ticked, done."""

from __future__ import annotations

import argparse
from typing import Any

from helpdesk.cli.common import actor_of, print_json, workspace_of
from helpdesk.vocab import CONFIG_REQUEST_KINDS


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    config = sub.add_parser(
        "config", parents=[common],
        help="record or update a configuration question's change request (never a password)",
        description="Example: helpdesk question config Q2026-00042 --kind password_reset "
                    "--requested-by 李主任 --approved-by 张科长 --tick 核实申请人身份 --done")
    config.add_argument("id", help="the question (id or number); its category is configuration")
    config.add_argument("--kind", required=True, choices=CONFIG_REQUEST_KINDS,
                        help="what kind of change")
    config.add_argument("--requested-by", required=True, help="who asked for it")
    config.add_argument("--approved-by", default="", help="who approved it (needed for --done)")
    config.add_argument("--summary", default="", help="what was changed (never a password)")
    config.add_argument("--tick", action="append", default=[],
                        help="a checklist item done, exactly as `question config-checklist "
                             "KIND` prints it; may be repeated")
    config.add_argument("--done", action="store_true",
                        help="the change is made: every item ticked and an approver named")
    config.add_argument("--json", action="store_true", help="print the request as JSON")
    config.set_defaults(handler=cmd_config)
    checklist = sub.add_parser("config-checklist", parents=[common],
                               help="the checklist items of a configuration request kind",
                               description="Example: helpdesk question config-checklist "
                                           "password_reset")
    checklist.add_argument("kind", choices=CONFIG_REQUEST_KINDS, help="the kind")
    checklist.add_argument("--json", action="store_true", help="print the items as JSON")
    checklist.set_defaults(handler=cmd_checklist)


def cmd_config(args: argparse.Namespace) -> int:
    from helpdesk.cli.lookup import question_id
    from helpdesk.questions.config_requests import save_request

    ws = workspace_of(args)
    request = save_request(ws, actor_of(ws), question_id(ws, args.id), kind=args.kind,
                           requested_by=args.requested_by, approved_by=args.approved_by,
                           change_summary=args.summary, ticked=tuple(args.tick),
                           done=args.done)
    if args.json:
        print_json(request)
    else:
        ticked = sum(request.checklist.values())
        print(f"{args.id} {request.kind} {ticked}/{len(request.checklist)}"
              f"{' done' if request.done_at else ''}")
    return 0


def cmd_checklist(args: argparse.Namespace) -> int:
    from helpdesk.questions.config_requests import checklists

    items = checklists()[args.kind]
    if args.json:
        print_json(list(items))
    else:
        for item in items:
            print(item)
    return 0
