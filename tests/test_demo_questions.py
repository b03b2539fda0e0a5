"""The demo desk data is realistic, deterministic, and the queue's SQL filters agree with the
state each row computes for itself."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from helpdesk.app.opening import open_workspace
from helpdesk.clock import FrozenClock
from helpdesk.config import Config
from helpdesk.demo.build import build_demo
from helpdesk.questions.listing import list_questions
from helpdesk.questions.views import QuestionFilter
from helpdesk.services.workspace import resolve_actor
from helpdesk.vocab import OPEN_STATUSES
from tests.conftest import TEST_USER, local


def test_demo_questions_states_and_sql_filters_agree(config: Config, tmp_path: Path) -> None:
    clock = FrozenClock(local(2026, 11, 24, 10, 30))
    ws = open_workspace(config, str(tmp_path / "d.db"), clock=clock, os_user=TEST_USER,
                        durable=False)
    counts = build_demo(ws, clock)
    assert counts["questions"] >= 250 and counts["kb_articles"] >= 5
    assert clock.now() == local(2026, 11, 24, 10, 30)
    actor = resolve_actor(ws)
    rows = list_questions(ws, actor, limit=10_000).rows
    by_state = Counter(row.sla_state for row in rows if row.status in OPEN_STATUSES)
    for state in ("on_track", "at_risk", "breached", "paused"):
        filtered = list_questions(ws, actor, QuestionFilter(sla_state=state), limit=10_000).rows
        assert len(filtered) == by_state[state], state
        assert all(row.sla_state == state for row in filtered)
    assert by_state["breached"] > 0 and by_state["on_track"] > 0
    assert {row.status for row in rows} >= {"resolved", "in_progress", "waiting", "escalated"}
    assert len({row.category for row in rows}) == 7
