"""Every list area at 80×24 and 120×40, in Chinese and English: the columns fit the width (no
sideways scrolling to reach a deadline), the footer is whole items within the width."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pytest
from rich.cells import cell_len

from helpdesk.areas import AREA_NAMES
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
    assert too_wide == []
