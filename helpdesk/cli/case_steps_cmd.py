"""`helpdesk case show|stage|extend|hearing|urge`: what the case screen does, for scripts. A case is
named by its number (as the province prints it) or its internal id."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from helpdesk.cli.argtypes import whole
from helpdesk.cli.common import actor_of, emit, json_value, parse_day, print_json, workspace_of

if TYPE_CHECKING:
    from helpdesk.cases.actions import CaseView
    from helpdesk.services.workspace import Workspace

STAGE_HELP = ("transferred|accepted|objected|replied|rated|revisited|review_requested|reviewed|"
              "rereview_requested|rereviewed|closed (review_requested / rereview_requested "
              "record a 复查 / 复核 request)")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    show = sub.add_parser("show", parents=[common],
                          help="one case: stages, deadline explained, urgings (masked)",
                          description="Example: helpdesk case show 4403042026000123 --json")
    show.add_argument("case", help="case number or id")
    show.add_argument("--json", action="store_true", help="print the result as JSON")
    show.set_defaults(handler=cmd_show)

    stage = sub.add_parser(
        "stage", parents=[common],
        help="record that a case reached a stage on a day (order and dates checked)",
        description="Example: helpdesk case stage 4403042026000123 review_requested "
                    "--on 2026-10-12")
    stage.add_argument("case", help="case number or id")
    stage.add_argument("stage", help=STAGE_HELP)
    stage.add_argument("--on", dest="on_date", required=True, help="the day, YYYY-MM-DD")
    stage.add_argument("--rating", default="",
                       help="with rated: satisfied|basically|dissatisfied|expired")
    stage.add_argument("--note", default="", help="a note kept in the case's history")
    stage.add_argument("--late-ground", default="",
                       help="manager: the legal ground for accepting a review or re-review "
                            "requested after its window (e.g. 不可抗力 and why)")
    stage.add_argument("--json", action="store_true", help="print the case as JSON")
    stage.set_defaults(handler=cmd_stage)

    extend = sub.add_parser(
        "extend", parents=[common], help="延期: extend the handling deadline once (approved)",
        description="Example: helpdesk case extend 4403042026000123 --days 30 "
                    "--approved-on 2026-10-12 --reason 需补充调查")
    extend.add_argument("case", help="case number or id")
    extend.add_argument("--days", type=whole(1, 366), required=True, help="days of extension")
    extend.add_argument("--approved-on", required=True, help="the approval's day, YYYY-MM-DD")
    extend.add_argument("--reason", required=True, help="why (the petitioner is told)")
    extend.add_argument("--json", action="store_true", help="print the case as JSON")
    extend.set_defaults(handler=cmd_extend)

    hearing = sub.add_parser(
        "hearing", parents=[common],
        help="听证: a hearing held during a re-review; its days are not counted (Art. 36)",
        description="Example: helpdesk case hearing 4403042026000123 --from 2026-10-12 "
                    "--to 2026-10-14 --note 召开听证会")
    hearing.add_argument("case", help="case number or id")
    hearing.add_argument("--from", dest="start", required=True,
                         help="the hearing's first day, YYYY-MM-DD")
    hearing.add_argument("--to", dest="end", required=True,
                         help="its last day, YYYY-MM-DD (the days in between count as hearing)")
    hearing.add_argument("--note", default="", help="what was held, for the case's history")
    hearing.add_argument("--json", action="store_true", help="print the case as JSON")
    hearing.set_defaults(handler=cmd_hearing)

    urge = sub.add_parser(
        "urge", parents=[common], help="record one urging (催办): whom, how, what was agreed",
        description="Example: helpdesk case urge 4403042026000123 --contact 张科长 "
                    "--method phone --agreed 周五前办结 --next-check 2026-10-16")
    urge.add_argument("case", help="case number or id")
    urge.add_argument("--contact", required=True, help="who was urged")
    urge.add_argument("--method", required=True, help="phone|system|written")
    urge.add_argument("--agreed", default="", help="what was promised")
    urge.add_argument("--next-check", required=True,
                      help="a later working day to check again, YYYY-MM-DD")
    urge.add_argument("--step", default="", help="the step urged (default: the case's next)")
    urge.add_argument("--json", action="store_true", help="print the case as JSON")
    urge.set_defaults(handler=cmd_urge)


def _case(ws: Workspace, value: str) -> CaseView:
    from helpdesk.cases.actions import find_case, get_case

    actor = actor_of(ws)
    text = value.strip()
    if text.isdigit() and len(text) < 10:  # an internal id; case numbers are long
        return get_case(ws, actor, int(text))
    return find_case(ws, actor, text)


def _print_case(args: argparse.Namespace, case: CaseView) -> int:
    due = f" {case.next_step} {case.next_due}" if case.next_due else ""
    return emit(args, case, f"{case.case_number} {case.stage}{due} (v{case.version})")


def cmd_show(args: argparse.Namespace) -> int:
    from helpdesk.cases.actions import get_case_detail

    ws = workspace_of(args)
    detail = get_case_detail(ws, actor_of(ws), _case(ws, args.case).id)
    if args.json:
        print_json(detail)
        return 0
    print(f"{detail.case.case_number}  {detail.unit}  {detail.case.stage}")
    print(detail.summary)
    for column, day in detail.dates.items():
        print(f"  {column:<24} {day}")
    if detail.deadline_explanation:
        print(detail.deadline_explanation)
    for urging in detail.urgings:
        print(f"  {json_value(urging.at)} {urging.actor} {urging.method} {urging.contact} "
              f"{urging.agreed} → {urging.next_check}")
    return 0


def cmd_stage(args: argparse.Namespace) -> int:
    from helpdesk.cases.actions import advance

    ws = workspace_of(args)
    case = _case(ws, args.case)
    return _print_case(args, advance(ws, actor_of(ws), case.id, case.version, args.stage,
                                     parse_day(args.on_date), rating=args.rating,
                                     note=args.note, late_ground=args.late_ground))


def cmd_extend(args: argparse.Namespace) -> int:
    from helpdesk.cases.actions import extend

    ws = workspace_of(args)
    case = _case(ws, args.case)
    return _print_case(args, extend(ws, actor_of(ws), case.id, case.version, args.days,
                                    parse_day(args.approved_on), args.reason))


def cmd_hearing(args: argparse.Namespace) -> int:
    from helpdesk.cases.actions import record_hearing

    ws = workspace_of(args)
    case = _case(ws, args.case)
    return _print_case(args, record_hearing(ws, actor_of(ws), case.id, case.version,
                                            parse_day(args.start), parse_day(args.end),
                                            args.note))


def cmd_urge(args: argparse.Namespace) -> int:
    from helpdesk.cases.actions import get_case
    from helpdesk.cases.urging import record_urging

    ws = workspace_of(args)
    actor = actor_of(ws)
    case = _case(ws, args.case)
    record_urging(ws, actor, case.id, step=args.step or case.next_step, method=args.method,
                  contact=args.contact, agreed=args.agreed,
                  next_check=parse_day(args.next_check))
    return _print_case(args, get_case(ws, actor, case.id))
