"""系统配置: the checklist of a configuration request, who asked and who at the bureau approved.
Loaded and saved through services in workers; never a password."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, Input, Label, Select, SelectionList, Static, TextArea

from helpdesk.i18n import t
from helpdesk.vocab import CONFIG_REQUEST_KINDS

from ..forms import ServiceForm
from ..widgets.field_input import FieldInput
from ..widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from helpdesk.questions.config_requests import ConfigRequestView


class ConfigRequestScreen(ServiceForm):
    # Styles of this screen load with it (not at start-up).
    SCOPED_CSS = False
    DEFAULT_CSS = """
    ConfigRequestScreen {
        align: center middle;
    }
    #config-form {
        width: 78;
    }
    #checklist {
        height: auto;
        max-height: 6;
        margin: 1 0;
    }
    #change-summary {
        height: 3;
    }
    """
    def __init__(self, question_id: int, number: str) -> None:
        super().__init__()
        self.question_id = question_id
        self.number = number
        self.record = ("question", str(question_id))
        self.ticked: dict[str, set[str]] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="config-form", classes="form"):
            yield Label(t("config.title", number=self.number), classes="title", markup=False)
            with Horizontal(classes="row"):
                yield Label(t("config.kind"), classes="label")
                yield Select([(t(f"config.kind_{k}"), k) for k in CONFIG_REQUEST_KINDS],
                             value="password_reset", allow_blank=False, id="kind", compact=True)
            with Horizontal(classes="row"):
                yield Label(t("config.requested_by"), classes="label")
                yield FieldInput(id="requested-by", compact=True, max_length=64)
                yield Label(t("config.approved_by"), classes="label")
                yield FieldInput(id="approved-by", compact=True, max_length=64)
            yield SelectionList[str](id="checklist", compact=True)
            yield TextArea(id="change-summary", compact=True, placeholder=t("config.summary"))
            yield Checkbox(t("config.done"), id="done", compact=True)
            yield Static(id="form-error", classes="error")
            yield KeyFooter()

    def on_mount(self) -> None:
        self._fill_checklist("password_reset")
        self.load()

    @work(thread=True)
    def load(self) -> None:
        from helpdesk.questions.config_requests import get_request

        app = self.helpdesk
        assert app.ws is not None and app.actor is not None
        found = get_request(app.ws, app.actor, self.question_id)
        if found is not None:
            app.call_from_thread(self._show, found)

    def _show(self, request: ConfigRequestView) -> None:
        self.ticked[request.kind] = {item for item, done in request.checklist.items() if done}
        self.query_one("#kind", Select).value = request.kind
        self.query_one("#requested-by", Input).value = request.requested_by
        self.query_one("#approved-by", Input).value = request.approved_by
        self.query_one("#change-summary", TextArea).text = request.change_summary
        self.query_one("#done", Checkbox).value = request.done_at is not None
        self._fill_checklist(request.kind)
        self.remember_typed()

    def _fill_checklist(self, kind: str) -> None:
        from helpdesk.questions.config_requests import checklists

        checklist = self.query_one("#checklist", SelectionList)
        checklist.clear_options()
        ticked = self.ticked.get(kind, set())
        checklist.add_options([(item, item, item in ticked) for item in checklists()[kind]])

    @on(Select.Changed, "#kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        self._fill_checklist(str(event.value))

    def action_save(self) -> None:
        from helpdesk.questions.config_requests import save_request

        question_id = self.question_id
        kind = str(self.query_one("#kind", Select).value)
        requested_by = self.query_one("#requested-by", Input).value
        approved_by = self.query_one("#approved-by", Input).value
        summary = self.query_one("#change-summary", TextArea).text
        ticked = tuple(self.query_one("#checklist", SelectionList).selected)
        done = self.query_one("#done", Checkbox).value
        self.submit(lambda ws, actor: save_request(
            ws, actor, question_id, kind=kind, requested_by=requested_by,
            approved_by=approved_by, change_summary=summary, ticked=ticked, done=done))
