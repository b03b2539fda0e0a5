"""The urging worklist by keys: record an urging in two keystrokes, copy the urging text."""

from __future__ import annotations

from pathlib import Path

from helpdesk.clock import FrozenClock
from helpdesk.config import Config
from screens.worklist import WorklistScreen
from tests.app_support import demo_app, settle
from tests.test_app import screen_text


async def test_urge_in_two_keys_and_copy_the_text(config: Config, tmp_path: Path,
                                                  clock: FrozenClock) -> None:
    from sqlmodel import select

    from helpdesk.storage.case_models import Urging

    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WorklistScreen) and screen.items
        first = screen.items[0]
        assert first.case_number in screen_text(app)
        await pilot.press("x")
        await pilot.pause()
        assert app.clipboard.startswith("【催办提醒】") and first.case_number in app.clipboard
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, WorklistScreen)
        assert app.ws is not None
        with app.ws.db.read() as session:
            urged = session.exec(select(Urging)).all()
        assert [(u.case_id, u.method) for u in urged] == [(first.case_id, "phone")]
        overdue = first.workdays_left is not None and first.workdays_left < 0
        still_listed = first.case_id in [i.case_id for i in app.screen.items]
        assert still_listed == overdue  # hidden until the next check unless already overdue
