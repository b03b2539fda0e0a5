"""`helpdesk kb ...`: share the knowledge base with other districts."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from helpdesk.cli.common import actor_of, print_json, workspace_of

if TYPE_CHECKING:
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    kb = commands.add_parser("kb", parents=[common], help="knowledge base (知识库)")
    sub = kb.add_subparsers(dest="kb_command", required=True)
    export = sub.add_parser("export", parents=[common],
                            help="published articles grouped by category")
    export.add_argument("--format", choices=("md", "xlsx"), required=True)
    export.add_argument("-o", "--output", required=True)
    export.add_argument("--for-chat", action="store_true",
                        help="plain text to paste into a chat group (WeChat, 企业微信 show "
                             "Markdown marks literally): 【category】, ■ title, 问/答, no "
                             "metadata (with --format md; not for 'kb import')")
    export.set_defaults(handler=cmd_export)
    imported = sub.add_parser("import", parents=[common],
                              help="merge another district's export (by article id)")
    imported.add_argument("file")
    imported.add_argument("--json", action="store_true")
    imported.set_defaults(handler=cmd_import)
    from helpdesk.cli import kb_author_cmd

    kb_author_cmd.register(sub, common)


def cmd_export(args: argparse.Namespace) -> int:
    from helpdesk.questions.kb_exchange import export_markdown, export_xlsx

    ws = workspace_of(args)
    if args.format == "md":
        count = export_markdown(ws, actor_of(ws), Path(args.output), for_chat=args.for_chat)
    else:
        count = export_xlsx(ws, actor_of(ws), Path(args.output))
    print(f"{count} articles written to {args.output}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from helpdesk.questions.kb_exchange import import_file

    ws = workspace_of(args)
    report = import_file(ws, actor_of(ws), Path(args.file))
    if args.json:
        print_json({"added": report.added, "updated": report.updated, "skipped": report.skipped,
                    "errors": [{"row": row, "reason": reason} for row, reason in report.errors]})
    else:
        print(f"added {len(report.added)}, updated {len(report.updated)}, "
              f"skipped {len(report.skipped)}, errors {len(report.errors)}")
        for row, reason in report.errors:
            print(f"  row {row}: {reason}")
    return 1 if report.errors else 0
