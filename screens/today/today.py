"""今日: the dashboard the console opens on."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from rich.cells import cell_len
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Header, Static

from helpdesk.errors import HelpdeskError
from helpdesk.i18n import joined, t

from ..base import DataScreen
from ..render import local_time, plain
from ..widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.app.today import (
        CaseSummary,
        ContractSummary,
        DeskSummary,
        TodaySummary,
    )
    from helpdesk.cases.ranking import RankView
    from helpdesk.security.exams import ExamStanding
    from helpdesk.security.network import NetworkAlerts
    from helpdesk.security.register_entries import RegisterAlerts
    from helpdesk.services.workspace import Workspace


def contract_line(summary: ContractSummary) -> Text:
    """履约 ✘违约2 · 2026-09 巡检 10-13前 · ⚠风险2 · 待认定1 (the whole ledger is on `l`)."""
    text = Text(t("today.contract") + " ", style="bold")
    if not summary.running:  # before or after the service period: nothing is counted
        key = "today.contract_over" if summary.days_left < 0 else "today.contract_not_begun"
        text.append(t(key, year=summary.year, start=summary.start, end=summary.end),
                    style="bold yellow")
        return text
    if summary.days_left <= ENDING_DAYS and not summary.renewed:  # a month's notice
        text.append(t("today.contract_ending", year=summary.year, end=f"{summary.end:%m-%d}",
                      days=summary.days_left) + " · ", style="bold yellow")
    if summary.breaches:
        text.append(t("today.contract_breaches", count=summary.breaches) + " · ",
                    style="bold red")
    if summary.next_due is not None:
        text.append(t("today.contract_next", text=summary.next_due.text,
                      day=f"{summary.next_due.day:%m-%d}"))
    else:
        text.append(t("ledger.nothing_due"), style="dim")
    if summary.at_risk:
        text.append(" · " + t("today.contract_risk", count=len(summary.at_risk)),
                    style="bold yellow")
    if summary.open_risks:  # months already missed under a clause, not yet asserted
        text.append(" · " + t("today.contract_open_risks", count=summary.open_risks),
                    style="yellow")
    return text


ENDING_DAYS = 30


def ranking_line(ranks: tuple[RankView, ...]) -> Text:
    """全省排名 2026-11  受理 7/21▼2  办结 5/21▲1 …: the newest period's places."""
    from ..cases.ranking import places_text

    text = Text(t("today.ranking", period=ranks[0].period) + "  ", style="bold",
                no_wrap=True, overflow="ellipsis")
    return text.append_text(places_text(ranks))


def security_line(exams: tuple[ExamStanding, ...], registers: RegisterAlerts | None,
                  network: NetworkAlerts | None = None) -> Text:
    """保密：✘泄密未办结1 · 借用逾期1 · 陈志强 11-04到期 — the most pressing first; an alarm
    when a leak is open, a borrowing overdue or someone may no longer work."""
    alarms: list[str] = []
    warnings: list[str] = []
    if registers is not None:
        if registers.open_incidents:
            alarms.append(t("today.open_incidents", count=len(registers.open_incidents)))
        if registers.overdue_borrowings:
            alarms.append(t("today.overdue_borrowings",
                            count=len(registers.overdue_borrowings)))
        if registers.unanswered_notices:
            alarms.append(t("today.unanswered_notices",
                            count=len(registers.unanswered_notices)))
    if network is not None:
        if network.overdue_findings:
            alarms.append(t("today.overdue_findings", count=len(network.overdue_findings)))
        if network.scan.overdue:
            alarms.append(t("today.scan_overdue", day=f"{network.scan.next_due:%m-%d}"))
    ordered = sorted(exams, key=lambda r: r.cleared)  # who may not work first
    if ordered:
        first = ordered[0]
        if first.cleared and first.until is not None:
            state = t("security.short_ends", day=f"{first.until:%m-%d}")
        else:
            state = t(f"security.short_{first.state}")
        item = f"{first.name} {state}"
        if len(ordered) > 1:
            item = t("today.exams_more", first=item, count=len(ordered),
                     more=len(ordered) - 1)
        (warnings if first.cleared else alarms).append(item)
    if registers is not None and registers.unreported_passwords:
        warnings.append(t("today.unreported_passwords",
                          count=len(registers.unreported_passwords)))
    if registers is not None and registers.no_password:
        warnings.append(t("today.no_password", count=len(registers.no_password)))
    line = t("today.security", items=" · ".join(alarms + warnings))
    if alarms:
        return plain("✘" + line, style="bold red reverse", limit=200)
    return plain("⚠" + line, style="bold yellow", limit=200)


Panel = TypeVar("Panel")

# The panels fetched each on its own worker after the rest is shown (the heavy figures: the
# desk's SLA counts, the urging worklist, the compliance ledger), by the services' names.
PANELS = ("desk", "cases", "contract")
PANEL_FRAME = 4  # a panel's border and padding, left and right


class TodayScreen(DataScreen["TodaySummary"]):
    help_key = "nav.today"

    def __init__(self) -> None:
        super().__init__()
        self.summary: TodaySummary | None = None
        self.contract: ContractSummary | None = None
        self.cases: CaseSummary | None = None
        self.pending: set[str] = set()  # panels still being fetched
        self._top_texts: dict[str, Text] = {}  # the two top panels' lines, for their widths

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Today is where Esc leads: it has no "back" to offer."""
        return action != "back" or len(self.app.screen_stack) > 1

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text(t("app.loading")), id="banner")
        with Horizontal(id="today-top"):
            yield Static(id="day-panel", classes="panel")
            yield Static(id="staff-panel", classes="panel")
        yield Static(id="desk-panel", classes="panel")
        yield Static(id="case-panel", classes="panel")
        with Vertical(id="activity-box", classes="panel"):
            yield Static(id="activity")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#day-panel").border_title = t("today.title")
        self.query_one("#staff-panel").border_title = t("nav.roster")
        self.query_one("#activity-box").border_title = t("today.activity_title")
        self.query_one("#desk-panel").border_title = t("today.desk_title")
        self.query_one("#case-panel").border_title = t("today.cases_title")
        error = self.helpdesk.load_error
        if error:
            self.show_load_error(error)

    def show_load_error(self, message: str) -> None:
        banner = self.query_one("#banner", Static)
        banner.update(plain(message, limit=400))
        banner.set_class(False, "oneline")
        banner.set_class(True, "error")

    def fetch(self, ws: Workspace, actor: Actor) -> TodaySummary:
        from helpdesk.app.today import today_summary

        return today_summary(ws, actor)

    def show(self, data: TodaySummary) -> None:
        summary: TodaySummary = data
        self.summary = summary
        self._show_banner(summary)
        self._show_day(summary)
        self._show_staff(summary)
        self._show_cases()
        self._show_activity(summary)
        for name in PANELS:
            self.pending.add(name)
            self.run_worker(partial(self._fetch_panel, name), thread=True, exclusive=True,
                            group=f"today-{name}")

    def _fetch_panel(self, name: str) -> None:
        from helpdesk.app import today

        app = self.helpdesk
        ws, actor = app.ws, app.actor
        if ws is None or actor is None:
            return
        if name == "desk":
            self._deliver(name, lambda: today.desk_summary(ws, actor), self._show_desk)
        elif name == "cases":
            self._deliver(name, lambda: today.case_summary(ws, actor), self._set_cases)
        else:
            self._deliver(name, lambda: today.contract_summary(ws, actor), self._set_contract)

    def _deliver(self, name: str, fetch: Callable[[], Panel | None],
                 show: Callable[[Panel | None], None]) -> None:
        """From the panel's worker: fetch, then show on the UI thread (nothing on an error,
        which is told once)."""
        try:
            data = fetch()
        except HelpdeskError as err:
            self.app.call_from_thread(self.show_error, str(err))
            data = None
        self.app.call_from_thread(self._panel_done, name, show, data)

    def _panel_done(self, name: str, show: Callable[[Panel | None], None],
                    data: Panel | None) -> None:
        self.pending.discard(name)
        show(data)

    def _set_cases(self, cases: CaseSummary | None) -> None:
        self.cases = cases
        self._show_cases()

    def _set_contract(self, contract: ContractSummary | None) -> None:
        self.contract = contract
        if self.summary is not None:
            self._show_day(self.summary)

    def _show_banner(self, summary: TodaySummary) -> None:
        banner = self.query_one("#banner", Static)
        warnings = summary.missing_calendar
        # One line at most, so the dashboard still fits 80x24: the worst year speaks.
        worst = next((w for w in warnings if w.status != "estimate"), None)
        if worst is not None:
            line = t("today.calendar_broken" if worst.status == "broken"
                     else "today.calendar_missing", year=worst.year, path=worst.table_path)
        elif warnings:
            line = t("today.calendar_estimated",
                     years=joined(str(w.year) for w in warnings))
        else:
            line = ""
        banner.update(Text(line, no_wrap=True, overflow="ellipsis"))
        banner.set_class(bool(line) and worst is None, "warning")
        banner.set_class(worst is not None, "error")
        banner.set_class(True, "oneline")
        banner.display = bool(line)

    def _show_day(self, summary: TodaySummary) -> None:
        # Imported here, not at the top: the calendar package is not on the first frame's path.
        from helpdesk.calendar.names import festival_label, weekday_name

        now = summary.now_local
        weekday = weekday_name(now.date())
        text = Text()
        text.append(t("today.date_line", date=now.strftime("%Y-%m-%d"), weekday=weekday),
                    style="bold")
        text.append(f"  {now:%H:%M}")
        if summary.next_working_day:
            following = summary.next_working_day
            text.append("  " + t("today.next_working_day", date=f"{following:%m-%d}"),
                        style="dim")
        text.append("\n")
        day = summary.day
        if day is None:
            text.append(t("today.unknown_day") + "\n", style="bold red")
        else:
            name = festival_label(day.holiday or "")
            label = {
                "workday": t("today.workday"),
                "weekend": t("today.weekend"),
                "holiday": t("today.holiday", name=name),
                "makeup": t("today.makeup", name=name),
            }[day.kind]
            style = "green" if day.is_working else "yellow"
            text.append(("● " if day.is_working else "○ ") + label + "\n", style=style)
        periods = joined(f"{start}-{end}" for start, end in summary.office_periods)
        text.append(t("today.office_hours", periods=periods) + " · ")
        text.append(t("today.in_hours") if summary.in_office_hours else t("today.out_hours"),
                    style="green" if summary.in_office_hours else "dim")
        if summary.training is not None:
            from ..training.training_render import obligation_line

            text.append("\n")
            text.append_text(obligation_line(summary.training, summary.now_local.date()))
        if self.contract is not None:
            text.append("\n")
            text.append_text(contract_line(self.contract))
        self.query_one("#day-panel", Static).update(text)
        self._top_texts["day"] = text
        self._balance_top()

    def _set_staff_text(self, text: Text) -> None:
        self.query_one("#staff-panel", Static).update(text)
        self._top_texts["staff"] = text
        self._balance_top()

    def on_resize(self) -> None:
        self._balance_top()

    def _balance_top(self) -> None:
        """Width by need (issue 34: the 保密 alarm was cut at 80 columns): each top panel as
        wide as its widest line when both fit. Otherwise the roster panel keeps at least the
        first item of each line whole (an alarm's words, 保密：借用逾期1; later items and the
        day's details may end in "…"), and the day panel takes what it needs of the rest."""
        lines = {name: text.plain.splitlines() for name, text in self._top_texts.items()}
        total = self.size.width
        if total <= 0 or set(lines) != {"day", "staff"}:
            return
        day_need = max(map(cell_len, lines["day"]), default=0) + PANEL_FRAME
        staff_need = max(map(cell_len, lines["staff"]), default=0) + PANEL_FRAME
        staff_least = max((cell_len(line.split(" · ")[0]) for line in lines["staff"]),
                          default=0) + PANEL_FRAME
        day, staff = self.query_one("#day-panel"), self.query_one("#staff-panel")
        if day_need + staff_need <= total:
            day.styles.width = day_need
        else:
            day.styles.width = max(min(day_need, total - staff_least), total // 3)
        staff.styles.width = "1fr"

    def _show_staff(self, summary: TodaySummary) -> None:
        """Who is on duty now and next, coverage gaps ahead, overdue handovers; then staff."""
        text = Text()
        duty = summary.duty
        if duty is not None:
            barred = {row.name for row in summary.exams if not row.cleared}
            if duty.now and barred.intersection(duty.now):  # on duty, but may not work
                names = joined(name + ("✘" if name in barred else "") for name in duty.now)
                text.append(t("roster.duty_now", names=names), style="bold red reverse")
            elif duty.now:
                text.append(t("roster.duty_now", names=joined(duty.now)),
                            style="bold green")
            elif summary.in_office_hours:  # office hours with nobody on duty: a gap, now
                text.append("✘" + t("roster.duty_gap_now"), style="bold red reverse")
            else:
                text.append(t("roster.duty_nobody"), style="dim")
            text.append("\n")
            if duty.next_start is not None:
                text.append(t("roster.duty_next", start=f"{duty.next_start:%m-%d %H:%M}",
                              slot="" if duty.next_slot == "day"
                              else t(f"roster.slot_{duty.next_slot}"),
                              names=joined(duty.next_names) or t("roster.gap")),
                            style="" if duty.next_names else "bold red")
                text.append("\n")
            if duty.gaps:
                text.append("✘" + t("roster.gaps_ahead", days=duty.gap_days,
                                    count=len(duty.gaps), first=duty.gaps[0]),
                            style="bold red")
            else:
                text.append(t("roster.no_gaps_ahead", days=duty.gap_days), style="green")
            text.append("\n")
            for handover_id, name in duty.overdue_handovers[:2]:
                text.append("✘" + t("handover.unacknowledged", id=handover_id, name=name) + "\n",
                            style="bold red")
        if summary.others:  # who else has the console open on this database
            # The names are typed by people: plain() keeps them on one line, and drops a
            # newline given with them, so the line ends here.
            text.append_text(plain(t("live.others", names=joined(p.name for p in summary.others)),
                                   style="cyan", limit=200))
            text.append("\n")
        if summary.exams or summary.registers or summary.network:  # in place of the head count
            text.append_text(security_line(summary.exams, summary.registers, summary.network))
            self._set_staff_text(text)
            return
        counts = "  ".join(t("today.staff_line", role=t(f"app.role_{role}"),
                             count=summary.staff_by_role[role])
                           for role in ("manager", "engineer", "auditor", "viewer")
                           if summary.staff_by_role.get(role))
        text.append(counts, style="dim")
        self._set_staff_text(text)

    def _show_desk(self, desk: DeskSummary | None) -> None:
        from ..questions.question_render import sla_cell

        panel = self.query_one("#desk-panel", Static)
        panel.display = desk is not None
        if desk is None:
            return
        counts = Text(t("today.desk_counts", **desk.counts),
                      style="bold red" if desk.counts["breached"] else "")
        table = Table(box=None, show_header=False, pad_edge=False, expand=True)
        table.add_column(no_wrap=True, width=10)
        table.add_column(no_wrap=True, width=12)
        table.add_column(no_wrap=True, max_width=10)
        table.add_column(no_wrap=True, overflow="ellipsis", ratio=1)
        for row in desk.urgent:
            table.add_row(sla_cell(row), plain(row.number, style="dim"), plain(row.unit),
                          plain(row.title))
        parts: list[Any] = [counts, table]
        if desk.late_problems:
            parts.append(Text("✘ " + t("today.late_problems", count=len(desk.late_problems))
                              + t("app.label_sep")
                              + joined(p.title for p in desk.late_problems),
                              style="red", no_wrap=True, overflow="ellipsis"))
        panel.update(Group(*parts))

    def _show_cases(self) -> None:
        panel = self.query_one("#case-panel", Static)
        cases = self.cases
        ranks = self.summary.ranks if self.summary is not None else ()
        panel.display = cases is not None or bool(ranks)
        if cases is None:
            panel.update(ranking_line(ranks) if ranks else "")
            return
        text = Text(t("today.cases_counts", to_urge=cases.to_urge, overdue=cases.overdue,
                      supervised=cases.supervised),
                    style="bold red" if cases.overdue else "", no_wrap=True, overflow="ellipsis")
        for item in cases.most_overdue:
            text.append("\n")
            text.append_text(plain(f"✘{t('urging.overdue_days', days=-(item.workdays_left or 0))}"
                                   f"  {item.case_number}  {item.unit}  "
                                   f"{t(f'urging.step_{item.step}')}"
                                   + (f" {t('calendar.provisional_mark')}"
                                      if item.provisional else ""), style="red"))
        # On the panel's lower border: at 80x24 the dashboard has no line to spare.
        panel.border_subtitle = ranking_line(ranks) if ranks else ""
        panel.update(text)

    def _show_activity(self, summary: TodaySummary) -> None:
        from helpdesk.audit_summary import action_label, actor_label, describe, record_label
        from helpdesk.roles import can

        actor = self.helpdesk.actor
        if actor is None or not can(actor.role, "read_audit"):
            self.query_one("#activity", Static).update(Text(t("today.activity_hidden"),
                                                            style="dim"))
            return
        if not summary.recent_activity:
            self.query_one("#activity", Static).update(Text(t("today.activity_none")))
            return
        zone = summary.now_local.tzinfo
        shown_zone = self.helpdesk.ws.hours.zone if self.helpdesk.ws else None
        table = Table(box=None, show_header=False, pad_edge=False, expand=True)
        table.add_column(style="dim", no_wrap=True, width=11)
        table.add_column(no_wrap=True, max_width=10)
        table.add_column(style="cyan", no_wrap=True, max_width=16)
        table.add_column(no_wrap=True, overflow="ellipsis", ratio=1)
        for record in summary.recent_activity:
            table.add_row(
                local_time(record.at, zone),  # type: ignore[arg-type]
                plain(actor_label(record.actor, record.actor_name), limit=12),
                plain(action_label(record.action), limit=20),
                plain(f"{record_label(record.entity, record.entity_id, record.reference)} "
                      f"{describe(record.summary, shown_zone, record.entity)}", limit=200),
            )
        self.query_one("#activity", Static).update(table)
