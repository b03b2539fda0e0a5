"""保密 by keys, on the demo database (frozen on 2026-10-10 10:30): the pass that runs out is
on Today and first in the list; an exam recorded in the form clears the warning; a mistyped
date is named and loses nothing."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from helpdesk.clock import FrozenClock
from helpdesk.config import Config
from screens.security.exams import ExamForm, ExamsScreen
from tests.app_support import demo_app, settle, wait_until
from tests.test_app import screen_text


async def test_an_exam_recorded_by_keys_clears_the_warning(config: Config, tmp_path: Path,
                                                           clock: FrozenClock) -> None:
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:  # the whole security line
        await settle(pilot)
        assert "✘保密：借用逾期1 · 陈志强 11-04到期" in screen_text(app)
        await pilot.press("m")
        await wait_until(pilot, lambda: "剩25天" in screen_text(app), "the exam list")
        assert isinstance(app.screen, ExamsScreen)
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, ExamForm), "the exam form")
        assert app.screen.query_one("#exam-login", Input).value == "chenzq"
        date_field = app.screen.query_one("#exam-date", Input)
        date_field.value = "2026-13-01"
        app.screen.query_one("#exam-score", Input).value = "93"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "这一天" in screen_text(app), "the date error")
        assert "考核日期：没有「2026-13-01」这一天" in screen_text(app)  # not a "format" problem
        assert app.screen.query_one("#exam-score", Input).value == "93"  # nothing lost
        date_field.value = "2026-10-09"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ExamsScreen)
                         and "2027-10-08" in screen_text(app), "the saved exam")
        assert "即将到期 0" in screen_text(app)
        await pilot.press("t")
        await settle(pilot)
        assert "陈志强 11-04到期" not in screen_text(app)


async def test_a_failed_exam_is_an_alarm_in_the_list(config: Config, tmp_path: Path,
                                                     clock: FrozenClock) -> None:
    from helpdesk.security.exams import record_exam

    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:  # the whole security line
        await settle(pilot)
        assert app.ws is not None and app.actor is not None
        record_exam(app.ws, app.actor, "lixy", clock.now().date(), passed=False, score=40)
        await pilot.press("m")
        await wait_until(pilot, lambda: "不能上岗 1" in screen_text(app), "the barred count")
        text = screen_text(app)
        assert "✘不合格" in text
        assert text.index("李晓燕") < text.index("陈志强")  # who may not work comes first
        await pilot.press("t")
        await wait_until(pilot, lambda: "✘保密：" in screen_text(app), "Today's alarm")
        assert "李晓燕 不合格 等2人" in screen_text(app)
        assert "在岗：李晓燕✘" in screen_text(app)  # on duty today, but may not work
