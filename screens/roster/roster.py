"""排班: the duty roster as a week (a row per day, actions on the highlighted day) or a month
(a calendar grid). Make-up working days and holidays are marked in words as well as colour."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Header, Static

from helpdesk.calendar.names import festival_label, weekday_name
from helpdesk.errors import HelpdeskError
from helpdesk.i18n import joined, t

from ..base import DataScreen
from ..keys import bindings
from ..render import plain
from ..widgets.column_fit import fit_table
from ..widgets.key_footer import KeyFooter
from ..widgets.paged_table import fill

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.roster.actions import RosterDay, RosterView, ShiftView
    from helpdesk.services.workspace import Workspace

# The week's columns (catalogue key, width); 说明 then 值班 grow at 120 columns.
WEEK_COLUMNS = (("roster.date", 10), ("roster.day", 4), ("", 14), ("roster.duty", 20),
                ("roster.notes", 18))
KIND_STYLE = {"holiday": "bold red", "weekend": "dim", "makeup": "bold yellow", "workday": ""}


def weekday(day: date) -> str:
    return weekday_name(day)[:3]


def kind_label(day: RosterDay) -> Text:
    if day.kind == "workday":
        return Text("")
    name = festival_label(day.holiday) if day.holiday else day.holiday
    label = t(f"roster.kind_{day.kind}") + (f"·{name}" if name and day.kind != "weekend" else "")
    return Text(label, style=KIND_STYLE[day.kind], no_wrap=True, overflow="ellipsis")


def shift_text(shift: ShiftView) -> Text:
    text = Text()
    text.append_text(plain(shift.name, style="strike dim" if shift.on_leave else ""))
    if shift.slot != "day":
        text.append(f"({t(f'roster.slot_{shift.slot}')})", style="dim")
    if shift.source != "generated":
        text.append("*", style="magenta")
    return text


def duty_cell(day: RosterDay) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    for index, shift in enumerate(day.shifts):
        if index:
            text.append(" ")
        text.append_text(shift_text(shift))
    return text


def notes_cell(day: RosterDay) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    if day.gaps:
        text.append(f"✘{t('roster.gap')} " + ",".join(g.hours for g in day.gaps) + " ",
                    style="bold red")
    if day.on_leave:
        text.append(f"{t('roster.on_leave')}:", style="cyan")
        text.append_text(plain(joined(day.on_leave)))
    swapped = [s for s in day.shifts if s.source != "generated" and s.reason]
    if swapped:
        text.append(" *")
        text.append_text(plain(swapped[0].reason, style="magenta"))
    return text


def month_grid(view: RosterView, cursor: date | None = None) -> Table:
    """The month as a calendar grid; the cursor's day in reverse, as the week view's row."""
    grid = Table(box=None, show_header=False, pad_edge=False, expand=True, padding=(0, 1))
    first = view.days[0].day
    monday = first - timedelta(days=first.weekday())
    for _ in range(7):
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    grid.add_row(*(Text(weekday(monday + timedelta(days=n)), style="bold underline")
                   for n in range(7)))
    week: list[Text] = [Text("")] * first.weekday()
    for day in view.days:
        cell = Text(f"{day.day.day:>2}", style=(KIND_STYLE[day.kind] or "bold")
                    + (" reverse" if day.day == cursor else ""))
        mark = {"makeup": t("roster.mark_makeup"), "holiday": t("roster.mark_holiday")}.get(
            day.kind, "")
        if mark:
            cell.append(mark, style=KIND_STYLE[day.kind])
        if day.gaps:
            cell.append("✘", style="bold red")
        cell.append("\n")
        cell.append_text(duty_cell(day) if day.shifts else Text(""))
        week.append(cell)
        if len(week) == 7:
            grid.add_row(*week)
            week = []
    if week:
        grid.add_row(*week, *([Text("")] * (7 - len(week))))
    return grid


class RosterScreen(DataScreen["tuple[RosterView, date]"]):
    BINDINGS = bindings("roster.toggle", "roster.prev", "roster.next", "roster.generate",
                        "roster.leave", "roster.swap", "roster.export", "roster.approve",
                        "roster.day_prev", "roster.day_next", "roster.week_prev",
                        "roster.week_next")
    help_key = "nav.roster"
    SCOPED_CSS = False
    DEFAULT_CSS = """
    #roster-title { height: 1; padding: 0 1; text-style: bold; }
    #roster-week { height: 1fr; }
    #roster-month-box { height: 1fr; padding: 0 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.mode = "week"
        self.anchor_day: date | None = None
        self.view: RosterView | None = None
        self.today: date | None = None
        # The month view's selected day (swap and leave act on it, as on the week's row).
        self.cursor_day: date | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="roster-title")
        table: DataTable[Text] = DataTable(id="roster-week", cursor_type="row")
        yield table
        with VerticalScroll(id="roster-month-box"):
            yield Static(id="roster-month")
        yield Static(id="roster-status", classes="status")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#roster-week", DataTable)
        for label, width in WEEK_COLUMNS:
            table.add_column(t(label) if label else "", width=width)
        self._show_mode()
        table.focus()

    def on_resize(self) -> None:
        self.call_after_refresh(self.after_show)

    def after_show(self) -> None:
        """说明 and 值班 take the width the terminal has (issue 34: cut at 120 columns)."""
        if self.mode == "week":
            fit_table(self.query_one("#roster-week", DataTable),
                      [width for _label, width in WEEK_COLUMNS], (4, 3))

    def _show_mode(self) -> None:
        table = self.query_one("#roster-week", DataTable)
        table.display = self.mode == "week"
        # In the month view the arrows move the day cursor: the hidden table takes no focus,
        # not even back from a form.
        table.can_focus = self.mode == "week"
        self.query_one("#roster-month-box").display = self.mode == "month"
        if self.mode == "week":
            table.focus()
        else:
            self.set_focus(None)

    def _range(self, today: date) -> tuple[date, date]:
        from helpdesk.roster.actions import month_range

        anchor = self.anchor_day or today
        if self.mode == "week":
            monday = anchor - timedelta(days=anchor.weekday())
            return monday, monday + timedelta(days=6)
        return month_range(f"{anchor:%Y-%m}")

    def fetch(self, ws: Workspace, actor: Actor) -> tuple[RosterView, date]:
        from helpdesk.roster.actions import roster_view

        today = ws.now().astimezone(ws.hours.zone).date()
        start, end = self._range(today)
        return roster_view(ws, actor, start, end), today

    def show(self, data: tuple[RosterView, date]) -> None:
        view, today = data
        self.view = view
        self.today = today
        if self.anchor_day is None:
            self.anchor_day = today
        if self.mode == "week":
            iso = view.start.isocalendar()
            title = t("roster.week_title", start=f"{view.start:%Y-%m-%d}",
                      end=f"{view.end:%m-%d}", week=f"{iso.year}-W{iso.week:02d}")
            rows = []
            for day in view.days:
                style = "reverse" if day.day == today else ""
                rows.append((day.day.isoformat(), [
                    Text(f"{day.day:%Y-%m-%d}", style=style), Text(weekday(day.day)),
                    kind_label(day), duty_cell(day), notes_cell(day)]))
            fill(self.query_one("#roster-week", DataTable), rows)
        else:
            title = t("roster.month_title", year=view.start.year, month=view.start.month)
            if self.cursor_day is None or not view.start <= self.cursor_day <= view.end:
                self.cursor_day = today if view.start <= today <= view.end else view.start
            self.query_one("#roster-month", Static).update(month_grid(view, self.cursor_day))
        heading = Text(title)
        selected = self._selected_day()
        if self.mode == "month" and selected is not None:  # what swap and leave act on
            heading.append("  ")
            heading.append_text(plain(t("roster.month_cursor", day=f"{selected.day:%m-%d}",
                                        duty=duty_cell(selected).plain or t("handover.none")),
                                      style="reverse"))
        self.query_one("#roster-title", Static).update(heading)
        coverage = t("roster.coverage", percent=f"{view.coverage.percent:.1f}",
                     gaps=len(view.coverage.gaps))
        counts = " ".join(f"{name}{count}" for name, count in sorted(view.shift_counts.items()))
        status = Text(coverage, style="bold red" if view.coverage.gaps else "green")
        if counts:
            status.append(f" · {t('roster.counts')} ")
            status.append_text(plain(counts))
        self.query_one("#roster-status", Static).update(status)

    def action_toggle_view(self) -> None:
        self.mode = "month" if self.mode == "week" else "week"
        self._show_mode()
        self.action_refresh()

    def action_shift_period(self, step: int) -> None:
        if self.anchor_day is None:
            return
        if self.mode == "week":
            self.anchor_day += timedelta(days=7 * step)
        else:
            first = self.anchor_day.replace(day=1)
            month = first.month - 1 + step
            self.anchor_day = first.replace(year=first.year + month // 12, month=month % 12 + 1)
        self.action_refresh()

    def action_move_day(self, step: int) -> None:
        """The month view's cursor: a day, or a week with up and down; past the month's edge
        the next (or previous) month opens on that day."""
        if self.mode == "week":  # the week's rows are the focused table's: its own arrows
            return
        if self.view is None or self.cursor_day is None:
            return
        day = self.cursor_day + timedelta(days=step)
        self.cursor_day = day
        if self.view.start <= day <= self.view.end:
            self.show((self.view, self.today or day))
        else:
            self.anchor_day = day
            self.action_refresh()

    def _selected_day(self) -> RosterDay | None:
        if self.view is None:
            return None
        if self.mode == "month":
            return next((d for d in self.view.days if d.day == self.cursor_day), None)
        row = self.query_one("#roster-week", DataTable).cursor_row
        return self.view.days[row] if 0 <= row < len(self.view.days) else None

    def action_generate(self) -> None:
        from helpdesk.roster.actions import month_range

        from .roster_forms import GenerateScreen

        if self.anchor_day is not None:
            start, end = month_range(f"{self.anchor_day:%Y-%m}")
            self.app.push_screen(GenerateScreen(start, end), self.reload_if_saved)

    def action_leave(self) -> None:
        from .roster_forms import LeaveFormScreen

        day = self._selected_day()
        shown = self.view
        if day is not None:
            start: date | None = day.day
        elif shown is not None and self.today is not None \
                and shown.start <= self.today <= shown.end:
            start = self.today
        else:
            start = self.anchor_day
        self.app.push_screen(LeaveFormScreen(start), self.reload_if_saved)

    def action_swap(self) -> None:
        from .roster_forms import SwapFormScreen

        day = self._selected_day()
        if day is None or not day.shifts:
            self.notify(t("roster.swap") + "：" + t("handover.none"), markup=False)
            return
        self.app.push_screen(SwapFormScreen(day.shifts[0]), self.reload_if_saved)

    def action_export(self) -> None:
        from ..prompt import PromptScreen

        if self.anchor_day is None:
            return
        default = f"roster-{self.anchor_day:%Y-%m}.xlsx"

        def chosen(path: str | None) -> None:
            if path:
                self.export(path)

        self.app.push_screen(PromptScreen(t("roster.export_prompt"), value=default), chosen)

    @work(thread=True, group="export")
    def export(self, path: str) -> None:
        from pathlib import Path

        from helpdesk.roster.actions import month_range, roster_view
        from helpdesk.roster.export import month_grid_xlsx, roster_ics

        app = self.helpdesk
        if app.ws is None or app.actor is None or self.anchor_day is None:
            return
        try:
            view = roster_view(app.ws, app.actor, *month_range(f"{self.anchor_day:%Y-%m}"))
            writer = roster_ics if path.lower().endswith(".ics") else month_grid_xlsx
            count = writer(app.ws, app.actor, view, Path(path).expanduser())
        except (HelpdeskError, OSError) as err:
            app.call_from_thread(self.show_error, str(err))
            return
        app.call_from_thread(self.notify, t("roster.exported", path=path, count=count),
                             markup=False)

    def action_approve_leave(self) -> None:
        from .leave_requests import LeaveRequestsScreen

        self.app.push_screen(LeaveRequestsScreen())
