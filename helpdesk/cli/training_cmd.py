"""`helpdesk training ...`: plan sessions, import sign-in lists and evaluation forms, print the
papers, and check the twice-a-year obligation."""

from __future__ import annotations

import argparse
from datetime import date, time
from typing import TYPE_CHECKING, Any

from helpdesk.cli.argtypes import RECORD_ID, YEAR, whole
from helpdesk.cli.common import (
    actor_of,
    import_lines,
    json_value,
    parse_day,
    print_json,
    workspace_of,
)
from helpdesk.errors import UsageError

if TYPE_CHECKING:
    from helpdesk.services.workspace import Workspace
    from helpdesk.training.actions import SessionView
    from helpdesk.training.imports import TrainingImportReport

    Commands = argparse._SubParsersAction[argparse.ArgumentParser]

KINDS = ("business", "operation", "admin")


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    training = commands.add_parser("training", parents=[common], help="training sessions (培训)")
    sub = training.add_subparsers(dest="training_command", required=True)
    listed = sub.add_parser("list", parents=[common], help="sessions, newest first")
    listed.add_argument("--year", type=YEAR, help="calendar year of the session date")
    listed.add_argument("--json", action="store_true")
    listed.set_defaults(handler=cmd_list)
    add = sub.add_parser("add", parents=[common], help="plan a session on a working day")
    add.add_argument("--kind", required=True, choices=KINDS)
    add.add_argument("--date", required=True, help="YYYY-MM-DD (a working day)")
    add.add_argument("--time", required=True, help="HH:MM start")
    add.add_argument("--place", required=True)
    add.add_argument("--trainer", default="")
    add.add_argument("--title", default="", help="default: the kind's name and the date")
    add.add_argument("--minutes", type=whole(1, 24 * 60),
                     help="length (default: [training] default_minutes)")
    add.add_argument("--unit", action="append", default=[],
                     help="invited unit (code, name or pinyin initials); repeat for more")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=cmd_add)
    show = sub.add_parser("show", parents=[common], help="one session with its figures")
    show.add_argument("id", type=RECORD_ID)
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_show)
    status = sub.add_parser("status", parents=[common],
                            help="record a session held or cancelled (or back to planned)")
    status.add_argument("id", type=RECORD_ID)
    status.add_argument("status", choices=("held", "cancelled", "planned"))
    status.add_argument("--reason", default="", help="required when cancelling")
    status.set_defaults(handler=cmd_status)
    for noun, handler, what in (("attendees", cmd_import_attendees, "the sign-in list"),
                                ("evaluations", cmd_import_evaluations, "evaluation forms")):
        group = sub.add_parser(noun, parents=[common], help=f"{what} of a session")
        verbs = group.add_subparsers(dest=f"{noun}_command", required=True)
        imported = verbs.add_parser("import", parents=[common],
                                    help=f"import {what} (xlsx or csv); all rows or none")
        imported.add_argument("id", type=RECORD_ID)
        imported.add_argument("file")
        imported.add_argument("--dry-run", action="store_true", help="check and count only")
        imported.add_argument("--json", action="store_true")
        imported.set_defaults(handler=handler)
    report = sub.add_parser("report", parents=[common],
                            help="sign-in sheet and evaluation summary (xlsx or Markdown)")
    report.add_argument("id", type=RECORD_ID)
    report.add_argument("--format", required=True, choices=("xlsx", "md"))
    report.add_argument("-o", "--output", required=True)
    report.add_argument("--part", default="all", choices=("all", "signin", "evaluation"))
    report.set_defaults(handler=cmd_report)
    due = sub.add_parser("obligation", parents=[common],
                         help="sessions held this contract year against the requirement")
    due.add_argument("--date", help="YYYY-MM-DD (default: today)")
    due.add_argument("--json", action="store_true")
    due.set_defaults(handler=cmd_obligation)


def _date(value: str) -> date:
    return parse_day(value)


def _time(value: str) -> time:
    try:
        return time.fromisoformat(value)
    except ValueError:
        raise UsageError("err.cli.not_time", value=value) from None


def session_json(ws: Workspace, session: SessionView) -> dict[str, Any]:
    local = session.starts_at.astimezone(ws.hours.zone)
    return {"id": session.id, "kind": session.kind, "title": session.title,
            "starts_at": json_value(local), "minutes": session.minutes, "place": session.place,
            "trainer": session.trainer, "status": session.status,
            "cancel_reason": session.cancel_reason,
            "contents": [{"item": c.item, "curriculum": c.curriculum} for c in session.contents],
            "invited_units": [name for _id, name in session.invited_units],
            "attendees": {"invited": session.invited, "signed_in": session.signed_in,
                          "absent": session.absent}, "evaluations": session.responses,
            "materials": session.materials, "version": session.version}


def _line(ws: Workspace, session: SessionView) -> str:
    from helpdesk.i18n import t
    from helpdesk.text import pad

    local = session.starts_at.astimezone(ws.hours.zone)
    kind = pad(t(f"training.kind_{session.kind}"), 14)
    return (f"{session.id:>4}  {local:%Y-%m-%d %H:%M}  {kind}"
            f"{pad(t(f'training.status_{session.status}'), 8)} "
            f"{session.signed_in:>3}/{session.attendees:<3} {session.responses:>3}  "
            f"{pad(session.title, 30)} {session.place}")


def cmd_list(args: argparse.Namespace) -> int:
    from helpdesk.training.actions import list_sessions

    ws = workspace_of(args)
    actor = actor_of(ws)
    sessions: list[SessionView] = []
    after = None
    while True:  # page through: a console page is 100, a script wants them all
        page = list_sessions(ws, actor, year=args.year, after=after, limit=500)
        sessions += page
        if len(page) < 500:
            break
        after = (page[-1].starts_at, page[-1].id)
    if args.json:
        print_json([session_json(ws, s) for s in sessions])
        return 0
    for session in sessions:
        print(_line(ws, session))
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    import sys

    from helpdesk.cli.lookup import unit_id
    from helpdesk.training.actions import plan_session

    ws = workspace_of(args)
    saved = plan_session(ws, actor_of(ws), kind=args.kind, day=_date(args.date),
                         start=_time(args.time), place=args.place, trainer=args.trainer,
                         title=args.title, minutes=args.minutes,
                         invited_unit_ids=[unit_id(ws, u) for u in args.unit])
    for warning in saved.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if args.json:
        print_json({**session_json(ws, saved.session), "warnings": list(saved.warnings)})
    else:
        print(_line(ws, saved.session))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from helpdesk.training.report import percent, training_report

    ws = workspace_of(args)
    report = training_report(ws, actor_of(ws), args.id)
    stats = report.stats
    if args.json:
        print_json({**session_json(ws, report.session),
                    "attendee_list": [{"name": a.name, "unit": a.unit, "role": a.role,
                                       "attendance": a.attendance} for a in report.attendees],
                    "evaluation": {"responses": stats.responses, "signed_in": stats.signed_in,
                                   "response_rate": stats.response_rate,
                                   "questions": {q.question: {
                                       "answered": q.answered, "mean": q.mean,
                                       "distribution": q.distribution}
                                       for q in stats.questions},
                                   "comments": [{"who": w, "comment": c}
                                                for w, c in report.comments]}})
        return 0
    print(_line(ws, report.session))
    print(f"  {report.when}  {report.session.trainer}")
    for item in report.session.contents:
        print(f"  - {item.item}{'' if item.curriculum else ' (+)'}")
    print(f"  evaluation: {stats.responses}/{stats.signed_in} "
          f"({percent(stats.response_rate)})")
    for q in stats.questions:
        mean = "—" if q.mean is None else f"{q.mean:.2f}"
        print(f"    {q.question:<11} {mean:>5}  " +
              " ".join(f"{s}:{q.distribution[s]}" for s in sorted(q.distribution)))
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from helpdesk.training.actions import set_status

    ws = workspace_of(args)
    session = set_status(ws, actor_of(ws), args.id, None, args.status, args.reason)
    print(_line(ws, session))
    return 0


def _print_import(args: argparse.Namespace, report: TrainingImportReport) -> int:
    if args.json:
        print_json({"rows": report.rows, "added": report.added, "updated": report.updated,
                    "written": report.written, "dry_run": report.dry_run,
                    "errors": [{"row": r, "reason": m} for r, m in report.errors],
                    "warnings": [{"row": r, "reason": m} for r, m in report.warnings]})
    else:
        print("\n".join(import_lines(report, unchanged=False)))
    return 1 if report.errors else 0


def cmd_import_attendees(args: argparse.Namespace) -> int:
    from pathlib import Path

    from helpdesk.training.imports import import_attendees

    ws = workspace_of(args)
    return _print_import(args, import_attendees(ws, actor_of(ws), args.id, Path(args.file),
                                                dry_run=args.dry_run))


def cmd_import_evaluations(args: argparse.Namespace) -> int:
    from pathlib import Path

    from helpdesk.training.imports import import_evaluations

    ws = workspace_of(args)
    return _print_import(args, import_evaluations(ws, actor_of(ws), args.id, Path(args.file),
                                                  dry_run=args.dry_run))


def cmd_report(args: argparse.Namespace) -> int:
    from pathlib import Path

    from helpdesk.training.report import percent, write_report

    ws = workspace_of(args)
    report = write_report(ws, actor_of(ws), args.id, args.format, Path(args.output), args.part)
    print(f"{args.output}: {len(report.attendees)} attendees, {report.stats.responses} "
          f"evaluations ({percent(report.stats.response_rate)})")
    return 0


def cmd_obligation(args: argparse.Namespace) -> int:
    from helpdesk.i18n import t
    from helpdesk.training.actions import training_obligation

    ws = workspace_of(args)
    result = training_obligation(ws, actor_of(ws), _date(args.date) if args.date else None)
    if args.json:
        print_json({"year_start": result.year_start.isoformat(),
                    "year_end": result.year_end.isoformat(), "required": result.required,
                    "held": result.held, "shortfall": result.shortfall,
                    "next_due": result.next_due.isoformat() if result.next_due else None,
                    "periods": [{"number": p.number, "start": p.start.isoformat(),
                                 "end": p.end.isoformat(), "state": p.state,
                                 "held": list(p.held), "planned": list(p.planned)}
                                for p in result.periods]})
    else:
        print(t("training.obligation_line", held=result.held, required=result.required,
                start=result.year_start, end=result.year_end))
        for p in result.periods:
            print(f"  {p.number}. {p.start} – {p.end}  {t(f'training.period_{p.state}')}"
                  + (f"  #{', #'.join(map(str, p.held or p.planned))}"
                     if p.held or p.planned else ""))
    return 1 if any(p.state in ("missed", "at_risk") for p in result.periods) else 0
