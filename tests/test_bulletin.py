"""The bureau's right to know: its suggestions and supervision notices answered by their day,
and the monthly service bulletin (xlsx encrypted unless asked otherwise; Markdown escaped)."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from helpdesk.clock import FrozenClock
from helpdesk.contract.bulletin import build_bulletin, write_bulletin
from helpdesk.errors import UsageError
from helpdesk.security.register_entries import add_entry, close_entry, list_entries, register_alerts
from helpdesk.services.workspace import Workspace, resolve_actor
from helpdesk.storage.encrypted import decrypt
from tests.cli_support import CliRun, cli_runner, write_config
from tests.conftest import local
from tests.expect import refused

PASSWORD = "Bureau-2026!"


def test_notices_and_the_bulletin(ws: Workspace, clock: FrozenClock, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    boss = resolve_actor(ws)
    clock.set(local(2026, 10, 12, 9, 0))
    notice = add_entry(ws, boss, "suggestion", {
        "title": "督促加快回访表收集 | *本周*", "start_on": date(2026, 10, 12),
        "holder": "张主任", "due_on": date(2026, 10, 14)})
    assert notice.number == "DC2026-0001"
    add_entry(ws, boss, "borrow", {"title": "2025年信访档案", "holder": "李干事",
                                   "approved_by": "张主任", "start_on": date(2026, 10, 12),
                                   "due_on": date(2026, 10, 19)})
    clock.set(local(2026, 10, 15, 9, 0))
    assert [e.number for e in register_alerts(ws, boss).unanswered_notices] == [notice.number]
    with refused(UsageError, "registers.answer_needed"):
        close_entry(ws, boss, notice.number, closed_on=date(2026, 10, 15), outcome="answered")
    close_entry(ws, boss, notice.number, closed_on=date(2026, 10, 15), outcome="answered",
                note="已安排每日电话催收")
    assert not register_alerts(ws, boss).unanswered_notices

    bulletin = build_bulletin(ws, boss, "2026-10")
    assert [e.number for e in bulletin.suggestions] == [notice.number]
    assert [e.number for e in bulletin.entries] == ["JY2026-0001"]
    assert {c.obligation for c in bulletin.ledger_cells} >= {"onsite", "exam", "urging"}
    with refused(UsageError, "contract.bulletin_password"):
        write_bulletin(ws, boss, "2026-10", "xlsx", tmp_path / "b.xlsx")
    _b, written = write_bulletin(ws, boss, "2026-10", "xlsx", tmp_path / "b.xlsx",
                                 password=PASSWORD)
    assert written.encrypted
    book = load_workbook(io.BytesIO(decrypt(written.path.read_bytes(), PASSWORD)))
    first = book[book.sheetnames[0]]
    assert book.sheetnames[0] == "服务通报"
    assert first.cell(1, 1).value == "2026-10 运维服务情况通报"
    texts = {str(c.value) for row in first.iter_rows() for c in row if c.value}
    assert any("已安排每日电话催收" in text for text in texts)  # the answer, with its day
    _b, md = write_bulletin(ws, boss, "2026-10", "md", tmp_path / "b.md")
    text = md.path.read_text(encoding="utf-8")
    assert "督促加快回访表收集 \\| \\*本周\\*" in text  # inert in Markdown
    exported = [e for e in list_entries(ws, boss, "media") if e.medium == "export"]
    assert len(exported) == 2 and exported[-1].encrypted  # both files entered, xlsx first


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> CliRun:
    return cli_runner(write_config(tmp_path), str(tmp_path / "helpdesk.db"), monkeypatch,
                      capsys, "2026-10-15T10:00:00+08:00")


def test_notices_and_bulletin_from_the_cli(cli: CliRun, tmp_path: Path) -> None:
    code, out = cli("ledger", "suggestion", "add", "--title", "督促加快回访表收集",
                    "--date", "2026-10-12", "--due", "2026-10-14", "--json")
    assert code == 0 and json.loads(out)["number"] == "DC2026-0001"
    assert cli("ledger", "suggestion", "close", "DC2026-0001", "--outcome", "answered",
               "--date", "2026-10-15", "--note", "已安排")[0] == 0
    code, out = cli("ledger", "bulletin", "--month", "2026-10", "-o",
                    str(tmp_path / "b.md"), "--format", "md", "--json")
    assert code == 0 and json.loads(out)["suggestions"] == 1
    code, out = cli("ledger", "bulletin", "--month", "2026-10", "-o",
                    str(tmp_path / "b.xlsx"), "--plain", "--json")
    assert code == 0 and json.loads(out)["encrypted"] is False
