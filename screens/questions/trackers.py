"""需求与问题: the requirement and problem registers with their status flows; late problems
(follow-up date passed, in working days) are marked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work

from helpdesk.errors import HelpdeskError
from helpdesk.i18n import t

from ..keys import bindings
from ..lists import PagedListScreen
from ..render import plain
from ..widgets.paged_table import fill

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.questions.trackers import TrackerView
    from helpdesk.services.workspace import Workspace

KINDS: tuple[str | None, ...] = (None, "requirement", "problem")


class TrackersScreen(PagedListScreen["list[TrackerView]", int]):
    BINDINGS = bindings("trackers.open", "trackers.next", "trackers.back", "trackers.kind",
                        "trackers.late")
    help_key = "nav.trackers"
    COLUMNS = (("trackers.number", 10), ("trackers.kind_column", 6), ("trackers.status", 8),
               ("queue.title", 36), ("trackers.follow_up", 10))
    WATCHES = frozenset(("tracker_item", "question"))
    GROW = ("queue.title",)

    def __init__(self) -> None:
        super().__init__()
        self.kind: str | None = None
        self.late_only = False
        self.items: list[TrackerView] = []

    def fetch(self, ws: Workspace, actor: Actor) -> list[TrackerView]:
        from helpdesk.questions.trackers import list_items

        return list_items(ws, actor, kind=self.kind, late_only=self.late_only,
                          before_id=self.pager.start, limit=self.PAGE_SIZE)

    def show(self, data: list[TrackerView]) -> None:
        self.items = data
        fill(self.table, [
            (str(item.id), [
                plain(item.number, style="dim"), plain(t(f"trackers.{item.kind}")),
                plain(t(f"trackers.state_{item.status}")), plain(item.title),
                Text(("✘ " if item.late else "") + (f"{item.follow_up_due:%m-%d}"
                                                    if item.follow_up_due else ""),
                     style="bold red" if item.late else "")])
            for item in self.items
        ])
        scope = [t(f"trackers.{self.kind}") if self.kind else t("trackers.all")]
        if self.late_only:
            scope.append(t("trackers.late_only"))
        self.page_loaded(len(self.items), self.items[-1].id if self.items else None, *scope)

    def action_open(self) -> None:
        from .requirement_doc import RequirementDocScreen

        row = self.table.cursor_row
        if 0 <= row < len(self.items):
            self.app.push_screen(RequirementDocScreen(self.items[row].id))

    def action_toggle_kind(self) -> None:
        self.kind = KINDS[(KINDS.index(self.kind) + 1) % len(KINDS)]
        self.pager.reset()
        self.action_refresh()

    def action_toggle_late(self) -> None:
        self.late_only = not self.late_only
        self.pager.reset()
        self.action_refresh()

    def action_advance(self, step: int) -> None:
        from helpdesk.questions.trackers import FLOWS

        from ..prompt import PromptScreen

        row = self.table.cursor_row
        if not 0 <= row < len(self.items):
            return
        item = self.items[row]
        flow = FLOWS[item.kind]
        index = flow.index(item.status) + step
        if not 0 <= index < len(flow):  # said, not silently ignored (issue 34)
            self.notify(t("trackers.at_last" if step > 0 else "trackers.at_first",
                          number=item.number, state=t(f"trackers.state_{item.status}")),
                        markup=False)
            return
        target = flow[index]
        if target == "fed_back":  # the province's reference is asked for: that is the question
            def with_reference(reference: str | None) -> None:
                if reference:
                    self._advance(item, target, reference)

            self.app.push_screen(PromptScreen(t("trackers.ref_prompt")), with_reference)
        else:  # one key moves a record: asked first, naming both states (issue 34)
            from ..confirm import ask

            ask(self, t("trackers.confirm_move", number=item.number,
                        before=t(f"trackers.state_{item.status}"),
                        after=t(f"trackers.state_{target}")),
                lambda: self._advance(item, target, ""))

    @work(thread=True, exclusive=True, group="act")
    def _advance(self, item: TrackerView, target: str, reference: str) -> None:
        from helpdesk.questions.trackers import advance

        app = self.helpdesk
        assert app.ws is not None and app.actor is not None
        try:
            advance(app.ws, app.actor, item.id, item.version, target, province_ref=reference)
        except HelpdeskError as err:
            app.call_from_thread(self.show_error, str(err))
        else:
            app.call_from_thread(self.notify, t(
                "trackers.moved", number=item.number,
                before=t(f"trackers.state_{item.status}"),
                after=t(f"trackers.state_{target}")), markup=False)
        app.call_from_thread(self.reload)
