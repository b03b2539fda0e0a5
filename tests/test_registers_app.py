"""保密登记簿 by keys on the demo database (frozen on 2026-10-10 10:30): the overdue borrowing is
an alarm on Today and in its register; a new entry and a closing made by keys."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from helpdesk.clock import FrozenClock
from helpdesk.config import Config
from screens.security.registers import (
    CloseEntryForm,
    EntryForm,
    RegistersScreen,
    ReportPasswordForm,
)
from tests.app_support import demo_app, settle, wait_until
from tests.test_app import screen_text


async def test_registers_by_keys(config: Config, tmp_path: Path, clock: FrozenClock) -> None:
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "✘保密：借用逾期1" in screen_text(app)
        await pilot.press("m", "g")
        await wait_until(pilot, lambda: isinstance(app.screen, RegistersScreen)
                         and "信访件台账U盘" in screen_text(app), "the media register")
        assert "⚠密码未报告" in screen_text(app)
        screen = app.screen
        assert isinstance(screen, RegistersScreen)
        screen.table.move_cursor(row=screen.table.get_row_index("MD2026-0003"))
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, ReportPasswordForm), "report")
        app.screen.query_one("#report-to", Input).value = "张主任"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, RegistersScreen)
                         and "⚠密码未报告" not in screen_text(app), "the password reported")
        await pilot.press("right_square_bracket")
        await wait_until(pilot, lambda: "逾期未还" in screen_text(app), "the borrowing register")
        assert "[借用]" in screen_text(app)
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, EntryForm), "the entry form")
        form = app.screen
        form.query_one("#entry-title", Input).value = "2024年信访档案（第3卷）"
        form.query_one("#entry-holder", Input).value = "wangjg"
        form.query_one("#entry-approved_by", Input).value = "张主任"
        form.query_one("#entry-start_on", Input).value = "2026-10-10"
        form.query_one("#entry-due_on", Input).value = "2026-10-1x"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "不是日期" in screen_text(app), "the date error")
        assert form.query_one("#entry-title", Input).value == "2024年信访档案（第3卷）"
        form.query_one("#entry-due_on", Input).value = "2026-10-16"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, RegistersScreen)
                         and "2024年信访档案" in screen_text(app), "the new entry")
        assert "10-16前归还" in screen_text(app)
        screen = app.screen
        assert isinstance(screen, RegistersScreen)
        table = screen.table
        table.move_cursor(row=table.get_row_index("JY2026-0001"))  # the overdue one
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, CloseEntryForm), "close form")
        assert app.screen.query_one("#close-date", Input).value == "2026-10-10"  # today
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, RegistersScreen)
                         and "逾期未还" not in screen_text(app), "the returned borrowing")
        assert "归还 10-10" in screen_text(app)
        await pilot.press("t")
        await wait_until(pilot, lambda: "借用逾期" not in screen_text(app), "Today refreshed")
