"""The urging worklist by keys: record an urging in two keystrokes, copy the urging text."""

from __future__ import annotations

from pathlib import Path

from helpdesk.clock import FrozenClock
from helpdesk.config import Config
from screens.cases.worklist import WorklistScreen
from screens.text_dialog import TextDialog
from tests.app_support import demo_app, settle, wait_until
from tests.test_app import screen_text


async def test_urge_in_two_keys_and_copy_the_text(config: Config, tmp_path: Path,
                                                  clock: FrozenClock) -> None:
    from sqlmodel import col, select

    from helpdesk.cases.models import Urging

    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WorklistScreen) and screen.items
        first = screen.items[0]
        assert first.case_number in screen_text(app)
        assert "今日已催 0" in screen_text(app)
        await pilot.press("x")  # sent to the clipboard and shown, for tmux without OSC 52
        await wait_until(pilot, lambda: isinstance(app.screen, TextDialog), "the text")
        assert app.clipboard.startswith("【催办提醒】") and first.case_number in app.clipboard
        await wait_until(pilot, lambda: "【催办提醒】" in screen_text(app), "the text shown")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, WorklistScreen), "the list")
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, WorklistScreen)
        assert app.ws is not None
        with app.ws.db.read() as session:  # today's: the demo's history is from before
            urged = session.exec(select(Urging).where(col(Urging.at) >= clock.now())).all()
        assert [(u.case_id, u.method) for u in urged] == [(first.case_id, "phone")]
        overdue = first.workdays_left is not None and first.workdays_left < 0
        still_listed = first.case_id in [i.case_id for i in app.screen.items]
        assert still_listed == overdue  # hidden until the next check unless already overdue
        assert overdue  # the demo's most urgent case: it stays, marked and counted
        row = [i.case_id for i in app.screen.items].index(first.case_id)
        assert app.screen.items[row].urged_today
        await wait_until(pilot, lambda: "✔已催办" in screen_text(app)
                         and "今日已催 1" in screen_text(app), "the mark")


async def test_case_detail_masks_unmasks_with_reason_and_reverts(
        config: Config, tmp_path: Path, clock: FrozenClock) -> None:
    from helpdesk.app.audit_feed import list_audit
    from helpdesk.cases.actions import get_case
    from screens.cases.case_detail import CaseDetailScreen

    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, WorklistScreen)
        item = app.screen.items[0]
        await pilot.press("o")
        await settle(pilot)
        detail_screen = app.screen
        assert isinstance(detail_screen, CaseDetailScreen)
        assert app.ws is not None and app.actor is not None
        masked = get_case(app.ws, app.actor, item.case_id)
        assert masked.id_number in screen_text(app) and "*" in masked.id_number
        await pilot.press("m")
        await settle(pilot)
        await pilot.press(*"回访核对身份", "enter")
        await settle(pilot)
        assert detail_screen.clear is not None
        clear_id = detail_screen.clear.id_number
        assert "*" not in clear_id and clear_id in screen_text(app)
        assert list_audit(app.ws, app.actor, limit=1)[0].action == "case.unmask"
        await pilot.press("escape")
        await settle(pilot)
        assert detail_screen.clear is None  # reverted on leaving
        assert clear_id not in screen_text(app)


async def test_record_a_stage_from_the_case_detail(config: Config, tmp_path: Path,
                                                   clock: FrozenClock) -> None:
    from textual.widgets import Select

    from helpdesk.cases.actions import get_case
    from screens.cases.case_detail import CaseDetailScreen
    from screens.cases.case_forms import CaseStageForm

    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, WorklistScreen)
        item = next(i for i in app.screen.items if i.step == "accept_notice")
        await app.push_screen(CaseDetailScreen(item.case_id))
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, CaseStageForm)
        assert form.query_one("#stage", Select).value == "accepted"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseDetailScreen)
        assert app.ws is not None and app.actor is not None
        case = get_case(app.ws, app.actor, item.case_id)
        assert (case.stage, case.next_step) == ("accepted", "handling")


async def test_case_list_search_and_open(config: Config, tmp_path: Path,
                                         clock: FrozenClock) -> None:
    from screens.cases.case_detail import CaseDetailScreen
    from screens.cases.case_list import CaseListScreen

    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("c", "l")
        await settle(pilot)
        listing = app.screen
        assert isinstance(listing, CaseListScreen) and len(listing.cases) == 100
        assert listing.cases[0].registered_on >= listing.cases[-1].registered_on
        await pilot.press("slash", *"噪音", "enter")  # Enter opens the first hit (issue 34)
        await wait_until(pilot, lambda: isinstance(app.screen, CaseDetailScreen), "the hit")
        assert listing.cases and all("噪音" in c.subject for c in listing.cases)
        opened = app.screen
        assert isinstance(opened, CaseDetailScreen) and opened.case_id == listing.cases[0].id


async def test_rates_screen_with_previous_month(config: Config, tmp_path: Path,
                                                clock: FrozenClock) -> None:
    from screens.cases.rates import RatesScreen

    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("c", "R")
        await settle(pilot)
        assert isinstance(app.screen, RatesScreen)
        text = screen_text(app)
        assert "全区" in text and "%" in text and "2026-10-01" in text
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert "2026-09-01 至 2026-09-30" in screen_text(app)
        await pilot.press("j")  # the quarter that holds September, as in the reports
        await wait_until(pilot, lambda: "2026-07-01 至 2026-09-30" in screen_text(app), "Q3")
        await pilot.press("right_square_bracket")  # the current quarter runs to today
        await wait_until(pilot, lambda: "2026-10-01 至 2026-10-10" in screen_text(app), "Q4")
        await pilot.press("y")
        await wait_until(pilot, lambda: "2026-01-01 至 2026-10-10" in screen_text(app), "2026")


IMPORT_ROWS = "\n".join((
    "信访件编号,登记日期,信访形式,信访人,信访事由,责任单位,转送日期,受理日期",
    "UI-1,2026-09-20,来信,张三,噪音扰民,福田街道,2026-09-21,2026-09-24",
    "UI-2,2026-09-31,来信,李四,拖欠工资,福田街道,,",
    "UI-3,2026-09-22,传真,王五,物业纠纷,火星街道,,",
)) + "\n"


async def test_import_from_the_console(config: Config, tmp_path: Path,
                                       clock: FrozenClock) -> None:
    from helpdesk.cases.actions import find_case
    from helpdesk.errors import NotFound
    from screens.cases.case_import import CaseImportScreen

    source = tmp_path / "export.csv"
    source.write_text(IMPORT_ROWS, encoding="utf-8")
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("c", "i")
        await settle(pilot)
        assert isinstance(app.screen, CaseImportScreen)
        await pilot.press(*str(source), "enter")
        await settle(pilot)
        text = screen_text(app)
        assert "共 3 行" in text and "第 3 行" in text and "第 4 行" in text
        assert "火星街道" in text
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "未写入任何数据" in screen_text(app)
        assert app.ws is not None and app.actor is not None
        try:
            find_case(app.ws, app.actor, "UI-1")
            raise AssertionError("all-or-nothing import wrote a row")
        except NotFound:
            pass
        await pilot.press("k")  # import the good rows only
        await settle(pilot)
        assert "已导入" in screen_text(app)
        assert find_case(app.ws, app.actor, "UI-1").stage == "accepted"


async def test_a_long_worklist_is_shown_a_page_at_a_time(config: Config, tmp_path: Path,
                                                         clock: FrozenClock) -> None:
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, WorklistScreen)
                         and app.screen.loaded, "the worklist")
        screen = app.screen
        assert isinstance(screen, WorklistScreen)
        assert len(screen.items) > 2 * screen.PAGE_SIZE  # the demo's 547
        assert screen.table.row_count == screen.PAGE_SIZE
        pages = -(-len(screen.items) // screen.PAGE_SIZE)
        assert f"第 1/{pages} 页" in screen_text(app)
        await pilot.press("right_square_bracket")
        await wait_until(pilot, lambda: f"第 2/{pages} 页" in screen_text(app), "page 2")
        # The cursor's row is the page's first: the list's 101st item, which `o` opens.
        selected = screen._selected()
        assert selected is not None and selected == screen.items[screen.PAGE_SIZE]
        assert selected.case_number in screen_text(app)
        await pilot.press("left_square_bracket")
        await wait_until(pilot, lambda: f"第 1/{pages} 页" in screen_text(app), "page 1")
        assert screen._selected() == screen.items[0]


async def test_record_a_hearing_from_the_case_detail(config: Config, tmp_path: Path,
                                                     clock: FrozenClock) -> None:
    """H on a case whose 复核 runs opens the hearing form; its days come off the period."""
    from datetime import date

    from textual.widgets import Input

    from helpdesk.cases.actions import advance, get_case, list_cases
    from screens.cases.case_detail import CaseDetailScreen
    from screens.cases.case_forms import CaseHearingForm

    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.ws is not None and app.actor is not None
        ws, actor = app.ws, app.actor
        accepted = next(c for c in list_cases(ws, actor, limit=500)
                        if c.stage == "accepted")
        day = date(2026, 10, 9)
        case = accepted
        for stage in ("replied", "review_requested", "reviewed", "rereview_requested"):
            case = advance(ws, actor, case.id, case.version, stage, day)
        await app.push_screen(CaseDetailScreen(case.id))
        await settle(pilot)
        await pilot.press("H")
        await wait_until(pilot, lambda: isinstance(app.screen, CaseHearingForm), "the form")
        form = app.screen
        assert isinstance(form, CaseHearingForm)
        form.query_one("#hearing-from", Input).value = "2026-10-09"
        form.query_one("#hearing-to", Input).value = "2026-10-09"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, CaseDetailScreen), "the case")
        assert get_case(ws, actor, case.id).version == case.version + 1
        await wait_until(pilot, lambda: "含听证 1 天" in screen_text(app), "the hearing shown")


async def test_an_area_letter_opens_the_areas_root(config: Config, tmp_path: Path,
                                                   clock: FrozenClock) -> None:
    """`c` reopened whatever sub-screen the area was left on (issue 34: 催办 landing on
    全省排名): it opens the worklist, from anywhere, and from inside the area too."""
    from screens.cases.ranking import RankingScreen
    from screens.today.today import TodayScreen

    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, WorklistScreen), "the worklist")
        await pilot.press("R", "k")
        await wait_until(pilot, lambda: isinstance(app.screen, RankingScreen), "the ranking")
        await pilot.press("t")
        await wait_until(pilot, lambda: isinstance(app.screen, TodayScreen), "Today")
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, WorklistScreen), "the worklist")
        await pilot.press("R", "k")
        await wait_until(pilot, lambda: isinstance(app.screen, RankingScreen), "the ranking")
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, WorklistScreen), "the root")


async def test_f3_shows_the_highlighted_row_whole(config: Config, tmp_path: Path,
                                                  clock: FrozenClock) -> None:
    """At 80 columns a list cuts its long cells (a question's title); F3 shows the row whole,
    each cell under its column's name, in a dialog whose text can be selected (issue 34)."""
    from rich.cells import cell_len
    from textual.widgets import TextArea

    from screens.questions.question_list import QuestionListScreen

    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await wait_until(pilot, lambda: isinstance(app.screen, QuestionListScreen)
                         and app.screen.table.row_count > 1, "the questions")
        listing = app.screen
        assert isinstance(listing, QuestionListScreen)
        table = listing.table
        widths = [column.get_render_width(table) for column in table.columns.values()]
        cut = next(index for index in range(table.row_count) if any(
            cell_len(cell.plain) > width
            for cell, width in zip(table.get_row_at(index), widths, strict=False)))
        table.move_cursor(row=cut)
        row = [cell.plain for cell in table.get_row_at(cut)]
        await pilot.press("f3")
        await wait_until(pilot, lambda: isinstance(app.screen, TextDialog), "the row")
        text = app.screen.query_one(TextArea).text
        for label, cell in zip((str(c.label) for c in table.columns.values()), row,
                               strict=False):
            assert f"{label}：{cell}" in text
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is listing, "back on the list")


async def test_every_area_letter_from_every_area_lands_on_its_root(
        config: Config, tmp_path: Path, clock: FrozenClock) -> None:
    """From each area's root screen, each area's letter opens that area's root, unless the
    screen uses the letter itself (then its footer shows it: tests/test_layering.py). One walk
    takes every ordered pair once (area to area, 240 presses), through Today when stuck."""
    import importlib
    from collections.abc import Callable

    from helpdesk.areas import AREAS

    roots = {}
    for area in AREAS:
        module, name = area.screen.split(":")
        roots[area.key] = getattr(importlib.import_module(f"screens.{module}"), name)
    untested = {(a.key, b.key) for a in AREAS for b in AREAS if a.key != b.key}
    app = demo_app(config, tmp_path, clock)

    def showing(root: type) -> Callable[[], bool]:
        return lambda: type(app.screen) is root

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        here = "t"
        while untested:
            await wait_until(pilot, showing(roots[here]), f"the root of {here}")
            own = set(app.screen._bindings.key_to_bindings)  # the screen's own keys
            untested -= {(here, key) for key in own}
            ahead = sorted(there for start, there in untested if start == here)
            if not ahead:  # back to Today, then on to an area with pairs left
                left = sorted({start for start, _there in untested} - {"t"})
                await pilot.press(*(["escape"] if here != "t" else []))
                await wait_until(pilot, showing(roots["t"]), "Today")
                today_own = set(app.screen._bindings.key_to_bindings)
                assert not set(left) & today_own, "Today hides an area's letter"
                if not left:
                    break
                await pilot.press(left[0])
                here = left[0]
                continue
            there = ahead[0]
            await pilot.press(there)
            untested.discard((here, there))
            here = there
