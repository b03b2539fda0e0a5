"""巡检: the contract months in one strip (on time, late, missing, due), and one month's
inspection: its checklist marked item by item, the usage figures, finishing it, and issues
sent to the questions desk as problems."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.widgets import Static

from helpdesk.i18n import t

from ..keys import bindings
from ..lists import ListScreen
from ..render import local_time, plain
from ..widgets.paged_table import fill

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.inspection.actions import InspectionView, ResultView
    from helpdesk.inspection.obligation import InspectionMonth
    from helpdesk.monitoring.oplog_figures import UsageLine
    from helpdesk.services.workspace import Workspace

STATE_MARK = {"met": ("✔", "green"), "late": ("✔", "yellow"), "missing": ("✘", "bold red"),
              "due": ("!", "bold yellow"), "open": ("…", ""), "future": ("·", "dim")}
RESULT_MARK = {"ok": ("✔ ", "green"), "issue": ("✘ ", "bold red"), "na": ("— ", "dim"),
               "": ("· ", "dim")}


@dataclass(frozen=True)
class InspectionPage:
    months: list[InspectionMonth]
    month: str
    view: InspectionView | None
    # The terminal inventory for the environment check: terminals, outdated per plug-in.
    terminals: int = 0
    outdated: tuple[tuple[str, int], ...] = ()
    # The month's operation log for the log-analysis items (`g` opens the analysis).
    oplog: UsageLine | None = None


def default_month(months: list[InspectionMonth]) -> str:
    """The month needing work: the oldest one due, else the current one, else the last."""
    for state in ("due", "open"):
        found = next((m.month for m in months if m.state == state), None)
        if found:
            return found
    ended = [m.month for m in months if m.state != "future"]
    return ended[-1] if ended else months[0].month


def month_strip(months: list[InspectionMonth], chosen: str) -> Text:
    line = Text(t("inspection.strip") + " ", style="bold")
    for row in months:
        mark, style = STATE_MARK[row.state]
        label = Text(f"{row.month[5:]}{mark}", style=style)
        if row.month == chosen:
            label.stylize("reverse")
        line.append_text(label)
        line.append(" ")
    return line


class InspectionScreen(ListScreen["InspectionPage"]):
    SCOPED_CSS = False
    DEFAULT_CSS = """
    #inspection-strip {
        height: 1;
        padding: 0 1;
    }
    #inspection-head {
        width: 100%;
        height: 2;
        padding: 0 1;
    }
    """
    BINDINGS = bindings("inspection.ok", "inspection.issue", "inspection.na",
                        "inspection.usage", "inspection.import", "inspection.finish",
                        "inspection.problem", "inspection.start", "inspection.prev",
                        "inspection.next", "inspection.inventory", "inspection.oplog",
                        "inspection.reopen")
    help_key = "nav.inspection"
    ZEBRA = False
    COLUMNS = (("inspection.no", 2), ("inspection.section", 4), ("inspection.item", 38),
               ("inspection.result", 8), ("inspection.note", 18))
    GROW = ("inspection.item", "inspection.note")

    def __init__(self, month: str | None = None) -> None:
        super().__init__()
        self.page: InspectionPage | None = None
        self.month = month  # None: the month needing work

    def compose_top(self) -> ComposeResult:
        yield Static(id="inspection-strip")
        yield Static(id="inspection-head")

    def fetch(self, ws: Workspace, actor: Actor) -> InspectionPage:
        from helpdesk.calendar.periods import parse_period
        from helpdesk.inspection.actions import find_inspection, inspection_obligation
        from helpdesk.monitoring.inventory import outdated_summary
        from helpdesk.monitoring.oplog import oplog_usage

        months = inspection_obligation(ws, actor)
        month = self.month or default_month(months)
        span = parse_period("monthly", month)
        log = oplog_usage(ws, actor, span.start, span.end).total
        return InspectionPage(months, month, find_inspection(ws, actor, month),
                              *outdated_summary(ws, actor),
                              oplog=log if log.operations or log.accounts else None)

    def show(self, data: InspectionPage) -> None:
        page: InspectionPage = data
        self.page, self.month = page, page.month
        self.query_one("#inspection-strip", Static).update(month_strip(page.months, page.month))
        self.query_one("#inspection-head", Static).update(self._head(page))
        view = page.view
        fill(self.table, [] if view is None else [
            (str(r.id), [plain(str(r.position)), plain(r.section_title, limit=6),
                         plain(r.item), plain(*_result_text(r)),
                         plain(f"{r.problem_number} {r.note}".strip() if r.problem_number
                               else r.note)])
            for r in view.results])
        if view is None:
            self.set_status(t("inspection.not_started", month=page.month))
        else:
            log = page.oplog
            self.set_status(t("inspection.counts", checked=sum(1 for r in view.results
                                                               if r.result),
                              total=len(view.results), issues=view.count("issue"))
                            + ("" if log is None else " · " + t(
                                "inspection.oplog_line", usage=log.usage.percent(),
                                operations=f"{log.operations:,}")))

    def _head(self, page: InspectionPage) -> Text:
        row = next((m for m in page.months if m.month == page.month), None)
        head = Text(no_wrap=True, overflow="ellipsis")
        head.append(f"{page.month} ", style="bold")
        if row is not None:
            _mark, style = STATE_MARK[row.state]
            head.append(f"{t(f'inspection.state_{row.state}')} ", style=style)
            head.append(t("inspection.due_on", day=f"{row.due:%m-%d}")
                        + ("?" if row.due_provisional else ""), style="dim")
        view = page.view
        if view is not None:
            zone = self.helpdesk.ws.hours.zone if self.helpdesk.ws else None
            status = t("inspection.done_by", by=view.done_by,
                       day=local_time(view.done_at, zone, "%m-%d")) \
                if view.done_at and zone else t("inspection.running")
            head.append(f" · #{view.id} {status}")
            head.append("\n")
            head.append(t("inspection.coverage") + " ", style="dim")
            head.append(view.coverage.percent() if view.coverage else "—")
            head.append("  " + t("inspection.usage") + " ", style="dim")
            head.append(view.usage.percent() if view.usage else "—")
            if view.unconnected:
                head.append("  " + t("inspection.unconnected", count=len(view.unconnected)),
                            style="bold red")
            self._inventory(page, head, "  ")
            if view.usage_source:
                head.append("  ")
                head.append_text(plain(f"({view.usage_source})", style="dim", limit=40))
        else:
            self._inventory(page, head, "\n")
        return head

    @staticmethod
    def _inventory(page: InspectionPage, head: Text, separator: str) -> None:
        """The environment check's evidence from the terminal inventory (`d` lists it)."""
        if not page.terminals:
            return
        head.append(separator)
        head.append(t("inspection.inventory_line", count=page.terminals) + " ", style="dim")
        stale = sum(count for _name, count in page.outdated)
        head.append(t("inspection.inventory_stale", count=stale) if stale
                    else t("inspection.inventory_current"), style="bold red" if stale else "green")

    def action_oplog(self) -> None:
        from helpdesk.calendar.periods import parse_period

        from .oplog import OplogScreen

        self.app.push_screen(OplogScreen(period=parse_period("monthly", self.month)
                                         if self.month else None))

    def action_inventory(self) -> None:
        from .inventory import InventoryScreen

        self.app.push_screen(InventoryScreen())

    def _current(self) -> ResultView | None:
        view = self.page.view if self.page else None
        row = self.table.cursor_row
        if view is None or not 0 <= row < len(view.results):
            return None
        return view.results[row]

    # --- moving between months -----------------------------------------------------------
    def _step(self, offset: int) -> None:
        if self.page is None:
            return
        keys = [m.month for m in self.page.months]
        index = keys.index(self.page.month) + offset if self.page.month in keys else 0
        if 0 <= index < len(keys):
            self.month = keys[index]
            self.reload()

    def action_prev(self) -> None:
        self._step(-1)

    def action_next(self) -> None:
        self._step(1)

    # --- marking items -------------------------------------------------------------------
    def action_mark(self, result: str) -> None:
        item = self._current()
        if item is None:
            return
        if result != "issue":
            self._mark(item.id, item.version, result, item.note if result == item.result
                       else "", True)
            return
        from ..prompt import PromptScreen

        def with_note(note: str | None) -> None:
            if note:
                self._mark(item.id, item.version, "issue", note, True)

        self.app.push_screen(PromptScreen(t("inspection.issue_prompt"), value=item.note),
                             with_note)

    @work(thread=True, group="mark")
    def _mark(self, result_id: int, version: int, result: str, note: str,
              advance: bool) -> None:
        from helpdesk.inspection.actions import record_result

        if self.call_service(lambda ws, actor: record_result(ws, actor, result_id, version,
                                                             result, note)) and advance:
            self.app.call_from_thread(self.table.action_cursor_down)

    def action_problem(self) -> None:
        from ..confirm import ask

        item = self._current()
        if item is not None:  # it makes a desk record: asked first (issue 34)
            ask(self, t("inspection.confirm_problem", position=item.position, item=item.item),
                lambda: self._problem(item.id))

    @work(thread=True, group="problem")
    def _problem(self, result_id: int) -> None:
        from helpdesk.app.desk import inspection_problem

        if self.call_service(lambda ws, actor: inspection_problem(ws, actor, result_id)):
            self.app.call_from_thread(self.notify, t("inspection.problem_raised"))

    # --- the inspection ------------------------------------------------------------------
    def action_start(self) -> None:
        """A month's inspection record is made on y, not on one key (`s` is also the staff
        area's letter: this screen's footer shows it)."""
        from ..confirm import ask

        if self.page is not None and self.page.view is None:
            month = self.page.month
            ask(self, t("inspection.confirm_start", month=month),
                lambda: self._run(lambda ws, actor: _start(ws, actor, month)))

    def action_usage(self) -> None:
        from .inspection_forms import UsageForm

        if self.page is not None and self.page.view is not None:
            self.app.push_screen(UsageForm(self.page.view), self.reload_if_saved)

    def action_import(self) -> None:
        from ..prompt import PromptScreen

        if self.page is None or self.page.view is None:
            return
        inspection_id = self.page.view.id

        def with_path(value: str | None) -> None:
            if value:
                self._import(inspection_id, Path(value).expanduser())

        self.app.push_screen(PromptScreen(t("inspection.import_prompt"),
                                          placeholder="usage.xlsx"), with_path)

    @work(thread=True, group="import")
    def _import(self, inspection_id: int, path: Path) -> None:
        from helpdesk.inspection.imports import import_usage

        outcome: list[Any] = []
        if not self.call_service(lambda ws, actor: outcome.append(
                import_usage(ws, actor, inspection_id, path))):
            return
        report, _view = outcome[0]
        if report.errors:
            lines = "; ".join(t("inspection.row_error", row=row, reason=reason)
                              for row, reason in report.errors[:5])
            self.app.call_from_thread(self.notify, t("inspection.import_refused",
                                                     count=len(report.errors)) + " " + lines,
                                      severity="error", markup=False, timeout=12)
        else:
            self.app.call_from_thread(self.notify, t("inspection.imported", rows=report.rows),
                                      markup=False)

    def action_finish(self) -> None:
        from ..prompt import PromptScreen

        view = self.page.view if self.page else None
        if view is None:
            return

        def with_summary(summary: str | None) -> None:
            if summary is not None:
                self._run(lambda ws, actor: _finish(ws, actor, view.id, view.version, summary))

        self.app.push_screen(PromptScreen(t("inspection.summary_prompt"), value=view.summary),
                             with_summary)

    def action_reopen(self) -> None:
        from ..prompt import PromptScreen

        view = self.page.view if self.page else None
        if view is None or view.status != "done":
            return

        def with_reason(reason: str | None) -> None:
            if reason:
                self._run(lambda ws, actor: _reopen(ws, actor, view.id, view.version, reason))

        self.app.push_screen(PromptScreen(t("inspection.reopen_prompt")), with_reason)

    @work(thread=True, group="inspection")
    def _run(self, call: Any) -> None:
        self.call_service(call)


def _result_text(item: ResultView) -> tuple[str, str]:
    mark, style = RESULT_MARK[item.result]
    return mark + (t(f"inspection.r_{item.result}") if item.result else ""), style


def _start(ws: Workspace, actor: Actor, month: str) -> object:
    from helpdesk.inspection.actions import start_inspection

    return start_inspection(ws, actor, month)


def _finish(ws: Workspace, actor: Actor, inspection_id: int, version: int, summary: str
            ) -> object:
    from helpdesk.inspection.actions import finish_inspection

    return finish_inspection(ws, actor, inspection_id, version, summary)


def _reopen(ws: Workspace, actor: Actor, inspection_id: int, version: int, reason: str
            ) -> object:
    from helpdesk.inspection.actions import reopen_inspection

    return reopen_inspection(ws, actor, inspection_id, version, reason)
