"""`helpdesk calendar ...`: deadlines, business hours and month grids on the official calendar."""

from __future__ import annotations

import argparse
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from helpdesk.calendar import business_hours_from_config, calendar_from_config
from helpdesk.calendar.days import WEEKDAYS_EN, WEEKDAYS_ZH, DayInfo
from helpdesk.cli.common import config_of, print_json
from helpdesk.errors import UsageError
from helpdesk.i18n import current_locale, set_locale


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    calendar = commands.add_parser("calendar", parents=[common],
                                   help="working days, deadlines, business hours")
    sub = calendar.add_subparsers(dest="calendar_command", required=True)
    deadline = sub.add_parser("deadline", parents=[common],
                              help="the deadline N days after START under a counting rule")
    deadline.add_argument("start", help="start date YYYY-MM-DD (not counted)")
    deadline.add_argument("days", type=int)
    deadline.add_argument("--rule", choices=("calendar", "rollover", "workdays"),
                          default="rollover")
    deadline.add_argument("--json", action="store_true")
    deadline.set_defaults(handler=cmd_deadline)
    hours = sub.add_parser("add-hours", parents=[common],
                           help="the instant N business hours after START")
    hours.add_argument("start", help="ISO 8601 instant; no offset means Asia/Shanghai")
    hours.add_argument("hours", type=float)
    hours.add_argument("--json", action="store_true")
    hours.set_defaults(handler=cmd_add_hours)
    show = sub.add_parser("show", parents=[common], help="a month grid")
    show.add_argument("month", nargs="?", help="YYYY-MM (default: this month)")
    show.set_defaults(handler=cmd_show)


def _parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _parse_instant(value: str, zone: str) -> datetime:
    import pendulum

    try:
        parsed = pendulum.parse(value, tz=zone, strict=False)
    except (ValueError, pendulum.parsing.exceptions.ParserError):
        raise UsageError(f"not an ISO 8601 instant: {value!r}") from None
    if not isinstance(parsed, datetime):
        raise UsageError(f"not an instant: {value!r}")
    return datetime.fromisoformat(parsed.isoformat())


def cmd_deadline(args: argparse.Namespace) -> int:
    config = config_of(args)
    set_locale(config.ui.locale)
    result = calendar_from_config(config).deadline(_parse_date(args.start), args.days, args.rule)
    if args.json:
        print_json(result.to_json(current_locale()))
    else:
        print(result.explain(current_locale()))
    return 0


def cmd_add_hours(args: argparse.Namespace) -> int:
    config = config_of(args)
    set_locale(config.ui.locale)
    if args.hours < 0:
        raise UsageError("hours must be zero or more")
    hours = business_hours_from_config(config)
    result = hours.add(_parse_instant(args.start, config.timezone), timedelta(hours=args.hours))
    if args.json:
        print_json(result.to_json(current_locale()))
    else:
        print(result.explain(current_locale()))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    config = config_of(args)
    set_locale(config.ui.locale)
    if args.month:
        try:
            year, month = (int(part) for part in args.month.split("-"))
            date(year, month, 1)
        except ValueError:
            raise UsageError(f"not a month (YYYY-MM): {args.month!r}") from None
    else:
        today = datetime.now(ZoneInfo(config.timezone)).date()
        year, month = today.year, today.month
    calendar = calendar_from_config(config)
    print(render_month(calendar.month(year, month), current_locale()))
    return 0


def render_month(days: list[DayInfo], locale: str) -> str:
    """Plain-text grid: `[ 5]` working day, ` 5*` make-up working day, ` 5 ` rest, `(5)` holiday."""
    names = WEEKDAYS_EN if locale == "en" else WEEKDAYS_ZH
    header = "".join(f"{name[:3]:<4}" if locale == "en" else name for name in names)
    first = days[0].day
    lines = [f"{first:%Y-%m}  ({days[0].source})", header]
    cells = ["    "] * first.weekday()
    notes: list[str] = []
    for info in days:
        number = info.day.day
        cell = {
            "workday": f"{number:>3} ",
            "weekend": f"{number:>3}.",
            "holiday": f"{number:>3}H",
            "makeup": f"{number:>3}*",
        }[info.kind]
        cells.append(cell)
        if info.kind in ("holiday", "makeup"):
            notes.append(f"{info.day:%m-%d} {info.reason(locale)}")
    for start in range(0, len(cells), 7):
        lines.append("".join(cells[start:start + 7]))
    legend = ("H holiday  * make-up working day  . weekend" if locale == "en"
              else "H 法定节假日  * 调休上班  . 休息日")
    lines.append(legend)
    lines += notes
    return "\n".join(lines)
