"""系统需求整理: a requirement's document edited under optimistic locking, the bureau's
confirmation of a verified requirement, and the document exported for the provincial project
team: literal Markdown, inert and encrypted xlsx."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from helpdesk.app.audit_feed import list_audit
from helpdesk.clock import FrozenClock
from helpdesk.config import Config
from helpdesk.errors import StaleEdit, UsageError
from helpdesk.questions.requirement_docs import (
    confirm_requirement,
    edit_document,
    get_document,
)
from helpdesk.questions.requirement_export import write_document
from helpdesk.questions.trackers import advance, raise_item
from helpdesk.services.workspace import Workspace, resolve_actor
from tests.cli_support import CliRun, cli_runner, write_config
from tests.expect import refused

HOSTILE = "# 不是标题\n=HYPERLINK(\"http://x\")\n<b>粗体</b> *强调* [链接](http://x)"


def _verified(ws: Workspace) -> int:
    actor = resolve_actor(ws)
    item = raise_item(ws, actor, "requirement", title="退回件重新办理")
    item = advance(ws, actor, item.id, item.version, "analysed")
    item = advance(ws, actor, item.id, item.version, "verified")
    return item.id


def test_editing_the_document(ws: Workspace) -> None:
    actor = resolve_actor(ws)
    item = raise_item(ws, actor, "requirement", title="批量导出回访表")
    doc = edit_document(ws, actor, item.id, item.version,
                        {"background": "街道每月需报送回访表", "affected_units": "各街道",
                         "title": "批量导出回访表（按街道）"})
    assert (doc.background, doc.affected_units, doc.item.title, doc.item.version) == (
        "街道每月需报送回访表", "各街道", "批量导出回访表（按街道）", 2)
    same = edit_document(ws, actor, item.id, 2, {"background": "街道每月需报送回访表"})
    assert same.item.version == 2  # nothing changed, nothing written
    with pytest.raises(StaleEdit):
        edit_document(ws, actor, item.id, 1, {"analysis": "晚到的修改"})
    with refused(UsageError, "requirements.field"):
        edit_document(ws, actor, item.id, 2, {"status": "closed"})
    with refused(UsageError, "common.title_empty"):
        edit_document(ws, actor, item.id, 2, {"title": "  "})
    audit = [a for a in list_audit(ws, actor, limit=5) if a.action == "requirement.edit"]
    assert len(audit) == 1 and "各街道" in audit[0].summary


def test_confirmation_needs_a_verified_requirement(ws: Workspace, clock: FrozenClock) -> None:
    actor = resolve_actor(ws)
    problem = raise_item(ws, actor, "problem", title="扫描仪驱动报错")
    with refused(UsageError, "requirements.not_requirement"):
        confirm_requirement(ws, actor, problem.id, problem.version, name="张主任", unit="办信科")
    early = raise_item(ws, actor, "requirement", title="督办提醒")
    with refused(UsageError, "requirements.confirm_when_verified"):
        confirm_requirement(ws, actor, early.id, early.version, name="张主任", unit="办信科")
    item_id = _verified(ws)
    version = get_document(ws, actor, item_id).item.version
    with refused(UsageError, "requirements.confirmer"):
        confirm_requirement(ws, actor, item_id, version, name="张主任", unit=" ")
    with refused(UsageError, "requirements.confirmed_future"):
        confirm_requirement(ws, actor, item_id, version, name="张主任", unit="办信科",
                            on=date(2026, 10, 11))
    doc = confirm_requirement(ws, actor, item_id, version, name="张主任", unit="区信访局办信科",
                              on=date(2026, 10, 9))
    assert (doc.item.status, doc.confirmer_name, doc.confirmed_on) == (
        "confirmed", "张主任", date(2026, 10, 9))
    actions = [a.action for a in list_audit(ws, actor, limit=3)]
    assert actions[:2] == ["requirement.confirm", "requirement.status"]
    with refused(UsageError, "requirements.confirm_when_verified"):
        confirm_requirement(ws, actor, item_id, doc.item.version, name="李", unit="办信科")


def test_exports_are_literal_inert_and_encrypted(ws: Workspace, tmp_path: Path) -> None:
    import msoffcrypto
    from openpyxl import load_workbook

    actor = resolve_actor(ws)
    item_id = _verified(ws)
    version = get_document(ws, actor, item_id).item.version
    edit_document(ws, actor, item_id, version, {"background": HOSTILE})
    with refused(UsageError, "requirements.markdown_plain"):
        write_document(ws, actor, item_id, tmp_path / "r.md", "md")
    with refused(UsageError, "requirements.export_password"):
        write_document(ws, actor, item_id, tmp_path / "r.xlsx", "xlsx")
    written = write_document(ws, actor, item_id, tmp_path / "r.md", "md", plain=True)
    text = written.path.read_text(encoding="utf-8")
    assert "\n\\# 不是标题" in text and "\\<b\\>" in text and "\\[链接\\]" in text
    assert "## 需求背景" in text and "## 省平台答复\n\n（未填写）" in text
    written = write_document(ws, actor, item_id, tmp_path / "r.xlsx", "xlsx",
                             password="bureau-2026!")
    assert written.encrypted
    office = msoffcrypto.OfficeFile(io.BytesIO(written.path.read_bytes()))
    office.load_key(password="bureau-2026!")
    clear = io.BytesIO()
    office.decrypt(clear)
    sheet = load_workbook(clear).active
    values = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]
    assert any(str(v).startswith("# 不是标题") for v in values)  # not a formula: begins "#"
    assert all(not str(v).startswith("=") for v in values)
    assert "区信访局" not in "".join(map(str, values))  # nothing the document does not hold


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> CliRun:
    return cli_runner(write_config(tmp_path), str(tmp_path / "helpdesk.db"), monkeypatch,
                      capsys, "2026-12-02T10:00:00+08:00")


def test_requirement_documents_from_the_cli(cli: CliRun, tmp_path: Path) -> None:
    code, out = cli("requirement", "add", "--title", "退回件重新办理")
    assert code == 0, out
    code, out = cli("requirement", "edit", "R2026-0001", "--background", "街道无法自行发起",
                    "--wanted", "街道可直接重新办理", "--json")
    doc = json.loads(out)
    assert code == 0 and doc["wanted_behaviour"] == "街道可直接重新办理"
    assert doc["item"]["version"] == 2
    code, out = cli("requirement", "confirm", "R2026-0001", "--by", "张主任", "--unit", "办信科")
    assert code == 2 and "已收集" in out  # not verified yet
    for step in ("analysed", "verified"):
        assert cli("requirement", "step", "R2026-0001", "--to", step)[0] == 0
    code, out = cli("requirement", "confirm", "R2026-0001", "--by", "张主任", "--unit", "办信科",
                    "--json")
    assert code == 0 and json.loads(out)["confirmed_on"] == "2026-12-02"
    code, out = cli("requirement", "show", "R2026-0001")
    assert "办信科 张主任（2026-12-02）" in out and "街道无法自行发起" in out
    code, out = cli("requirement", "export", "R2026-0001", "--format", "md", "-o",
                    str(tmp_path / "R.md"))
    assert code == 2 and not (tmp_path / "R.md").exists()
    code, out = cli("requirement", "export", "R2026-0001", "--format", "md", "--plain", "-o",
                    str(tmp_path / "R.md"), "--json")
    assert code == 0 and json.loads(out)["encrypted"] is False
    assert "# 系统需求说明 R2026-0001" in (tmp_path / "R.md").read_text(encoding="utf-8")


async def test_requirement_document_by_keys(config: Config, tmp_path: Path,
                                            clock: FrozenClock) -> None:
    """The demo's first requirement is written up and confirmed; the second is edited by keys
    (what was typed shows on the document once saved)."""
    from textual.widgets import TextArea

    from screens.questions.requirement_doc import DocumentForm, RequirementDocScreen
    from tests.app_support import demo_app, settle, wait_until
    from tests.test_app import screen_text

    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r", "m")
        await wait_until(pilot, lambda: "R2026-0001" in screen_text(app), "the requirements")
        await pilot.press("down", "enter")  # newest first: R2026-0002, then R2026-0001
        await wait_until(pilot, lambda: isinstance(app.screen, RequirementDocScreen)
                         and "区信访局办信科 张主任" in screen_text(app), "the confirmed doc")
        await pilot.press("escape", "up", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, RequirementDocScreen)
                         and "R2026-0002" in screen_text(app), "the second requirement")
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, DocumentForm), "the form")
        app.screen.query_one("#doc-background", TextArea).text = "街道需按月核对三率口径"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, RequirementDocScreen)
                         and "街道需按月核对三率口径" in screen_text(app), "the saved text")


async def test_plus_and_minus_say_what_they_did(config: Config, tmp_path: Path,
                                                clock: FrozenClock) -> None:
    """`+`/`-` on the requirements list moved an item without a word, and did nothing at the
    ends without a word (issue 34)."""
    from tests.app_support import demo_app, settle, wait_until
    from tests.test_app import screen_text

    app = demo_app(config, tmp_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("r", "m")
        await wait_until(pilot, lambda: "R2026-0002" in screen_text(app), "the requirements")
        await pilot.press("minus")
        await wait_until(pilot, lambda: any("R2026-0002" in str(n.message)
                                            for n in app._notifications), "a word")
        # `+` moves it on only after y, naming both states; n keeps it where it was
        await pilot.press("plus")
        await wait_until(pilot, lambda: "R2026-0002 从「" in screen_text(app)
                         and "」改为「" in screen_text(app), "the question")
        await pilot.press("n")
        await settle(pilot)
        assert not any("→" in str(n.message) for n in app._notifications)
        await pilot.press("plus", "y")
        await wait_until(pilot, lambda: any("R2026-0002" in str(n.message)
                                            and "→" in str(n.message)
                                            for n in app._notifications), "moved, and said")
