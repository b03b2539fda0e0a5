"""Keys typed while a screen's data is still loading are kept and acted on once it shows."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from helpdesk.actor import Actor
from helpdesk.clock import FrozenClock
from helpdesk.config import Config
from helpdesk.services.workspace import Workspace
from screens.cases.case_detail import CaseDetailScreen
from screens.cases.worklist import WorklistScreen
from screens.questions.intake import IntakeScreen
from tests.app_support import demo_app, settle, wait_until


async def test_keys_typed_before_the_list_arrives_are_replayed(
        config: Config, tmp_path: Path, clock: FrozenClock,
        monkeypatch: pytest.MonkeyPatch) -> None:
    gate = threading.Event()  # the worklist's fetch waits here: a slow database, made certain
    fetch = WorklistScreen.fetch

    def slow_fetch(screen: WorklistScreen, ws: Workspace, actor: Actor) -> Any:
        gate.wait(timeout=30)
        return fetch(screen, ws, actor)

    monkeypatch.setattr(WorklistScreen, "fetch", slow_fetch)
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c", "down", "o")  # while the worklist is still loading
        assert isinstance(app.screen, WorklistScreen) and not app.screen.items
        gate.set()
        await wait_until(pilot, lambda: isinstance(app.screen, CaseDetailScreen), "the case")
        detail, worklist = app.screen, app.screen_stack[-2]
        assert isinstance(detail, CaseDetailScreen) and isinstance(worklist, WorklistScreen)
        assert detail.case_id == worklist.items[1].case_id


async def test_keys_typed_as_a_select_opens_choose_in_it(
        config: Config, tmp_path: Path, clock: FrozenClock) -> None:
    """Enter opens the category list; ↓ Enter typed at once pick the next category."""
    from textual.widgets import Select

    from helpdesk.vocab import QUESTION_CATEGORIES

    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("q", "n")
        await wait_until(pilot, lambda: isinstance(app.screen, IntakeScreen), "the intake")
        category = app.screen.query_one("#category", Select)
        category.focus()
        before = category.value
        await pilot.press("enter", "down", "enter")
        await wait_until(pilot, lambda: category.value != before, "the next category")
        assert category.value == QUESTION_CATEGORIES[QUESTION_CATEGORIES.index(
            str(before)) + 1]
        assert isinstance(app.screen, IntakeScreen)
