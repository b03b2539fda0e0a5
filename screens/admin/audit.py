"""审计日志: newest first, one keyset page at a time, with the chain's health on top."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from helpdesk.audit_summary import action_label, actor_label, describe, record_label
from helpdesk.i18n import t

from ..lists import PagedListScreen
from ..render import local_time, plain
from ..widgets.paged_table import fill

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.app.audit_feed import AuditView
    from helpdesk.audit import ChainReport
    from helpdesk.services.workspace import Workspace


@dataclass(frozen=True)
class AuditPage:
    records: list[AuditView]
    chain: ChainReport | None


class AuditScreen(PagedListScreen["AuditPage", int]):
    help_key = "nav.audit"
    PAGE_SIZE = 50
    ZEBRA = False
    COLUMNS = (("audit.seq", 5), ("audit.at", 11), ("audit.actor", 8), ("audit.action", 14),
               ("audit.summary", 60))
    GROW = ("audit.summary",)

    def compose_top(self) -> ComposeResult:
        yield Static(id="chain", classes="status")

    def fetch(self, ws: Workspace, actor: Actor) -> AuditPage:
        from helpdesk.app.audit_feed import list_audit

        records = list_audit(ws, actor, before_seq=self.pager.start,
                             limit=self.PAGE_SIZE)
        return AuditPage(records, None)

    def on_mount(self) -> None:
        # The chain is walked beside the list, never before it: the page shows at once and
        # the line above it says "checking…" until the walk is done (issue 33).
        self.query_one("#chain", Static).update(Text(t("audit.chain_checking"), style="dim"))
        self.run_worker(self._walk_chain, thread=True, group="chain", exclusive=True)

    def _walk_chain(self) -> None:
        from helpdesk.services.audit_log import verify_chain

        ws = self.helpdesk.ws
        if ws is None:
            return
        report = verify_chain(ws, incremental=True)
        self.app.call_from_thread(self._show_chain, report)

    def _show_chain(self, report: ChainReport) -> None:
        chain = self.query_one("#chain", Static)
        if report.ok:
            chain.update(Text("✔ " + t("audit.chain_ok", count=report.checked), style="green"))
        else:
            chain.update(Text("✘ " + t("audit.chain_broken", seq=report.broken_at,
                                       reason=report.reason), style="bold red"))

    def show(self, data: AuditPage) -> None:
        page: AuditPage = data
        zone = self.helpdesk.ws.hours.zone if self.helpdesk.ws else None
        self.page_loaded(len(page.records), page.records[-1].seq if page.records else None)
        fill(self.table, [
            (str(record.seq), [
                plain(record.seq), plain(local_time(record.at, zone) if zone else record.at),
                plain(actor_label(record.actor, record.actor_name)),
                plain(action_label(record.action), style="cyan"),
                plain(f"{record_label(record.entity, record.entity_id, record.reference)} "
                      f"{describe(record.summary, zone, record.entity)}"),
            ])
            for record in page.records
        ])
        if page.chain is not None:
            self._show_chain(page.chain)
