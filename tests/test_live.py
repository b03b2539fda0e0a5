"""Several engineers on one database: each console sees the others' changes while it is open,
and who else has it open (SQLite, and PostgreSQL when HELPDESK_TEST_PG_URL is set)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from helpdesk.actor import Actor
from helpdesk.app.live import (
    changes_since,
    close_console,
    heartbeat,
    latest_seq,
    open_console,
    others_present,
)
from helpdesk.app.opening import open_workspace
from helpdesk.app.staff import add_staff
from helpdesk.clock import FrozenClock
from helpdesk.config import Config
from helpdesk.questions.actions import add_question, get_question, transition
from helpdesk.services.workspace import Workspace, resolve_actor
from screens.app import HelpdeskApp
from screens.questions.question_detail import QuestionDetailScreen
from screens.questions.question_list import QuestionListScreen
from screens.today.today import TodayScreen
from tests.app_support import settle, wait_until
from tests.conftest import TEST_USER
from tests.test_app import screen_text

LIXY = Actor("lixy", "李晓燕", "engineer")


def test_changes_by_others_named_as_users_know_them(ws: Workspace, db_url: str,
                                                    clock: FrozenClock) -> None:
    """Only what this console committed is left out: another engineer's change, and my own
    made elsewhere (the CLI in another tmux pane, a cron import, a second console) are news
    (issue 34: the feed left out everything by my login)."""
    me = resolve_actor(ws)
    add_staff(ws, me, "lixy", "李晓燕", "engineer")
    elsewhere = open_workspace(ws.config, db_url, clock=clock, os_user=TEST_USER)
    try:
        start = latest_seq(ws)
        mine = add_question(ws, me, title="打印机脱机", category="desktop")
        theirs = add_question(elsewhere, LIXY, title="无法登录", category="other")
        my_cli = add_question(elsewhere, me, title="从命令行登记", category="other")
    finally:
        elsewhere.db.dispose()
    changes = changes_since(ws, me, start)
    assert changes.latest == latest_seq(ws) > start
    assert [(n.actor_name, n.entity, n.reference) for n in changes.notices] == [
        ("李晓燕", "question", theirs.number), (me.name, "question", my_cli.number)]
    assert mine.number not in {n.reference for n in changes.notices}  # this console's own
    assert changes_since(ws, me, changes.latest).notices == []


def test_presence_comes_and_goes(ws: Workspace, clock: FrozenClock) -> None:
    from datetime import timedelta

    me = resolve_actor(ws)
    add_staff(ws, me, "lixy", "李晓燕", "engineer")
    theirs = open_console(ws, LIXY)
    mine = open_console(ws, me)
    assert [p.name for p in others_present(ws, me)] == ["李晓燕"]
    assert others_present(ws, LIXY)[0].login == me.login
    start = clock.now()
    clock.set(start + timedelta(seconds=60))
    heartbeat(ws, theirs)
    clock.set(start + timedelta(seconds=120))  # mine is silent for 120 s: taken for gone
    assert others_present(ws, LIXY) == [] and len(others_present(ws, me)) == 1
    close_console(ws, theirs)
    assert others_present(ws, me) == []
    close_console(ws, mine)


async def test_two_consoles_see_each_other(config: Config, db_url: str, ws: Workspace,
                                           clock: FrozenClock) -> None:
    """李晓燕 starts a question in her console; mine, showing that question, says so and
    shows the new status; my Today says she is here."""
    me = resolve_actor(ws)
    add_staff(ws, me, "lixy", "李晓燕", "engineer")
    question = add_question(ws, me, title="打印机脱机", category="desktop")
    quick = replace(config, ui=replace(config.ui, live_refresh_seconds=1))
    mine = HelpdeskApp(quick, db_url, clock=clock, os_user=TEST_USER)
    hers = HelpdeskApp(quick, db_url, clock=clock, os_user="lixy")
    async with mine.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: mine.ws is not None, "my workspace")
        async with hers.run_test(size=(100, 30)) as her_pilot:
            await wait_until(her_pilot, lambda: hers.ws is not None, "her workspace")
            # Two apps in one test: act on each through its own message queue (Textual finds
            # "the app" from the task it runs in).
            mine.call_later(mine.push_screen, QuestionDetailScreen(question.id))
            await wait_until(pilot, lambda: question.number in screen_text(mine), "question")
            hers.call_later(hers.push_screen, QuestionDetailScreen(question.id))
            await wait_until(her_pilot, lambda: question.number in screen_text(hers), "hers")
            await her_pilot.press("i")
            await settle(her_pilot)
            await her_pilot.press("y")
            await wait_until(her_pilot, lambda: get_question(ws, me, question.id).row.status
                             == "in_progress", "her change committed")
            await wait_until(pilot, lambda: any(
                "李晓燕" in str(n.message) and question.number in str(n.message)
                for n in mine._notifications), "the toast on my console", timeout=20)
            await wait_until(pilot, lambda: "处理中" in screen_text(mine), "my screen refreshed")
            mine.call_later(mine.pop_screen)
            mine.call_later(mine.action_goto, "today")
            await wait_until(pilot, lambda: isinstance(mine.screen, TodayScreen)
                             and "也在使用：李晓燕" in screen_text(mine), "presence", timeout=20)
            # a line of its own: the next alarm starts below it (issue 34: it ran on)
            line = next(line for line in screen_text(mine).splitlines() if "也在使用" in line)
            assert re.search(r"也在使用：李晓燕[\s│┃▌▐|]*$", line), line
        # her console closed: gone from the database at once
        assert others_present(ws, me) == []


async def test_my_list_follows_her_change_and_keeps_my_cursor(
        config: Config, db_url: str, ws: Workspace, clock: FrozenClock) -> None:
    me = resolve_actor(ws)
    add_staff(ws, me, "lixy", "李晓燕", "engineer")
    older = add_question(ws, me, title="打印机脱机", category="desktop")
    add_question(ws, me, title="无法登录", category="other")
    quick = replace(config, ui=replace(config.ui, live_refresh_seconds=1))
    mine = HelpdeskApp(quick, db_url, clock=clock, os_user=TEST_USER)
    async with mine.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: mine.ws is not None, "my workspace")
        mine.call_later(mine.action_goto, "questions")
        await wait_until(pilot, lambda: isinstance(mine.screen, QuestionListScreen)
                         and older.number in screen_text(mine), "my queue")
        await pilot.press("down")
        queue = mine.screen
        assert isinstance(queue, QuestionListScreen)
        assert queue.cursor_key() == str(older.id)
        transition(ws, LIXY, older.id, older.version, "in_progress")  # her console's change
        await wait_until(pilot, lambda: "处理中" in screen_text(mine), "the row refreshed",
                         timeout=20)
        assert queue.cursor_key() == str(older.id)


async def test_an_open_form_says_the_record_changed(
        config: Config, db_url: str, ws: Workspace, clock: FrozenClock) -> None:
    from screens.questions.reply import ReplyScreen

    me = resolve_actor(ws)
    add_staff(ws, me, "lixy", "李晓燕", "engineer")
    question = add_question(ws, me, title="打印机脱机", category="desktop")
    quick = replace(config, ui=replace(config.ui, live_refresh_seconds=1))
    mine = HelpdeskApp(quick, db_url, clock=clock, os_user=TEST_USER)
    async with mine.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: mine.ws is not None, "my workspace")
        mine.call_later(mine.push_screen, QuestionDetailScreen(question.id))
        await wait_until(pilot, lambda: question.number in screen_text(mine), "the question")
        await pilot.press("ctrl+r", *"请重启打印服务")
        await wait_until(pilot, lambda: isinstance(mine.screen, ReplyScreen), "my reply form")
        transition(ws, LIXY, question.id, question.version, "in_progress")
        await wait_until(pilot, lambda: "此表单打开后已被修改" in screen_text(mine),
                         "the warning on my form", timeout=20)
        assert "请重启打印服务" in screen_text(mine)  # what I typed is still there


async def test_a_refused_reply_keeps_its_form_and_answer(
        config: Config, db_url: str, ws: Workspace, clock: FrozenClock) -> None:
    """The reply form closed before its save was refused as stale, and the answer was gone
    while the message said it was kept (issue 34): now the form stays, the answer in it."""
    from screens.questions.reply import ReplyScreen

    me = resolve_actor(ws)
    add_staff(ws, me, "lixy", "李晓燕", "engineer")
    question = add_question(ws, me, title="打印机脱机", category="desktop")
    quiet = replace(config, ui=replace(config.ui, live_refresh_seconds=0))
    mine = HelpdeskApp(quiet, db_url, clock=clock, os_user=TEST_USER)
    async with mine.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: mine.ws is not None, "my workspace")
        mine.call_later(mine.push_screen, QuestionDetailScreen(question.id))
        await wait_until(pilot, lambda: question.number in screen_text(mine), "the question")
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: isinstance(mine.screen, ReplyScreen), "my reply form")
        await pilot.press(*"请重启打印服务")
        transition(ws, LIXY, question.id, question.version, "in_progress")  # she was first
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "您的输入已保留" in screen_text(mine),
                         "the refusal on the form", timeout=20)
        assert isinstance(mine.screen, ReplyScreen)
        assert "请重启打印服务" in screen_text(mine)


def test_live_refresh_can_be_switched_off(tmp_path: Path) -> None:
    from helpdesk.config.load import load_config

    path = tmp_path / "config.toml"
    path.write_text("[ui]\nlive_refresh_seconds = 0\n", encoding="utf-8")
    assert load_config(str(path)).ui.live_refresh_seconds == 0


def test_a_change_toast_shows_instants_in_the_bureaus_zone(config: Config, db_url: str,
                                                          ws: Workspace,
                                                          clock: FrozenClock) -> None:
    """A training moved by 李晓燕: the toast says 09:00→14:00 (Shanghai), not the UTC stored."""
    import json

    from helpdesk.app.live import ChangeNotice
    from screens.live import change_line

    app = HelpdeskApp(config, db_url, clock=clock, os_user=TEST_USER)
    app.ws = ws
    summary = json.dumps({"before": {"starts_at": "2026-10-12T01:00:00+00:00"},
                          "after": {"starts_at": "2026-10-12T06:00:00+00:00"}})
    notice = ChangeNotice(7, "lixy", "李晓燕", "training.edit", "training_session", "3", "",
                          summary)
    line = change_line(notice, app)
    assert line.startswith("李晓燕") and line.endswith("2026-10-12 09:00→2026-10-12 14:00")
