"""The console on the province-scale database, driven with the pilot (80x24, headless): from a
key to the content it opens (the screen's first data shown), median of N visits. Run from
bench/scale.py --console, or alone:

    .venv/bin/python bench/scale_console.py [--db /tmp/helpdesk-scale.db] [--runs 5]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import scale_db  # noqa: E402

from helpdesk.clock import FrozenClock  # noqa: E402
from helpdesk.config import Config  # noqa: E402

SEARCHED = f"GD{500_000:012d}"


async def until(condition: Callable[[], bool], timeout: float = 60.0) -> None:
    """Poll the app's state (a bench measures; the tests wait on workers instead)."""
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the screen did not show its content")
        await asyncio.sleep(0.002)


def loaded(app: Any, screen_name: str) -> Callable[[], bool]:
    def check() -> bool:
        screen = app.screen
        return type(screen).__name__ == screen_name and bool(getattr(screen, "loaded", False)) \
            and not getattr(screen, "pending", ())
    return check


async def drive(path: Path | str, runs: int) -> dict[str, list[float]]:
    from screens.app import HelpdeskApp

    times: dict[str, list[float]] = {}

    def note(name: str, started: float) -> None:
        times.setdefault(name, []).append((time.perf_counter() - started) * 1000)

    for _ in range(runs):
        await visit_all(HelpdeskApp(Config(), str(path), clock=FrozenClock(scale_db.NOW),
                                    os_user="bench"), note)
    return times


async def visit_all(app: Any, note: Callable[[str, float], None]) -> None:
    """One session: start, then each area by its keys."""
    started = time.perf_counter()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(lambda: type(app.screen).__name__ == "TodayScreen"
                    and app.screen.loaded)
        note("Today (start to first content)", started)
        await until(loaded(app, "TodayScreen"))
        note("Today (start to every panel)", started)

        async def visit(name: str, keys: str, screen: str) -> None:
            begun = time.perf_counter()
            for key in keys:
                await pilot.press(key)
            await until(loaded(app, screen))
            note(name, begun)

        await visit("queue (q)", "q", "QuestionListScreen")
        await visit("worklist (c)", "c", "WorklistScreen")
        await visit("case list (c l)", "l", "CaseListScreen")
        box = app.screen.query_one("#case-search")
        begun = time.perf_counter()
        box.value = SEARCHED
        await until(lambda: [c.case_number for c in app.screen.cases] == [SEARCHED])
        note("case-number search (typed)", begun)
        await pilot.press("escape")
        await visit("rates (c R)", "R", "RatesScreen")
        await pilot.press("escape")
        await visit("reports preview (e)", "e", "ReportPreviewScreen")
        await visit("ledger (l)", "tl", "LedgerScreen")
        await visit("back to today (t)", "t", "TodayScreen")
        await visit("back to worklist (c)", "c", "WorklistScreen")


def run(path: Path | str, runs: int) -> None:
    times = asyncio.run(drive(path, runs))
    print(f"\n{'console, key to content':<36} {'median ms':>10} {'max ms':>9}  (of {runs})")
    for name, samples in times.items():
        print(f"{name:<36} {statistics.median(samples):>10.0f} {max(samples):>9.0f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default="/tmp/helpdesk-scale.db")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    scale_db.ensure(Path(args.db), 1_000_000, 200_000).db.engine.dispose()
    run(Path(args.db), args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
