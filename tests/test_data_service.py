"""Data-service requests: recorded with a due day in working days, fulfilled by a built-in
query exported as xlsx whose checksum stays on the request; personal data masked."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest

from helpdesk.app.audit_feed import list_audit
from helpdesk.cases.actions import add_case
from helpdesk.clock import FrozenClock
from helpdesk.data.queries import QueryParams
from helpdesk.data.requests import (
    add_request,
    cancel_request,
    deliver_file,
    edit_request,
    fulfil_request,
    get_request,
    list_requests,
    run_query,
)
from helpdesk.errors import StaleEdit, UsageError
from helpdesk.services.units import add_unit
from helpdesk.services.workspace import Workspace, resolve_actor
from tests.conftest import local
from tests.expect import refused

Q3 = QueryParams(date(2026, 7, 1), date(2026, 9, 30), unit_kind="street")


def _cases(ws: Workspace) -> None:
    actor = resolve_actor(ws)
    futian = add_unit(ws, actor, "FT", "福田街道", "street")
    shatou = add_unit(ws, actor, "ST", "沙头街道", "street")
    bureau = add_unit(ws, actor, "JY", "区教育局", "department")
    for number, day, unit in (("A1", date(2026, 7, 3), futian), ("A2", date(2026, 8, 3), futian),
                              ("A3", date(2026, 9, 3), shatou), ("A4", date(2026, 9, 4), bureau),
                              ("A5", date(2026, 6, 30), futian)):
        add_case(ws, actor, case_number=number, registered_on=day, channel="letter",
                 subject="噪音扰民", petitioner_name="赵六一", id_number="", phone="13700002222",
                 unit_id=unit.id)


def test_due_day_counts_working_days(ws: Workspace) -> None:
    # received on Sat 2026-10-10, a make-up working day: three working days on (Oct 12, 13,
    # 14) is Oct 14; Sunday the 11th is skipped.
    view = add_request(ws, resolve_actor(ws), title="三季度各街道信访件统计", asker_name="钱七",
                       format_wanted="xlsx，按街道分列")
    assert view.number == "DS2026-0001" and view.due_on == date(2026, 10, 14)
    assert view.asker == "钱*" and view.status == "open"


def test_due_day_explains_itself(ws: Workspace, clock: FrozenClock) -> None:
    # received on Sat 2026-10-03, inside the National Day holiday (Oct 1-7): the count starts
    # on Thursday the 8th, then the 9th, the make-up Saturday the 10th and, past Sunday, the 12th
    clock.set(local(2026, 10, 3, 9, 0))
    view = add_request(ws, resolve_actor(ws), title="节后统计", due_workdays=3)
    assert view.due_on == date(2026, 10, 12)
    assert view.due_explanation == (
        "2026-10-03 国庆节（法定节假日）收到，自下一个工作日 2026-10-08 起算",
        "2026-10-08 + 3 (工作日) = 2026-10-12",
        "  - 2026-10-11 周日（休息日）")


def test_edit_corrects_an_open_request(ws: Workspace) -> None:
    actor = resolve_actor(ws)
    street = add_unit(ws, actor, "FT", "福田街道", "street")
    view = add_request(ws, actor, title="三季度统计", asker_name="钱七")
    edited = edit_request(ws, actor, view.id, view.version, title="三季度各街道信访件统计",
                          unit_id=street.id, due_workdays=5)
    # five working days from the make-up Saturday it arrived on: Oct 12..16
    assert (edited.title, edited.unit, edited.due_on) == ("三季度各街道信访件统计", "福田街道",
                                                         date(2026, 10, 16))
    assert edited.asker == "钱*" and edited.version == view.version + 1
    entry = list_audit(ws, actor, limit=1)[0]
    assert entry.action == "data_request.edit"
    assert set(json.loads(entry.summary)["after"]) == {"title", "unit_id", "due_workdays",
                                                       "due_on"}
    with pytest.raises(StaleEdit):
        edit_request(ws, actor, view.id, view.version, title="旧版本上的修改")
    with refused(UsageError, "data_service.nothing_changed"):
        edit_request(ws, actor, view.id, edited.version, title="三季度各街道信访件统计")
    with refused(UsageError, "common.title_empty"):
        edit_request(ws, actor, view.id, edited.version, title="  ")
    cleared = edit_request(ws, actor, view.id, edited.version, clear_unit=True, asker_name="孙八")
    assert (cleared.unit, cleared.unit_id, cleared.asker) == ("", None, "孙*")
    cancel_request(ws, actor, view.id, cleared.version, "不需要了")
    with refused(UsageError, "data_service.not_open"):
        edit_request(ws, actor, view.id, None, title="已取消的请求")


def test_cases_by_street_for_q3(ws: Workspace) -> None:
    _cases(ws)
    result = run_query(ws, resolve_actor(ws), "cases_by_unit", Q3)
    assert [row[:2] for row in result.rows] == [("福田街道", 2), ("沙头街道", 1)]
    listing = run_query(ws, resolve_actor(ws), "case_list", Q3)
    assert [row[0] for row in listing.rows] == ["A1", "A2", "A3"]
    assert all(row[2] == "赵**" for row in listing.rows)
    with refused(UsageError, "data_queries.query"):
        run_query(ws, resolve_actor(ws), "drop_tables", Q3)


def test_fulfil_attaches_the_file_and_its_checksum(ws: Workspace, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    _cases(ws)
    actor = resolve_actor(ws)
    request = add_request(ws, actor, title="三季度各街道信访件", asker_name="钱七")
    target = tmp_path / "q3.xlsx"
    done, written = fulfil_request(ws, actor, request.id, request.version, "case_list", Q3,
                                   target)
    assert done.status == "fulfilled" and done.rows == 3
    assert done.checksum == hashlib.sha256(target.read_bytes()).hexdigest() == written.sha256
    assert done.file_path == str(target.resolve())
    values = [c for row in load_workbook(target).active.iter_rows(values_only=True)
              for c in row if c]
    assert "赵**" in values and "赵六一" not in values and "13700002222" not in values
    with refused(UsageError, "data_service.not_open"):
        fulfil_request(ws, actor, request.id, None, "case_list", Q3, target)
    with refused(UsageError, "data_service.not_open"):
        cancel_request(ws, actor, request.id, None, "不需要了")
    assert get_request(ws, actor, request.id).params["unit_kind"] == "street"


def test_overdue_cases_to_the_end_of_the_period(ws: Workspace) -> None:
    # each case's first deadline: registered + 15 days, rolled past a weekend (Jul 18 -> 20)
    _cases(ws)
    result = run_query(ws, resolve_actor(ws), "overdue_cases", Q3)
    assert [(r[0], r[6], r[7]) for r in result.rows] == [
        ("A1", date(2026, 7, 20), 72), ("A2", date(2026, 8, 18), 43),
        ("A3", date(2026, 9, 18), 12)]
    assert all(r[2] == "赵**" for r in result.rows)
    early = QueryParams(date(2026, 7, 1), date(2026, 9, 10), unit_kind="street")
    assert [r[0] for r in run_query(ws, resolve_actor(ws), "overdue_cases", early).rows] == [
        "A1", "A2"]  # A3 is due Sep 18, after the period's end


def test_question_list_says_which_clocks_ended_in_time(ws: Workspace,
                                                       clock: FrozenClock) -> None:
    from tests.test_reports import _october  # three questions worked out by hand

    _october(ws, clock)
    october = QueryParams(date(2026, 10, 1), date(2026, 10, 31))
    rows = run_query(ws, resolve_actor(ws), "question_list", october).rows
    assert [(r[1], r[2], r[3], r[8], r[9]) for r in rows] == [
        ("2026-10-09 10:00", "福田街道", "张**", "是", "是"),
        ("2026-10-09 10:00", "", "李*", "否", "是"),
        ("2026-10-30 17:00", "福田街道", "王*", "未完成", "未完成")]
    street = QueryParams(date(2026, 10, 1), date(2026, 10, 31), unit_kind="street")
    assert len(run_query(ws, resolve_actor(ws), "question_list", street).rows) == 2


def test_deliver_a_file_prepared_elsewhere(ws: Workspace, tmp_path: Path) -> None:
    from openpyxl import Workbook

    from helpdesk.storage.encrypted import decrypt

    actor = resolve_actor(ws)
    first = add_request(ws, actor, title="省系统导出的办理情况")
    source = tmp_path / "省系统导出 10月.csv"
    source.write_text("街道,件数\n福田街道,12\n", encoding="utf-8")
    with refused(UsageError, "common.only_xlsx_encrypted"):
        deliver_file(ws, actor, first.id, first.version, source, password="bureau-2026")
    with refused(UsageError, "common.no_such_file"):
        deliver_file(ws, actor, first.id, first.version, tmp_path / "missing.csv")
    done, written = deliver_file(ws, actor, first.id, first.version, source)
    kept = Path(done.file_path)
    assert kept.name == "DS2026-0001-省系统导出_10月.csv" and kept != source
    assert kept.read_bytes() == source.read_bytes() and kept.stat().st_mode & 0o077 == 0
    assert done.status == "fulfilled" and done.checksum == written.sha256 == \
        hashlib.sha256(source.read_bytes()).hexdigest()
    source.write_text("changed afterwards", encoding="utf-8")  # the evidence does not follow
    assert hashlib.sha256(kept.read_bytes()).hexdigest() == done.checksum
    assert list_audit(ws, actor, limit=1)[0].action == "data_request.deliver"
    with refused(UsageError, "data_service.not_open"):
        deliver_file(ws, actor, first.id, None, source)

    second = add_request(ws, actor, title="加密交付")
    book = tmp_path / "table.xlsx"
    workbook = Workbook()
    workbook.active.append(["福田街道", 12])
    workbook.save(book)
    with refused(UsageError, "common.password_too_short"):
        deliver_file(ws, actor, second.id, None, book, password="short")
    done, written = deliver_file(ws, actor, second.id, None, book, password="bureau-2026")
    assert written.encrypted
    assert decrypt(Path(done.file_path).read_bytes(), "bureau-2026") == book.read_bytes()


def test_list_pages_newest_first(ws: Workspace) -> None:
    actor = resolve_actor(ws)
    for number in range(5):
        add_request(ws, actor, title=f"请求 {number}")
    first = list_requests(ws, actor, limit=2)
    second = list_requests(ws, actor, limit=2, after=(first[-1].received_at, first[-1].id))
    assert [r.title for r in first + second] == ["请求 4", "请求 3", "请求 2", "请求 1"]
    cancelled = cancel_request(ws, actor, first[0].id, first[0].version, "重复提交")
    with pytest.raises(StaleEdit):
        cancel_request(ws, actor, first[1].id, first[1].version + 1, "重复提交")
    assert cancelled.status == "cancelled"
    # the reason has its own field; the asker's description stays as they wrote it (issue 34)
    assert (cancelled.cancel_reason, cancelled.description) == ("重复提交", first[0].description)
    assert len(list_requests(ws, actor, status="open")) == 4


def test_questions_by_category_for_streets_only(ws: Workspace) -> None:
    from helpdesk.questions.actions import add_question

    actor = resolve_actor(ws)
    street = add_unit(ws, actor, "FT", "福田街道", "street")
    bureau = add_unit(ws, actor, "JY", "区教育局", "department")
    for title, category, unit in (("登记一", "registration", street),
                                  ("登记二", "registration", street),
                                  ("办理一", "handling", street),
                                  ("登记三", "registration", bureau)):
        add_question(ws, actor, title=title, category=category, unit_id=unit.id)
    october = QueryParams(date(2026, 10, 1), date(2026, 10, 31), unit_kind="street")
    result = run_query(ws, actor, "questions_by_category", october)
    assert [row[:2] for row in result.rows] == [("信访件登记", 2), ("信访件办理", 1)]
    one = QueryParams(date(2026, 10, 1), date(2026, 10, 31), unit_id=bureau.id)
    assert [row[:2] for row in run_query(ws, actor, "questions_by_category", one).rows] == \
        [("信访件登记", 1)]
    assert run_query(ws, actor, "urgings_by_unit", october).rows == ()
