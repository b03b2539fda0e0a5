"""Inspection reports: figures on a hand-computed fixture month (October 2026, which holds the
National Day holiday and a make-up Saturday), Markdown and xlsx, encryption, masking."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from helpdesk.calendar.periods import parse_period
from helpdesk.clock import FrozenClock
from helpdesk.errors import UsageError
from helpdesk.questions.actions import add_question, resolve, transition
from helpdesk.questions.kb import save_article
from helpdesk.reports.export import write_report
from helpdesk.reports.gather import build_report
from helpdesk.reports.sparkline import sparkline
from helpdesk.services.units import add_unit
from helpdesk.services.workspace import Workspace, resolve_actor
from helpdesk.storage.encrypted import decrypt, is_encrypted
from tests.conftest import local
from tests.expect import refused

PASSWORD = "bureau-2026!"


def _october(ws: Workspace, clock: FrozenClock) -> None:
    """Three questions, worked out by hand (office hours 9-12, 14-18; Oct 1-7 holiday, Oct 10 a
    make-up Saturday):
    A  Oct 9 10:00 normal (2 h / 16 h): answered 11:00, resolved Oct 12 11:00 (due Oct 12
       12:00: Oct 9 6 h + Oct 10 7 h + Oct 12 3 h) -> both met.
    B  Oct 9 10:00 high (1 h / 8 h): answered 12:30 (due 11:00) -> response breached;
       resolved Oct 10 10:00 (due Oct 10 11:00) -> met.
    C  Oct 30 17:00 normal: never answered; response due Nov 2 10:00 (Oct 31 is a plain
       Saturday), passed by the report on Nov 3 -> breached; resolution due Nov 4, still running.
    """
    actor = resolve_actor(ws)
    futian = add_unit(ws, actor, "FT", "福田街道", "street")
    article = save_article(ws, actor, None, None, title="来信登记操作指引", question="如何登记",
                           answer="见操作手册第 3 章", category="registration")
    clock.set(local(2026, 10, 9, 10))
    a = add_question(ws, actor, title="如何登记来信", category="registration", channel="phone",
                     unit_id=futian.id, asker_name="张三丰", asker_phone="13812345678")
    b = add_question(ws, actor, title="交办单位选不到", category="handling", channel="walkin",
                     priority="high", asker_name="李四")
    clock.set(local(2026, 10, 9, 11))
    a = transition(ws, actor, a.id, a.version, "in_progress")
    clock.set(local(2026, 10, 9, 12, 30))
    b = transition(ws, actor, b.id, b.version, "in_progress")
    clock.set(local(2026, 10, 10, 10))
    resolve(ws, actor, b.id, b.version, answer="已在省系统调整")
    clock.set(local(2026, 10, 12, 11))
    resolve(ws, actor, a.id, a.version, answer="见指引", kb_article_ids=(article.id,))
    clock.set(local(2026, 10, 30, 17))
    add_question(ws, actor, title="如何登记来信", category="registration", channel="phone",
                 unit_id=futian.id, asker_name="王五", asker_phone="13900001111")
    clock.set(local(2026, 11, 3, 10))


def test_periods_parse_and_refuse() -> None:
    assert parse_period("quarterly", "2026-q4").start == date(2026, 10, 1)
    assert parse_period("quarterly", "2026-Q4").end == date(2026, 12, 31)
    assert parse_period("annual", "2026").label == "2026"
    assert len(parse_period("monthly", "2026-10").weeks()) == 5
    with pytest.raises(UsageError, match="2026-Q4"):
        parse_period("quarterly", "2026-Q5")
    assert sparkline([0, 5, 10, None], low=0) == "▁▅█·"


def test_october_figures_by_hand(ws: Workspace, clock: FrozenClock) -> None:
    _october(ws, clock)
    figures = build_report(ws, resolve_actor(ws), parse_period("monthly", "2026-10"))
    sla = figures.sla
    assert (sla.questions, sla.response_met, sla.response_total) == (3, 1, 3)
    assert (sla.resolution_met, sla.resolution_total, sla.breaches) == (2, 2, 2)
    assert sla.response.percent() == "33.3%" and sla.resolution.percent() == "100.0%"
    assert [(c.label, c.count) for c in figures.by_category] == [("信访件登记", 2),
                                                                   ("信访件办理", 1)]
    assert {(c.label, c.count) for c in figures.by_unit} == {("福田街道", 2), ("（未填单位）", 1)}
    registration, handling = figures.by_category
    assert (registration.sla.response.percent(), registration.sla.resolution.percent(),
            registration.sla.breaches) == ("50.0%", "100.0%", 1)  # A met, C late; C still running
    assert (handling.sla.response.percent(), handling.sla.breaches) == ("0.0%", 1)
    assert [(b.number, b.clock, b.due) for b in figures.breaches] == [
        ("Q2026-00002", "response", "2026-10-09 11:00", ),
        ("Q2026-00003", "response", "2026-11-02 10:00")]
    assert [w.sla.questions for w in figures.weeks] == [0, 2, 0, 0, 1]
    assert figures.repeated[0].title == "如何登记来信" and figures.repeated[0].count == 2
    assert figures.repeated[0].article == "来信登记操作指引"
    # the month is over: coverage counted to Oct 31; no roster, so every office minute is a gap
    assert figures.coverage.until == date(2026, 10, 31) and figures.coverage.percent == 0.0
    # 18 working days in October 2026 (Oct 8-9, the make-up Sat 10, 12-16, 19-23, 26-30)
    assert figures.coverage.office_minutes == 18 * 7 * 60


def test_markdown_and_xlsx_are_masked(ws: Workspace, clock: FrozenClock, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    _october(ws, clock)
    actor = resolve_actor(ws)
    md = tmp_path / "r.md"
    write_report(ws, actor, "monthly", "2026-10", "md", md)
    text = md.read_text(encoding="utf-8")
    assert "2026-10 月度巡检报告" in text and "33.3%（1/3）" in text
    assert "| 信访件登记 | 2 | 50.0% | 100.0% | 1 |" in text
    xlsx = tmp_path / "r.xlsx"
    write_report(ws, actor, "monthly", "2026-10", "xlsx", xlsx)
    book = load_workbook(xlsx)
    assert book.sheetnames[:4] == ["概况", "答疑", "周趋势", "超时明细"]
    cells = " ".join(str(c) for sheet in book for row in sheet.iter_rows(values_only=True)
                     for c in row if c is not None)
    assert book["答疑"]._charts and book["周趋势"]._charts
    for written in (text, cells):
        # B's asker, listed with the breach (Markdown escapes the mask's asterisk)
        assert "李*" in written.replace("\\*", "*")
        assert "李四" not in written and "张三丰" not in written and "13812345678" not in written
        assert "王五" not in written and "13900001111" not in written


def test_encrypted_report_opens_only_with_the_password(ws: Workspace, clock: FrozenClock,
                                                       tmp_path: Path) -> None:
    from openpyxl import load_workbook

    _october(ws, clock)
    actor = resolve_actor(ws)
    path = tmp_path / "secret.xlsx"
    _figures, written = write_report(ws, actor, "monthly", "2026-10", "xlsx", path, PASSWORD)
    data = path.read_bytes()
    assert written.encrypted and is_encrypted(data)
    with pytest.raises(Exception):  # noqa: B017 - not a zip without the password
        load_workbook(io.BytesIO(data))
    with pytest.raises(Exception):  # noqa: B017 - a wrong password does not open it
        decrypt(data, "not-the-password")
    book = load_workbook(io.BytesIO(decrypt(data, PASSWORD)))
    assert book["概况"]["A1"].value.endswith("2026-10 月度巡检报告")
    assert path.stat().st_mode & 0o077 == 0
    with refused(UsageError, "common.password_too_short"):
        write_report(ws, actor, "monthly", "2026-10", "xlsx", path, "short")
    with refused(UsageError, "common.only_xlsx_encrypted"):
        write_report(ws, actor, "monthly", "2026-10", "md", tmp_path / "x.md", PASSWORD)


@pytest.mark.parametrize(("kind", "value"), [("quarterly", "2026-Q4"), ("annual", "2026")])
def test_every_report_masks_personal_data(ws: Workspace, clock: FrozenClock, tmp_path: Path,
                                          kind: str, value: str) -> None:
    from openpyxl import load_workbook

    from helpdesk.contract.acceptance import write_pack

    _october(ws, clock)
    actor = resolve_actor(ws)
    md, xlsx = tmp_path / "r.md", tmp_path / "r.xlsx"
    write_report(ws, actor, kind, value, "md", md)
    write_report(ws, actor, kind, value, "xlsx", xlsx)
    _accept, pack, pack_md = write_pack(ws, actor, tmp_path / "pack")
    assert pack_md is not None
    texts = [md.read_text(encoding="utf-8"), pack_md.path.read_text(encoding="utf-8")]
    for book in (load_workbook(xlsx), load_workbook(pack.path)):
        texts.append(" ".join(str(c) for sheet in book for row in sheet.iter_rows(
            values_only=True) for c in row if c is not None))
    for text in texts:
        assert "李*" in text.replace("\\*", "*")
        for raw in ("李四", "张三丰", "13812345678", "王五", "13900001111"):
            assert raw not in text
