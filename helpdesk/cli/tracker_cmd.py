"""`helpdesk requirement|problem add|step|list`: the requirements (系统需求) and problems
(问题跟踪) the console's 需求问题 screen keeps, for scripts. An item is named by its number
(R2026-0001, P2026-0003) or its id."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from helpdesk.cli.argtypes import LIMIT
from helpdesk.cli.common import (
    actor_of,
    add_password_file,
    emit,
    parse_day,
    print_json,
    workspace_of,
)
from helpdesk.vocab import PROBLEM_FLOW, REQUIREMENT_FLOW

if TYPE_CHECKING:
    from helpdesk.questions.requirement_docs import RequirementDoc
    from helpdesk.questions.trackers import TrackerView
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
        listing.add_argument("--limit", type=LIMIT, default=100, help="at most this many")
        listing.add_argument("--json", action="store_true", help="print the list as JSON")
        listing.set_defaults(handler=cmd_list, kind=kind)
        _document_commands(sub, common, kind, prefix)


# Options of `edit`, each a field of the document (requirement_docs.EDITABLE).
EDIT_OPTIONS = (("--title", "title", "the title"), ("--description", "description", "the details"),
                ("--background", "background", "why it is needed (需求背景)"),
                ("--current", "current_behaviour", "what the system does now (现状)"),
                ("--wanted", "wanted_behaviour", "what it should do (期望)"),
                ("--affected-units", "affected_units", "the units it affects"),
                ("--analysis", "analysis", "the engineer's analysis"),
                ("--verification", "verification", "how it was verified"),
                ("--ref", "province_ref", "the province's reference"),
                ("--province-answer", "province_answer", "the province's answer"))


def _document_commands(sub: Commands, common: argparse.ArgumentParser, kind: str,
                       prefix: str) -> None:
    show = sub.add_parser("show", parents=[common], help=f"the {kind}'s document",
                          description=f"Example: helpdesk {kind} show {prefix}2026-0001")
    show.add_argument("item", help=f"number ({prefix}2026-0001) or id")
    show.add_argument("--json", action="store_true", help="print the document as JSON")
    show.set_defaults(handler=cmd_show, kind=kind)
    edit = sub.add_parser("edit", parents=[common],
                          help="change fields of the document (only those given)",
                          description=f"Example: helpdesk {kind} edit {prefix}2026-0001 "
                                      "--background 街道每月需报送 --affected-units 各街道")
    edit.add_argument("item", help=f"number ({prefix}2026-0001) or id")
    for option, dest, text in EDIT_OPTIONS:
        edit.add_argument(option, dest=f"field_{dest}", default=None, help=text)
    edit.add_argument("--json", action="store_true", help="print the document as JSON")
    edit.set_defaults(handler=cmd_edit, kind=kind)
    if kind != "requirement":
        return
    confirm = sub.add_parser("confirm", parents=[common],
                             help="the bureau's confirmation of a verified requirement",
                             description="Example: helpdesk requirement confirm R2026-0001 "
                                         "--by 张主任 --unit 区信访局 --on 2026-11-20")
    confirm.add_argument("item", help="number (R2026-0001) or id")
    confirm.add_argument("--by", required=True, help="who confirmed it")
    confirm.add_argument("--unit", required=True, help="their unit")
    confirm.add_argument("--on", type=parse_day, default=None,
                         help="the day, YYYY-MM-DD (default: today)")
    confirm.add_argument("--json", action="store_true", help="print the document as JSON")
    confirm.set_defaults(handler=cmd_confirm, kind=kind)
    export = sub.add_parser("export", parents=[common],
                            help="the document for the provincial project team (encrypted "
                                 "xlsx unless --plain)",
                            description="Example: helpdesk requirement export R2026-0001 "
                                        "--format xlsx -o R2026-0001.xlsx")
    export.add_argument("item", help="number (R2026-0001) or id")
    export.add_argument("--format", choices=("xlsx", "md"), default="xlsx",
                        help="xlsx (encrypted, password asked twice) or md (needs --plain)")
    export.add_argument("-o", "--output", required=True, help="the file to write")
    add_password_file(export)
    export.add_argument("--plain", action="store_true",
                        help="no password (the document describes the bureau's work)")
    export.add_argument("--json", action="store_true", help="print the file's facts as JSON")
    export.set_defaults(handler=cmd_export, kind=kind)


def _item(ws: Workspace, kind: str, value: str) -> TrackerView:
    from helpdesk.questions.trackers import find_item

    return find_item(ws, actor_of(ws), kind, value.strip())


def _print(args: argparse.Namespace, item: TrackerView) -> int:
    return emit(args, item, f"{item.number} {item.status} {item.title}")


def cmd_add(args: argparse.Namespace) -> int:
    from helpdesk.cli.lookup import question_id
    from helpdesk.questions.trackers import raise_item

    ws = workspace_of(args)
    source = question_id(ws, args.from_question) if args.from_question else None
    return _print(args, raise_item(ws, actor_of(ws), args.kind, title=args.title,
                                   description=args.description, question_id=source))


def cmd_step(args: argparse.Namespace) -> int:
    from helpdesk.questions.trackers import advance

    ws = workspace_of(args)
    item = _item(ws, args.kind, args.item)
    return _print(args, advance(ws, actor_of(ws), item.id, item.version, args.to,
                                province_ref=args.ref, note=args.note))


def cmd_list(args: argparse.Namespace) -> int:
    from helpdesk.questions.trackers import list_items

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


def _document_text(doc: RequirementDoc) -> str:
    from helpdesk.i18n import t
    from helpdesk.questions.requirement_export import SECTIONS, document_title, facts, section_text

    lines = [document_title(doc), ""]
    lines += [f"{label}: {value}" for label, value in facts(doc)]
    for name in SECTIONS:
        text = section_text(doc, name).strip()
        lines += ["", f"[{t(f'requirements.s_{name}')}]", text or t("requirements.empty")]
    return "\n".join(lines)


def cmd_show(args: argparse.Namespace) -> int:
    from helpdesk.questions.requirement_docs import get_document

    ws = workspace_of(args)
    doc = get_document(ws, actor_of(ws), _item(ws, args.kind, args.item).id)
    return emit(args, doc, _document_text(doc))


def cmd_edit(args: argparse.Namespace) -> int:
    from helpdesk.questions.requirement_docs import edit_document

    ws = workspace_of(args)
    item = _item(ws, args.kind, args.item)
    changes = {dest: getattr(args, f"field_{dest}") for _o, dest, _t in EDIT_OPTIONS
               if getattr(args, f"field_{dest}") is not None}
    doc = edit_document(ws, actor_of(ws), item.id, item.version, changes)
    return emit(args, doc, f"{doc.item.number} v{doc.item.version} {doc.item.title}")


def cmd_confirm(args: argparse.Namespace) -> int:
    from helpdesk.questions.requirement_docs import confirm_requirement

    ws = workspace_of(args)
    item = _item(ws, args.kind, args.item)
    doc = confirm_requirement(ws, actor_of(ws), item.id, item.version, name=args.by,
                              unit=args.unit, on=args.on)
    return emit(args, doc, f"{doc.item.number} {doc.item.status} {doc.confirmer_name} "
                           f"{doc.confirmer_unit} {doc.confirmed_on}")


def cmd_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from helpdesk.questions.requirement_export import write_document

    ws = workspace_of(args)
    item = _item(ws, args.kind, args.item)
    password = None
    if not args.plain and args.format == "xlsx":
        from helpdesk.cli.password import ask_password

        password = ask_password(args)
    written = write_document(ws, actor_of(ws), item.id, Path(args.output), args.format,
                             password=password, plain=args.plain)
    return emit(args, {"file": str(written.path), "sha256": written.sha256,
                       "encrypted": written.encrypted},
                f"{written.path}  {written.size} bytes  sha256 {written.sha256}"
                + ("  (encrypted)" if written.encrypted else ""))
