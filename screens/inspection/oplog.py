"""日志分析: a month of the provincial system's operation log per unit (usage rate, operations,
active days, share outside office hours, the most frequent operations), with the roll-up per
kind of unit; `Enter` on a unit lists its people. `[` `]` move by a month, `i` imports a log or
account export, `z` lists the dormant accounts (`g` there asks for their disabling as one
configuration request)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work

from helpdesk.calendar.periods import ReportPeriod, parse_period, period_label, shifted
from helpdesk.errors import HelpdeskError
from helpdesk.i18n import t

from ..keys import bindings
from ..lists import ListScreen
from ..render import plain
from ..widgets.paged_table import fill

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.monitoring.oplog import DormantAccount
    from helpdesk.monitoring.oplog_figures import OplogUsage, UsageLine
    from helpdesk.services.workspace import Workspace


def usage_cells(line: UsageLine, label: Text) -> list[Text]:
    return [label, Text(f"{line.active_accounts}/{line.accounts}"),
            Text(line.usage.percent(), style="red" if (line.usage.value or 0) < 0.5 else ""),
            Text(f"{line.operations:,}"), Text(str(line.active_days)),
            Text(line.off_hours_share.percent()),
            plain(t("app.list_sep").join(f"{name} {count}" for name, count in line.by_kind),
                  style="dim", limit=200)]


@dataclass(frozen=True)
class OplogPage:
    period: ReportPeriod
    usage: OplogUsage


class OplogScreen(ListScreen["OplogPage"]):
    help_key = "oplog.title"
    BINDINGS = bindings("reports.prev", "reports.next", "oplog.open", "oplog.import",
                        "oplog.dormant")
    COLUMNS = (("oplog.unit", 12), ("oplog.accounts", 9), ("oplog.usage", 6),
               ("oplog.operations", 7), ("oplog.days", 4), ("oplog.off_hours", 6),
               ("oplog.top", 16))
    WATCHES = frozenset(("oplog_entry", "oplog_account"))
    GROW = ("oplog.top", "oplog.unit")

    def __init__(self, unit: tuple[int, str] | None = None,
                 period: ReportPeriod | None = None) -> None:
        super().__init__()
        self.unit = unit  # (id, name): the unit's people
        self.period = period
        self.unit_ids: dict[str, int] = {}  # the listed units' ids, by row key

    def fetch(self, ws: Workspace, actor: Actor) -> OplogPage:
        from helpdesk.monitoring.oplog import oplog_usage

        if self.period is None:
            today = ws.now().astimezone(ws.hours.zone).date()
            self.period = shifted(month_of(today), -1)
        return OplogPage(self.period, oplog_usage(ws, actor, self.period.start, self.period.end,
                                                  self.unit[0] if self.unit else None))

    def show(self, data: OplogPage) -> None:
        usage = data.usage
        if self.unit is not None:
            rows = [(line.label, usage_cells(line, plain(line.label))) for line in usage.people]
        else:
            rows = [("__all__", usage_cells(usage.total, Text(t("oplog.all"), style="bold")))]
            rows += [(f"__{line.label}", usage_cells(line, Text(
                t(f"units.kind_{line.label}"), style="bold"))) for line in usage.kinds]
            rows += [(line.label, usage_cells(line, plain(line.label))) for line in usage.units]
            self.unit_ids = {line.label: line.unit_id for line in usage.units
                             if line.unit_id is not None}
        fill(self.table, rows)
        scope = t("oplog.people_of", unit=self.unit[1]) if self.unit else ""
        self.set_status(t("oplog.period", start=str(usage.start), end=str(usage.end))
                        + (f" · {scope}" if scope else ""))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open" and self.unit is not None:
            return None
        return super().check_action(action, parameters)

    def _move(self, steps: int) -> None:
        if self.period is not None:
            self.period = shifted(self.period, steps)
            self.action_refresh()

    def action_prev(self) -> None:
        self._move(-1)

    def action_next(self) -> None:
        self._move(1)

    def action_open(self) -> None:
        key = self.cursor_key()
        if key in self.unit_ids:
            self.app.push_screen(OplogScreen((self.unit_ids[key], key), self.period))

    def action_dormant(self) -> None:
        self.app.push_screen(DormantScreen())

    def action_import(self) -> None:
        from helpdesk.monitoring.oplog_import import OplogImportReport, import_oplog

        from ..file_import import ask_import

        def read(rows: int) -> None:  # in the worker: a year of a province's log takes minutes
            self.app.call_from_thread(self.set_status,
                                      t("oplog.rows_read", rows=f"{rows:,}"))

        def run(ws: Workspace, actor: Actor, path: Path) -> OplogImportReport:
            return import_oplog(ws, actor, path, progress=read)

        def counts(report: OplogImportReport) -> str:
            return t("oplog.import_counts", kind=t(f"oplog.kind_{report.kind}"),
                     rows=report.rows, added=report.added, updated=report.updated,
                     unchanged=report.unchanged, errors=report.error_count)

        ask_import(self, t("oplog.import_prompt"), "操作日志.csv", t("oplog.import_title"),
                   run, counts)


class DormantScreen(ListScreen["list[DormantAccount]"]):
    """Enabled accounts unused for `[inspection] unused_account_days` days, longest idle first;
    `g` asks (y/n) for their disabling as one configuration request."""

    help_key = "oplog.dormant_title"
    BINDINGS = bindings("oplog.request")
    COLUMNS = (("oplog.account", 10), ("oplog.name", 8), ("oplog.unit", 14),
               ("oplog.last_used", 10), ("oplog.idle", 10))
    GROW = ("oplog.unit",)

    def __init__(self) -> None:
        super().__init__()
        self.accounts: list[DormantAccount] = []
        self.days = 0

    def fetch(self, ws: Workspace, actor: Actor) -> list[DormantAccount]:
        from helpdesk.monitoring.oplog import dormant_accounts

        self.days = ws.config.inspection.unused_account_days
        return dormant_accounts(ws, actor, self.days)

    def show(self, data: list[DormantAccount]) -> None:
        self.accounts = data
        fill(self.table, [(d.account, [
            plain(d.account), plain(d.name), plain(d.unit or "—"),
            Text(str(d.last_used) if d.last_used else "—"),
            Text(t("oplog.never_used") if d.idle_days is None
                 else t("oplog.idle_days", days=d.idle_days),
                 style="red" if d.idle_days is None else "")]) for d in data])
        self.set_status(t("oplog.dormant_count", count=len(data), days=self.days))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "request" and not self.accounts:
            return None
        return super().check_action(action, parameters)

    def action_request(self) -> None:
        from ..confirm import ask

        ask(self, t("oplog.request_confirm", count=len(self.accounts), days=self.days),
            self._request)

    @work(thread=True, exclusive=True, group="request")
    def _request(self) -> None:
        from helpdesk.app.desk import dormant_request

        app = self.helpdesk
        assert app.ws is not None and app.actor is not None
        try:
            number, count = dormant_request(app.ws, app.actor, self.days)
        except HelpdeskError as err:
            app.call_from_thread(self.show_error, str(err))
            return
        app.call_from_thread(self.notify, t("oplog.requested", number=number, count=count),
                             markup=False)


def month_of(day: date) -> ReportPeriod:
    return parse_period("monthly", period_label("monthly", day))
