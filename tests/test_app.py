"""The console driven by keys alone, as an engineer would."""

from __future__ import annotations

import html
import re
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets import DataTable, Input, Static

from helpdesk.app.audit_feed import list_audit
from helpdesk.app.opening import open_workspace
from helpdesk.clock import FrozenClock
from helpdesk.config import Config
from helpdesk.i18n import t
from helpdesk.services.units import add_unit, find_units, update_unit
from helpdesk.services.workspace import resolve_actor
from screens.admin.units import UnitForm, UnitsScreen
from screens.app import HelpdeskApp
from screens.help import HelpScreen
from screens.today.today import TodayScreen
from tests.app_support import demo_app, settle, wait_until
from tests.conftest import TEST_USER, local


def screen_text(app: HelpdeskApp) -> str:
    """What the terminal shows, as plain text (from the SVG screenshot)."""
    svg = app.export_screenshot()
    chunks = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    return html.unescape("".join(chunks)).replace("\xa0", " ")


async def test_opens_on_today_in_chinese_and_quits(config: Config, tmp_path: Path,
                                                  clock: FrozenClock) -> None:
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        text = screen_text(app)
        assert "2026-10-10 周六" in text
        assert "调休上班日（补国庆节）" in text
        assert "办公中" in text
        assert "操作员 tester（项目经理）" in text
        await pilot.press("ctrl+q")
    assert app.return_code == 0


async def test_first_frame_does_not_wait_for_the_database(
        config: Config, tmp_path: Path, clock: FrozenClock,
        monkeypatch: pytest.MonkeyPatch) -> None:
    app = demo_app(config, tmp_path, clock)
    release = threading.Event()
    import helpdesk.app.opening as workspace

    real_open = workspace.open_workspace

    def slow_open(*args: object, **kwargs: object) -> object:
        release.wait(10)
        return real_open(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(workspace, "open_workspace", slow_open)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert "正在打开数据库" in screen_text(app)
        release.set()
        await settle(pilot)
        assert "2026-10-10" in screen_text(app)


async def test_single_keys_reach_every_area_and_escape_goes_back(
        config: Config, tmp_path: Path, clock: FrozenClock) -> None:
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key, mode, expected in (("u", "units", "福田街道"), ("s", "staff", "王建国"),
                                    ("a", "audit", "审计链完整")):
            await pilot.press(key)
            await settle(pilot)
            assert app.current_mode == mode
            assert expected in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert app.current_mode == "today"


async def test_help_shows_keys_of_the_focused_screen(config: Config, tmp_path: Path,
                                                     clock: FrozenClock) -> None:
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "帮助：单位 的按键" in text and "编辑" in text and "下一页" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, UnitsScreen)


async def test_command_palette_switches_area(config: Config, tmp_path: Path,
                                             clock: FrozenClock) -> None:
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await wait_until(pilot, lambda: "搜索命令…" in screen_text(app), "the palette")
        await pilot.press(*"zzzz")
        await wait_until(pilot, lambda: "没有匹配的命令" in screen_text(app), "no match")
        await pilot.press(*["backspace"] * 4, *"审计")
        await wait_until(pilot, lambda: "审计日志" in _palette_text(app), "the match")
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.current_mode == "audit", "the audit area")
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "刷新" in titles and "主题" in titles and "Theme" not in titles
        app.action_goto("units")
        await wait_until(pilot, lambda: app.current_mode == "units", "the units area")
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert t("units.add") in titles and t("units.edit") in titles  # the screen's own


@pytest.mark.parametrize(("typed", "found"), [
    ("案件", "催办"), ("三率", "报告"), ("jjb", "交接班"), ("pb", "排班"), ("月报", "报告")])
async def test_palette_finds_by_words_and_pinyin(typed: str, found: str, config: Config,
                                                 tmp_path: Path, clock: FrozenClock) -> None:
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: "搜索命令…" in screen_text(app), "the palette")
        await pilot.press(*typed)
        await wait_until(pilot, lambda: found in _palette_text(app), f"{found} for {typed}")
        assert "区域 · 按" in _palette_text(app)  # the help says what it is, not the title again


async def test_palette_offers_the_screens_keys(config: Config, tmp_path: Path,
                                               clock: FrozenClock) -> None:
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.action_goto("cases")
        await wait_until(pilot, lambda: app.current_mode == "cases", "the worklist")
        entries = {entry.title: entry for entry in app.palette_entries(app.screen)}
        assert entries["三率"].help == "本屏 · 按 R"
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: "搜索命令…" in screen_text(app), "the palette")
        await pilot.press(*"满意率")
        await wait_until(pilot, lambda: "三率" in _palette_text(app), "the rates")
        await pilot.press("enter")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "RatesScreen", "rates")


async def test_palette_opens_a_screen_inside_an_area_from_anywhere(
        config: Config, tmp_path: Path, clock: FrozenClock) -> None:
    """全省排名 was reachable only from 三率 inside 催办 (issue 34): from Today, the palette
    opens it on top of the worklist, where its key would have."""
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: "搜索命令…" in screen_text(app), "the palette")
        await pilot.press(*"qspm")  # pinyin initials of 全省排名
        await wait_until(pilot, lambda: "全省排名" in _palette_text(app), "the ranking")
        await pilot.press("enter")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "RankingScreen",
                         "the ranking screen")
        assert app.current_mode == "cases"
        assert [type(screen).__name__ for screen in app.screen_stack[-2:]] == [
            "WorklistScreen", "RankingScreen"]
        await pilot.press("escape")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "WorklistScreen",
                         "back on the worklist")


def _palette_text(app: HelpdeskApp) -> str:
    from textual.command import CommandPalette

    palette = app.screen
    if not isinstance(palette, CommandPalette):
        return ""
    return " ".join(str(option.prompt) for option in palette.query("OptionList").first()
                    ._options)  # type: ignore[attr-defined]


async def test_filter_by_pinyin_and_edit_a_unit(config: Config, tmp_path: Path,
                                                clock: FrozenClock) -> None:
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        app.screen.query_one("#unit-filter", Input).focus()
        await pilot.press(*"ftjd", "enter")
        await settle(pilot)
        table = app.screen.query_one("#list-table", DataTable)
        assert table.row_count == 1
        assert table.get_row_at(0)[1].plain == "福田街道"
        table.focus()
        await pilot.press("enter")  # the table's row selection opens the unit, as `e` does
        await settle(pilot)
        assert isinstance(app.screen, UnitForm)
        contact = app.screen.query_one("#contact", Input)
        contact.focus()
        contact.value = ""
        await pilot.press(*"刘主任")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, UnitsScreen)
        assert app.ws is not None and app.actor is not None
        assert find_units(app.ws, app.actor, "ftjd")[0].contact == "刘主任"
        assert list_audit(app.ws, app.actor, limit=1)[0].action == "unit.update"


async def test_stale_save_keeps_the_input_and_second_save_overwrites(
        config: Config, tmp_path: Path, clock: FrozenClock) -> None:
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        await pilot.press("e")  # the first row: D01 区信访局
        await pilot.pause()
        form = app.screen
        assert isinstance(form, UnitForm) and form.unit is not None
        assert app.ws is not None and app.actor is not None
        unit = form.unit
        update_unit(app.ws, app.actor, unit.id, unit.version, name=unit.name, kind=unit.kind,
                    contact="另一位工程师改的")  # another engineer saves first
        contact = form.query_one("#contact", Input)
        contact.value = "我的输入"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert contact.value == "我的输入"
        assert "另一位工程师改的" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, UnitsScreen)
        assert find_units(app.ws, app.actor, "区信访局")[0].contact == "我的输入"


HOSTILE = ["张三[/]", "[@click=app.quit]x[/]", "[link=http://x]y", "\x1b]0;pwned\x07标题",
           "清屏\x1b[2J", "\u202e反转"]


async def test_hostile_text_renders_literally(config: Config, tmp_path: Path,
                                              clock: FrozenClock) -> None:
    app = demo_app(config, tmp_path, clock)
    ws = open_workspace(config, str(tmp_path / "demo.db"), clock=clock, os_user=TEST_USER)
    actor = resolve_actor(ws)
    for index, name in enumerate(HOSTILE):
        add_unit(ws, actor, f"A{index}", name, "other", contact="联系人")
    add_unit(ws, actor, "A9", "超长", "other", contact="长" * 1_000_000)
    ws.db.dispose()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        table = app.screen.query_one("#list-table", DataTable)
        names = [table.get_row_at(row)[1] for row in range(table.row_count)]
        assert all(isinstance(name, Text) for name in names)
        plain_names = [name.plain for name in names]
        for expected in ("张三[/]", "[@click=app.quit]x[/]", "[link=http://x]y", "标题",
                         "清屏", "反转"):
            assert expected in plain_names
        text = screen_text(app)
        assert "张三[/]" in text and "[@click=app.quit]x[/]" in text
        await pilot.press("t")  # the dashboard lists the same names in recent activity
        await settle(pilot)
        assert "[link=http://x]y" in screen_text(app)
        assert app.is_running


async def test_english_locale(config: Config, tmp_path: Path, clock: FrozenClock) -> None:
    app = demo_app(config, tmp_path, clock, locale="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Make-up working day (for National Day)" in text
        assert "Questions" in text and "Today" in text  # footer
        assert "单位" not in text


async def test_keys_remapped_in_config(config: Config, tmp_path: Path,
                                       clock: FrozenClock) -> None:
    app = demo_app(replace(config, keys={"app.units": "f2"}), tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert app.current_mode == "today"
        await pilot.press("f2")
        await settle(pilot)
        assert app.current_mode == "units"


async def test_unknown_account_is_told_how_to_get_in(config: Config, tmp_path: Path,
                                                     clock: FrozenClock) -> None:
    app = demo_app(config, tmp_path, clock, os_user="stranger")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        banner = app.screen.query_one("#banner", Static)
        assert banner.has_class("error")
        assert "helpdesk staff add stranger" in screen_text(app)


async def test_calendar_banner_when_next_year_is_missing(config: Config, tmp_path: Path) -> None:
    app = demo_app(config, tmp_path, FrozenClock(local(2026, 11, 24, 17, 40)))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "2027年调休未公布" in screen_text(app)


async def test_works_with_no_color(config: Config, tmp_path: Path, clock: FrozenClock,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.no_color
        assert "调休上班日" in screen_text(app)


async def test_idle_lock_hides_the_screen_until_enter(config: Config, tmp_path: Path,
                                                      clock: FrozenClock) -> None:
    from screens.lock import LockScreen

    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        app.lock_if_idle(idle_seconds=14 * 60)
        await pilot.pause()
        assert not isinstance(app.screen, LockScreen)
        app.lock_if_idle(idle_seconds=15 * 60)
        await pilot.pause()
        assert isinstance(app.screen, LockScreen)
        text = screen_text(app)
        assert "控制台已锁定（空闲 15 分钟）" in text and "福田街道" not in text
        await pilot.press("u")  # no area key gets through the lock
        await pilot.pause()
        assert isinstance(app.screen, LockScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, UnitsScreen)


async def test_typed_hostile_text_is_saved_and_shown_literally(
        config: Config, tmp_path: Path, clock: FrozenClock) -> None:
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        await pilot.press("plus")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, UnitForm)
        form.query_one("#code", Input).value = "A1"  # sorts first: visible at 80x24
        form.query_one("#name", Input).value = "[@click=app.quit]退出[/]"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, UnitsScreen)
        assert "[@click=app.quit]退出[/]" in screen_text(app)


@pytest.mark.parametrize("blink", [True, False])
async def test_the_text_cursor_blinks_as_configured(config: Config, tmp_path: Path,
                                                    clock: FrozenClock, blink: bool) -> None:
    """`[ui] cursor_blink = false`: a steady cursor in every form (and snapshots that do not
    depend on when the cursor was last toggled)."""
    app = demo_app(config, tmp_path, clock, cursor_blink=blink)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await wait_until(pilot, lambda: isinstance(app.screen, UnitsScreen), "units")
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, UnitForm), "unit form")
        await settle(pilot)
        focused = app.focused
        assert isinstance(focused, Input)
        assert focused.cursor_blink is blink
