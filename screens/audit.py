"""审计日志: newest first, one keyset page at a time, with the chain's health on top."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Footer, Header, Static

from helpdesk.audit_summary import describe
from helpdesk.i18n import t
from screens.base import DataScreen
from screens.keys import bindings
from screens.render import local_time, plain
from screens.widgets.paged_table import KeysetPager, fill

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.audit import ChainReport
    from helpdesk.services.audit_log import AuditView
    from helpdesk.services.workspace import Workspace

PAGE_SIZE = 50


@dataclass(frozen=True)
class AuditPage:
    records: list[AuditView]
    chain: ChainReport | None


class AuditScreen(DataScreen):
    BINDINGS = bindings("list.next_page", "list.prev_page")
    help_key = "nav.audit"

    def __init__(self) -> None:
        super().__init__()
        self.pager: KeysetPager[int] = KeysetPager(PAGE_SIZE)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="chain", classes="status")
        table: DataTable[Text] = DataTable(id="audit-table", cursor_type="row")
        yield table
        yield Static(id="pager", classes="status")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#audit-table", DataTable)
        table.add_column(t("audit.seq"), width=5)
        table.add_column(t("audit.at"), width=11)
        table.add_column(t("audit.actor"), width=8)
        table.add_column(t("audit.action"), width=14)
        table.add_column(t("audit.summary"), width=60)
        table.focus()

    def fetch(self, ws: Workspace, actor: Actor) -> AuditPage:
        from helpdesk.services.audit_log import list_audit, verify_chain

        records = list_audit(ws, actor, before_seq=self.pager.start, limit=PAGE_SIZE)
        chain = verify_chain(ws) if self.pager.page_number == 1 else None
        return AuditPage(records, chain)

    def show(self, data: Any) -> None:
        page: AuditPage = data
        zone = self.helpdesk.ws.hours.zone if self.helpdesk.ws else None
        self.pager.loaded(len(page.records), page.records[-1].seq if page.records else None)
        fill(self.query_one("#audit-table", DataTable), [
            (str(record.seq), [
                plain(record.seq), plain(local_time(record.at, zone) if zone else record.at),
                plain(record.actor), plain(record.action, style="cyan"),
                plain(f"{record.entity}#{record.entity_id} {describe(record.summary)}"),
            ])
            for record in page.records
        ])
        if page.chain is not None:
            chain = self.query_one("#chain", Static)
            if page.chain.ok:
                chain.update(Text("✔ " + t("audit.chain_ok", count=page.chain.checked),
                                  style="green"))
            else:
                chain.update(Text("✘ " + t("audit.chain_broken", seq=page.chain.broken_at,
                                           reason=page.chain.reason), style="bold red"))
        self.query_one("#pager", Static).update(Text(t("list.page", page=self.pager.page_number)))

    def action_next_page(self) -> None:
        if self.pager.forward():
            self.action_refresh()

    def action_prev_page(self) -> None:
        if self.pager.back():
            self.action_refresh()
