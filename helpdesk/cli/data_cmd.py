"""`helpdesk data ...`: data-service requests (数据服务) and the built-in queries that fulfil
them."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from helpdesk.cli.argtypes import whole
from helpdesk.cli.common import actor_of, add_password_file, parse_day, print_json, workspace_of

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.data.queries import QueryParams
    from helpdesk.data.requests import DataRequestView
    from helpdesk.services.workspace import Workspace

    Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def _query_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD")
    parser.add_argument("--to", dest="end", required=True, help="YYYY-MM-DD")
    parser.add_argument("--unit-kind", default="", choices=("", "street", "department", "other"))
    parser.add_argument("--unit", help="one unit (code, name or pinyin initials)")


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    from helpdesk.vocab import DATA_QUERIES

    data = commands.add_parser("data", parents=[common], help="data-service requests (数据服务)")
    sub = data.add_subparsers(dest="data_command", required=True)
    add = sub.add_parser("add", parents=[common], help="record a request")
    add.add_argument("--title", required=True)
    add.add_argument("--asker", default="")
    add.add_argument("--unit", help="the asking unit")
    add.add_argument("--description", default="")
    add.add_argument("--format", default="", help="the format wanted, as the bureau said it")
    add.add_argument("--due-days", type=whole(1, 366),
                     help="working days (default: [data_service])")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=cmd_add)
    show = sub.add_parser("show", parents=[common],
                          help="one request: its due day counted, the file delivered")
    show.add_argument("id", help="DS2026-0002 as lists print it, or the id")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_show)
    edit = sub.add_parser("edit", parents=[common],
                          help="correct an open request (only the options given change)")
    edit.add_argument("id", help="DS2026-0002 as lists print it, or the id")
    edit.add_argument("--title")
    edit.add_argument("--asker")
    unit = edit.add_mutually_exclusive_group()
    unit.add_argument("--unit", help="the asking unit")
    unit.add_argument("--no-unit", action="store_true", help="no asking unit")
    edit.add_argument("--description")
    edit.add_argument("--format")
    edit.add_argument("--due-days", type=whole(1, 366),
                      help="working days, counted again from the day it arrived")
    edit.add_argument("--json", action="store_true")
    edit.set_defaults(handler=cmd_edit)
    listed = sub.add_parser("list", parents=[common], help="requests, newest first")
    listed.add_argument("--status", choices=("open", "fulfilled", "cancelled"))
    listed.add_argument("--json", action="store_true")
    listed.set_defaults(handler=cmd_list)
    run = sub.add_parser("run", parents=[common], help="preview a built-in query")
    run.add_argument("query", choices=DATA_QUERIES)
    _query_options(run)
    run.add_argument("--json", action="store_true")
    run.set_defaults(handler=cmd_run)
    fulfil = sub.add_parser("fulfil", parents=[common],
                            help="run a query for a request and attach the xlsx")
    fulfil.add_argument("id", help="DS2026-0002 as lists print it, or the id")
    fulfil.add_argument("query", choices=DATA_QUERIES)
    _query_options(fulfil)
    fulfil.add_argument("-o", "--output", help="default: [data_service] export_dir/NUMBER.xlsx")
    add_password_file(fulfil)
    fulfil.add_argument("--password", action="store_true",
                        help="encrypt the xlsx; asks for the password at the terminal")
    fulfil.add_argument("--approval",
                        help="the copy approval (FZ2026-0001) this export of bureau data rests on")
    fulfil.set_defaults(handler=cmd_fulfil)
    deliver = sub.add_parser("deliver", parents=[common],
                             help="answer with a file prepared elsewhere (a copy is kept)")
    deliver.add_argument("id", help="DS2026-0002 as lists print it, or the id")
    deliver.add_argument("file")
    add_password_file(deliver)
    deliver.add_argument("--password", action="store_true",
                         help="encrypt the kept xlsx; asks for the password at the terminal")
    deliver.add_argument("--approval",
                         help="the copy approval (FZ2026-0001) this export of bureau data rests on")
    deliver.set_defaults(handler=cmd_deliver)
    cancel = sub.add_parser("cancel", parents=[common], help="cancel a request")
    cancel.add_argument("id", help="DS2026-0002 as lists print it, or the id")
    cancel.add_argument("--reason", required=True)
    cancel.set_defaults(handler=cmd_cancel)


def _params(ws: Workspace, args: argparse.Namespace) -> QueryParams:

    from helpdesk.cli.lookup import unit_id
    from helpdesk.data.queries import QueryParams

    return QueryParams(parse_day(args.start), parse_day(args.end),
                       args.unit_kind, unit_id(ws, args.unit) if args.unit else None)


def _json(view: DataRequestView) -> dict[str, Any]:
    return {"id": view.id, "number": view.number, "title": view.title, "asker": view.asker,
            "unit": view.unit, "format": view.format_wanted, "due_on": view.due_on,
            "due_provisional": view.due_provisional, "status": view.status,
            "overdue": view.overdue, "query": view.query,
            "params": view.params, "file": view.file_path, "sha256": view.checksum,
            "rows": view.rows, "due_explanation": list(view.due_explanation)}


def _line(view: DataRequestView) -> str:
    late = (" OVERDUE" if view.overdue else "") + (" provisional" if view.due_provisional else "")
    return f"{view.number}  {view.status:<9} due {view.due_on}{late}  {view.title}"


def cmd_add(args: argparse.Namespace) -> int:
    from helpdesk.cli.lookup import unit_id
    from helpdesk.data.requests import add_request

    ws = workspace_of(args)
    view = add_request(ws, actor_of(ws), title=args.title, asker_name=args.asker,
                       unit_id=unit_id(ws, args.unit) if args.unit else None,
                       description=args.description, format_wanted=args.format,
                       due_workdays=args.due_days)
    if args.json:
        print_json(_json(view))
    else:
        print(_line(view))
    return 0


def _request(ws: Workspace, given: str) -> tuple[Actor, int]:
    """The operator, and the request they named (number or id)."""
    from helpdesk.data.requests import request_id_of

    actor = actor_of(ws)
    return actor, request_id_of(ws, actor, given)


def cmd_show(args: argparse.Namespace) -> int:
    from helpdesk.data.requests import get_request

    ws = workspace_of(args)
    actor, request_id = _request(ws, args.id)
    view = get_request(ws, actor, request_id)
    if args.json:
        print_json(_json(view))
        return 0
    print(_line(view))
    received = view.received_at.astimezone(ws.hours.zone)
    print(f"  asked by {view.asker or '—'} ({view.unit or 'no unit'}) on {received:%Y-%m-%d %H:%M}"
          f", format wanted: {view.format_wanted or '—'}")
    print(f"  due {view.due_on}, {view.due_workdays} working days:")
    for line in view.due_explanation:
        print(f"    {line}")
    if view.description:
        print("  " + view.description.replace("\n", "\n  "))
    if view.file_path:
        rows = f"  {view.rows} rows" if view.rows is not None else ""
        print(f"  delivered {view.file_path}{rows}  sha256 {view.checksum}")
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    from helpdesk.cli.lookup import unit_id
    from helpdesk.data.requests import edit_request

    ws = workspace_of(args)
    actor, request_id = _request(ws, args.id)
    view = edit_request(ws, actor, request_id, None, title=args.title,
                        asker_name=args.asker,
                        unit_id=unit_id(ws, args.unit) if args.unit else None,
                        clear_unit=args.no_unit, description=args.description,
                        format_wanted=args.format, due_workdays=args.due_days)
    if args.json:
        print_json(_json(view))
    else:
        print(_line(view))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from helpdesk.data.requests import list_requests

    ws = workspace_of(args)
    views = list_requests(ws, actor_of(ws), status=args.status, limit=1000)
    if args.json:
        print_json([_json(v) for v in views])
    else:
        for view in views:
            print(_line(view))
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from helpdesk.data.requests import run_query

    ws = workspace_of(args)
    result = run_query(ws, actor_of(ws), args.query, _params(ws, args))
    if args.json:
        print_json({"query": result.name, "headers": result.headers, "rows": result.rows})
    else:
        print(result.title)
        print("\t".join(result.headers))
        for row in result.rows:
            print("\t".join("" if v is None else str(v) for v in row))
    return 0


def cmd_fulfil(args: argparse.Namespace) -> int:
    from pathlib import Path

    from helpdesk.data.requests import fulfil_request

    password = None
    if args.password:
        from helpdesk.cli.password import ask_password

        password = ask_password(args)
    ws = workspace_of(args)
    actor, request_id = _request(ws, args.id)
    view, written = fulfil_request(ws, actor, request_id, None, args.query,
                                   _params(ws, args),
                                   Path(args.output) if args.output else None, password,
                                   args.approval)
    print(_line(view))
    print(f"  {written.path}  {view.rows} rows  sha256 {written.sha256}"
          + ("  (encrypted)" if written.encrypted else ""))
    return 0


def cmd_deliver(args: argparse.Namespace) -> int:
    from pathlib import Path

    from helpdesk.data.requests import deliver_file

    password = None
    if args.password:
        from helpdesk.cli.password import ask_password

        password = ask_password(args)
    ws = workspace_of(args)
    actor, request_id = _request(ws, args.id)
    view, written = deliver_file(ws, actor, request_id, None,
                                 Path(args.file), password, args.approval)
    print(_line(view))
    print(f"  {written.path}  sha256 {written.sha256}"
          + ("  (encrypted)" if written.encrypted else ""))
    return 0


def cmd_cancel(args: argparse.Namespace) -> int:
    from helpdesk.data.requests import cancel_request

    ws = workspace_of(args)
    actor, request_id = _request(ws, args.id)
    print(_line(cancel_request(ws, actor, request_id, None, args.reason)))
    return 0
