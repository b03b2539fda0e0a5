"""Training sessions through the services: working-day rule, status flow, attendees and
sign-in, evaluations, imports with row-numbered errors (nothing half-written), the papers as
xlsx and Markdown, raised questions onto the desk, and the obligation."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from helpdesk.app.desk import training_to_desk, training_to_faq
from helpdesk.clock import FrozenClock
from helpdesk.errors import StaleEdit, UsageError
from helpdesk.services import units as unit_service
from helpdesk.services.workspace import Workspace, resolve_actor
from helpdesk.training.actions import (
    get_session,
    list_sessions,
    plan_session,
    set_status,
    training_obligation,
    update_session,
)
from helpdesk.training.imports import import_attendees, import_evaluations
from helpdesk.training.people import (
    add_attendee,
    list_attendees,
    save_evaluation,
    set_attendance,
)
from helpdesk.training.questions import add_raised
from helpdesk.training.report import training_report, write_report
from tests.conftest import local


def _units(ws: Workspace) -> list[int]:
    actor = resolve_actor(ws)
    return [unit_service.add_unit(ws, actor, code, name, kind).id for code, name, kind in (
        ("S01", "园岭街道", "street"), ("S02", "南园街道", "street"),
        ("D01", "区教育局", "department"))]


def _held(ws: Workspace, clock: FrozenClock) -> int:
    """A session on Monday 2026-10-12 14:30, recorded held that evening."""
    actor = resolve_actor(ws)
    session = plan_session(ws, actor, kind="business", day=date(2026, 10, 12),
                           start=time(14, 30), place="三楼会议室", trainer="王建国").session
    clock.set(local(2026, 10, 12, 17, 0))
    set_status(ws, actor, session.id, session.version, "held")
    return session.id


def test_a_holiday_is_refused_with_its_reason_and_a_makeup_saturday_allowed(
        ws: Workspace) -> None:
    actor = resolve_actor(ws)
    with pytest.raises(UsageError, match="国庆节"):
        plan_session(ws, actor, kind="business", day=date(2026, 10, 5), start=time(9, 30),
                     place="会议室")
    with pytest.raises(UsageError, match="不是工作日"):
        plan_session(ws, actor, kind="admin", day=date(2026, 10, 17), start=time(9, 30),
                     place="会议室")  # an ordinary Saturday
    saved = plan_session(ws, actor, kind="operation", day=date(2026, 10, 10),
                         start=time(14, 30), place="会议室")  # 调休上班 make-up Saturday
    assert saved.warnings == ()
    assert saved.session.title == "操作培训 2026-10-10"
    assert [c.item for c in saved.session.contents][-2:] == ["答疑", "培训效果评价"]
    assert all(c.curriculum for c in saved.session.contents)
    lunch = plan_session(ws, actor, kind="admin", day=date(2026, 10, 12), start=time(11, 0),
                         place="会议室", contents=["角色与权限设置", "PageOffice 插件安装"])
    assert "不在办公时间内" in lunch.warnings[0]
    assert [(c.item, c.curriculum) for c in lunch.session.contents] == [
        ("角色与权限设置", True), ("PageOffice 插件安装", False)]


def test_status_flow_edits_and_stale_versions(ws: Workspace, clock: FrozenClock) -> None:
    actor = resolve_actor(ws)
    units = _units(ws)
    session = plan_session(ws, actor, kind="business", day=date(2026, 10, 12),
                           start=time(14, 30), place="三楼会议室",
                           invited_unit_ids=units[:2]).session
    assert [name for _id, name in session.invited_units] == ["园岭街道", "南园街道"]
    with pytest.raises(UsageError, match="尚未开始"):
        set_status(ws, actor, session.id, session.version, "held")
    with pytest.raises(UsageError, match="原因"):
        set_status(ws, actor, session.id, session.version, "cancelled")
    edited = update_session(ws, actor, session.id, session.version, kind="business",
                            day=date(2026, 10, 13), start=time(9, 30), place="二楼",
                            trainer="李晓燕", title="", minutes=90, contents=["答疑"],
                            invited_unit_ids=units, materials="课件.pptx").session
    assert (edited.place, edited.minutes, edited.version) == ("二楼", 90, 2)
    with pytest.raises(StaleEdit):
        set_status(ws, actor, session.id, session.version, "cancelled", "讲师出差")
    cancelled = set_status(ws, actor, session.id, edited.version, "cancelled", "讲师出差")
    assert (cancelled.status, cancelled.cancel_reason) == ("cancelled", "讲师出差")
    assert set_status(ws, actor, session.id, None, "planned").cancel_reason == ""


def test_attendees_sign_in_and_evaluations(ws: Workspace, clock: FrozenClock) -> None:
    actor = resolve_actor(ws)
    units = _units(ws)
    session_id = _held(ws, clock)
    first = add_attendee(ws, actor, session_id, "张伟", units[0], "信访干部")
    add_attendee(ws, actor, session_id, "李娜", units[1], attendance="signed_in")
    with pytest.raises(UsageError, match="已在名单"):
        add_attendee(ws, actor, session_id, "张伟", units[0])
    set_attendance(ws, actor, first.id, "absent", first.version)
    with pytest.raises(StaleEdit):
        set_attendance(ws, actor, first.id, "signed_in", first.version)
    # A form from someone marked absent means they were there after all.
    save_evaluation(ws, actor, session_id, first.id, {"content": 5, "overall": "4"}, "很好")
    assert list_attendees(ws, actor, session_id)[0].attendance == "signed_in"
    save_evaluation(ws, actor, session_id, first.id, {"content": 3, "overall": 3})  # replaces
    with pytest.raises(UsageError, match="1-5"):
        save_evaluation(ws, actor, session_id, None, {"trainer": 6})
    with pytest.raises(UsageError, match="空"):
        save_evaluation(ws, actor, session_id, None, {})
    save_evaluation(ws, actor, session_id, None, {"trainer": 4}, "")
    view = get_session(ws, actor, session_id)
    assert (view.signed_in, view.absent, view.responses) == (2, 0, 2)
    report = training_report(ws, actor, session_id)
    content = report.stats.questions[0]
    assert (content.answered, content.mean) == (1, 3.0)
    assert report.stats.response_rate == 1.0


def _csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8-sig")
    return path


def test_sign_in_import_reports_bad_rows_by_number_and_writes_nothing(
        ws: Workspace, clock: FrozenClock, tmp_path: Path) -> None:
    actor = resolve_actor(ws)
    _units(ws)
    session_id = _held(ws, clock)
    bad = _csv(tmp_path / "signin.csv", "姓名,单位,职务,签到\n张伟,园岭街道,信访干部,已签到\n"
               ",南园街道,科长,已签到\n李娜,不存在街道,,缺席\n王芳,S02,,迟到\n"
               "张伟,园岭街道,,已签到\n")
    report = import_attendees(ws, actor, session_id, bad)
    assert [row for row, _ in report.errors] == [3, 4, 5, 6]
    assert "缺少姓名" in report.errors[0][1] and "不存在街道" in report.errors[1][1]
    assert "迟到" in report.errors[2][1] and "第 2 行" in report.errors[3][1]
    assert not report.written and list_attendees(ws, actor, session_id) == []
    good = _csv(tmp_path / "good.csv", "姓名,单位,职务,签到\n张伟,园岭街道,信访干部,已签到\n"
                "王芳,S02,科长,缺席\n赵敏,,,\n")
    checked = import_attendees(ws, actor, session_id, good, dry_run=True)
    assert (checked.added, checked.written) == (3, False)
    assert list_attendees(ws, actor, session_id) == []
    assert import_attendees(ws, actor, session_id, good).written
    people = {a.name: (a.unit, a.attendance) for a in list_attendees(ws, actor, session_id)}
    assert people == {"张伟": ("园岭街道", "signed_in"), "王芳": ("南园街道", "absent"),
                      "赵敏": ("", "invited")}
    again = import_attendees(ws, actor, session_id, _csv(tmp_path / "again.csv",
                                                         "姓名,单位\n王芳,南园街道\n"))
    assert (again.added, again.updated) == (0, 1)  # no 签到 column: a sign-in list
    assert {a.name: a.attendance for a in list_attendees(ws, actor, session_id)}["王芳"] == \
        "signed_in"


def test_evaluation_import_from_xlsx(ws: Workspace, clock: FrozenClock,
                                     tmp_path: Path) -> None:
    from openpyxl import Workbook

    actor = resolve_actor(ws)
    units = _units(ws)
    session_id = _held(ws, clock)
    for name, unit in (("张伟", units[0]), ("李娜", units[1]), ("张伟", units[2])):
        add_attendee(ws, actor, session_id, name, unit, attendance="signed_in")
    book = Workbook()
    sheet = book.active
    sheet.append(["姓名", "单位", "内容", "讲师", "实用性", "总体", "意见"])
    sheet.append(["李娜", None, 5, 5, 4, 5, "实用"])
    sheet.append(["张伟", None, 4, 4, 4, 4, None])      # two 张伟: which one?
    sheet.append(["王五", None, 3, 3, 3, 3, None])      # not on the list
    sheet.append([None, None, 7, 4, 4, 4, None])        # score out of range
    sheet.append([None, None, None, None, None, None, None])  # blank rows are skipped
    sheet.append([None, None, 4, 4, 5, 4, "匿名意见"])
    path = tmp_path / "forms.xlsx"
    book.save(path)
    report = import_evaluations(ws, actor, session_id, path)
    assert [row for row, _ in report.errors] == [3, 4, 5]
    assert "单位" in report.errors[0][1] and "王五" in report.errors[1][1]
    assert "内容" in report.errors[2][1]
    assert training_report(ws, actor, session_id).stats.responses == 0
    sheet.delete_rows(3, 3)
    for column, value in enumerate(("张伟", "区教育局", 4, 4, 4, 4), start=1):
        sheet.cell(3, column, value)  # the second 张伟, now with the unit named
    book.save(path)
    report = import_evaluations(ws, actor, session_id, path)
    assert report.written and report.added == 3 and report.errors == []
    summary = training_report(ws, actor, session_id)
    assert summary.stats.responses == 3
    assert summary.stats.questions[0].mean == pytest.approx((5 + 4 + 4) / 3)
    assert ("李娜（南园街道）", "实用") in summary.comments


def test_sign_in_sheet_and_summary_as_xlsx_and_markdown(ws: Workspace, clock: FrozenClock,
                                                       tmp_path: Path) -> None:
    from openpyxl import load_workbook

    actor = resolve_actor(ws)
    units = _units(ws)
    session_id = _held(ws, clock)
    add_attendee(ws, actor, session_id, "张伟[/]", units[0], "信访干部", "signed_in")
    add_attendee(ws, actor, session_id, "李娜|x", units[1], "科长", "absent")
    people = list_attendees(ws, actor, session_id)
    save_evaluation(ws, actor, session_id, people[0].id,
                    {"content": 5, "trainer": 4, "usefulness": 4, "overall": 5}, "好")
    path = tmp_path / "training.xlsx"
    write_report(ws, actor, session_id, "xlsx", path)
    assert path.stat().st_mode & 0o777 == 0o600
    book = load_workbook(path)
    assert book.sheetnames == ["培训签到表", "培训效果评价汇总"]
    sheet = book["培训签到表"]
    assert sheet["A1"].value == "福田区信访局 培训签到表"
    assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
    rows = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    header = rows.index(["序号", "姓名", "单位", "职务", "签到", "签名"])
    assert rows[header + 1][:5] == [1, "张伟[/]", "园岭街道", "信访干部", "已签到"]
    assert rows[header + 2][:5] == [2, "李娜|x", "南园街道", "科长", "缺席"]
    assert rows[header + 3][0] == 3 and rows[header + 3][1] is None  # a spare line
    summary = [list(row) for row in book["培训效果评价汇总"].iter_rows(values_only=True)]
    assert ["评价项", "作答", "平均分", "1分", "2分", "3分", "4分", "5分"] in summary
    assert ["内容", 1, 5, 0, 0, 0, 0, 1] in summary
    markdown = tmp_path / "training.md"
    write_report(ws, actor, session_id, "md", markdown)
    text = markdown.read_text(encoding="utf-8")
    assert "| 1 | 张伟\\[/\\] | 园岭街道 | 信访干部 | 已签到 |  |" in text
    assert "李娜\\|x" in text  # a pipe in a name cannot break the table
    assert "回收评价表 1 份 / 签到 1 人，回收率 100.0%" in text
    assert "| 讲师 | 1 | 4.00 | 0 | 0 | 0 | 1 | 0 |" in text


def test_raised_questions_go_to_the_desk_and_the_faq(ws: Workspace, clock: FrozenClock) -> None:
    from helpdesk.questions.actions import get_question
    from helpdesk.questions.kb import get_article

    actor = resolve_actor(ws)
    session_id = _held(ws, clock)
    open_one = add_raised(ws, actor, session_id, "督办件到期提醒能否推送到手机？", "张伟")
    answered = add_raised(ws, actor, session_id, "转错单位如何撤回？", "", "在已转办列表中撤回。")
    question_id = training_to_desk(ws, actor, open_one.id)
    detail = get_question(ws, actor, question_id)
    assert detail.row.title == "督办件到期提醒能否推送到手机？"
    with pytest.raises(UsageError, match="已转"):
        training_to_desk(ws, actor, open_one.id)
    with pytest.raises(UsageError, match="没有答复"):
        training_to_faq(ws, actor, open_one.id)
    article, _versions = get_article(ws, actor, training_to_faq(ws, actor, answered.id))
    assert (article.status, article.answer) == ("draft", "在已转办列表中撤回。")


def test_obligation_counts_held_sessions_of_the_contract_year(ws: Workspace,
                                                              clock: FrozenClock) -> None:
    actor = resolve_actor(ws)
    first = training_obligation(ws, actor)
    # nothing held yet, 59 days of the service year left (2026-10-10 .. 12-08): due
    assert [p.state for p in first.periods] == ["due"]
    session_id = _held(ws, clock)  # 2026-10-12
    result = training_obligation(ws, actor, date(2026, 10, 30))
    assert (result.held, result.shortfall) == (1, 1)
    # 39 days left, one session short, none planned: inside the six-week reminder
    assert [p.state for p in result.periods] == ["at_risk"]
    assert result.periods[0].held == (session_id,)


def test_list_pages_newest_first_and_filters_by_year(ws: Workspace) -> None:
    actor = resolve_actor(ws)
    days = [date(2026, 9, 1), date(2026, 9, 2), date(2026, 9, 3), date(2025, 12, 10)]
    for day in days:
        plan_session(ws, actor, kind="business", day=day, start=time(9, 30), place="会议室")
    first = list_sessions(ws, actor, limit=2)
    rest = list_sessions(ws, actor, after=(first[-1].starts_at, first[-1].id), limit=2)
    assert [s.starts_at.date() for s in first + rest] == [
        date(2026, 9, 3), date(2026, 9, 2), date(2026, 9, 1), date(2025, 12, 10)]
    assert [s.title for s in list_sessions(ws, actor, year=2025)] == ["业务培训 2025-12-10"]
