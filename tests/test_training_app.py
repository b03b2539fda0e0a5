"""Training by keys on the demo database (frozen on make-up Saturday 2026-10-10 10:30): plan a
session (a holiday refused on the form, nothing typed lost), sign in, key in evaluations, the
summary, a raised question onto the desk, the obligation on Today, and English."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from helpdesk.clock import FrozenClock
from helpdesk.config import Config
from screens.training.training_detail import TrainingDetailScreen
from screens.training.training_forms import SessionForm
from screens.training.training_list import TrainingListScreen
from screens.training.training_summary import TrainingSummaryScreen
from tests.app_support import demo_app, settle
from tests.test_app import screen_text


async def test_plan_a_session_refusing_a_holiday(config: Config, tmp_path: Path,
                                                 clock: FrozenClock) -> None:
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "培训 1/2 · 第2次已安排 11-19" in screen_text(app)  # on Today
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, TrainingListScreen)
        assert "2026年上半年信访业" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, SessionForm)
        await pilot.press(*"三楼会议室", "tab", *"陈志强")
        form.query_one("#day", Input).value = "2026-10-05"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        text = screen_text(app)
        assert "国庆节" in text and "不是工作日" in text
        assert form.query_one("#place", Input).value == "三楼会议室"  # nothing typed is lost
        assert form.query_one("#trainer", Input).value == "陈志强"
        form.query_one("#day", Input).value = "2026-10-10"  # the make-up Saturday
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TrainingListScreen)
        text = screen_text(app)
        assert "26-10-10 14:30" in text and "业务培训 2026-10-10" in text


async def test_sign_in_evaluate_and_summarise(config: Config, tmp_path: Path,
                                              clock: FrozenClock) -> None:
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p", "down", "enter")
        await settle(pilot)
        detail = app.screen
        assert isinstance(detail, TrainingDetailScreen)
        assert "已签到 11 · 缺席 1 · 评价表 10 份" in screen_text(app)
        await pilot.press(*["down"] * 11, "space")  # the last one was absent: now invited
        await settle(pilot)
        assert "未签到 1 · 已签到 11 · 缺席 0" in screen_text(app)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"刘洋", "tab", *"教育", "ctrl+s")
        await settle(pilot)
        assert "已添加：刘洋（区教育局）" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert "未签到 1 · 已签到 12" in screen_text(app)  # added as signed in: it was held
        # Key in the newcomer's form by digits; the cursor moves on by itself.
        await pilot.press(*["down"] * 12, "v")
        await settle(pilot)
        assert "刘洋（区教育局）" in screen_text(app)
        await pilot.press(*"3452", *"ok", "ctrl+s")
        await settle(pilot)
        text = screen_text(app)  # saved; on to the next one without a form
        assert "已保存评价：刘洋" in text and "2/" in text
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TrainingDetailScreen)
        text = screen_text(app)
        assert "已签到 12" in text and "评价表 11 份" in text
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, TrainingSummaryScreen)
        text = screen_text(app)
        assert "回收评价表 11 份 / 签到 12 人，回收率 91.7%" in text
        assert "督办件到期提醒能否推送到" in text
        await pilot.press("down", "d")
        await settle(pilot)
        assert "→Q" in screen_text(app)
        assert app.ws is not None and app.actor is not None
        from helpdesk.questions.listing import list_questions
        from helpdesk.questions.views import QuestionFilter

        found = list_questions(app.ws, app.actor, QuestionFilter(search="推送到手机"))
        assert len(found.rows) == 1


async def test_training_in_english(config: Config, tmp_path: Path, clock: FrozenClock) -> None:
    app = demo_app(config, tmp_path, clock, locale="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Training 1/2 · no. 2 planned 11-19" in screen_text(app)
        await pilot.press("p", "down", "enter")
        await settle(pilot)
        text = screen_text(app)
        assert "Business training" in text and "signed in 11" in text
        await pilot.press("r")
        await settle(pilot)
        assert "response rate 90.9%" in screen_text(app)


async def test_import_the_sign_in_list_from_the_console(config: Config, tmp_path: Path,
                                                        clock: FrozenClock) -> None:
    sheet = tmp_path / "signin.csv"
    sheet.write_text("姓名,单位,签到\n刘洋,园岭街道,已签到\n陈静,没有这个单位,已签到\n",
                     encoding="utf-8")
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p", "enter")  # the planned session, newest first
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        await pilot.press(*str(sheet), "enter")
        await settle(pilot)
        text = screen_text(app)
        assert "第 3 行" in text and "没有这个单位" in text
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "有错误行，未写入任何数据。请修正文件后按 Ctrl+S 重试。" in screen_text(app)
        sheet.write_text("姓名,单位,签到\n刘洋,园岭街道,已签到\n陈静,区教育局,\n",
                         encoding="utf-8")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert "未签到 1 · 已签到 1 · 缺席 0" in screen_text(app)
