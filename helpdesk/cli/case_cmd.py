"""`helpdesk case ...`: petition-case tracking for scripts and cron jobs."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from helpdesk.cli.argtypes import LIMIT
from helpdesk.cli.common import actor_of, import_lines, parse_day, print_json, workspace_of
from helpdesk.errors import UsageError

if TYPE_CHECKING:
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    case = commands.add_parser("case", parents=[common], help="petition cases (信访件)")
    sub = case.add_subparsers(dest="case_command", required=True)
    urging = sub.add_parser("urging", parents=[common], help="the urging worklist for a day")
    urging.add_argument("--date", help="YYYY-MM-DD (default: today)")
    urging.add_argument("--limit", type=LIMIT, default=2000,
                        help="at most this many, the most urgent first (default 2000)")
    urging.add_argument("--json", action="store_true")
    urging.set_defaults(handler=cmd_urging)
    none = sub.add_parser(
        "nothing-due", parents=[common],
        help="record that today's worklist holds nothing to urge (the ledger's evidence for "
             "a working day without an urging); refused while it has cases")
    none.add_argument("--note", default="")
    none.add_argument("--json", action="store_true")
    none.set_defaults(handler=cmd_nothing_due)
    imported = sub.add_parser("import", parents=[common],
                              help="import the provincial system's export (xlsx or csv)")
    imported.add_argument("file")
    imported.add_argument("--dry-run", action="store_true", help="validate and count only")
    imported.add_argument("--skip-invalid", action="store_true",
                          help="write the good rows even when some are bad")
    imported.add_argument("--json", action="store_true")
    imported.set_defaults(handler=cmd_import)
    rates = sub.add_parser("rates", parents=[common],
                           help="三率 and on-time completion, overall and per unit")
    rates.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD")
    rates.add_argument("--to", dest="end", required=True, help="YYYY-MM-DD")
    rates.add_argument("--unit", help="unit code, name or pinyin initials")
    rates.add_argument("--json", action="store_true")
    rates.set_defaults(handler=cmd_rates)
    from helpdesk.cli import case_steps_cmd

    case_steps_cmd.register(sub, common)


def cmd_urging(args: argparse.Namespace) -> int:
    from helpdesk.calendar import provisional_reason
    from helpdesk.cases.urging_list import urging_worklist
    from helpdesk.i18n import t
    from helpdesk.text import pad

    ws = workspace_of(args)
    try:
        day = parse_day(args.date) if args.date else \
            ws.now().astimezone(ws.hours.zone).date()
    except ValueError:
        raise UsageError("err.cli.not_date", date=args.date) from None
    result = urging_worklist(ws, actor_of(ws), day, args.limit)
    items = result.items
    if args.json:
        print_json({"date": day.isoformat(), "working_day": ws.calendar.is_working_day(day),
                    "total": result.total, "truncated": result.truncated,
                    "items": [{"case_id": i.case_id, "case_number": i.case_number,
                               "unit": i.unit, "step": i.step,
                               "due": i.due.isoformat() if i.due else None,
                               "workdays_left": i.workdays_left, "supervised": i.supervised,
                               "extended": i.extended, "provisional": i.provisional,
                               "urged_today": i.urged_today,
                               "expected": i.expected.isoformat() if i.expected else None,
                               "reason": provisional_reason(((i.expected or i.due).year,))
                               if i.provisional and i.due else None}
                              for i in items]})
        return 0
    if not ws.calendar.is_working_day(day):
        print(f"{day}: {ws.calendar.day(day).reason()}，{t('urging.rest_day')}")
        return 0
    for item in items:
        left = "?" if item.workdays_left is None else f"{item.workdays_left:+d}"
        flags = [t("worklist.supervised")] if item.supervised else []
        if item.urged_today:
            flags.append(t("worklist.urged_today"))
        if item.provisional:
            flags.append(t("cases.provisional_due", earliest=item.due, expected=item.expected))
        print(f"{pad(item.unit or '—', 16)} {pad(item.case_number, 18)} "
              f"{pad(t(f'urging.step_{item.step}'), 12)} {item.due or '—'} {left:>4}"
              + "".join(f"  {flag}" for flag in flags))
    if result.truncated:
        print(t("worklist.truncated", shown=len(items), total=result.total))
    return 0


def _date(value: str) -> date:
    return parse_day(value)


def cmd_rates(args: argparse.Namespace) -> int:
    from helpdesk.cases.rate_figures import case_rates
    from helpdesk.cases.rates import UnitRates, basis_text
    from helpdesk.cli.lookup import unit_id
    from helpdesk.i18n import t
    from helpdesk.text import pad

    ws = workspace_of(args)
    unit = unit_id(ws, args.unit) if args.unit else None
    report = case_rates(ws, actor_of(ws), _date(args.start), _date(args.end), unit)
    names = ("timely_acceptance", "on_time_completion", "participation", "satisfaction")

    def as_json(rates: UnitRates) -> dict[str, object]:
        return {"unit": rates.unit or None, **{
            name: {"numerator": getattr(rates, name).numerator,
                   "denominator": getattr(rates, name).denominator,
                   "rate": getattr(rates, name).value} for name in names}}

    if args.json:
        print_json({"from": report.start.isoformat(), "to": report.end.isoformat(),
                    "overall": as_json(report.overall),
                    "previous": as_json(report.previous) if report.previous else None,
                    "units": [as_json(unit) for unit in report.units],
                    "basis": report.basis, "basis_text": basis_text(report.basis)})
        return 0
    print(pad("", 16) + " " + "  ".join(pad(t(f"rates.{name}"), 10) for name in names))
    for rates in (report.overall, *report.units):
        cells = "  ".join(f"{getattr(rates, name).percent():>10}" for name in names)
        print(f"{pad(rates.unit or t('rates.overall'), 16)} {cells}")
    print(basis_text(report.basis))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from helpdesk.cases.imports import import_cases

    ws = workspace_of(args)

    def progress(done: int, total: int) -> None:  # on a terminal only: a log stays clean
        print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)

    shown = sys.stderr.isatty()
    report = import_cases(ws, actor_of(ws), Path(args.file), dry_run=args.dry_run,
                          skip_invalid=args.skip_invalid, progress=progress if shown else None)
    if shown:
        print(file=sys.stderr)
    if args.json:
        print_json({"rows": report.rows, "added": report.added, "updated": report.updated,
                    "unchanged": report.unchanged, "confirmed": report.confirmed,
                    "written": report.written, "dry_run": report.dry_run,
                    "errors": [{"row": r, "reason": m} for r, m in report.errors],
                    "warnings": [{"row": r, "reason": m} for r, m in report.warnings],
                    "unknown_units": sorted(report.unknown_units)})
    else:
        print("\n".join(import_lines(report, skip_hint=True)))
    return 1 if report.errors else 0


def cmd_nothing_due(args: argparse.Namespace) -> int:
    from helpdesk.cases.urging import record_nothing_due

    ws = workspace_of(args)
    day = record_nothing_due(ws, actor_of(ws), args.note)
    if args.json:
        print_json({"date": day.isoformat(), "nothing_due": True})
    else:
        print(f"{day}: nothing due on the worklist (recorded)")
    return 0
