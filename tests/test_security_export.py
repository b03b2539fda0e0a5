"""The confidentiality records as one workbook: encrypted unless a plain file is chosen, every
register a sheet, inert cells; from the console by keys (e, path, password twice)."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import load_workbook
from textual.widgets import Input

from helpdesk.clock import FrozenClock
from helpdesk.config import Config
from helpdesk.errors import UsageError
from helpdesk.security.export import write_security
from helpdesk.security.register_entries import add_entry
from helpdesk.services.workspace import Workspace, resolve_actor
from helpdesk.storage.encrypted import decrypt
from screens.prompt import PromptScreen
from screens.security.exams import ExamsScreen
from tests.app_support import demo_app, settle, wait_until
from tests.expect import refused
from tests.test_app import screen_text

PASSWORD = "Bureau-2026!"


def test_encrypted_unless_plain_and_inert(ws: Workspace, tmp_path: Path) -> None:
    boss = resolve_actor(ws)
    add_entry(ws, boss, "media", {"title": "=HYPERLINK(\"http://x\")", "location": "柜"})
    with refused(UsageError, "registers.export_password"):
        write_security(ws, boss, tmp_path / "s.xlsx")
    written = write_security(ws, boss, tmp_path / "s.xlsx", password=PASSWORD)
    book = load_workbook(io.BytesIO(decrypt(written.path.read_bytes(), PASSWORD)))
    assert book.sheetnames[:3] == ["保密", "文件、介质", "借用"] and "网络安全" in book.sheetnames
    titles = [c.value for row in book["文件、介质"].iter_rows() for c in row]
    assert "'=HYPERLINK(\"http://x\")" in titles  # a formula typed by a user stays text
    plain = write_security(ws, boss, tmp_path / "p.xlsx", plain=True)
    assert not plain.encrypted and load_workbook(plain.path).sheetnames[0] == "保密"


async def test_export_and_holdings_by_keys(config: Config, tmp_path: Path,
                                           clock: FrozenClock) -> None:
    app = demo_app(config, tmp_path, clock)
    target = tmp_path / "保密.xlsx"
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, ExamsScreen)
                         and "陈志强" in screen_text(app), "the exam list")
        screen = app.screen
        assert isinstance(screen, ExamsScreen)
        screen.table.move_cursor(row=screen.table.get_row_index("lixy"))
        await pilot.press("h")
        await wait_until(pilot, lambda: any(  # a toast: read from the app's notifications
            "李晓燕 还保管 3 项" in note.message for note in app._notifications), "holdings")
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, PromptScreen), "path prompt")
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, PromptScreen)
                         and app.screen.query_one(Input).password, "password prompt")
        app.screen.query_one(Input).value = PASSWORD
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, PromptScreen)
                         and app.screen.query_one(Input).value == "", "the second prompt")
        app.screen.query_one(Input).value = PASSWORD
        await pilot.press("enter")
        await wait_until(pilot, target.exists, "the file")
    book = load_workbook(io.BytesIO(decrypt(target.read_bytes(), PASSWORD)))
    assert "借用" in book.sheetnames
