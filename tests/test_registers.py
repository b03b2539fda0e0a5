"""The confidentiality registers (contract 十一.5–14): entries with their required facts, closing
them the way each register allows, what is overdue or open, exports entered automatically and
linked to their copy approval, and no deactivation while someone still holds registered items."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from helpdesk.actor import Actor
from helpdesk.app.staff import add_staff, set_active
from helpdesk.clock import FrozenClock
from helpdesk.errors import NotAuthorized, NotFound, UsageError
from helpdesk.reports.export import write_report
from helpdesk.security.offboarding import hand_over_all
from helpdesk.security.register_entries import (
    add_entry,
    close_entry,
    holdings,
    list_entries,
    register_alerts,
    report_password,
)
from helpdesk.services.workspace import Workspace, resolve_actor
from tests.cli_support import CliRun, cli_runner, write_config
from tests.conftest import local
from tests.expect import refused


@pytest.fixture
def boss(ws: Workspace, clock: FrozenClock) -> Actor:
    clock.set(local(2026, 11, 2, 10, 0))
    manager = resolve_actor(ws)
    add_staff(ws, manager, "wangjg", "王建国", "engineer")
    return manager


def test_a_borrowing_needs_its_approval_and_is_overdue_after_its_day(
        ws: Workspace, clock: FrozenClock, boss: Actor) -> None:
    with refused(UsageError, "registers.required"):
        add_entry(ws, boss, "borrow", {"title": "2025年信访档案", "holder": "wangjg",
                                       "start_on": date(2026, 11, 2), "due_on": date(2026, 11, 9)})
    with refused(UsageError, "registers.due_before_start"):
        add_entry(ws, boss, "borrow", {"title": "档案", "holder": "wangjg", "approved_by": "张主任",
                                       "start_on": date(2026, 11, 2), "due_on": date(2026, 11, 1)})
    with refused(UsageError, "registers.field_unknown"):
        add_entry(ws, boss, "borrow", {"title": "档案", "password_set": True})
    entry = add_entry(ws, boss, "borrow", {
        "title": "2025年信访档案", "holder": "wangjg", "approved_by": "张主任",
        "start_on": date(2026, 11, 2), "due_on": date(2026, 11, 9)})
    assert (entry.number, entry.holder, entry.holder_login) == ("JY2026-0001", "王建国", "wangjg")
    assert add_entry(ws, boss, "borrow", {
        "title": "会议纪要", "holder": "局办公室刘干事", "approved_by": "张主任",
        "start_on": date(2026, 11, 2), "due_on": date(2026, 11, 30)}).holder_login == ""
    assert not register_alerts(ws, boss)
    clock.set(local(2026, 11, 10, 9, 0))
    alerts = register_alerts(ws, boss)
    assert [e.number for e in alerts.overdue_borrowings] == ["JY2026-0001"]
    assert alerts.overdue_borrowings[0].overdue(date(2026, 11, 10))
    with refused(UsageError, "registers.outcome_for"):
        close_entry(ws, boss, "JY2026-0001", closed_on=date(2026, 11, 10), outcome="destroyed",
                    witness="李主任")
    with refused(UsageError, "registers.in_future"):
        close_entry(ws, boss, "jy2026-0001", closed_on=date(2026, 11, 11), outcome="returned")
    closed = close_entry(ws, boss, "jy2026-0001", closed_on=date(2026, 11, 10),
                         outcome="returned")
    assert (closed.status, closed.outcome, closed.closed_on) == ("closed", "returned",
                                                                 date(2026, 11, 10))
    assert not register_alerts(ws, boss)
    with refused(UsageError, "registers.already_closed"):
        close_entry(ws, boss, "JY2026-0001", closed_on=date(2026, 11, 10), outcome="returned")
    assert [e.number for e in list_entries(ws, boss, "borrow", open_only=True)] == [
        "JY2026-0002"]


def test_an_incident_stays_on_the_alerts_until_closed(ws: Workspace, boss: Actor) -> None:
    with refused(UsageError, "registers.reported_before_start"):
        add_entry(ws, boss, "incident", {"title": "台账误发群聊", "start_on": date(2026, 11, 2),
                                         "reported_to": "张主任",
                                         "reported_on": date(2026, 11, 1)})
    leak = add_entry(ws, boss, "incident", {
        "title": "台账误发群聊", "start_on": date(2026, 11, 1), "reported_to": "张主任",
        "reported_on": date(2026, 11, 1), "detail": "已撤回并通知群成员删除"})
    assert leak.number == "SM2026-0001"
    assert [e.number for e in register_alerts(ws, boss).open_incidents] == ["SM2026-0001"]
    close_entry(ws, boss, leak.number, closed_on=date(2026, 11, 2), outcome="closed",
                note="已整改")
    assert not register_alerts(ws, boss).open_incidents


def test_a_file_password_must_be_reported_never_stored(ws: Workspace, boss: Actor) -> None:
    usb = add_entry(ws, boss, "media", {"title": "信访件台账U盘", "medium": "U盘",
                                        "location": "机房保密柜", "password_set": True})
    assert [e.number for e in register_alerts(ws, boss).unreported_passwords] == [usb.number]
    with refused(UsageError, "registers.required"):
        report_password(ws, boss, usb.number, reported_to=" ", reported_on=date(2026, 11, 2))
    reported = report_password(ws, boss, usb.number, reported_to="张主任",
                               reported_on=date(2026, 11, 2))
    assert not reported.password_unreported and not register_alerts(ws, boss)


def test_nobody_leaves_holding_registered_items(ws: Workspace, boss: Actor) -> None:
    usb = add_entry(ws, boss, "media", {"title": "U盘", "location": "机房保密柜",
                                        "holder": "wangjg"})
    borrowed = add_entry(ws, boss, "borrow", {
        "title": "档案", "holder": "wangjg", "approved_by": "张主任",
        "start_on": date(2026, 11, 2), "due_on": date(2026, 11, 9)})
    copy = add_entry(ws, boss, "copy", {"title": "统计表", "approved_by": "张主任",
                                        "approved_on": date(2026, 11, 2), "holder": "wangjg"})
    # copies and recordings are records, never closed: they too pass on (issue 32)
    assert [e.number for e in holdings(ws, boss, "wangjg")] == [
        usb.number, borrowed.number, copy.number]
    with pytest.raises(UsageError) as refusal:
        set_active(ws, boss, "wangjg", False, "离职")
    assert refusal.value.code == "staff.holds_items"
    # Every command the refusal names exists and parses (issue 32: it named one that did not).
    from helpdesk.cli.main import build_parser

    command = str(refusal.value.params["command"])
    assert command in str(refusal.value)
    words = command.replace("LOGIN", boss.login).replace("YYYY-MM-DD", "2026-11-02").split()
    assert build_parser().parse_args(words[1:]).handler is not None, command
    with refused(UsageError, "registers.handed_to_needed"):
        close_entry(ws, boss, usb.number, closed_on=date(2026, 11, 2), outcome="handed_over")
    with refused(UsageError, "registers.witness_needed"):
        close_entry(ws, boss, usb.number, closed_on=date(2026, 11, 2), outcome="destroyed")
    close_entry(ws, boss, usb.number, closed_on=date(2026, 11, 2), outcome="destroyed",
                witness="李主任")
    close_entry(ws, boss, borrowed.number, closed_on=date(2026, 11, 2), outcome="returned")
    assert [e.number for e in holdings(ws, boss, "wangjg")] == [copy.number]
    with refused(UsageError, "staff.holds_items"):
        set_active(ws, boss, "wangjg", False, "离职")
    done = hand_over_all(ws, boss, "wangjg", boss.login, date(2026, 11, 2))
    assert [(e.number, e.holder_login) for e in done.items] == [(copy.number, boss.login)]
    assert holdings(ws, boss, "wangjg") == []
    assert not set_active(ws, boss, "wangjg", False, "离职").active


def test_offboarding_hands_everything_to_the_lead_or_a_named_successor(
        ws: Workspace, boss: Actor) -> None:
    """Files and media, borrowings, meeting records, copies and recordings: all of them, in
    one step only a manager takes, to an active person other than the leaver."""
    add_staff(ws, boss, "lixy", "李晓燕", "engineer")
    made = [add_entry(ws, boss, kind, values) for kind, values in (
        ("media", {"title": "U盘", "location": "柜", "holder": "wangjg"}),
        ("borrow", {"title": "档案", "holder": "wangjg", "approved_by": "张主任",
                    "start_on": date(2026, 11, 2), "due_on": date(2026, 11, 9)}),
        ("meeting", {"title": "例会记录", "start_on": date(2026, 11, 2), "location": "会议室",
                     "holder": "wangjg"}),
        ("copy", {"title": "统计表", "approved_by": "张主任", "approved_on": date(2026, 11, 2),
                  "holder": "wangjg"}),
        ("recording", {"title": "培训录像", "holder": "wangjg", "approved_by": "张主任",
                       "start_on": date(2026, 11, 2)}))]
    engineer = Actor("lixy", "李晓燕", "engineer")
    with refused(NotAuthorized, "roles.denied"):  # an engineer cannot pass items on
        hand_over_all(ws, engineer, "wangjg", "lixy", date(2026, 11, 2))
    with refused(UsageError, "registers.handover_to_self"):
        hand_over_all(ws, boss, "wangjg", "wangjg", date(2026, 11, 2))
    with refused(UsageError, "registers.in_future"):
        hand_over_all(ws, boss, "wangjg", "lixy", date(2026, 11, 3))
    with refused(NotFound, "common.staff_not_found"):
        hand_over_all(ws, boss, "wangjg", "nobody", date(2026, 11, 2))
    set_active(ws, boss, "lixy", False, "调岗")
    with refused(UsageError, "registers.handover_to_inactive"):
        hand_over_all(ws, boss, "wangjg", "lixy", date(2026, 11, 2))
    set_active(ws, boss, "lixy", True, "回岗")
    done = hand_over_all(ws, boss, "wangjg", "lixy", date(2026, 11, 2), note="经理指定接替人")
    assert sorted(e.number for e in done.items) == sorted(e.number for e in made)
    assert {(e.holder, e.holder_login) for e in done.items} == {("李晓燕", "lixy")}
    assert [e.number for e in holdings(ws, boss, "lixy")] == [e.number for e in made]
    with refused(UsageError, "registers.nothing_held"):
        hand_over_all(ws, boss, "wangjg", "lixy", date(2026, 11, 2))
    assert not set_active(ws, boss, "wangjg", False, "离职").active


def test_exports_are_entered_and_linked_to_their_approval(ws: Workspace, boss: Actor,
                                                          tmp_path: Path) -> None:
    approval = add_entry(ws, boss, "copy", {"title": "10月报表", "approved_by": "张主任",
                                            "approved_on": date(2026, 11, 2)})
    with refused(NotFound, "registers.not_found"):
        write_report(ws, boss, "monthly", "2026-10", "md", tmp_path / "none.md",
                     approval="FZ2026-0099")
    assert not (tmp_path / "none.md").exists()  # refused before anything was written
    _figures, written = write_report(ws, boss, "monthly", "2026-10", "md",
                                     tmp_path / "月报.md", approval=approval.number)
    [entry] = list_entries(ws, boss, "media")
    assert entry.file_path == str((tmp_path / "月报.md").resolve())
    assert (entry.sha256, entry.encrypted, entry.ref) == (written.sha256, False,
                                                          approval.number)
    assert entry.medium == "export" and entry.holder_login == boss.login  # who exported it
    # named for people, not by internal codes (issue 36: "报告 annual:2026", carrier "export")
    from helpdesk.security.registers import medium_label

    assert entry.title == "月报 2026-10" and medium_label(entry.medium) == "本系统导出文件"
    usb = add_entry(ws, boss, "media", {"title": "U盘", "location": "柜"})
    with refused(UsageError, "registers.not_an_approval"):
        write_report(ws, boss, "monthly", "2026-10", "md", tmp_path / "x.md",
                     approval=usb.number)


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> CliRun:
    run = cli_runner(write_config(tmp_path), str(tmp_path / "helpdesk.db"), monkeypatch, capsys,
                     "2026-11-02T10:00:00+08:00")
    assert run("staff", "add", "wangjg", "--name", "王建国", "--role", "engineer")[0] == 0
    return run


def test_registers_from_the_cli(cli: CliRun) -> None:
    code, out = cli("security", "borrow", "add", "--title", "2025年信访档案", "--holder",
                    "wangjg", "--approved-by", "张主任", "--date", "2026-11-02", "--due",
                    "2026-11-09", "--json")
    assert code == 0 and json.loads(out)["number"] == "JY2026-0001"
    code, out = cli("security", "borrow", "add", "--title", "档案", "--holder", "wangjg",
                    "--date", "2026-11-02", "--due", "2026-11-09", "--json")
    assert code == 2 and "--approved-by" in out  # argparse: --approved-by is required
    code, out = cli("security", "media", "add", "--title", "U盘", "--location", "保密柜",
                    "--holder", "wangjg", "--password-set", "--json")
    assert code == 0 and json.loads(out)["password_set"] is True
    code, out = cli("security", "offboard", "wangjg", "--json")
    assert code == 1 and [i["number"] for i in json.loads(out)["items"]] == [
        "JY2026-0001", "MD2026-0001"]
    code, out = cli("staff", "deactivate", "wangjg", "--reason", "离职")
    assert code == 2 and "JY2026-0001" in out
    assert cli("security", "borrow", "close", "JY2026-0001", "--outcome", "returned",
               "--date", "2026-11-02")[0] == 0
    code, out = cli("security", "offboard", "wangjg", "--to", "tester", "--date", "2026-11-02")
    assert code == 0 and "wangjg 的 1 项登记物品已移交" in out and "MD2026-0001" in out
    code, out = cli("security", "offboard", "wangjg", "--json")
    assert code == 0 and json.loads(out)["clear"] is True
    listed = json.loads(cli("security", "media", "list", "--json")[1])
    assert listed[0]["holder_login"] == "tester" and listed[0]["status"] == "open"
    assert cli("staff", "deactivate", "wangjg", "--reason", "离职")[0] == 0


def test_every_kind_of_export_is_entered(ws: Workspace, boss: Actor, tmp_path: Path) -> None:
    from helpdesk.questions.kb_exchange import export_markdown
    from helpdesk.roster.actions import month_range, roster_view
    from helpdesk.roster.export import roster_ics

    export_markdown(ws, boss, tmp_path / "kb.md")
    view = roster_view(ws, boss, *month_range("2026-11"))
    roster_ics(ws, boss, view, tmp_path / "roster.ics")
    entered = {entry.file_path for entry in list_entries(ws, boss, "media")
               if entry.medium == "export"}
    assert entered == {str((tmp_path / "kb.md").resolve()),
                       str((tmp_path / "roster.ics").resolve())}


def test_a_file_kept_without_a_password_is_flagged(ws: Workspace, boss: Actor) -> None:
    """Item 8: files and media holding internal information carry a password (issue 32: one
    registered without was never flagged)."""
    bare = add_entry(ws, boss, "media", {"title": "值班记录U盘", "medium": "U盘",
                                         "location": "机房保密柜", "password_set": False})
    unknown = add_entry(ws, boss, "media", {"title": "光盘", "location": "机房保密柜"})
    alerts = register_alerts(ws, boss)
    assert [e.number for e in alerts.no_password] == [bare.number, unknown.number]
    assert alerts  # Today shows it
    report_password(ws, boss, bare.number, reported_to="张主任", reported_on=date(2026, 11, 2))
    close_entry(ws, boss, unknown.number, closed_on=date(2026, 11, 2), outcome="destroyed",
                witness="李主任")
    assert not register_alerts(ws, boss)
