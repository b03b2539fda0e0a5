"""The queue's full filter: status, category, unit, assignee, SLA state."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Select

from helpdesk.i18n import t
from helpdesk.vocab import QUESTION_CATEGORIES, QUESTION_STATUSES

from ..keys import bindings, localize
from ..widgets.key_footer import KeyFooter

ANY = "__any__"
OPEN = "__open__"


@dataclass(frozen=True)
class QuestionFilters:
    status: str = OPEN  # OPEN, ANY or one status
    category: str = ANY
    unit_id: int | None = None
    assignee: str | None = None
    sla_state: str | None = None


class QuestionFilterScreen(ModalScreen[QuestionFilters | None]):
    # Styles of this screen load with it (not at start-up).
    SCOPED_CSS = False
    DEFAULT_CSS = """
    QuestionFilterScreen {
        align: center middle;
    }
    #queue-filter {
        width: 60;
    }
    """
    BINDINGS = bindings("form.save", "form.cancel")

    def __init__(self, current: QuestionFilters, units: list[tuple[str, int]],
                 staff: list[tuple[str, str]]) -> None:
        super().__init__()
        localize(self)
        self.current = current
        self.units = units
        self.staff = staff

    def compose(self) -> ComposeResult:
        current = self.current
        any_label = t("filter.any")
        rows: list[tuple[str, str, list[tuple[str, Any]], Any]] = [
            ("status", t("queue.status"),
             [(t("queue.open_only"), OPEN), (any_label, ANY)]
             + [(t(f"status.{s}"), s) for s in QUESTION_STATUSES], current.status),
            ("category", t("intake.category"),
             [(any_label, ANY)] + [(t(f"category.{c}"), c) for c in QUESTION_CATEGORIES],
             current.category),
            ("unit", t("queue.unit"), [(any_label, -1), *self.units],
             current.unit_id if current.unit_id is not None else -1),
            ("assignee", t("filter.assignee"), [(any_label, ANY), *self.staff],
             current.assignee or ANY),
            ("sla", t("queue.sla"),
             [(any_label, ANY)] + [(t(f"sla.{s}"), s)
                                   for s in ("breached", "at_risk", "on_track", "paused")],
             current.sla_state or ANY),
        ]
        with Vertical(id="queue-filter", classes="form"):
            yield Label(t("filter.title"), classes="title")
            for key, label, options, value in rows:
                with Horizontal(classes="row"):
                    yield Label(label, classes="label")
                    yield Select(options, value=value, allow_blank=False, id=f"filter-{key}",
                                 compact=True)
            yield KeyFooter()

    def _value(self, key: str) -> Any:
        return self.query_one(f"#filter-{key}", Select).value

    def action_save(self) -> None:
        unit = self._value("unit")
        assignee, sla = self._value("assignee"), self._value("sla")
        self.dismiss(QuestionFilters(
            status=str(self._value("status")), category=str(self._value("category")),
            unit_id=None if unit == -1 else int(unit),
            assignee=None if assignee == ANY else str(assignee),
            sla_state=None if sla == ANY else str(sla)))

    def action_cancel(self) -> None:
        self.dismiss(None)
