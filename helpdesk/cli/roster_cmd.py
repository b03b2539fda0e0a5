"""`helpdesk roster ...`: the 5×8 duty roster for the project manager and for cron jobs."""

from __future__ import annotations

import argparse
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from helpdesk.cli.argtypes import RECORD_ID, whole
from helpdesk.cli.common import actor_of, parse_day, print_json, workspace_of
from helpdesk.errors import UsageError

if TYPE_CHECKING:
    from helpdesk.roster.actions import RosterView
    from helpdesk.roster.coverage import Coverage
    from helpdesk.services.workspace import Workspace

    Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def _date(value: str) -> date:
    return parse_day(value)


def _period(parser: argparse.ArgumentParser, *, week: bool = True) -> None:
    group = parser.add_mutually_exclusive_group()
    if week:
        group.add_argument("--week", help="ISO week, e.g. 2026-W50")
    group.add_argument("--month", help="YYYY-MM (default: this month)")
    parser.add_argument("--from", dest="start", help="YYYY-MM-DD (with --to)")
    parser.add_argument("--to", dest="end", help="YYYY-MM-DD")


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    roster = commands.add_parser("roster", parents=[common], help="5×8 duty roster (排班)")
    sub = roster.add_subparsers(dest="roster_command", required=True)
    generate = sub.add_parser("generate", parents=[common],
                              help="fair rotation for a month on the official calendar")
    _period(generate, week=False)
    generate.add_argument("--dry-run", action="store_true", help="show what would be written")
    generate.add_argument("--json", action="store_true")
    generate.set_defaults(handler=cmd_generate)
    show = sub.add_parser("show", parents=[common], help="the roster of a week or a month")
    _period(show)
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_show)
    gaps = sub.add_parser("gaps", parents=[common],
                          help="office hours without enough engineers (exit 1 when any)")
    gaps.add_argument("--from", dest="start", help="YYYY-MM-DD (default: today)")
    gaps.add_argument("--to", dest="end", help="YYYY-MM-DD (default: 30 days on)")
    gaps.add_argument("--json", action="store_true")
    gaps.set_defaults(handler=cmd_gaps)
    export = sub.add_parser("export", parents=[common], help="xlsx month grid or iCalendar")
    export.add_argument("--format", choices=("xlsx", "ics"), required=True)
    export.add_argument("--engineer", help="login: only this engineer's shifts (and the ones "
                                           "they gave away, as cancelled, in the .ics)")
    export.add_argument("--remind", type=whole(0, 24 * 60), default=None, metavar="MINUTES",
                        help=".ics: a reminder this many minutes before each duty (default "
                             "[roster] calendar_reminder_minutes; 0 = none)")
    _period(export, week=False)
    export.add_argument("-o", "--output", required=True, help="file to write")
    export.set_defaults(handler=cmd_export)
    swap = sub.add_parser("swap", parents=[common], help="two engineers exchange shifts")
    swap.add_argument("first", type=RECORD_ID, help="shift id (see `roster show`)")
    swap.add_argument("second", type=RECORD_ID)
    swap.add_argument("--reason", required=True)
    swap.set_defaults(handler=cmd_swap)
    assign = sub.add_parser("assign", parents=[common], help="another engineer takes a shift")
    assign.add_argument("shift", type=RECORD_ID)
    assign.add_argument("login")
    assign.add_argument("--reason", required=True)
    assign.set_defaults(handler=cmd_assign)
    leave = sub.add_parser("leave", parents=[common], help="leave (请假)")
    leave_sub = leave.add_subparsers(dest="leave_command", required=True)
    add = leave_sub.add_parser("add", parents=[common], help="record a leave")
    add.add_argument("login")
    add.add_argument("--from", dest="start", required=True)
    add.add_argument("--to", dest="end")
    add.add_argument("--part", choices=("full", "am", "pm"), default="full")
    add.add_argument("--reason", default="")
    add.add_argument("--approve", action="store_true", help="approve at once (manager)")
    add.set_defaults(handler=cmd_leave_add)
    for name, approve in (("approve", True), ("reject", False)):
        decide = leave_sub.add_parser(name, parents=[common], help=f"{name} a leave request")
        decide.add_argument("id", type=RECORD_ID)
        decide.set_defaults(handler=cmd_leave_decide, approve=approve)
    listing = leave_sub.add_parser("list", parents=[common], help="leave in a period")
    _period(listing, week=False)
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_leave_list)


def _range(ws: Workspace, args: argparse.Namespace) -> tuple[date, date]:
    from helpdesk.roster.actions import month_range, week_range

    if getattr(args, "week", None):
        return week_range(args.week)
    if args.month:
        return month_range(args.month)
    if args.start or args.end:
        if not (args.start and args.end):
            raise UsageError("err.cli.from_to_together")
        return _date(args.start), _date(args.end)
    today = ws.now().astimezone(ws.hours.zone).date()
    return month_range(f"{today:%Y-%m}")


def _coverage_json(coverage: Coverage) -> dict[str, Any]:
    return {"percent": round(coverage.percent, 2), "office_minutes": coverage.office_minutes,
            "covered_minutes": coverage.covered_minutes,
            "gaps": [{"date": g.day.isoformat(), "hours": g.hours, "present": g.present,
                      "needed": g.needed} for g in coverage.gaps]}


def cmd_generate(args: argparse.Namespace) -> int:
    from helpdesk.roster.actions import generate_roster

    ws = workspace_of(args)
    start, end = _range(ws, args)
    report = generate_roster(ws, actor_of(ws), start, end, dry_run=args.dry_run)
    if args.json:
        print_json({"from": start.isoformat(), "to": end.isoformat(), "dry_run": report.dry_run,
                    "working_days": report.days, "created": report.created,
                    "replaced": report.replaced, "kept": report.kept, "counts": report.counts,
                    "over_consecutive_limit": [{"date": d.isoformat(), "login": login,
                                                "days": n} for d, login, n in report.streaks],
                    "coverage": _coverage_json(report.coverage),
                    "barred": [{"login": b.login, "from": b.day.isoformat(), "state": b.state,
                                "reason": b.reason()} for b in report.barred]})
        return 0
    verb = "would create" if report.dry_run else "created"
    print(f"{start}..{end}: {report.days} working days to fill; {verb} {report.created} shifts "
          f"(replaced {report.replaced}, kept {report.kept} swaps/overrides)")
    for login, count in sorted(report.counts.items()):
        print(f"  {login:<12} {count}")
    for day, login, days in report.streaks:
        print(f"  ! {day} {login}: {days} consecutive days (over the limit; nobody else free)")
    for barred in report.barred:
        print(f"  ! {barred.login} not rostered from {barred.day}: {barred.reason()}")
    _print_coverage(report.coverage)
    return 0


def _print_coverage(coverage: Coverage) -> None:
    print(f"coverage {coverage.percent:.1f}%, gaps: {len(coverage.gaps)}")
    for gap in coverage.gaps:
        print(f"  GAP {gap.describe()}")


def _view_json(view: RosterView) -> dict[str, Any]:
    return {"from": view.start.isoformat(), "to": view.end.isoformat(), "slots": view.slots,
            "days": [{"date": d.day.isoformat(), "kind": d.kind, "holiday": d.holiday or None,
                      "shifts": [{"id": s.id, "slot": s.slot, "login": s.login,
                                  "name": s.name, "source": s.source, "reason": s.reason,
                                  "approved_by": s.approved_by, "on_leave": s.on_leave}
                                 for s in d.shifts],
                      "on_leave": list(d.on_leave),
                      "gaps": [g.hours for g in d.gaps]} for d in view.days],
            "shift_counts": view.shift_counts, "coverage": _coverage_json(view.coverage)}


def cmd_show(args: argparse.Namespace) -> int:
    from helpdesk.calendar.names import weekday_name
    from helpdesk.i18n import t
    from helpdesk.roster.actions import roster_view
    from helpdesk.text import pad

    ws = workspace_of(args)
    start, end = _range(ws, args)
    view = roster_view(ws, actor_of(ws), start, end)
    if args.json:
        print_json(_view_json(view))
        return 0
    for day in view.days:
        kind = "" if day.kind == "workday" else t(f"roster.kind_{day.kind}") + \
            (f"·{day.holiday}" if day.holiday else "")
        shifts = "  ".join(f"#{s.id} {s.name}" + ("" if s.slot == "day" else
                                                  f"({t(f'roster.slot_{s.slot}')})")
                           + (f"[{t('roster.on_leave')}]" if s.on_leave else "")
                           + ("*" if s.source != "generated" else "")
                           for s in day.shifts)
        extra = ""
        if day.on_leave:
            extra += f"  {t('roster.on_leave')}：{'、'.join(day.on_leave)}"
        if day.gaps:
            extra += f"  {t('roster.gap')} " + ",".join(g.hours for g in day.gaps)
        print(f"{day.day} {weekday_name(day.day)} {pad(kind, 16)} {shifts}{extra}")
    _print_coverage(view.coverage)
    return 0


def cmd_gaps(args: argparse.Namespace) -> int:
    from helpdesk.roster.actions import coverage_gaps

    ws = workspace_of(args)
    today = ws.now().astimezone(ws.hours.zone).date()
    start = _date(args.start) if args.start else today
    end = _date(args.end) if args.end else start + timedelta(days=30)
    coverage = coverage_gaps(ws, actor_of(ws), start, end)
    if args.json:
        print_json({"from": start.isoformat(), "to": end.isoformat(), **_coverage_json(coverage)})
    else:
        print(f"{start}..{end}")
        _print_coverage(coverage)
    return 1 if coverage.gaps else 0


def cmd_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from helpdesk.roster.actions import roster_view
    from helpdesk.roster.export import month_grid_xlsx, roster_ics

    ws = workspace_of(args)
    start, end = _range(ws, args)
    if args.format == "xlsx" and (start.day != 1 or (end + timedelta(days=1)).day != 1
                                  or start.month != end.month):
        raise UsageError("err.cli.grid_one_month")
    actor = actor_of(ws)
    view = roster_view(ws, actor, start, end)
    if args.format == "xlsx":
        count = month_grid_xlsx(ws, actor, view, Path(args.output), args.engineer)
    else:
        count = roster_ics(ws, actor, view, Path(args.output), args.engineer, args.remind)
    print(f"{args.output}: {count} shifts, {start}..{end}")
    return 0


def cmd_swap(args: argparse.Namespace) -> int:
    from helpdesk.roster.actions import swap_shifts

    ws = workspace_of(args)
    first, second = swap_shifts(ws, actor_of(ws), args.first, args.second, args.reason)
    print(f"#{first.id} {first.day} {first.slot} → {first.login}; "
          f"#{second.id} {second.day} {second.slot} → {second.login}")
    return 0


def cmd_assign(args: argparse.Namespace) -> int:
    from helpdesk.roster.actions import reassign_shift

    ws = workspace_of(args)
    shift = reassign_shift(ws, actor_of(ws), args.shift, args.login, args.reason)
    print(f"#{shift.id} {shift.day} {shift.slot} → {shift.login}")
    return 0


def cmd_leave_add(args: argparse.Namespace) -> int:
    from helpdesk.roster.leave import request_leave

    ws = workspace_of(args)
    start = _date(args.start)
    end = _date(args.end) if args.end else start
    result = request_leave(ws, actor_of(ws), args.login, start, end, part=args.part,
                           reason=args.reason, approve=args.approve)
    print(f"leave #{result.leave.id} {result.leave.name} {start}..{end} {args.part}: "
          f"{result.leave.status}")
    for gap in result.gaps:
        print(f"  GAP {gap.describe()}")
    return 1 if result.gaps else 0


def cmd_leave_decide(args: argparse.Namespace) -> int:
    from helpdesk.roster.leave import decide_leave

    ws = workspace_of(args)
    result = decide_leave(ws, actor_of(ws), args.id, args.approve)
    print(f"leave #{result.leave.id}: {result.leave.status}")
    for gap in result.gaps:
        print(f"  GAP {gap.describe()}")
    return 1 if result.gaps else 0


def cmd_leave_list(args: argparse.Namespace) -> int:
    from helpdesk.roster.leave import list_leave

    ws = workspace_of(args)
    start, end = _range(ws, args)
    rows = list_leave(ws, actor_of(ws), start, end)
    if args.json:
        print_json([{"id": r.id, "login": r.login, "name": r.name, "from": r.start.isoformat(),
                     "to": r.end.isoformat(), "part": r.part, "reason": r.reason,
                     "status": r.status, "decided_by": r.decided_by} for r in rows])
        return 0
    for r in rows:
        print(f"#{r.id} {r.name} {r.start}..{r.end} {r.part} {r.status} {r.reason}")
    return 0
