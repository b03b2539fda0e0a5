"""Columns share the width by priority: free-text columns grow and shrink, short ones stay whole."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from helpdesk.clock import FrozenClock
from helpdesk.config import Config
from screens.cases.case_list import CaseListScreen
from screens.widgets.column_fit import SHRINK_FLOOR, fit_widths, fit_with_content
from tests.app_support import demo_app, settle, wait_until
from tests.test_app import screen_text

COLUMNS = st.lists(st.tuples(st.integers(1, 40), st.booleans()), min_size=1, max_size=10)


@given(COLUMNS, st.integers(10, 300))
def test_only_growing_columns_change(columns: list[tuple[int, bool]], available: int) -> None:
    widths = [width for width, _grow in columns]
    grow = [flag for _width, flag in columns]
    fitted = fit_widths(widths, [index for index, flag in enumerate(grow) if flag], available)
    for width, flag, new in zip(widths, grow, fitted, strict=True):
        if not flag:
            assert new == width
        elif new < width:
            assert new >= min(width, max(SHRINK_FLOOR, width // 2))
    if any(grow) and sum(widths) <= available:
        assert sum(fitted) == available  # the spare width is all used
    if any(grow) and sum(fitted) > available:  # too narrow: every grower at its floor
        assert all(new == min(width, max(SHRINK_FLOOR, width // 2))
                   for width, flag, new in zip(widths, grow, fitted, strict=True) if flag)


async def test_case_list_keeps_number_and_deadline_whole(config: Config, tmp_path: Path,
                                                         clock: FrozenClock) -> None:
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c", "l")
        await wait_until(pilot, lambda: isinstance(app.screen, CaseListScreen)
                         and bool(app.screen.cases), "the case list")
        screen = app.screen
        assert isinstance(screen, CaseListScreen)
        first = screen.cases[0]
        await wait_until(pilot, lambda: first.case_number in screen_text(app), "whole number")
        assert "期限" in screen_text(app)
        assert screen.table.virtual_size.width <= screen.table.size.width  # no side scrolling
        narrow_unit = screen.table.ordered_columns[3].width
        await pilot.resize_terminal(120, 40)
        await wait_until(pilot, lambda: screen.table.ordered_columns[3].width > narrow_unit,
                         "the unit column grown")


@given(st.lists(st.tuples(st.integers(1, 30), st.integers(0, 30), st.booleans()), min_size=1,
                max_size=8), st.integers(10, 300))
def test_content_widths_give_way_before_overflowing(
        columns: list[tuple[int, int, bool]], available: int) -> None:
    declared = [width for width, _extra, _grow in columns]
    needed = [width + (0 if grow else extra) for width, extra, grow in columns]
    growing = [index for index, (_w, _e, grow) in enumerate(columns) if grow]
    fitted = fit_with_content(declared, needed, growing, available)
    at_floor = fit_widths(declared, growing, available)
    assert all(fitted[i] >= declared[i] for i in range(len(columns)) if i not in growing)
    if sum(at_floor) <= available:  # what fits with declared widths fits with content too
        assert sum(fitted) <= available
