"""The questions desk driven by keys alone: log a call in seconds, answer it, escalate, search."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList, TextArea

from helpdesk.clock import FrozenClock
from helpdesk.config import Config
from helpdesk.questions.actions import get_question
from helpdesk.questions.listing import list_questions
from helpdesk.questions.views import QuestionFilter
from screens.questions.intake import IntakeScreen
from screens.questions.question_detail import QuestionDetailScreen
from screens.questions.question_list import QuestionListScreen
from tests.app_support import demo_app, settle, wait_until
from tests.test_app import screen_text


async def test_log_a_phone_question_by_keys_alone(config: Config, tmp_path: Path,
                                                  clock: FrozenClock) -> None:
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, QuestionListScreen)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, IntakeScreen)
        await pilot.press(*"如何导出统计表")
        await pilot.press("tab", *"ftjd")
        await settle(pilot)
        assert app.screen.unit is not None and app.screen.unit.name == "福田街道"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, QuestionListScreen)
        assert app.ws is not None and app.actor is not None
        newest = list_questions(app.ws, app.actor, limit=1).rows[0]
        assert (newest.title, newest.unit, newest.status) == ("如何导出统计表", "福田街道", "new")
        assert newest.received_at == clock.now()
        assert "如何导出统计表" in screen_text(app)


async def test_kb_answer_resolves_at_intake(config: Config, tmp_path: Path,
                                            clock: FrozenClock) -> None:
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("q", "n")
        await settle(pilot)
        await pilot.press(*"打印机")
        await settle(pilot)
        options = app.screen.query_one("#kb-options", OptionList)
        assert options.option_count >= 1
        await pilot.press("tab", *"S03", "ctrl+r")
        await settle(pilot)
        assert app.ws is not None and app.actor is not None
        newest = list_questions(app.ws, app.actor, limit=1).rows[0]
        detail = get_question(app.ws, app.actor, newest.id)
        assert newest.status == "resolved" and detail.kb_articles
        assert detail.answer.startswith("检查网线")


async def test_bad_input_keeps_what_was_typed(config: Config, tmp_path: Path,
                                              clock: FrozenClock) -> None:
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("q", "n")
        await settle(pilot)
        await pilot.press(*"没有单位的问题", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, IntakeScreen)
        assert "请选择单位" in screen_text(app)
        assert app.screen.query_one("#title", Input).value == "没有单位的问题"
        app.screen.query_one("#received", Input).value = "昨天"
        await pilot.press("tab", *"ftjd", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, IntakeScreen) and "昨天" in screen_text(app)


async def test_detail_answer_and_escalate(config: Config, tmp_path: Path,
                                          clock: FrozenClock) -> None:
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, QuestionDetailScreen)
        question_id = app.screen.question_id
        assert "SLA" in screen_text(app) and "时限：首次响应" in screen_text(app)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press(*"SJ-2026-0099", "enter")
        await settle(pilot)
        assert app.ws is not None and app.actor is not None
        detail = get_question(app.ws, app.actor, question_id)
        assert (detail.row.status, detail.escalation_ref) == ("escalated", "SJ-2026-0099")
        screen = app.screen
        assert isinstance(screen, QuestionDetailScreen)
        # the reply saves against the version the screen shows: wait for it
        await wait_until(pilot, lambda: screen.detail is not None
                         and screen.detail.row.status == "escalated", "the escalated question")
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: isinstance(app.focused, TextArea), "the reply form")
        await pilot.press(*"已由省局修复")
        await wait_until(pilot, lambda: isinstance(app.focused, TextArea)
                         and app.focused.text == "已由省局修复", "the typed answer")
        await pilot.press("ctrl+s")
        ws, actor = app.ws, app.actor
        await wait_until(pilot, lambda: get_question(ws, actor, question_id).row.status
                         != "escalated", "the reply to save")
        detail = get_question(ws, actor, question_id)
        assert (detail.row.status, detail.answer) == ("resolved", "已由省局修复")
        await wait_until(pilot, lambda: "已由省局修复" in screen_text(app), "the answer shown")
        assert "已由省局修复" in screen_text(app)


async def test_queue_filters_and_search(config: Config, tmp_path: Path,
                                        clock: FrozenClock) -> None:
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert app.ws is not None and app.actor is not None
        await pilot.press("f")  # breached only
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuestionListScreen)
        breached = list_questions(app.ws, app.actor, QuestionFilter(sla_state="breached"))
        assert screen.row_ids == [row.id for row in breached.rows][:len(screen.row_ids)]
        assert "✘超" in screen_text(app)
        await pilot.press("f", "f", "f", "f")  # back to all open
        await pilot.press("slash", *"印")  # one Chinese character
        await settle(pilot)
        assert screen.row_ids and all(
            "印" in get_question(app.ws, app.actor, i).row.title
            or "印" in get_question(app.ws, app.actor, i).description
            for i in screen.row_ids)


async def test_filter_form_narrows_by_category_and_unit(config: Config, tmp_path: Path,
                                                        clock: FrozenClock) -> None:
    from textual.widgets import Select

    from screens.questions.question_filter import QuestionFilterScreen

    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        await pilot.press("F")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, QuestionFilterScreen)
        form.query_one("#filter-status", Select).value = "__any__"
        form.query_one("#filter-category", Select).value = "desktop"
        await pilot.press("ctrl+s")
        await settle(pilot)
        queue = app.screen
        assert isinstance(queue, QuestionListScreen) and queue.row_ids
        assert app.ws is not None and app.actor is not None
        assert {get_question(app.ws, app.actor, i).row.category for i in queue.row_ids} == {
            "desktop"}
        assert "桌面运维" in screen_text(app)


async def test_configuration_request_from_the_detail(config: Config, tmp_path: Path,
                                                     clock: FrozenClock) -> None:
    from textual.widgets import Checkbox, SelectionList

    from helpdesk.questions.config_requests import get_request
    from screens.questions.config_request import ConfigRequestScreen

    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.ws is not None and app.actor is not None
        question = list_questions(app.ws, app.actor, QuestionFilter(
            category="configuration", statuses=("in_progress", "new", "waiting")), limit=1).rows[0]
        await app.push_screen(QuestionDetailScreen(question.id))
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ConfigRequestScreen)
        form.query_one("#requested-by", Input).value = "园岭街道张三"
        form.query_one("#approved-by", Input).value = "李主任"
        form.query_one("#checklist", SelectionList).select_all()
        form.query_one("#done", Checkbox).value = True
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, QuestionDetailScreen)
        saved = get_request(app.ws, app.actor, question.id)
        assert saved is not None and saved.done_at is not None and all(saved.checklist.values())
        assert saved.approved_by == "李主任"


async def test_edit_an_article_makes_a_new_version(config: Config, tmp_path: Path,
                                                   clock: FrozenClock) -> None:
    from textual.widgets import TextArea

    from helpdesk.questions.kb import get_article
    from screens.questions.article_form import ArticleFormScreen
    from screens.questions.kb import KbScreen

    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("k")
        await settle(pilot)
        kb_screen = app.screen
        assert isinstance(kb_screen, KbScreen)
        first = kb_screen.articles[0]
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ArticleFormScreen)
        app.screen.query_one("#answer-text", TextArea).text = "新的标准答复"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.ws is not None and app.actor is not None
        article, versions = get_article(app.ws, app.actor, first.id)
        assert article.answer == "新的标准答复" and article.version == first.version + 1
        assert versions[0].changed_by == "tester"


async def test_hostile_titles_render_literally_in_the_queue(config: Config, tmp_path: Path,
                                                            clock: FrozenClock) -> None:
    from helpdesk.app.opening import open_workspace
    from helpdesk.questions.actions import add_question
    from helpdesk.services.workspace import resolve_actor
    from tests.conftest import TEST_USER

    app = demo_app(config, tmp_path, clock)
    ws = open_workspace(config, str(tmp_path / "demo.db"), clock=clock, os_user=TEST_USER)
    for title in ("张三[/]", "[@click=app.quit]x[/]", "[link=http://x]y", "\x1b]0;pwned\x07标题",
                  "清屏\x1b[2J", "\u202e反转"):
        add_question(ws, resolve_actor(ws), title=title, category="other")
    ws.db.dispose()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        text = screen_text(app)
        for shown in ("张三[/]", "[@click=app.quit]x[/]", "[link=http://x]y", "标题", "清屏",
                      "反转"):
            assert shown in text
        assert "\x1b" not in text and "\u202e" not in text
        await pilot.press("o")
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, QuestionDetailScreen)


async def test_reply_from_the_knowledge_base(config: Config, tmp_path: Path,
                                             clock: FrozenClock) -> None:
    """Ctrl+R on a question: the reply form has already searched the knowledge base by the
    title; Ctrl+R there inserts the highlighted answer, and saving links the article."""
    from helpdesk.questions.actions import add_question
    from helpdesk.questions.kb import search_articles
    from screens.questions.reply import ReplyScreen
    from screens.widgets.kb_suggestions import KbSuggestions

    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.ws is not None and app.actor is not None
        article = search_articles(app.ws, app.actor, "打印机", limit=1)[0]
        question = add_question(app.ws, app.actor, title="打印机", category="desktop")
        app.push_screen(QuestionDetailScreen(question.id))
        await wait_until(pilot, lambda: question.number in screen_text(app), "the question")
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: isinstance(app.screen, ReplyScreen)
                         and bool(app.screen.query_one(KbSuggestions).articles), "suggestions")
        suggestions = app.screen.query_one(KbSuggestions)
        assert suggestions.articles[0].id == article.id
        await pilot.press(*"您好", "ctrl+r")
        answer = app.screen.query_one("#answer", TextArea).text
        assert answer == "您好\n" + article.answer
        await wait_until(pilot, lambda: f"#{article.id}" in screen_text(app), "the link shown")
        ws, actor = app.ws, app.actor
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: get_question(ws, actor, question.id).row.status
                         == "resolved", "the question resolved")
        detail = get_question(ws, actor, question.id)
        assert detail.answer == answer
        assert [article_id for article_id, _title in detail.kb_articles] == [article.id]
