"""Roster exports: a month grid in xlsx that prints on one A4 page, and iCalendar (.ics) so
rosters reach phones. Both read the same RosterView the console shows."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlmodel import col, select

from helpdesk.actor import Actor
from helpdesk.errors import NotFound
from helpdesk.i18n import joined, t
from helpdesk.roster.actions import RosterView, published_sequence
from helpdesk.roster.models import DutyShift, ShiftCancellation
from helpdesk.roster.slots import slots_for
from helpdesk.services.file_export import write_bytes
from helpdesk.services.workspace import Workspace
from helpdesk.storage.models import Staff
from helpdesk.storage.page_layout import page_marks
from helpdesk.storage.sheets import save_book

WEEKDAY_SHORT = ("一", "二", "三", "四", "五", "六", "日")
CELL = {"day": "值", "am": "上", "pm": "下"}


def month_grid_xlsx(ws: Workspace, actor: Actor, view: RosterView, path: Path,
                    engineer: str | None = None) -> int:
    """Rows are engineers, columns the month's days; returns the number of shift cells."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = f"{view.start:%Y-%m}"
    thin = Side(style="thin", color="999999")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    rest_fill = PatternFill("solid", fgColor="DDDDDD")
    makeup_fill = PatternFill("solid", fgColor="FFF2CC")
    gap_fill = PatternFill("solid", fgColor="F4CCCC")
    days = view.days
    last_column = len(days) + 2
    sheet.cell(1, 1, f"{ws.config.contract.bureau} 驻场值班表 {view.start:%Y年%m月}")
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last_column)
    sheet.cell(2, 1, "日期")
    sheet.cell(3, 1, "星期")
    for index, day in enumerate(days, start=2):
        sheet.cell(2, index, day.day.day)
        mark = {"makeup": "班", "holiday": "休", "weekend": "休"}.get(day.kind, "")
        sheet.cell(3, index, WEEKDAY_SHORT[day.day.weekday()] + (f"\n{mark}" if mark else ""))
        fill = {"holiday": rest_fill, "weekend": rest_fill, "makeup": makeup_fill}.get(day.kind)
        for row in (2, 3):
            if fill is not None:
                sheet.cell(row, index).fill = fill
        sheet.column_dimensions[get_column_letter(index)].width = 3.6
    sheet.cell(2, last_column, "合计")
    names: dict[str, str] = {}
    for day in days:
        for shift in day.shifts:
            names.setdefault(shift.login, shift.name)
    logins = sorted(names) if engineer is None else [engineer]
    written = 0
    for row, login in enumerate(logins, start=4):
        sheet.cell(row, 1, names.get(login, login))
        total = 0
        for index, day in enumerate(days, start=2):
            marks = [("假" if s.on_leave else CELL.get(s.slot, "值"))
                     for s in day.shifts if s.login == login]
            away = any(label.split("(")[0] == names.get(login) for label in day.on_leave)
            if away and "假" not in marks:  # on leave with no shift that day: the legend's 假
                marks.append("假")
            if marks:
                sheet.cell(row, index, "".join(marks))
                total += sum(1 for mark in marks if mark != "假")
            elif not day.is_working:
                sheet.cell(row, index).fill = rest_fill
        sheet.cell(row, last_column, total)
        written += total
    gap_row = 4 + len(logins)
    sheet.cell(gap_row, 1, "空岗")
    for index, day in enumerate(days, start=2):
        if day.gaps:
            sheet.cell(gap_row, index, "空")
            sheet.cell(gap_row, index).fill = gap_fill
    sheet.cell(gap_row + 1, 1, t("roster.coverage", percent=f"{view.coverage.percent:.1f}",
                                 gaps=len(view.coverage.gaps)) +
               "  值=全天 上=上午 下=下午 假=请假 班=调休上班 休=休息")
    for row in sheet.iter_rows(min_row=2, max_row=gap_row, max_col=last_column):
        for cell in row:
            cell.border, cell.alignment = box, centre
    sheet.column_dimensions["A"].width = 9
    sheet.column_dimensions[get_column_letter(last_column)].width = 5
    sheet.row_dimensions[3].height = 28
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 1
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    page_marks(sheet)
    data = save_book(book)

    write_bytes(ws, actor, path, data, what="roster", label=f"{view.start:%Y-%m}")
    return written


def roster_ics(ws: Workspace, actor: Actor, view: RosterView, path: Path,
               engineer: str | None = None, remind_minutes: int | None = None) -> int:
    """One VEVENT per duty, times in Asia/Shanghai with its VTIMEZONE; returns the count.

    A duty's UID is its day, slot and engineer (a regenerated month that gives the same
    engineer the same slot changes nothing on their phone). A duty that left its engineer
    (swap, reassignment, removal, regeneration) is published as STATUS:CANCELLED with a higher
    SEQUENCE, so a subscribed phone drops it; every event carries LAST-MODIFIED. A make-up
    working day says so in the title; UIDs end in `[roster] calendar_uid_domain`; with a
    reminder (`remind_minutes`, default `[roster] calendar_reminder_minutes`) a VALARM."""
    from icalendar import Alarm, Calendar, Event

    with ws.db.read() as session:
        if engineer is not None and session.exec(
                select(Staff).where(col(Staff.login) == engineer)).first() is None:
            raise NotFound("err.common.staff_not_found", login=engineer)
        logins = {s.id: (s.login, s.name) for s in session.exec(select(Staff)).all()}
        changed = {row.id: row.changed_at or row.created_at for row in session.exec(
            select(DutyShift).where(col(DutyShift.day) >= view.start,
                                    col(DutyShift.day) <= view.end)).all()}
        cancellations = session.exec(select(ShiftCancellation).where(
            col(ShiftCancellation.day) >= view.start,
            col(ShiftCancellation.day) <= view.end)).all()
    domain = ws.config.roster.calendar_uid_domain
    zone = ws.hours.zone
    slots = {slot.name: slot for slot in slots_for(ws.config)}
    kinds = {day.day: day.kind for day in view.days}
    minutes = ws.config.roster.calendar_reminder_minutes if remind_minutes is None \
        else remind_minutes
    calendar = Calendar()
    calendar.add("prodid", "-//helpdesk//duty roster//ZH")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", t("roster.ics_calendar_name", bureau=ws.config.contract.bureau))
    calendar.add("x-wr-timezone", ws.config.timezone)
    stamp = ws.now().astimezone(UTC)
    cancelled = {(c.day, c.slot, logins[c.staff_id][0]): c for c in cancellations}

    def event_for(day: date, slot_name: str, login: str, name: str) -> Event | None:
        slot = slots.get(slot_name)
        if slot is None:
            return None
        event = Event()
        event.add("uid", f"duty-{day.isoformat()}-{slot_name}-{login}@{domain}")
        event.add("dtstamp", stamp)
        event.add("dtstart", datetime.combine(day, slot.start, tzinfo=zone))
        event.add("dtend", datetime.combine(day, slot.end, tzinfo=zone))
        summary = t("roster.ics_summary", name=name, slot=t(f"roster.slot_{slot_name}"))
        if kinds.get(day) == "makeup":
            summary += " · " + t("roster.ics_makeup")
        event.add("summary", summary)
        event.add("location", ws.config.contract.bureau)
        return event

    count = 0
    live: set[tuple[date, str, str]] = set()
    for day in view.days:
        for shift in day.shifts:
            if engineer is not None and shift.login != engineer:
                continue
            event = event_for(shift.day, shift.slot, shift.login, shift.name)
            if event is None:
                continue
            key = (shift.day, shift.slot, shift.login)
            live.add(key)
            gone = cancelled.get(key)
            event.add("sequence", published_sequence(shift.version,
                                                     gone.sequence if gone else None))
            event.add("last-modified", changed.get(shift.id, stamp).astimezone(UTC))
            event.add("status", "CONFIRMED")
            periods = joined(f"{a:%H:%M}-{b:%H:%M}" for a, b in slots[shift.slot].periods)
            event.add("description", t("roster.ics_hours", periods=periods) + (
                "\n" + t("roster.ics_changed", reason=shift.reason) if shift.reason else ""))
            if minutes:
                alarm = Alarm()
                alarm.add("action", "DISPLAY")
                alarm.add("description", event["summary"])
                alarm.add("trigger", timedelta(minutes=-minutes))
                event.add_component(alarm)
            calendar.add_component(event)
            count += 1
    for key, gone in sorted(cancelled.items()):
        on, slot_name, login = key
        if key in live or (engineer is not None and login != engineer):
            continue
        event = event_for(on, slot_name, login, logins[gone.staff_id][1])
        if event is None:
            continue
        event.add("sequence", gone.sequence)
        event.add("last-modified", gone.cancelled_at.astimezone(UTC))
        event.add("status", "CANCELLED")
        event.add("description", t("roster.ics_cancelled", reason=gone.reason))
        calendar.add_component(event)
    calendar.add_missing_timezones()

    write_bytes(ws, actor, path, calendar.to_ical(), what="roster",
                label=f"{view.start}..{view.end}.ics")
    return count

