"""The HMAC-chained audit log: intact chains verify; an edit, a deletion or a missing key is
reported at the first broken record."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

import pytest

from helpdesk import audit
from helpdesk.app.audit_feed import list_audit
from helpdesk.audit_summary import describe
from helpdesk.errors import HelpdeskError
from helpdesk.services.audit_log import verify_chain
from helpdesk.services.units import add_unit, update_unit
from helpdesk.services.workspace import Workspace, resolve_actor
from tests.conftest import cli


def _populate(ws: Workspace) -> None:
    manager = resolve_actor(ws)
    unit = add_unit(ws, manager, "S01", "福田街道", "street", "林主任")
    add_unit(ws, manager, "S02", "南园街道", "street")
    update_unit(ws, manager, unit.id, unit.version, name="福田街道", kind="street",
                contact="王主任")


def test_every_change_is_audited_in_order(ws: Workspace) -> None:
    _populate(ws)
    records = list_audit(ws, resolve_actor(ws))
    assert [r.action for r in records] == ["unit.update", "unit.add", "unit.add",
                                           "staff.bootstrap"]
    assert records[0].actor == "tester" and records[0].os_user == "tester"
    assert describe(records[0].summary) == "联系人 林主任→王主任"
    assert verify_chain(ws).ok and verify_chain(ws).checked == 4


def test_records_are_named_by_what_a_user_calls_them(ws: Workspace) -> None:
    """The log keeps internal ids; the screens show the unit's name, the case's number."""
    from helpdesk.audit_summary import record_label

    _populate(ws)
    records = list_audit(ws, resolve_actor(ws))
    unit = next(r for r in records if r.action == "unit.update")
    assert unit.reference and not unit.reference.isdigit()
    assert record_label(unit.entity, unit.entity_id, unit.reference) == f"单位 {unit.reference}"
    assert record_label("unit", "7") == "单位 #7"  # a record since deleted


def test_a_yes_or_no_is_shown_in_words() -> None:
    """An export's `encrypted` flag reads 加密=否, never Python's False."""
    from helpdesk.i18n import set_locale

    summary = '{"after": {"encrypted": false, "file": "/tmp/a.xlsx"}}'
    assert describe(summary) == "加密=否 文件=/tmp/a.xlsx"
    set_locale("en")
    assert "False" not in describe(summary) and "=no" in describe(summary)


def test_failed_change_leaves_no_audit_record(ws: Workspace) -> None:
    manager = resolve_actor(ws)
    add_unit(ws, manager, "S01", "福田街道", "street")
    with pytest.raises(HelpdeskError):
        add_unit(ws, manager, "S09", "福田街道", "street")  # duplicate name
    assert len(list_audit(ws, manager)) == 2


def _tamper(path: Path, statement: str) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("DROP TRIGGER audit_log_no_update")
    connection.execute("DROP TRIGGER audit_log_no_delete")
    connection.execute(statement)
    connection.close()


def test_edited_record_breaks_the_chain_there(sqlite_ws: Workspace) -> None:
    _populate(sqlite_ws)
    assert sqlite_ws.db.path is not None
    _tamper(sqlite_ws.db.path, "UPDATE audit_log SET actor = 'mallory' WHERE seq = 3")
    report = verify_chain(sqlite_ws)
    assert not report.ok and report.broken_at == 3 and report.checked == 2
    assert "校验码不符" in report.reason


def test_deleted_record_is_reported_missing(sqlite_ws: Workspace) -> None:
    _populate(sqlite_ws)
    assert sqlite_ws.db.path is not None
    _tamper(sqlite_ws.db.path, "DELETE FROM audit_log WHERE seq = 2")
    report = verify_chain(sqlite_ws)
    assert not report.ok and report.broken_at == 2 and "不见了" in report.reason


def test_missing_key_is_an_error_not_a_new_chain(sqlite_ws: Workspace) -> None:
    _populate(sqlite_ws)
    sqlite_ws.db.key_path.unlink()
    with pytest.raises(audit.AuditKeyMissing):
        verify_chain(sqlite_ws)
    with pytest.raises(audit.AuditKeyMissing):
        audit.load_key(sqlite_ws.db.key_path, create=False)


def test_cli_audit_verify_exit_codes(sqlite_ws: Workspace, tmp_path: Path) -> None:
    _populate(sqlite_ws)
    assert sqlite_ws.db.path is not None
    config = tmp_path / "c.toml"
    config.write_text(f'[security]\naudit_key_file = "{sqlite_ws.db.key_path}"\n'
                      '[database]\ndaily_backup = false\n', encoding="utf-8")
    command = [*cli("tester"), "--db", str(sqlite_ws.db.path), "--config",
               str(config), "audit", "verify"]
    env = {"PATH": "/usr/bin:/bin"}
    ok = subprocess.run(command, capture_output=True, text=True, timeout=60, env=env)
    assert ok.returncode == 0 and "4 条记录" in ok.stdout
    _tamper(sqlite_ws.db.path, "UPDATE audit_log SET summary = '{}' WHERE seq = 4")
    broken = subprocess.run(command, capture_output=True, text=True, timeout=60, env=env)
    assert broken.returncode == 1 and "第 4 条" in broken.stderr


@pytest.mark.parametrize(("content", "message"), [
    ("", "太短"), ("not-a-hex-key\n", "不是十六进制"), ("00ff\n", "太短")])
def test_a_broken_key_file_is_refused_before_anything_is_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        content: str, message: str) -> None:
    from tests.cli_support import cli_runner, write_config

    config = write_config(tmp_path)
    run = cli_runner(config, str(tmp_path / "h.db"), monkeypatch, capsys,
                     "2026-11-24T10:00:00+08:00")
    assert run("staff", "list")[0] == 0  # creates the database and its key
    (tmp_path / "audit.key").write_text(content, encoding="ascii")
    code, out = run("staff", "add", "lixy", "--name", "李晓燕", "--role", "engineer")
    assert code == 2 and message in out and "Traceback" not in out
    code, out = run("staff", "list")  # reading needs no key: nothing was written
    assert code == 0 and "lixy" not in out


def test_rows_cut_off_the_end_are_noticed(sqlite_ws: Workspace) -> None:
    """Dropping the triggers and deleting the last rows, or all of them, no longer passes:
    the anchor beside the key remembers where the chain had got to; doctor names the
    missing triggers."""
    from helpdesk.doctor import run_checks
    from helpdesk.services.workspace import resolve_actor

    ws = sqlite_ws
    actor = resolve_actor(ws)
    for code in ("S01", "S02", "S03"):
        add_unit(ws, actor, code, f"街道{code}", "street")
    assert verify_chain(ws).ok
    assert audit.anchor_path(ws.db.key_path).is_file()
    assert ws.db.path is not None
    connection = sqlite3.connect(ws.db.path)
    connection.execute("DROP TRIGGER audit_log_no_delete")
    connection.execute("DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)")
    connection.commit()
    report = verify_chain(ws)
    assert not report.ok and "不见了" in report.reason
    findings = {f.message for f in run_checks(ws) if f.level == "error"}
    assert any("audit_log_no_delete" in message for message in findings)
    connection.execute("DELETE FROM audit_log")
    connection.commit()
    connection.close()
    report = verify_chain(ws)
    assert not report.ok and report.checked == 0


def test_instants_in_a_summary_are_shown_in_local_time() -> None:
    from zoneinfo import ZoneInfo

    summary = '{"after": {"clock": "response", "due_at": "2026-12-02T03:31:00+00:00"}}'
    shown = describe(summary, ZoneInfo("Asia/Shanghai"))
    assert "2026-12-02 11:31" in shown and "+00:00" not in shown
    assert "2026-12-02T03:31:00+00:00" in describe(summary)  # no zone: as stored (CLI JSON)


@pytest.mark.parametrize(("entity", "kind", "zh", "en"), [
    ("unit", "department", "部门", "Department"),
    ("training_session", "business", "业务培训", "Business training"),
    ("register_entry", "media", "文件、介质", "files and media"),
    ("petition_case", "phone", "电话", "Phone"),
])
def test_a_records_kind_is_named_in_the_users_language(entity: str, kind: str, zh: str,
                                                        en: str) -> None:
    """A unit added shows 部门 in the Chinese console, not the stored code `department`."""
    from helpdesk.i18n import set_locale

    field = "method" if entity == "petition_case" else "kind"
    summary = json.dumps({"after": {"name": "区财政局", field: kind}})
    assert describe(summary, entity=entity).endswith(f"={zh}")
    changed = json.dumps({"before": {field: kind}, "after": {field: kind}})
    assert describe(changed, entity=entity).endswith(f" {zh}→{zh}")
    set_locale("en")
    assert describe(summary, entity=entity).endswith(f"={en}")
