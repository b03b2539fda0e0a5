"""Plain data the questions desk returns (no ORM objects leave the service layer)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from helpdesk.questions.sla import ClockReading, SlaState


@dataclass(frozen=True)
class QuestionRow:
    id: int
    number: str
    received_at: datetime
    title: str
    status: str
    category: str
    priority: str
    channel: str
    unit: str
    asker_name: str
    assignee: str
    response: ClockReading
    resolution: ClockReading
    sla_state: SlaState
    version: int

    @property
    def remaining_clock(self) -> ClockReading:
        """The clock that matters now: response until answered, then resolution."""
        return self.resolution if self.response.state in ("met", "missed") else self.response

    @property
    def remaining_label(self) -> str:
        return self.remaining_clock.label()


@dataclass(frozen=True)
class QuestionEventView:
    at: datetime
    actor: str
    kind: str
    from_status: str
    to_status: str
    detail: str


@dataclass(frozen=True)
class QuestionDetail:
    row: QuestionRow
    description: str
    answer: str
    asker_phone: str
    escalation_ref: str
    time_spent_minutes: int
    unit_id: int | None
    events: list[QuestionEventView]
    kb_articles: list[tuple[int, str]]  # (id, title)
    trackers: list[tuple[str, str, str]]  # (number, kind, title)
    sla_explanation: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class QuestionFilter:
    statuses: tuple[str, ...] = ()
    category: str | None = None
    unit_id: int | None = None
    assignee: str | None = None  # staff login
    sla_state: str | None = None  # on_track | at_risk | breached | paused
    search: str = ""
    due_within: timedelta | None = None  # business time from now
    sort: str = "received"  # received (newest first) | due (soonest first)


@dataclass(frozen=True)
class Cursor:
    key: datetime
    id: int


@dataclass(frozen=True)
class QuestionPage:
    rows: list[QuestionRow]
    next_cursor: Cursor | None
