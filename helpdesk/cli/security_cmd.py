"""Confidentiality duties: security exams (安全保密考核) and pledges (保密承诺书)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from helpdesk.cli.common import actor_of, parse_day, print_json, workspace_of

if TYPE_CHECKING:
    from helpdesk.services.security_exams import ExamStanding, ExamView

    Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    security = commands.add_parser(
        "security", parents=[common], help="confidentiality duties: exams and pledges",
        description="Whoever fails the security exam may not work on site: the roster refuses "
                    "an engineer without a valid pass on the day.")
    security_sub = security.add_subparsers(dest="security_command", required=True)
    exam = security_sub.add_parser("exam", parents=[common], help="security exams (manager)")
    exam_sub = exam.add_subparsers(dest="exam_command", required=True)
    add = exam_sub.add_parser(
        "add", parents=[common], help="record one exam sitting",
        epilog="example: helpdesk security exam add wangjg --date 2026-11-20 --result pass "
               "--score 92")
    add.add_argument("login", help="the engineer's account")
    add.add_argument("--date", required=True, type=parse_day, help="the exam day (YYYY-MM-DD)")
    add.add_argument("--result", required=True, choices=("pass", "fail"))
    add.add_argument("--score", type=int, help="0-100")
    add.add_argument("--valid-until", type=parse_day,
                     help="a pass's last valid day (default: [security] exam_valid_months)")
    add.add_argument("--note", default="", help="e.g. the exam's name or who set it")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=cmd_exam_add)
    listing = exam_sub.add_parser("list", parents=[common],
                                  help="everyone who may be rostered, with their standing")
    listing.add_argument("--on", type=parse_day, help="standing on this day (default today)")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_exam_list)
    history = exam_sub.add_parser("history", parents=[common], help="one person's exams")
    history.add_argument("login")
    history.add_argument("--json", action="store_true")
    history.set_defaults(handler=cmd_exam_history)
    pledge = security_sub.add_parser(
        "pledge", parents=[common], help="record a signed confidentiality pledge (manager)",
        epilog="example: helpdesk security pledge wangjg --date 2026-11-20")
    pledge.add_argument("login")
    pledge.add_argument("--date", required=True, type=parse_day, help="the day it was signed")
    pledge.add_argument("--json", action="store_true")
    pledge.set_defaults(handler=cmd_pledge)


def _exam_json(exam: ExamView) -> dict[str, Any]:
    return {"id": exam.id, "login": exam.login, "name": exam.name,
            "taken_on": exam.taken_on.isoformat(), "result": "pass" if exam.passed else "fail",
            "score": exam.score,
            "valid_until": exam.valid_until.isoformat() if exam.valid_until else None,
            "note": exam.note, "recorded_by": exam.recorded_by}


def _standing_json(row: ExamStanding) -> dict[str, Any]:
    return {"login": row.login, "name": row.name, "role": row.role, "state": row.state,
            "reason": row.reason(), "since": row.since.isoformat() if row.since else None,
            "valid_until": row.until.isoformat() if row.until else None,
            "days_left": row.days_left, "warn": row.warn,
            "pledge_signed_on": row.pledge_on.isoformat() if row.pledge_on else None,
            "latest_exam": _exam_json(row.latest) if row.latest else None}


def cmd_exam_add(args: argparse.Namespace) -> int:
    from helpdesk.services.security_exams import record_exam

    ws = workspace_of(args)
    exam = record_exam(ws, actor_of(ws), args.login, args.date, passed=args.result == "pass",
                       score=args.score, valid_until=args.valid_until, note=args.note)
    if args.json:
        print_json(_exam_json(exam))
        return 0
    until = f", valid until {exam.valid_until}" if exam.valid_until else ""
    print(f"{exam.login} ({exam.name}) {exam.taken_on}: {args.result}{until}")
    return 0


def cmd_exam_list(args: argparse.Namespace) -> int:
    from helpdesk.services.security_exams import exam_standings

    ws = workspace_of(args)
    rows = exam_standings(ws, actor_of(ws), args.on)
    if args.json:
        print_json([_standing_json(row) for row in rows])
        return 0
    for row in rows:
        mark = "!" if row.warn else " "
        pledge = row.pledge_on.isoformat() if row.pledge_on else "-"
        print(f"{mark} {row.login:<12} {row.reason()}  pledge {pledge}")
    return 0


def cmd_exam_history(args: argparse.Namespace) -> int:
    from helpdesk.services.security_exams import exam_history

    ws = workspace_of(args)
    rows = exam_history(ws, actor_of(ws), args.login)
    if args.json:
        print_json([_exam_json(row) for row in rows])
        return 0
    for row in rows:
        result = "pass" if row.passed else "fail"
        score = "" if row.score is None else f" {row.score}"
        until = f" valid until {row.valid_until}" if row.valid_until else ""
        print(f"{row.taken_on} {result}{score}{until} {row.note}".rstrip())
    return 0


def cmd_pledge(args: argparse.Namespace) -> int:
    from helpdesk.services.security_exams import record_pledge

    ws = workspace_of(args)
    signed = record_pledge(ws, actor_of(ws), args.login, args.date)
    if args.json:
        print_json({"login": args.login, "signed_on": signed.isoformat()})
        return 0
    print(f"{args.login}: pledge signed {signed}")
    return 0
