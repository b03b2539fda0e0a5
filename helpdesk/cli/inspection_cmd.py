"""`helpdesk inspection ...`: the monthly inspection (巡检) from the command line."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from helpdesk.cli.argtypes import COUNT, whole
from helpdesk.cli.common import actor_of, parse_day, print_json, workspace_of
from helpdesk.errors import NotFound

if TYPE_CHECKING:
    from helpdesk.inspection.actions import InspectionView
    from helpdesk.services.workspace import Workspace

    Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    inspection = commands.add_parser("inspection", parents=[common],
                                     help="monthly inspection (巡检)")
    sub = inspection.add_subparsers(dest="inspection_command", required=True)
    listed = sub.add_parser("list", parents=[common],
                            help="every contract month: on time, late, missing, due")
    listed.add_argument("--date", help="YYYY-MM-DD (default: today)")
    listed.add_argument("--json", action="store_true")
    listed.set_defaults(handler=cmd_list)
    start = sub.add_parser("start", parents=[common], help="start the inspection of a month")
    start.add_argument("month", help="YYYY-MM")
    start.set_defaults(handler=cmd_start)
    show = sub.add_parser("show", parents=[common], help="one inspection with its checklist")
    show.add_argument("inspection", help="id or YYYY-MM")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_show)
    check = sub.add_parser("check", parents=[common], help="mark one checklist item")
    check.add_argument("inspection", help="id or YYYY-MM")
    check.add_argument("item", type=whole(1, 1000), help="item number as `show` lists it")
    check.add_argument("result", choices=("ok", "issue", "na"))
    check.add_argument("--note", default="", help="required for an issue")
    check.set_defaults(handler=cmd_check)
    usage = sub.add_parser("usage", parents=[common],
                           help="usage figures pulled from the provincial system")
    usage.add_argument("inspection", help="id or YYYY-MM")
    for name in ("expected", "connected", "issued", "active"):
        usage.add_argument(f"--{name}", type=COUNT, required=True)
    usage.add_argument("--disabled", type=COUNT)
    usage.set_defaults(handler=cmd_usage)
    imported = sub.add_parser("usage-import", parents=[common],
                              help="sum the provincial export (one row per institution)")
    imported.add_argument("inspection", help="id or YYYY-MM")
    imported.add_argument("file")
    imported.add_argument("--dry-run", action="store_true")
    imported.set_defaults(handler=cmd_usage_import)
    finish = sub.add_parser("finish", parents=[common], help="finish (every item marked)")
    finish.add_argument("inspection", help="id or YYYY-MM")
    finish.add_argument("--summary", default="")
    finish.set_defaults(handler=cmd_finish)
    problem = sub.add_parser("problem", parents=[common],
                             help="make an issue found a problem of the questions desk")
    problem.add_argument("inspection", help="id or YYYY-MM")
    problem.add_argument("item", type=whole(1, 1000))
    problem.set_defaults(handler=cmd_problem)


def _find(ws: Workspace, value: str) -> InspectionView:
    from helpdesk.inspection.actions import find_inspection, get_inspection

    if value.isdigit():
        return get_inspection(ws, actor_of(ws), int(value))
    found = find_inspection(ws, actor_of(ws), value)
    if found is None:
        raise NotFound("err.cli.no_inspection_month", value=value)
    return found


def _item_id(view: InspectionView, position: int) -> int:
    for item in view.results:
        if item.position == position:
            return item.id
    raise NotFound("err.cli.no_inspection_item", month=view.month, position=position)


def _json(view: InspectionView) -> dict[str, Any]:
    return {"id": view.id, "month": view.month, "status": view.status,
            "started_at": view.started_at, "started_by": view.started_by,
            "done_at": view.done_at, "done_by": view.done_by, "summary": view.summary,
            "figures": vars(view.figures), "usage_source": view.usage_source,
            "coverage": view.coverage.value if view.coverage else None,
            "usage": view.usage.value if view.usage else None,
            "items": [{"item": r.position, "section": r.section, "text": r.item,
                       "result": r.result, "note": r.note, "problem": r.problem_number,
                       "checked_by": r.checked_by}
                      for r in view.results]}


def _print(view: InspectionView) -> None:
    marks = {"ok": "✔", "issue": "✘", "na": "—", "": "·"}
    print(f"#{view.id} {view.month} {view.status}  coverage "
          f"{view.coverage.percent() if view.coverage else '—'}  usage "
          f"{view.usage.percent() if view.usage else '—'}")
    for r in view.results:
        note = f"  — {r.note}" if r.note else ""
        problem = f"  [{r.problem_number}]" if r.problem_number else ""
        print(f"  {r.position:>2} {marks[r.result]} {r.item}{note}{problem}")


def cmd_list(args: argparse.Namespace) -> int:
    from helpdesk.inspection.actions import inspection_obligation

    ws = workspace_of(args)
    rows = inspection_obligation(ws, actor_of(ws),
                                 parse_day(args.date) if args.date else None)
    if args.json:
        print_json([{"month": r.month, "state": r.state, "due": r.due,
                     "provisional": r.due_provisional, "inspection": r.inspection_id,
                     "done_on": r.done_on} for r in rows])
    else:
        for r in rows:
            done = f"done {r.done_on}" if r.done_on else ""
            print(f"{r.month}  {r.state:<8} due {r.due}{'?' if r.due_provisional else ''}  "
                  f"{'#' + str(r.inspection_id) if r.inspection_id else '':<5} {done}")
    return 1 if any(r.state == "missing" for r in rows) else 0


def cmd_start(args: argparse.Namespace) -> int:
    from helpdesk.inspection.actions import start_inspection

    ws = workspace_of(args)
    _print(start_inspection(ws, actor_of(ws), args.month))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    ws = workspace_of(args)
    view = _find(ws, args.inspection)
    if args.json:
        print_json(_json(view))
    else:
        _print(view)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from helpdesk.inspection.actions import record_result

    ws = workspace_of(args)
    view = _find(ws, args.inspection)
    item = record_result(ws, actor_of(ws), _item_id(view, args.item), None, args.result,
                         args.note)
    print(f"{item.position} {item.result} {item.item}")
    return 0


def cmd_usage(args: argparse.Namespace) -> int:
    from helpdesk.inspection.actions import set_usage
    from helpdesk.inspection.usage import UsageFigures

    ws = workspace_of(args)
    view = _find(ws, args.inspection)
    figures = UsageFigures(args.expected, args.connected, args.issued, args.disabled,
                           args.active)
    _print(set_usage(ws, actor_of(ws), view.id, None, figures))
    return 0


def cmd_usage_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from helpdesk.inspection.imports import import_usage

    ws = workspace_of(args)
    view = _find(ws, args.inspection)
    report, _ = import_usage(ws, actor_of(ws), view.id, Path(args.file), dry_run=args.dry_run)
    for line, reason in report.errors:
        print(f"  row {line}: {reason}")
    if report.figures is not None:
        print(f"{report.rows} institutions: {vars(report.figures)} — "
              + ("written" if report.imported else "dry run: nothing written"))
    else:
        print(f"NOT written: {len(report.errors)} bad rows")
    return 1 if report.errors else 0


def cmd_finish(args: argparse.Namespace) -> int:
    from helpdesk.inspection.actions import finish_inspection

    ws = workspace_of(args)
    view = _find(ws, args.inspection)
    _print(finish_inspection(ws, actor_of(ws), view.id, None, args.summary))
    return 0


def cmd_problem(args: argparse.Namespace) -> int:
    from helpdesk.app.desk import inspection_problem

    ws = workspace_of(args)
    view = _find(ws, args.inspection)
    item = inspection_problem(ws, actor_of(ws), _item_id(view, args.item))
    print(f"{item.problem_number} {item.item}")
    return 0
