"""Nothing irreversible happens on one key, nothing typed is thrown away on Esc, and the footer
offers only what the record's state allows (issue 18)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App

from helpdesk.clock import FrozenClock
from helpdesk.config import Config
from helpdesk.i18n import t
from helpdesk.questions.actions import get_question
from helpdesk.questions.kb import save_article, search_articles
from helpdesk.questions.listing import list_questions
from helpdesk.questions.views import QuestionFilter
from screens.confirm import ConfirmScreen
from screens.questions.intake import IntakeScreen
from screens.questions.kb import KbScreen
from screens.questions.question_detail import QuestionDetailScreen
from screens.questions.question_list import QuestionListScreen
from screens.widgets.key_footer import KeyFooter
from tests.app_support import demo_app, settle, wait_until
from tests.test_app import screen_text


def footer(app: App[Any]) -> str:
    """The footer's keys as the user reads them, "key label" each."""
    items = app.screen.query_one(KeyFooter).items(app.size.width)
    return "  ".join(f"{item.key} {item.label}" for item in items)


async def test_question_keys_follow_its_status_and_ask_first(
        config: Config, tmp_path: Path, clock: FrozenClock) -> None:
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.ws is not None and app.actor is not None
        new = list_questions(app.ws, app.actor, QuestionFilter(statuses=("new",)),
                             limit=1).rows[0]
        app.push_screen(QuestionDetailScreen(new.id))
        await wait_until(pilot, lambda: new.number in screen_text(app), "the question")
        line = footer(app)
        assert "开始处理" in line and "关闭" not in line and "重新打开" not in line
        await pilot.press("c", "o")  # refused by the status: nothing opens, nothing changes
        await settle(pilot)
        assert isinstance(app.screen, QuestionDetailScreen)
        await pilot.press("i")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        assert f"{new.number}：新建 → 处理中？" in screen_text(app)
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, QuestionDetailScreen), "back")
        assert get_question(app.ws, app.actor, new.id).row.status == "new"
        await pilot.press("i")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await pilot.press("enter")  # an Enter typed ahead does not confirm
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await wait_until(pilot, lambda: get_question(app.ws, app.actor, new.id)
                         .row.status == "in_progress", "the move")
        await wait_until(pilot, lambda: "开始处理" not in footer(app), "the footer")


async def test_publishing_asks_and_is_offered_only_on_a_draft(
        config: Config, tmp_path: Path, clock: FrozenClock) -> None:
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.ws is not None and app.actor is not None
        await pilot.press("k")
        await wait_until(pilot, lambda: isinstance(app.screen, KbScreen)
                         and bool(app.screen.articles), "the knowledge base")
        assert "P 发布" not in footer(app)  # the list shows published articles
        assert "x 停用" in footer(app)
        draft = save_article(app.ws, app.actor, None, None, title="打印机脱机", question="脱机",
                             answer="重启打印服务", category="desktop", tags="")
        await pilot.press("v")  # every status: the new draft comes first
        await wait_until(pilot, lambda: isinstance(app.screen, KbScreen) and any(
            a.id == draft.id for a in app.screen.articles), "the draft")
        kb = app.screen
        assert isinstance(kb, KbScreen)  # the cursor stayed on the article it was on: move it
        kb.table.move_cursor(row=[a.id for a in kb.articles].index(draft.id))
        await wait_until(pilot, lambda: "P 发布" in footer(app), "the publish key")
        await pilot.press("p")  # p is 培训 everywhere, the knowledge base included
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        await pilot.press("k")  # back as it was left: every status
        await wait_until(pilot, lambda: isinstance(app.screen, KbScreen) and any(
            a.id == draft.id for a in app.screen.articles), "the draft")
        screen = app.screen
        assert isinstance(screen, KbScreen)
        screen.table.move_cursor(row=[a.id for a in screen.articles].index(draft.id))
        await pilot.press("P")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        assert f"发布知识 #{draft.id}？" in screen_text(app)
        await pilot.press("y")
        await wait_until(pilot, lambda: any(
            a.id == draft.id for a in search_articles(app.ws, app.actor, limit=100)  # type: ignore
        ), "the article published")


async def test_escape_asks_before_throwing_typing_away(
        config: Config, tmp_path: Path, clock: FrozenClock) -> None:
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("q", "n")
        await wait_until(pilot, lambda: isinstance(app.screen, IntakeScreen), "the intake")
        await pilot.press("escape")  # nothing typed: gone at once
        await wait_until(pilot, lambda: isinstance(app.screen, QuestionListScreen), "list")
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, IntakeScreen), "the intake")
        await pilot.press(*"打印机卡纸", "escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        assert "放弃已填写的内容？" in screen_text(app)
        await pilot.press("escape")  # no: back to the form, the typing intact
        await wait_until(pilot, lambda: isinstance(app.screen, IntakeScreen), "the intake")
        assert "打印机卡纸" in screen_text(app)
        await pilot.press("escape", "y")
        await wait_until(pilot, lambda: isinstance(app.screen, QuestionListScreen), "list")


async def test_worklist_offers_nothing_due_only_when_empty(
        config: Config, tmp_path: Path, clock: FrozenClock) -> None:
    from screens.cases.worklist import WorklistScreen

    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, WorklistScreen)
                         and bool(app.screen.items), "the worklist")
        assert f"d {t('worklist.nothing_due')}" not in footer(app)
        assert "y 记录催办" in footer(app)
        await pilot.press("d")  # refused with a word, not sent to the service
        await wait_until(pilot, lambda: any("不能" in str(n.message)
                                            for n in app._notifications), "the refusal")
        assert isinstance(app.screen, WorklistScreen)


async def test_ctrl_c_says_how_to_quit_in_the_users_language(config: Config, tmp_path: Path,
                                                             clock: FrozenClock) -> None:
    """Textual's own hint is English (issue 34): the console's is in the UI's language."""
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+c")
        await wait_until(pilot, lambda: any("退出" in str(n.message)
                                            for n in app._notifications), "the hint")
        assert not any("Press" in str(n.message) for n in app._notifications)


async def test_ctrl_q_quits_under_the_idle_cover(config: Config, tmp_path: Path,
                                                  clock: FrozenClock) -> None:
    """The idle lock covers the screen; it does not hold the console hostage (issue 34)."""
    from screens.lock import LockScreen

    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.lock_if_idle(10**6)
        await wait_until(pilot, lambda: isinstance(app.screen, LockScreen), "the cover")
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: not app.is_running, "the console closed")


async def test_f_on_a_question_asks_before_drafting_an_article(
        config: Config, tmp_path: Path, clock: FrozenClock) -> None:
    """`f` created a knowledge-base draft at once (issue 34): now y/n first, and n makes
    nothing."""
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.ws is not None and app.actor is not None
        row = list_questions(app.ws, app.actor, QuestionFilter(), limit=1).rows[0]
        before = len(search_articles(app.ws, app.actor, limit=1000, statuses=("draft",)))
        app.push_screen(QuestionDetailScreen(row.id))
        await wait_until(pilot, lambda: row.number in screen_text(app), "the question")
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, QuestionDetailScreen), "back")
        after = len(search_articles(app.ws, app.actor, limit=1000, statuses=("draft",)))
        assert after == before
