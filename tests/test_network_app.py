"""网络安全 by keys on the demo database (frozen on 2026-10-10 10:30): the quarterly scans and
their findings; a finding recorded, fixed and raised as a desk problem by keys."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from helpdesk.clock import FrozenClock
from helpdesk.config import Config
from screens.security.network import FindingForm, FixForm, NetworkScreen
from tests.app_support import demo_app, settle, wait_until
from tests.test_app import screen_text


async def test_findings_by_keys(config: Config, tmp_path: Path, clock: FrozenClock) -> None:
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("m", "f")
        await wait_until(pilot, lambda: isinstance(app.screen, NetworkScreen)
                         and "下次扫描" in screen_text(app), "the network screen")
        text = screen_text(app)
        assert "最近 AQ2026-0004 2026-10-09" in text and "下次扫描 2027-01-09 前" in text
        assert "待复扫" in text and "待整改" in text
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, FindingForm), "finding form")
        form = app.screen
        assert form.query_one("#finding-scan", Input).value == "AQ2026-0004"
        form.query_one("#finding-title", Input).value = "数据库端口对外开放"
        form.query_one("#finding-owner", Input).value = "wangjg"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, NetworkScreen)
                         and "数据库端口对外开放" in screen_text(app), "the new finding")
        screen = app.screen
        assert isinstance(screen, NetworkScreen)
        row = next(r for r in screen.rows.values() if r.title == "数据库端口对外开放")
        # high: 10 working days after Fri 10-09: 10-10 (make-up Saturday), 10-12 .. 10-16,
        # 10-19 .. 10-22
        assert str(row.due_on) == "2026-10-22"
        screen.table.move_cursor(row=screen.table.get_row_index(str(row.id)))
        await pilot.press("w")
        await wait_until(pilot, lambda: "转为系统问题？" in screen_text(app), "the question")
        await pilot.press("y")
        await wait_until(pilot, lambda: "P2026-" in screen_text(app), "the desk problem")
        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, FixForm), "the fix form")
        app.screen.query_one("#fix-remediation", Input).value = "关闭外网映射"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, NetworkScreen)
                         and screen.rows[str(row.id)].status == "fixed", "the fix saved")
