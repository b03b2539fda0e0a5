"""One question: details, both SLA clocks with their explanation, answer, links and history.
Lifecycle keys act through services in workers; the screen reloads after each."""

from __future__ import annotations

from collections.abc import Callable
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
from helpdesk.masking import mask_phone
from helpdesk.vocab import OPEN_STATUSES, REOPENABLE_STATUSES, TRANSITIONS

from ..base import DataScreen
from ..keys import bindings
from ..render import local_time, multiline, plain
from ..widgets.key_footer import KeyFooter
from .question_render import clock_text, status_text

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.app.desk import QuestionPage
    from helpdesk.services.workspace import Workspace

    from .reply import Reply


class QuestionDetailScreen(DataScreen["QuestionPage"]):
    # Styles of this screen load with it (not at start-up).
    SCOPED_CSS = False
    DEFAULT_CSS = """
    #detail {
        height: 1fr;
        padding: 0 1;
    }
    #summary, #body {
        height: auto;
        margin-bottom: 1;
    }
    #sla, #history {
        height: auto;
    }
    """
    BINDINGS = bindings("question.reply", "question.start", "question.wait",
                        "question.escalate", "question.close", "question.reopen",
                        "question.faq", "question.requirement", "question.problem",
                        "question.config", "question.terminal")
    help_key = "question.detail"

    def __init__(self, question_id: int) -> None:
        super().__init__()
        self.question_id = question_id
        self.detail: QuestionPage | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="detail"):
            yield Static(id="summary")
            yield Static(id="sla", classes="panel")
            yield Static(id="body")
            yield Static(id="history", classes="panel")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#sla").border_title = "SLA"
        self.query_one("#history").border_title = t("question.history")
        if self.helpdesk.ws is not None:
            self.reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys the question's status refuses are neither offered in the footer nor run."""
        if self.detail is None:
            return True
        status = self.detail.row.status
        if action == "move":
            return parameters[0] in TRANSITIONS[status]
        if action == "escalate":
            return "escalated" in TRANSITIONS[status]
        if action == "reopen":
            return status in REOPENABLE_STATUSES
        if action == "reply":
            return status in OPEN_STATUSES
        return True

    def watched_record(self) -> tuple[str, str]:
        return ("question", str(self.question_id))

    def fetch(self, ws: Workspace, actor: Actor) -> QuestionPage:
        from helpdesk.app.desk import question_with_terminal

        return question_with_terminal(ws, actor, self.question_id)

    def show(self, data: QuestionPage) -> None:
        detail: QuestionPage = data
        self.detail = detail
        self.refresh_bindings()
        row = detail.row
        zone = self.helpdesk.ws.hours.zone if self.helpdesk.ws else None
        head = Text()
        head.append(row.number + "  ", style="bold")
        head.append_text(status_text(row.status))
        head.append("  " + t(f"category.{row.category}") + " · " + t(f"priority.{row.priority}")
                    + " · " + t(f"channel.{row.channel}") + "\n")
        head.append_text(plain(row.title, style="bold"))
        head.append("\n")
        head.append_text(plain(f"{row.unit or '—'}  {row.asker_name}  "
                               f"{mask_phone(detail.asker_phone)}  → {row.assignee}"))
        if detail.escalation_ref:
            head.append_text(plain(f"  {t('status.escalated')} {detail.escalation_ref}",
                                   style="magenta"))
        if zone:
            received = local_time(row.received_at, zone, "%Y-%m-%d %H:%M")
            head.append(f"\n{t('queue.received')} {received} · "
                        f"{t('question.time_spent', minutes=detail.time_spent_minutes)}",
                        style="dim")
        self.query_one("#summary", Static).update(head)
        clocks = Text()
        clocks.append(t("question.response") + " ")
        clocks.append_text(clock_text(row.response))
        clocks.append("   " + t("question.resolution") + " ")
        clocks.append_text(clock_text(row.resolution))
        explanation = Text("\n".join(detail.sla_explanation), style="dim")
        self.query_one("#sla", Static).update(Group(clocks, explanation))
        body: list[Any] = []
        if detail.description:
            body += [Text(t("question.description"), style="bold"), multiline(detail.description)]
        if detail.answer:
            body += [Text(t("question.answer"), style="bold"), multiline(detail.answer)]
        for article_id, title in detail.kb_articles:
            body.append(plain(f"{t('nav.kb')} #{article_id} {title}", style="cyan"))
        for number, kind, title in detail.trackers:
            body.append(plain(f"{t('trackers.' + kind)} {number} {title}", style="cyan"))
        terminal = detail.terminal
        if terminal is not None:
            line = plain(t("inventory.question_line", machine=terminal.machine,
                           unit=terminal.unit or t("inventory.bureau"),
                           user=terminal.user_name or "—"), style="cyan")
            if terminal.outdated:
                line.append(" ✘" + t("app.list_sep").join(f"{o.name} {o.installed}<{o.required}"
                                             for o in terminal.outdated), style="bold red")
            body.append(line)
        self.query_one("#body", Static).update(Group(*body))
        history = Table(box=None, show_header=False, pad_edge=False, expand=True)
        history.add_column(no_wrap=True, style="dim", width=11)
        history.add_column(no_wrap=True, width=8)
        history.add_column(ratio=1)
        for event in detail.events:
            moved = f"{t('status.' + event.from_status) if event.from_status else ''}→" \
                    f"{t('status.' + event.to_status)}" if event.kind == "status" else \
                t(f"question.event_{event.kind}")
            history.add_row(local_time(event.at, zone) if zone else "", plain(event.actor),
                            plain(f"{moved} {event.detail}", limit=300))
        self.query_one("#history", Static).update(history)

    def _act(self, call: Callable[[Workspace, Actor, QuestionPage], object],
             done: str = "") -> None:
        if self.detail is not None:
            self._run(call, done)

    @work(thread=True, exclusive=True, group="act")
    def _run(self, call: Callable[[Workspace, Actor, QuestionPage], object],
             done: str) -> None:
        app = self.helpdesk
        assert app.ws is not None and app.actor is not None and self.detail is not None
        try:
            call(app.ws, app.actor, self.detail)
        except HelpdeskError as err:
            app.call_from_thread(self.show_error, str(err))
        else:
            if done:
                app.call_from_thread(self.notify, done, markup=False)
        app.call_from_thread(self.reload)

    def action_move(self, status: str) -> None:
        from helpdesk.questions.actions import transition

        from ..confirm import ask

        if self.detail is None:
            return
        row = self.detail.row
        ask(self, t("question.confirm_move", number=row.number,
                    before=t(f"status.{row.status}"), after=t(f"status.{status}")),
            lambda: self._act(lambda ws, actor, d: transition(ws, actor, d.row.id,
                                                              d.row.version, status)),
            detail=row.title)

    def action_escalate(self) -> None:
        from ..prompt import PromptScreen

        def chosen(reference: str | None) -> None:
            from helpdesk.questions.actions import transition

            if reference:
                self._act(lambda ws, actor, d: transition(
                    ws, actor, d.row.id, d.row.version, "escalated", escalation_ref=reference))

        self.app.push_screen(PromptScreen(t("question.escalate_prompt"), "SJ-2026-..."), chosen)

    def action_reopen(self) -> None:
        from ..prompt import PromptScreen

        def chosen(reason: str | None) -> None:
            from helpdesk.questions.actions import reopen

            if reason:
                self._act(lambda ws, actor, d: reopen(ws, actor, d.row.id, d.row.version,
                                                      reason))

        self.app.push_screen(PromptScreen(t("question.reopen_prompt")), chosen)

    def action_reply(self) -> None:
        from .reply import ReplyScreen

        if self.detail is None:
            return

        from helpdesk.questions.actions import resolve

        row = self.detail.row

        def save(ws: Workspace, actor: Actor, reply: Reply) -> object:
            return resolve(ws, actor, row.id, row.version, answer=reply.answer,
                           time_spent_minutes=reply.minutes, kb_article_ids=reply.article_ids)

        def saved(reply: Reply | None) -> None:
            if reply is not None:
                self.notify(t("question.resolved_note"), markup=False)
                self.reload()

        self.app.push_screen(ReplyScreen(row.number, self.detail.answer, row.title,
                                         self.question_id, save), saved)

    def action_terminal(self) -> None:
        from ..prompt import PromptScreen

        detail = self.detail
        if detail is None:
            return
        current = detail.terminal.machine if detail.terminal else ""

        def with_machine(value: str | None) -> None:
            if value is not None:
                self._link_terminal(value.strip())

        self.app.push_screen(PromptScreen(t("inventory.link_prompt"), value=current,
                                          allow_empty=True), with_machine)

    @work(thread=True, exclusive=True, group="terminal")
    def _link_terminal(self, machine: str) -> None:
        from helpdesk.monitoring.inventory import link_question

        app = self.helpdesk
        assert app.ws is not None and app.actor is not None
        try:
            link_question(app.ws, app.actor, self.question_id, machine or None)
        except HelpdeskError as err:
            app.call_from_thread(self.show_error, str(err))
            return
        app.call_from_thread(self.reload)

    def action_config_request(self) -> None:
        from .config_request import ConfigRequestScreen

        if self.detail is None:
            return
        if self.detail.row.category != "configuration":
            self.show_error(t("config.only_configuration"))
            return
        self.app.push_screen(ConfigRequestScreen(self.detail.row.id, self.detail.row.number),
                             self.reload_if_saved)

    def action_faq(self) -> None:
        """A knowledge-base draft is a new record: asked first (y/n), a single letter must
        not create one by accident (issue 34)."""
        from helpdesk.questions.kb import draft_from_question

        from ..confirm import ask

        if self.detail is None:
            return
        ask(self, t("question.confirm_faq", number=self.detail.row.number),
            lambda: self._act(lambda ws, actor, d: draft_from_question(ws, actor, d.row.id),
                              t("question.faq_drafted")),
            detail=self.detail.row.title)

    def action_raise_item(self, kind: str) -> None:
        from helpdesk.questions.trackers import raise_item

        from ..confirm import ask

        if self.detail is None:
            return
        ask(self, t("question.confirm_raise", kind=t(f"trackers.{kind}"),
                    number=self.detail.row.number),
            lambda: self._act(lambda ws, actor, d: raise_item(ws, actor, kind,
                                                              question_id=d.row.id),
                              t("question.item_raised", kind=t(f"trackers.{kind}"))),
            detail=self.detail.row.title)
