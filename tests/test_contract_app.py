"""Inspection, reports, the data service and the ledger by keys on the demo database (frozen on
make-up Saturday 2026-10-10 10:30, when September's inspection is due on Oct 13)."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from helpdesk.clock import FrozenClock
from helpdesk.config import Config
from helpdesk.data.requests import edit_request, get_request, list_requests
from helpdesk.inspection.actions import find_inspection
from helpdesk.storage.encrypted import decrypt
from screens.app import HelpdeskApp
from screens.confirm import ConfirmScreen
from screens.contract.ledger import LedgerScreen
from screens.contract.report_preview import ReportPreviewScreen
from screens.data.data_forms import DataRequestForm, FulfilForm
from screens.inspection.inspection import InspectionScreen
from screens.prompt import PromptScreen
from screens.widgets.unit_picker import UnitPicker
from tests.app_support import demo_app, settle, wait_until
from tests.test_app import screen_text


async def test_today_names_the_next_obligation(config: Config, tmp_path: Path,
                                               clock: FrozenClock) -> None:
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "履约" in text and "2026-09 巡检 10-13前" in text and "⚠风险" in text


async def test_mark_items_and_finish_the_inspection(config: Config, tmp_path: Path,
                                                    clock: FrozenClock) -> None:
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await wait_until(pilot, lambda: isinstance(app.screen, InspectionScreen)
                         and "已检查 16/16 项" in screen_text(app), "the inspection")
        assert "2026-09 待完成" in screen_text(app)
        await pilot.press("down", "x")  # item 2 becomes an issue: a note is required
        await wait_until(pilot, lambda: isinstance(app.screen, PromptScreen), "the note")
        await pilot.press(*"插件[/]未装", "enter")
        # markup shown literally
        await wait_until(pilot, lambda: "插件[/]未装" in screen_text(app), "the note shown")
        await pilot.press("up", "up", "w")  # the first issue becomes a desk problem, asked
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen)
                         and app.screen.question.endswith("登记为系统问题？"), "the question")
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, PromptScreen), "the summary")
        await pilot.press(*"本月发现两项异常", "enter")
        assert app.ws is not None and app.actor is not None
        ws, actor = app.ws, app.actor

        def finished() -> bool:
            view = find_inspection(ws, actor, "2026-09")
            return view is not None and view.status == "done" \
                and view.results[0].problem_number.startswith("P2026-")

        await wait_until(pilot, finished, "the inspection finished, its problem raised")
        view = find_inspection(ws, actor, "2026-09")
        assert view is not None and view.count("issue") == 2
        await wait_until(pilot, lambda: "2026-09 按时完成" in screen_text(app), "finished")
        await pilot.press("right_square_bracket")  # October: not started yet
        await wait_until(pilot, lambda: "2026-10 尚未开始巡检" in screen_text(app), "October")


async def test_ledger_and_acceptance(config: Config, tmp_path: Path, clock: FrozenClock
                                     ) -> None:
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LedgerScreen)
        text = screen_text(app)
        # The demo's misses are risks the bureau has not asserted: no breach, no penalty.
        assert "局方认定违约 0 次，扣款 0 元  检出风险 2 项未认定（如全认定 39,600 元）" in text
        assert "86.7% (156/180)" in text  # September's first responses, below 95 %
        assert "5×8 驻场 · 2026-10" in text  # the cursor starts on this month
        await pilot.press("down", "left", "left", "enter")  # inspection, August
        await settle(pilot)
        assert isinstance(app.screen, InspectionScreen)
        assert "2026-08 按时完成" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        text = screen_text(app)
        assert "验收清单" in text and "5×8 驻场" in text
        checklist = app.screen.query_one("#acceptance-table", DataTable)
        checklist.move_cursor(row=checklist.get_row_index("security"))  # scrolls into view
        await settle(pilot)
        assert "保密管理" in screen_text(app)
        checklist.move_cursor(row=checklist.row_count - 1)
        await settle(pilot)
        assert "逾期未跟进问题 1 项" in screen_text(app)


async def test_report_preview_and_encrypted_export(config: Config, tmp_path: Path,
                                                   clock: FrozenClock) -> None:
    from openpyxl import load_workbook

    app = demo_app(config, tmp_path, clock)
    target = tmp_path / "q3.xlsx"
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ReportPreviewScreen)
        assert "2026-09 月度巡检报告" in screen_text(app)
        await pilot.press("j")  # the quarter holding September
        await settle(pilot)
        text = screen_text(app)
        assert "2026-Q3 季度巡检报告" in text and "▁" in text  # a weekly sparkline
        await pilot.press("p")
        await settle(pilot)
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press(*"quarter-2026", "enter")
        await settle(pilot)
        await pilot.press(*"quarter-2026", "enter")
        await settle(pilot)
    book = load_workbook(io.BytesIO(decrypt(target.read_bytes(), "quarter-2026")))
    assert book["概况"]["A1"].value.endswith("2026-Q3 季度巡检报告")


async def test_record_and_fulfil_a_data_request(config: Config, tmp_path: Path,
                                                clock: FrozenClock) -> None:
    config = replace(config, data_service=replace(config.data_service,
                                                  export_dir=str(tmp_path / "exports")))
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, DataRequestForm)
        await pilot.press(*"各街道来访件数", "tab", *"刘主任", "tab", *"沙头")
        await settle(pilot)
        assert "→ 沙头街道" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "各街道来访件数" in screen_text(app) and "沙头街道" in screen_text(app)
        app.screen.query_one(DataTable).move_cursor(row=0)
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, FulfilForm)
        await wait_until(pilot, lambda: app.screen.query_one(UnitPicker).units != [],
                         "the units")
        app.screen.query_one(UnitPicker).focus_query()
        await pilot.press(*"沙头")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "交付文件" in screen_text(app)
    assert app.ws is not None and app.actor is not None
    done = next(r for r in list_requests(app.ws, app.actor) if r.title == "各街道来访件数")
    assert done.status == "fulfilled" and Path(done.file_path).exists() and done.checksum
    assert done.unit == "沙头街道"
    assert done.params["unit_id"] is not None and done.params["unit_kind"] == ""


async def _open_edit_form(pilot: Pilot[Any], app: HelpdeskApp,
                          request_id: int) -> Screen[Any]:
    """The data-service list, its cursor on the request, Enter (as `e`): the form."""
    assert app.ws is not None and app.actor is not None
    await pilot.press("o")
    await settle(pilot)
    app.screen.query_one(DataTable).move_cursor(
        row=[r.id for r in list_requests(app.ws, app.actor)].index(request_id))
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(app.screen, DataRequestForm)
                     and app.screen.shown != {}, "the edit form")
    return app.screen


async def test_edit_a_data_request(config: Config, tmp_path: Path, clock: FrozenClock) -> None:
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.ws is not None and app.actor is not None
        ws, actor = app.ws, app.actor
        before = next(r for r in list_requests(ws, actor) if r.status == "open")
        form = await _open_edit_form(pilot, app, before.id)
        assert form.query_one("#data-title", Input).value == before.title
        assert form.query_one("#data-asker", Input).value == ""  # the masked name is a hint
        await pilot.press("end", *"含来信", "tab", "tab", "ctrl+u", *"福田")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, DataRequestForm),
                         "the edit to save")
        assert before.title + "含来信" in screen_text(app)
    after = next(r for r in list_requests(ws, actor) if r.id == before.id)
    assert (after.title, after.unit, after.asker) == (before.title + "含来信", "福田街道",
                                                      before.asker)
    assert (after.description, after.due_on) == (before.description, before.due_on)


async def test_a_stale_edit_keeps_the_typing_on_any_form(config: Config, tmp_path: Path,
                                                        clock: FrozenClock) -> None:
    """ServiceForm's default on_stale: someone saved the request after the form opened; the
    form stays, with what was typed and the message, and nothing is written."""
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.ws is not None and app.actor is not None
        ws, actor = app.ws, app.actor
        before = next(r for r in list_requests(ws, actor) if r.status == "open")
        form = await _open_edit_form(pilot, app, before.id)
        edit_request(ws, actor, before.id, before.version, title="别人先改了")
        await pilot.press("end", *"我的输入")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "已被他人修改" in str(
            form.query_one("#form-error", Static).render()), "the stale message")
        assert app.screen is form
        assert form.query_one("#data-title", Input).value == before.title + "我的输入"
    after = next(r for r in list_requests(ws, actor) if r.id == before.id)
    assert after.title == "别人先改了"


async def test_deliver_a_file_from_the_console(config: Config, tmp_path: Path,
                                               clock: FrozenClock) -> None:
    source = tmp_path / "督办件催办.csv"
    source.write_text("单位,催办次数\n区国资局,3\n", encoding="utf-8")
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.ws is not None and app.actor is not None
        ws, actor = app.ws, app.actor
        request = next(r for r in list_requests(ws, actor) if r.title == "本月督办件催办情况")
        await pilot.press("o")
        await settle(pilot)
        app.screen.query_one(DataTable).move_cursor(
            row=[r.id for r in list_requests(ws, actor)].index(request.id))
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, PromptScreen), "the file prompt")
        app.screen.query_one(Input).value = str(source)
        await pilot.press("enter")  # a csv cannot be encrypted: no password asked
        await wait_until(pilot, lambda: "交付文件" in screen_text(app), "the delivered file")
    done = get_request(ws, actor, request.id)
    assert done.status == "fulfilled" and Path(done.file_path).read_bytes() == source.read_bytes()


async def test_textual_menu_keys_speak_the_ui_language(config: Config, tmp_path: Path,
                                                       clock: FrozenClock) -> None:
    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        app.screen.query_one(DataTable).move_cursor(row=1)
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, FulfilForm), "the fulfil form")
        await pilot.press("enter")  # opens the query menu
        await settle(pilot)
        assert "收起菜单" in screen_text(app) and "Dismiss menu" not in screen_text(app)
