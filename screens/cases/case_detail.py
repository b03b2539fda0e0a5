"""One petition case: masked personal data (unmask with a reason, reverted when the screen is
left), the next statutory deadline explained, the timeline, and the urging log."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Header, Static

from helpdesk.errors import HelpdeskError
from helpdesk.i18n import t

from ..base import DataScreen
from ..keys import bindings
from ..render import local_time, multiline, plain
from ..widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.cases.actions import CaseDetail, CaseView
    from helpdesk.services.workspace import Workspace


class CaseDetailScreen(DataScreen["CaseDetail"]):
    SCOPED_CSS = False
    DEFAULT_CSS = """
    #case-detail {
        height: 1fr;
        padding: 0 1;
    }
    #case-head, #case-deadline, #case-timeline, #case-urgings, #case-proxy {
        height: auto;
    }
    """
    BINDINGS = bindings("case.stage", "case.extend", "case.hearing", "case.proxy",
                        "case.unmask")
    help_key = "cases.detail"

    def __init__(self, case_id: int) -> None:
        super().__init__()
        self.case_id = case_id
        self.detail: CaseDetail | None = None
        self.clear: CaseView | None = None  # unmasked values, only while this screen shows

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="case-detail"):
            yield Static(id="case-head")
            yield Static(id="case-deadline", classes="panel")
            yield Static(id="case-timeline", classes="panel")
            yield Static(id="case-urgings", classes="panel")
            yield Static(id="case-proxy", classes="panel")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#case-deadline").border_title = t("cases.next_deadline")
        self.query_one("#case-timeline").border_title = t("cases.timeline")
        self.query_one("#case-urgings").border_title = t("cases.urgings")
        self.query_one("#case-proxy").border_title = t("proxy.title")
        if self.helpdesk.ws is not None:
            self.reload()

    def on_screen_suspend(self) -> None:
        self.clear = None  # unmasking reverts when the screen is left
        if self.detail is not None:
            self.show(self.detail)

    def watched_record(self) -> tuple[str, str]:
        return ("petition_case", str(self.case_id))

    def fetch(self, ws: Workspace, actor: Actor) -> CaseDetail:
        from helpdesk.cases.actions import get_case_detail

        return get_case_detail(ws, actor, self.case_id)

    def show(self, data: CaseDetail) -> None:
        detail: CaseDetail = data
        self.detail = detail
        case = self.clear or detail.case
        head = Text()
        head.append_text(plain(case.case_number, style="bold"))
        head.append("  " + t(f"cases.stage_{case.stage}"))
        if case.supervised:
            head.append("  " + t("worklist.supervised"), style="magenta")
        if case.extension_days:
            head.append("  " + t("worklist.extended") + f" +{case.extension_days}",
                        style="cyan")
        head.append("\n")
        head.append_text(plain(case.subject, style="bold"))
        head.append("\n")
        head.append_text(plain(f"{detail.unit or '—'}  {case.petitioner}  {case.id_number}  "
                               f"{case.phone}", style="" if self.clear is None else "yellow"))
        if case.id_legacy:
            head.append("  " + t("cases.legacy_id"), style="dim")
        if detail.summary:
            head.append("\n")
            head.append_text(multiline(detail.summary, limit=2000))
        self.query_one("#case-head", Static).update(head)
        deadline = Text()
        if case.next_step:
            due = t("cases.provisional_due", earliest=f"{case.next_due}",
                    expected=f"{case.next_due_expected}") if case.due_provisional \
                else f"{case.next_due or '?'}"
            deadline.append(f"{t(f'urging.step_{case.next_step}')}  {due}\n", style="bold")
        deadline.append(detail.deadline_explanation or t("cases.no_deadline"), style="dim")
        self.query_one("#case-deadline", Static).update(deadline)
        zone = self.helpdesk.ws.hours.zone if self.helpdesk.ws else None
        timeline = Table(box=None, show_header=False, pad_edge=False, expand=True)
        timeline.add_column(no_wrap=True, width=10)
        timeline.add_column(no_wrap=True, width=10)
        timeline.add_column(ratio=1)
        for stage, on_date in sorted(detail.dates.items(), key=lambda pair: pair[1]):
            timeline.add_row(Text(str(on_date)), Text(""),
                             Text(t(f"cases.stage_{stage}"), style="bold"))
        for event in detail.events:
            label = t(f"cases.stage_{event.stage}") if event.stage else ""
            if event.kind not in ("stage", "registered"):  # what happened within the stage
                label += " " + t(f"cases.event_{event.kind}")
            timeline.add_row(Text(str(event.on_date or "")), plain(event.actor, style="dim"),
                             plain(f"{label} {event.detail}", limit=200))
        self.query_one("#case-timeline", Static).update(timeline)
        urgings: list[Any] = [plain(
            f"{local_time(u.at, zone) if zone else ''} {u.actor} "
            f"{t(f'urging.method_{u.method}')} {u.contact}：{u.agreed} → {u.next_check or ''}",
            limit=200) for u in detail.urgings] or [Text(t("list.empty"), style="dim")]
        self.query_one("#case-urgings", Static).update(Group(*urgings))
        proxy = self.query_one("#case-proxy", Static)
        proxy.display = bool(detail.proxy)
        proxy.update(Group(*(plain(
            f"{local_time(p.done_at, zone) if zone else ''} {t(f'proxy.action_{p.action}')} "
            + t("proxy.line", behalf=p.on_behalf_of, authorised=p.authorised_by)
            + (f" {p.note}" if p.note else ""), limit=200) for p in detail.proxy)))

    def action_stage(self) -> None:
        from helpdesk.cases.actions import STAGES

        from .case_forms import CaseStageForm

        if self.detail is None or self.helpdesk.ws is None:
            return
        case = self.detail.case
        next_stages = [name for name, (_col, after) in STAGES.items() if case.stage in after]
        if not next_stages:
            return
        today = self.helpdesk.ws.now().astimezone(self.helpdesk.ws.hours.zone).date()
        self.app.push_screen(CaseStageForm(case.id, case.version, case.case_number,
                                           next_stages, today), self.reload_if_saved)

    def action_extend(self) -> None:
        from .case_forms import CaseExtendForm

        if self.detail is None or self.helpdesk.ws is None:
            return
        case = self.detail.case
        today = self.helpdesk.ws.now().astimezone(self.helpdesk.ws.hours.zone).date()
        self.app.push_screen(CaseExtendForm(case.id, case.version, case.case_number, today),
                             self.reload_if_saved)

    def action_hearing(self) -> None:
        from .case_forms import CaseHearingForm

        if self.detail is None or self.helpdesk.ws is None:
            return
        case = self.detail.case
        today = self.helpdesk.ws.now().astimezone(self.helpdesk.ws.hours.zone).date()
        self.app.push_screen(CaseHearingForm(case.id, case.version, case.case_number, today),
                             self.reload_if_saved)

    def action_proxy(self) -> None:
        from .proxy import ProxyForm

        if self.detail is None or self.helpdesk.ws is None:
            return
        today = self.helpdesk.ws.now().astimezone(self.helpdesk.ws.hours.zone).date()
        self.app.push_screen(ProxyForm(self.detail.case.case_number, today),
                             self.reload_if_saved)

    def action_unmask(self) -> None:
        from ..prompt import PromptScreen

        def with_reason(reason: str | None) -> None:
            if reason:
                self._unmask(reason)

        self.app.push_screen(PromptScreen(t("cases.unmask_prompt")), with_reason)

    @work(thread=True, exclusive=True, group="unmask")
    def _unmask(self, reason: str) -> None:
        from helpdesk.cases.actions import unmask

        app = self.helpdesk
        assert app.ws is not None and app.actor is not None
        try:
            clear = unmask(app.ws, app.actor, self.case_id, reason)
        except HelpdeskError as err:
            app.call_from_thread(self.show_error, str(err))
            return
        app.call_from_thread(self._show_clear, clear)

    def _show_clear(self, clear: CaseView) -> None:
        self.clear = clear
        if self.detail is not None:
            self.show(self.detail)
