"""Confidentiality duties: security exams (安全保密考核) and pledges (保密承诺书)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from helpdesk.cli.argtypes import RECORD_ID, whole
from helpdesk.cli.common import (
    actor_of,
    add_password_file,
    json_value,
    parse_day,
    print_json,
    workspace_of,
)

if TYPE_CHECKING:
    from helpdesk.security.exams import ExamStanding, ExamView
    from helpdesk.security.register_entries import EntryView

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
    add.add_argument("--score", type=whole(0, 100), help="0-100")
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
    from helpdesk.security.registers import CONFIDENTIALITY_KINDS

    register_commands(security_sub, common, CONFIDENTIALITY_KINDS, "security")
    offboard = security_sub.add_parser(
        "offboard", parents=[common],
        help="what a leaving engineer still holds; with --to, hand it all to the project lead "
             "or a successor (manager)",
        epilog="example: helpdesk security offboard lixy --to zhangm --date 2026-11-30")
    offboard.add_argument("login")
    offboard.add_argument("--to", help="the project lead or the successor taking every item "
                                       "(naming them is the manager's approval)")
    offboard.add_argument("--date", type=parse_day, help="the day of the handover")
    offboard.add_argument("--note", default="")
    offboard.add_argument("--json", action="store_true")
    offboard.set_defaults(handler=cmd_offboard)


# option -> (field, help); which a register takes comes from security/registers.py
OPTIONS: dict[str, tuple[str, str]] = {
    "--title": ("title", "what it is (file, medium, meeting, what leaked...)"),
    "--detail": ("detail", "details: scope, actions taken..."),
    "--medium": ("medium", "paper, fax, disk, USB drive, file..."),
    "--location": ("location", "where it is kept (cabinet, custody)"),
    "--holder": ("holder", "who holds it: a staff login (then it follows them when they "
                           "leave) or a name"),
    "--approved-by": ("approved_by", "the bureau leader who approved it"),
    "--approved-on": ("approved_on", "the day it was approved (YYYY-MM-DD)"),
    "--date": ("start_on", "the day it began: lent out, meeting held, recorded, leak found"),
    "--due": ("due_on", "the day it is due back"),
    "--reported-to": ("reported_to", "whom it was reported to (password: the supervising "
                                     "leader; a leak: who was told)"),
    "--reported-on": ("reported_on", "the day it was reported"),
    "--ref": ("ref", "the entry it refers to (a borrowed meeting record: its HY number)"),
}
EXAMPLES = {
    "media": "helpdesk security media add --title 信访件台账U盘 --medium U盘 "
             "--location 机房保密柜 --holder wangjg --password-set --reported-to 张主任 "
             "--reported-on 2026-11-02",
    "borrow": "helpdesk security borrow add --title 2025年信访档案 --holder wangjg "
              "--approved-by 张主任 --date 2026-11-02 --due 2026-11-09",
    "copy": "helpdesk security copy add --title 10月信访件统计表 --approved-by 张主任 "
            "--approved-on 2026-11-02",
    "meeting": "helpdesk security meeting add --title 月度联席会议 --date 2026-11-02 "
               "--location 档案室",
    "recording": "helpdesk security recording add --title 系统培训录屏 --holder wangjg "
                 "--approved-by 张主任 --date 2026-11-02",
    "incident": "helpdesk security incident add --title 台账误发群聊 --date 2026-11-02 "
                "--reported-to 张主任 --reported-on 2026-11-02",
    "suggestion": "helpdesk ledger suggestion add --title 督促加快回访表收集 --date 2026-11-02 "
                  "--holder 张主任 --due 2026-11-09",
}


def register_commands(security_sub: Commands, common: argparse.ArgumentParser,
                      kinds: tuple[str, ...], group: str) -> None:
    """add / list / show / close for each register in `kinds`, under `helpdesk GROUP KIND`."""
    from helpdesk.security.registers import REGISTERS

    for register in REGISTERS:
        if register.kind not in kinds:
            continue
        parser = security_sub.add_parser(register.kind, parents=[common],
                                         help=f"the {register.kind} register")
        verbs = parser.add_subparsers(dest="register_command", required=True)
        add = verbs.add_parser("add", parents=[common], help="make an entry",
                               epilog=f"example: {EXAMPLES[register.kind]}")
        for option, (field, text) in OPTIONS.items():
            if field not in register.fields:
                continue
            required = field in register.required
            kwargs: dict[str, Any] = {"dest": f"field_{field}", "required": required,
                                      "help": text + (" (required)" if required else "")}
            kwargs["metavar"] = {"holder": "LOGIN|NAME", "ref": "NUMBER"}.get(field, "TEXT")
            if field.endswith("_on"):
                kwargs["type"], kwargs["metavar"] = parse_day, "DATE"
            add.add_argument(option, **kwargs)
        if "password_set" in register.fields:
            add.add_argument("--password-set", dest="field_password_set",
                             action=argparse.BooleanOptionalAction, default=None,
                             help="a password is set on it (never give the password)")
        add.add_argument("--json", action="store_true")
        add.set_defaults(handler=cmd_register_add, kind=register.kind)
        listing = verbs.add_parser("list", parents=[common], help="the register, newest first")
        listing.add_argument("--open", action="store_true", help="open entries only")
        listing.add_argument("--json", action="store_true")
        listing.set_defaults(handler=cmd_register_list, kind=register.kind)
        show = verbs.add_parser("show", parents=[common], help="one entry")
        show.add_argument("number")
        show.add_argument("--json", action="store_true")
        show.set_defaults(handler=cmd_register_show, kind=register.kind)
        if register.outcomes:
            close = verbs.add_parser(
                "close", parents=[common], help="it ended: " + ", ".join(register.outcomes),
                epilog=f"example: helpdesk {group} {register.kind} close "
                       f"{register.prefix}2026-0001 --outcome {register.outcomes[0]} "
                       "--date 2026-11-09")
            close.add_argument("number")
            close.add_argument("--outcome", required=True, choices=register.outcomes)
            close.add_argument("--date", required=True, type=parse_day,
                               help="the day it was returned, handed over, destroyed, closed")
            close.add_argument("--handed-to", default="", help="handed over: to whom")
            close.add_argument("--witness", default="", help="destroyed: who witnessed it")
            close.add_argument("--note", default="",
                               help="the answer, for a suggestion or notice (required there)")
            close.add_argument("--json", action="store_true")
            close.set_defaults(handler=cmd_register_close, kind=register.kind)
        if register.kind == "media":
            report = verbs.add_parser(
                "report", parents=[common],
                help="record that a file's password was reported (never the password)")
            report.add_argument("number")
            report.add_argument("--to", required=True, help="the supervising leader")
            report.add_argument("--date", required=True, type=parse_day)
            report.add_argument("--json", action="store_true")
            report.set_defaults(handler=cmd_register_report, kind=register.kind)
    _network_commands(security_sub, common)
    export = security_sub.add_parser(
        "export", parents=[common],
        help="exams, every register, scans and findings as one xlsx (encrypted unless --plain)",
        epilog="example: helpdesk security export -o 保密登记.xlsx")
    export.add_argument("-o", "--output", required=True)
    add_password_file(export)
    export.add_argument("--plain", action="store_true",
                        help="no password (the file holds the bureau's information)")
    export.add_argument("--json", action="store_true")
    export.set_defaults(handler=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from helpdesk.security.export import write_security

    password = None
    if not args.plain:
        from helpdesk.cli.password import ask_password

        password = ask_password(args)
    ws = workspace_of(args)
    written = write_security(ws, actor_of(ws), Path(args.output), password=password,
                             plain=args.plain)
    if args.json:
        print_json({"file": str(written.path), "sha256": written.sha256,
                    "encrypted": written.encrypted})
    else:
        print(f"{written.path}  {written.size} bytes  sha256 {written.sha256}"
              + ("  (encrypted)" if written.encrypted else ""))
    return 0


def _network_commands(security_sub: Commands, common: argparse.ArgumentParser) -> None:
    scan = security_sub.add_parser("scan", parents=[common],
                                   help="security audits and vulnerability scans (contract 五)")
    scan_sub = scan.add_subparsers(dest="scan_command", required=True)
    add = scan_sub.add_parser(
        "add", parents=[common], help="record a scan; its report is copied as evidence",
        epilog="example: helpdesk security scan add --tool 绿盟RSAS --date 2026-10-09 "
               "--report 扫描报告.pdf")
    add.add_argument("--kind", choices=("vuln_scan", "audit"), default="vuln_scan")
    add.add_argument("--tool", required=True, help="the scanner or the auditing body")
    add.add_argument("--date", required=True, type=parse_day, help="the day it ran")
    add.add_argument("--report", help="the report file (copied to [security] evidence_dir)")
    add.add_argument("--summary", default="")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=cmd_scan_add)
    listing = scan_sub.add_parser("list", parents=[common],
                                  help="scans, newest first, and when the next is due")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_scan_list)

    finding = security_sub.add_parser("finding", parents=[common],
                                      help="what a scan found, fixed and verified")
    finding_sub = finding.add_subparsers(dest="finding_command", required=True)
    found = finding_sub.add_parser(
        "add", parents=[common], help="a weakness a scan found",
        epilog="example: helpdesk security finding add AQ2026-0004 --severity high "
               "--title 中间件版本存在已知漏洞 --owner wangjg")
    found.add_argument("scan", help="the scan's number (AQ2026-0004)")
    found.add_argument("--severity", required=True, choices=("critical", "high", "medium",
                                                              "low"))
    found.add_argument("--title", required=True)
    found.add_argument("--owner", default="", help="a staff login or a name")
    found.add_argument("--due", type=parse_day,
                       help="default: [security] finding_due_<severity> working days")
    found.add_argument("--json", action="store_true")
    found.set_defaults(handler=cmd_finding_add)
    fix = finding_sub.add_parser("fix", parents=[common], help="it was fixed: how and when")
    fix.add_argument("id", type=RECORD_ID)
    fix.add_argument("--date", required=True, type=parse_day)
    fix.add_argument("--remediation", required=True)
    fix.add_argument("--json", action="store_true")
    fix.set_defaults(handler=cmd_finding_fix)
    verify = finding_sub.add_parser("verify", parents=[common],
                                    help="a later scan no longer finds it")
    verify.add_argument("id", type=RECORD_ID)
    verify.add_argument("--scan", required=True, help="the re-scan's number")
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(handler=cmd_finding_verify)
    problem = finding_sub.add_parser("problem", parents=[common],
                                     help="raise it as a desk problem (系统问题跟踪)")
    problem.add_argument("id", type=RECORD_ID)
    problem.add_argument("--json", action="store_true")
    problem.set_defaults(handler=cmd_finding_problem)
    findings = finding_sub.add_parser("list", parents=[common],
                                      help="open first, soonest due first")
    findings.add_argument("--open", action="store_true")
    findings.add_argument("--json", action="store_true")
    findings.set_defaults(handler=cmd_finding_list)


def _plain_json(value: Any) -> dict[str, Any]:
    """A view dataclass as JSON: days as YYYY-MM-DD."""
    from dataclasses import asdict

    data: dict[str, Any] = json_value(asdict(value))
    return data


def cmd_scan_add(args: argparse.Namespace) -> int:
    from pathlib import Path

    from helpdesk.security.network import record_scan

    ws = workspace_of(args)
    scan = record_scan(ws, actor_of(ws), args.kind, args.tool, args.date,
                       report=Path(args.report) if args.report else None, summary=args.summary)
    if args.json:
        print_json(_plain_json(scan))
        return 0
    print(f"{scan.number} {scan.kind} {scan.scanned_on} {scan.tool}"
          + (f"  report {scan.report_path} sha256 {scan.report_sha256}"
             if scan.report_path else ""))
    return 0


def cmd_scan_list(args: argparse.Namespace) -> int:
    from helpdesk.security.network import list_scans, scan_due

    ws = workspace_of(args)
    rows = list_scans(ws, actor_of(ws))
    with ws.db.read() as session:
        due = scan_due(session, ws)
    if args.json:
        print_json({"next_due": due.next_due.isoformat(), "overdue": due.overdue,
                    "scans": [_plain_json(row) for row in rows]})
        return 1 if due.overdue else 0
    print(f"next scan due {due.next_due}" + ("  OVERDUE" if due.overdue else ""))
    for row in rows:
        print(f"{row.number} {row.scanned_on} {row.kind:<9} {row.tool}  findings "
              f"{row.findings} (open {row.open_findings})")
    return 1 if due.overdue else 0


def _print_finding(args: argparse.Namespace, row: Any) -> int:
    if args.json:
        print_json(_plain_json(row))
        return 0
    problem = f"  problem {row.problem}" if row.problem else ""
    print(f"#{row.id} {row.scan} {row.severity:<8} {row.status:<8} due {row.due_on} "
          f"{row.title} · {row.owner}{problem}")
    return 0


def cmd_finding_add(args: argparse.Namespace) -> int:
    from helpdesk.security.network import add_finding

    ws = workspace_of(args)
    return _print_finding(args, add_finding(ws, actor_of(ws), args.scan, args.severity,
                                            args.title, owner=args.owner, due_on=args.due))


def cmd_finding_fix(args: argparse.Namespace) -> int:
    from helpdesk.security.network import fix_finding

    ws = workspace_of(args)
    return _print_finding(args, fix_finding(ws, actor_of(ws), args.id, args.date,
                                            args.remediation))


def cmd_finding_verify(args: argparse.Namespace) -> int:
    from helpdesk.security.network import verify_finding

    ws = workspace_of(args)
    return _print_finding(args, verify_finding(ws, actor_of(ws), args.id, args.scan))


def cmd_finding_problem(args: argparse.Namespace) -> int:
    from helpdesk.app.desk import finding_problem

    ws = workspace_of(args)
    return _print_finding(args, finding_problem(ws, actor_of(ws), args.id))


def cmd_finding_list(args: argparse.Namespace) -> int:
    from helpdesk.security.network import list_findings

    ws = workspace_of(args)
    rows = list_findings(ws, actor_of(ws), open_only=args.open)
    if args.json:
        print_json([_plain_json(row) for row in rows])
        return 0
    for row in rows:
        _print_finding(args, row)
    return 0


def _entry_line(entry: EntryView) -> str:
    state = entry.outcome if entry.status == "closed" else "open"
    when = entry.start_on or entry.approved_on or ""
    holder = f" · {entry.holder}" if entry.holder else ""
    return f"{entry.number}  {state:<11} {when!s:<10} {entry.title}{holder}"


def cmd_register_add(args: argparse.Namespace) -> int:
    from helpdesk.security.register_entries import add_entry

    values = {name[len("field_"):]: value for name, value in vars(args).items()
              if name.startswith("field_") and value is not None}
    ws = workspace_of(args)
    entry = add_entry(ws, actor_of(ws), args.kind, values)
    if args.json:
        print_json(_plain_json(entry))
        return 0
    print(_entry_line(entry))
    return 0


def cmd_register_list(args: argparse.Namespace) -> int:
    from helpdesk.security.register_entries import list_entries

    ws = workspace_of(args)
    rows = list_entries(ws, actor_of(ws), args.kind, open_only=args.open)
    if args.json:
        print_json([_plain_json(row) for row in rows])
        return 0
    for row in rows:
        print(_entry_line(row))
    return 0


def cmd_register_show(args: argparse.Namespace) -> int:
    from helpdesk.security.register_entries import get_entry

    ws = workspace_of(args)
    entry = get_entry(ws, actor_of(ws), args.number)
    if args.json:
        print_json(_plain_json(entry))
        return 0
    for name, value in _plain_json(entry).items():
        if value not in ("", None):
            print(f"{name:<13} {value}")
    return 0


def cmd_register_close(args: argparse.Namespace) -> int:
    from helpdesk.security.register_entries import close_entry

    ws = workspace_of(args)
    entry = close_entry(ws, actor_of(ws), args.number, closed_on=args.date,
                        outcome=args.outcome, handed_to=args.handed_to, witness=args.witness,
                        note=args.note)
    if args.json:
        print_json(_plain_json(entry))
        return 0
    print(_entry_line(entry))
    return 0


def cmd_register_report(args: argparse.Namespace) -> int:
    from helpdesk.security.register_entries import report_password

    ws = workspace_of(args)
    entry = report_password(ws, actor_of(ws), args.number, reported_to=args.to,
                            reported_on=args.date)
    if args.json:
        print_json(_plain_json(entry))
        return 0
    print(f"{entry.number}: password reported to {entry.reported_to} on {entry.reported_on}")
    return 0


def cmd_offboard(args: argparse.Namespace) -> int:
    from helpdesk.errors import UsageError
    from helpdesk.i18n import t
    from helpdesk.security.register_entries import holdings

    ws = workspace_of(args)
    if args.to is not None:
        from helpdesk.security.offboarding import hand_over_all

        if args.date is None:
            raise UsageError("err.common.date_needed")
        done = hand_over_all(ws, actor_of(ws), args.login, args.to, args.date, note=args.note)
        if args.json:
            print_json({"login": done.login, "to": done.to_login, "on": done.on,
                        "items": [_plain_json(row) for row in done.items]})
            return 0
        print(t("registers.handed_over_all", day=done.on, login=done.login,
                count=len(done.items), name=done.to_name, to=done.to_login))
        for row in done.items:
            print(_entry_line(row))
        return 0
    rows = holdings(ws, actor_of(ws), args.login)
    if args.json:
        print_json({"login": args.login, "clear": not rows,
                    "items": [_plain_json(row) for row in rows]})
        return 0 if not rows else 1
    if not rows:
        print(t("registers.holds_nothing", login=args.login))
        return 0
    for row in rows:
        print(_entry_line(row))
    return 1


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
    from helpdesk.security.exams import record_exam

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
    from helpdesk.security.exams import exam_standings

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
    from helpdesk.security.exams import exam_history

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
    from helpdesk.security.exams import record_pledge

    ws = workspace_of(args)
    signed = record_pledge(ws, actor_of(ws), args.login, args.date)
    if args.json:
        print_json({"login": args.login, "signed_on": signed.isoformat()})
        return 0
    print(f"{args.login}: pledge signed {signed}")
    return 0
