"""Every list area at 80×24 and 120×40, in Chinese and English: the columns fit the width (no
sideways scrolling to reach a deadline), the footer is whole items within the width."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pytest
from rich.cells import cell_len
from rich.text import Text
from textual.screen import Screen
from textual.widgets import DataTable

from helpdesk.areas import AREA_NAMES, PLACES
from helpdesk.clock import FrozenClock
from helpdesk.config import Config
from screens.base import DataScreen
from screens.lists import ListScreen
from screens.widgets.key_footer import GAP, KeyFooter
from tests.app_support import demo_app, settle, wait_until


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_every_area_fits(locale: Literal["zh_CN", "en"], size: tuple[int, int],
                               config: Config, tmp_path: Path, clock: FrozenClock) -> None:
    app = demo_app(config, tmp_path, clock, locale=locale)
    too_wide: list[str] = []
    cut: list[str] = []
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for area in AREA_NAMES:
            app.action_goto(area)
            await wait_until(pilot, lambda area=area: app.current_mode == area  # type: ignore[misc]
                             and isinstance(app.screen, DataScreen) and app.screen.loaded,
                             f"{area} loaded")
            await settle(pilot)
            screen = app.screen
            items = screen.query_one(KeyFooter).items(size[0] - 1)
            line = GAP.join(f"{item.key} {item.label}" for item in items)
            assert cell_len(line) <= size[0] - 1, (area, line)
            if isinstance(screen, ListScreen) and screen.COLUMNS:
                table = screen.table
                if table.virtual_size.width > table.size.width:
                    too_wide.append(f"{area}: {table.virtual_size.width} > {table.size.width}")
            cut += cut_mid_word(screen)
        if size == (80, 24) and locale == "en":  # the narrowest case: the places too
            for place in PLACES:
                app.open_place(place)
                await wait_until(pilot, lambda: isinstance(app.screen, DataScreen)
                                 and app.screen.loaded, place.screen)
                await settle(pilot)
                cut += cut_mid_word(app.screen)
    assert too_wide == []
    assert cut == [], "\n".join(cut)


def cut_mid_word(screen: Screen[object]) -> list[str]:
    """Column names and cells wider than their column that would be cut without a "…"
    (issue 34: "Outgoi", "In progres", "Amount (yu" in English at 80 columns)."""
    found = []
    for table in screen.query(DataTable):
        if not table.display:
            continue
        for column in table.ordered_columns:
            width = column.get_render_width(table) - 2 * table.cell_padding
            if column.label.cell_len > width and not column.label.plain.endswith("…"):
                found.append(f"{type(screen).__name__}: column {column.label.plain!r} in {width}")
        for row in range(min(table.row_count, 40)):
            for column, cell in zip(table.ordered_columns, table.get_row_at(row), strict=False):
                width = column.get_render_width(table) - 2 * table.cell_padding
                text = cell if isinstance(cell, Text) else Text(str(cell))
                longest = max((cell_len(line) for line in text.plain.split("\n")), default=0)
                if longest > width and not (text.overflow == "ellipsis" and text.no_wrap):
                    found.append(f"{type(screen).__name__}: {text.plain!r} in {width} "
                                 f"under {column.label.plain!r}")
    return found


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_today_gives_width_to_the_alarms(size: tuple[int, int], config: Config,
                                               tmp_path: Path, clock: FrozenClock) -> None:
    """Issue 34: the 保密 alarm was cut at 80 columns. At 120 both top panels are whole; at
    80 the day's facts stay whole and the alarm keeps its words (its line's first item)."""
    from textual.widgets import Static

    from screens.today.today import TodayScreen
    from tests.test_app import screen_text

    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=size) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, TodayScreen)
                         and "✘保密：" in screen_text(app), "Today")
        await settle(pilot)
        text = screen_text(app)
        assert "办公中" in text and "⚠风险3" in text and "✘保密：借用逾期1" in text
        if size == (120, 40):
            screen = app.screen
            assert isinstance(screen, TodayScreen)
            for name, shown in screen._top_texts.items():
                width = screen.query_one(f"#{name}-panel", Static).content_region.width
                longest = max(cell_len(line) for line in shown.plain.splitlines())
                assert longest <= width, (name, longest, width)


async def test_people_are_named_not_logins_in_recent_activity(
        config: Config, tmp_path: Path, clock: FrozenClock) -> None:
    """Issue 34: Today's recent activity and the audit screen showed `wangjg` for 王建国."""
    from screens.admin.audit import AuditScreen
    from screens.today.today import TodayScreen
    from tests.test_app import screen_text

    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, TodayScreen)
                         and "王建国" in screen_text(app).split("最近操作")[-1], "named")
        assert "wangjg" not in screen_text(app)
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, AuditScreen)
                         and app.screen.loaded and "王建国" in screen_text(app), "the audit")
        assert "wangjg" not in screen_text(app)
