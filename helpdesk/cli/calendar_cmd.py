"""`helpdesk calendar ...`: deadlines, business hours and month grids on the official calendar."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from helpdesk.calendar import business_hours_from_config, calendar_from_config, provisional_reason
from helpdesk.calendar.days import DayInfo
from helpdesk.calendar.names import weekday_name
from helpdesk.cli.argtypes import HOURS, YEAR, whole
from helpdesk.cli.common import (
    actor_of,
    config_of,
    db_of,
    parse_day,
    print_json,
    workspace_of,
)
from helpdesk.clock import clock_from_env
from helpdesk.errors import CalendarDataMissing, UsageError
from helpdesk.i18n import current_locale, set_locale, t

if TYPE_CHECKING:
    from helpdesk.app.calendar_sync import RecomputeResult
    from helpdesk.calendar import WorkCalendar
    from helpdesk.config import Config


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    calendar = commands.add_parser("calendar", parents=[common],
                                   help="working days, deadlines, business hours")
    sub = calendar.add_subparsers(dest="calendar_command", required=True)
    deadline = sub.add_parser("deadline", parents=[common],
                              help="the deadline N days after START under a counting rule")
    deadline.add_argument("start", help="start date YYYY-MM-DD (not counted)")
    deadline.add_argument("days", type=whole(0, 3660))
    deadline.add_argument("--rule", choices=("calendar", "rollover", "workdays"),
                          default="rollover")
    deadline.add_argument("--json", action="store_true")
    deadline.add_argument("--provisional", action="store_true",
                          help="count through a year whose schedule is unpublished (estimated "
                               "from the statutory holidays; earliest and expected days)")
    deadline.set_defaults(handler=cmd_deadline)
    hours = sub.add_parser("add-hours", parents=[common],
                           help="the instant N business hours after START")
    hours.add_argument("start", help="ISO 8601 instant; no offset means Asia/Shanghai")
    hours.add_argument("hours", type=HOURS)
    hours.add_argument("--json", action="store_true")
    hours.add_argument("--provisional", action="store_true",
                       help="count through a year whose schedule is unpublished")
    hours.set_defaults(handler=cmd_add_hours)
    show = sub.add_parser("show", parents=[common], help="a month grid")
    show.add_argument("month", nargs="?", help="YYYY-MM (default: this month)")
    show.set_defaults(handler=cmd_show)
    load = sub.add_parser("load", parents=[common],
                          help="install a year's official schedule (manager) and recompute "
                               "every stored deadline")
    load.add_argument("file", help="YEAR.toml in the format of docs/calendar-tables.md")
    load.add_argument("--check", action="store_true", help="validate only; install nothing")
    load.add_argument("--json", action="store_true")
    load.set_defaults(handler=cmd_load)
    template = sub.add_parser(
        "template", parents=[common],
        help="write YEAR.toml to start from: the statutory festivals and expected substitute "
             "days, to be checked against the official notice before `calendar load`",
        description="Example: helpdesk calendar template 2027 && vi 2027.toml && "
                    "helpdesk calendar load 2027.toml --check")
    template.add_argument("year", type=YEAR, help="the year, e.g. 2027")
    template.add_argument("--out", default="",
                          help="the file to write (default YEAR.toml here; - for stdout); an "
                               "existing file is never overwritten")
    template.set_defaults(handler=cmd_template)
    again = sub.add_parser("recompute", parents=[common],
                           help="recompute every open stored deadline on the current data")
    again.add_argument("--json", action="store_true")
    again.set_defaults(handler=cmd_recompute)
    years = sub.add_parser("years", parents=[common],
                           help="where each year's data comes from (package, table, estimate)")
    years.add_argument("--json", action="store_true")
    years.set_defaults(handler=cmd_years)


def _parse_date(value: str) -> date:
    return parse_day(value)


def _parse_instant(value: str, zone: str) -> datetime:
    import pendulum

    try:
        parsed = pendulum.parse(value, tz=zone, strict=False)
    except (ValueError, pendulum.parsing.exceptions.ParserError):
        raise UsageError("err.cli.not_iso_instant", value=value) from None
    if not isinstance(parsed, datetime):
        raise UsageError("err.cli.not_instant", value=value)
    return datetime.fromisoformat(parsed.isoformat())


def _calendar(args: argparse.Namespace, config: Config) -> WorkCalendar:
    """On the tables the database holds when there is one (the same days every process
    counts on); without a database, on the package and the estimate alone."""
    from helpdesk.app.calendar_store import stored_tables
    from helpdesk.storage.database import Database
    from helpdesk.storage.target import database_target, require_existing

    try:
        require_existing(config, db_of(args))
    except UsageError:
        return calendar_from_config(config)
    db = Database(database_target(config, db_of(args)))
    try:
        return calendar_from_config(config, stored_tables(db))
    finally:
        db.dispose()


def cmd_deadline(args: argparse.Namespace) -> int:
    config = config_of(args)
    set_locale(config.ui.locale)
    result = _calendar(args, config).deadline(_parse_date(args.start), args.days, args.rule,
                                                   allow_provisional=args.provisional)
    if args.json:
        print_json(result.to_json(current_locale()))
    else:
        print(result.explain(current_locale()))
    return 0


def cmd_add_hours(args: argparse.Namespace) -> int:
    config = config_of(args)
    set_locale(config.ui.locale)
    if args.hours < 0:
        raise UsageError("err.cli.hours_negative")
    hours = business_hours_from_config(config, _calendar(args, config))
    result = hours.add(_parse_instant(args.start, config.timezone), timedelta(hours=args.hours))
    estimated = sorted({year for year in range(result.start.year, result.end.year + 1)
                        if hours.calendar.is_estimated(year)})
    if estimated and not args.provisional:
        raise CalendarDataMissing(estimated[0], hours.calendar.table_path(estimated[0]))
    if args.json:
        data = result.to_json(current_locale())
        data["provisional"] = bool(estimated)
        if estimated:
            data["reason"] = provisional_reason(tuple(estimated))
        print_json(data)
    else:
        print(result.explain(current_locale()))
        if estimated:
            print(f"  ! {provisional_reason(tuple(estimated))}")
    return 0


def cmd_load(args: argparse.Namespace) -> int:
    from helpdesk.app.calendar_tables import check_table, load_table

    source = Path(args.file)
    if args.check:
        config = config_of(args)
        set_locale(config.ui.locale)
        table = check_table(source)
        summary = {"year": table.year, "holidays": len(table.holidays),
                   "makeup_workdays": len(table.makeup_workdays), "valid": True}
        print_json(summary) if args.json else print(t("calendar.load_valid", **summary))
        return 0
    ws = workspace_of(args)
    result = load_table(ws, actor_of(ws), source)
    if args.json:
        print_json({"year": result.year, "file": result.path, "sha256": result.sha256,
                    "holidays": result.holidays, "makeup_workdays": result.makeup_workdays,
                    **_recompute_json(result.recompute)})
    else:
        print(t("calendar.load_done", year=result.year, path=result.path,
                holidays=result.holidays, makeup=result.makeup_workdays))
        _print_recompute(result.recompute)
    return 0


def cmd_recompute(args: argparse.Namespace) -> int:
    from helpdesk.app.calendar_sync import recompute

    ws = workspace_of(args)
    result = recompute(ws, actor_of(ws))
    if args.json:
        print_json(_recompute_json(result))
    else:
        _print_recompute(result)
    return 0


def cmd_years(args: argparse.Namespace) -> int:
    from helpdesk.app.calendar_sync import calendar_years

    ws = workspace_of(args)
    rows = calendar_years(ws)
    if args.json:
        print_json([row.to_json() for row in rows])
    else:
        for row in rows:
            print(row.line())
    return 0


def _recompute_json(result: RecomputeResult) -> dict[str, object]:
    return {"years_changed": list(result.years), "sources": result.statuses,
            "cases_checked": result.cases_checked, "cases_changed": result.cases_changed,
            "still_provisional": result.still_provisional,
            "data_requests_changed": result.requests_changed}


def _print_recompute(result: RecomputeResult) -> None:
    print(t("calendar.recompute_done", checked=result.cases_checked,
            changed=result.cases_changed, still=result.still_provisional,
            requests=result.requests_changed))


def cmd_show(args: argparse.Namespace) -> int:
    config = config_of(args)
    set_locale(config.ui.locale)
    if args.month:
        try:
            year, month = (int(part) for part in args.month.split("-"))
            date(year, month, 1)
        except ValueError:
            raise UsageError("err.common.not_month", month=args.month) from None
    else:
        today = clock_from_env().now().astimezone(ZoneInfo(config.timezone)).date()
        year, month = today.year, today.month
    calendar = _calendar(args, config)
    print(render_month(calendar.month(year, month), current_locale()))
    return 0


def render_month(days: list[DayInfo], locale: str) -> str:
    """Plain-text grid: `[ 5]` working day, ` 5*` make-up working day, ` 5 ` rest, `(5)` holiday."""
    monday = date(2024, 1, 1)
    names = [weekday_name(monday + timedelta(days=offset)) for offset in range(7)]
    header = "".join(f"{name[:3]:<4}" if locale == "en" else name for name in names)
    first = days[0].day
    source = t("calendar.status_estimate") if days[0].provisional else days[0].source
    lines = [f"{first:%Y-%m}  ({source})", header]
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
        if info.could_work:
            cell = cell[:3] + "?"
        cells.append(cell)
        if info.kind in ("holiday", "makeup"):
            notes.append(f"{info.day:%m-%d} {info.reason(locale)}")
    for start in range(0, len(cells), 7):
        lines.append("".join(cells[start:start + 7]))
    legend = ("H holiday  * make-up working day  . weekend" if locale == "en"
              else "H 法定节假日  * 调休上班  . 休息日")
    if days[0].provisional:
        legend += ("  ? could become a working day" if locale == "en" else "  ? 可能调休上班")
    lines.append(legend)
    lines += notes
    return "\n".join(lines)


def cmd_template(args: argparse.Namespace) -> int:
    from pathlib import Path

    from helpdesk.calendar.template import year_template
    from helpdesk.i18n import set_locale, t

    set_locale(config_of(args).ui.locale)
    if not 1900 < args.year < 3000:
        raise UsageError("calendar.table_year_missing")
    text = year_template(args.year, t("calendar.template_header", year=args.year))
    if args.out == "-":
        sys.stdout.write(text)
        return 0
    from helpdesk.storage.files import write_private

    target = Path(args.out or f"{args.year}.toml")
    write_private(target, lambda temporary: Path(temporary).write_text(text, encoding="utf-8"))
    print(t("calendar.template_written", path=str(target)))
    return 0
