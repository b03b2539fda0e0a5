"""`helpdesk report monthly 2026-11 | quarterly 2026-Q4 | annual 2026 --format xlsx|md -o FILE
[--password]`: the inspection reports, generated from the records; `report daily|weekly [DAY]
--for-chat`: the summary to post in the bureau's chat group."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from helpdesk.cli.argtypes import day
from helpdesk.cli.common import actor_of, add_password_file, print_json, workspace_of

if TYPE_CHECKING:
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]

EXAMPLES = {"monthly": "2026-11", "quarterly": "2026-Q4", "annual": "2026"}


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    report = commands.add_parser("report", parents=[common],
                                 help="monthly / quarterly / annual inspection reports (巡检报告)")
    kinds = report.add_subparsers(dest="report_kind", required=True)
    for kind, example in EXAMPLES.items():
        one = kinds.add_parser(kind, parents=[common], help=f"e.g. {kind} {example}")
        one.add_argument("period", help=f"e.g. {example}" + (
            "; S1, S2 … a service year, service: the one holding today"
            if kind == "annual" else ""))
        one.add_argument("--format", required=True, choices=("xlsx", "md"))
        one.add_argument("-o", "--output", required=True)
        add_password_file(one)
        one.add_argument("--password", action="store_true",
                         help="encrypt the xlsx; asks for the password at the terminal")
        one.add_argument("--approval",
                         help="the copy approval (FZ2026-0001) this export rests on")
        one.add_argument("--json", action="store_true", help="print the headline figures")
        one.set_defaults(handler=cmd_report)
    for kind, span in (("daily", "The day's figures"),
                       ("weekly", "The figures of the Monday-to-Sunday week holding the day")):
        summary = kinds.add_parser(
            kind, parents=[common],
            help=f"the {kind} summary to post in the bureau's chat group",
            description=f"{span}, as plain text for 企业微信 or WeChat: "
                        "numbered lines, no Markdown marks, question numbers but no titles or "
                        "names, split into numbered messages of at most 2,048 bytes each "
                        "(separated by a blank line).")
        summary.add_argument("day", nargs="?", type=day,
                             help="a day, YYYY-MM-DD (default: today)")
        summary.add_argument("--for-chat", action="store_true",
                             help="chat text (the only form; accepted for scripts that say so)")
        summary.set_defaults(handler=cmd_summary, summary_kind=kind)


def cmd_summary(args: argparse.Namespace) -> int:
    from helpdesk.reports.chat import chat_summary

    ws = workspace_of(args)
    summary = chat_summary(ws, actor_of(ws), args.summary_kind, args.day)
    print("\n\n".join(summary.messages))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from pathlib import Path

    from helpdesk.reports.export import write_report
    from helpdesk.services.file_export import check_format

    password = None
    if args.password:
        from helpdesk.cli.password import ask_password

        check_format(args.format, encrypted=True)  # refuse md before asking
        password = ask_password(args)
    ws = workspace_of(args)
    figures, written = write_report(ws, actor_of(ws), args.report_kind, args.period,
                                    args.format, Path(args.output), password, args.approval)
    sla = figures.sla
    if args.json:
        print_json({"period": figures.period.label, "start": figures.period.start,
                    "end": figures.period.end, "questions": sla.questions,
                    "response_met": sla.response.value, "resolution_met": sla.resolution.value,
                    "breaches": sla.breaches, "cases_registered": figures.cases.registered,
                    "urgings": figures.cases.urgings, "trainings": len(figures.trainings),
                    "onsite_coverage": figures.coverage.percent,
                    "file": str(written.path), "sha256": written.sha256,
                    "encrypted": written.encrypted})
    else:
        print(f"{written.path}  {written.size} bytes  sha256 {written.sha256}"
              + ("  (encrypted)" if written.encrypted else ""))
        print(f"  {figures.period.label}: {sla.questions} questions, response "
              f"{sla.response.percent()}, resolution {sla.resolution.percent()}, "
              f"{sla.breaches} breaches; on-site {figures.coverage.percent:.1f}%")
    return 0
