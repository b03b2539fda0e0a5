"""Who may do what: the creator becomes manager, unknown accounts are refused with a way in."""

from __future__ import annotations

import os
import pwd
from pathlib import Path

import pytest

from helpdesk import identity
from helpdesk.app.audit_feed import list_audit
from helpdesk.app.staff import add_staff, update_staff
from helpdesk.app.staff_views import list_staff
from helpdesk.config import Config
from helpdesk.errors import NotAuthorized, UnknownOperator, UsageError
from helpdesk.identity import os_login
from helpdesk.services.units import add_unit
from helpdesk.services.workspace import Workspace, resolve_actor
from tests.expect import refused


def test_creator_is_registered_as_manager(ws: Workspace) -> None:
    actor = resolve_actor(ws)
    assert (actor.login, actor.role) == ("tester", "manager")


def test_unknown_account_gets_a_clear_refusal(ws: Workspace) -> None:
    with pytest.raises(UnknownOperator) as caught:
        resolve_actor(ws, "stranger")
    assert "helpdesk staff add stranger" in str(caught.value)


def test_manager_adds_staff_and_roles_limit_what_they_do(ws: Workspace) -> None:
    manager = resolve_actor(ws)
    add_staff(ws, manager, "wangjg", "王建国", "engineer")
    add_staff(ws, manager, "zhaomin", "赵敏", "auditor")
    add_staff(ws, manager, "guest", "访客", "viewer")
    engineer, auditor, viewer = (resolve_actor(ws, login)
                                 for login in ("wangjg", "zhaomin", "guest"))
    add_unit(ws, engineer, "S01", "福田街道", "street")
    with pytest.raises(NotAuthorized):
        add_staff(ws, engineer, "x", "某", "engineer")
    with pytest.raises(NotAuthorized):
        add_unit(ws, auditor, "S02", "南园街道", "street")
    assert list_audit(ws, auditor)  # auditors read the audit log
    with pytest.raises(NotAuthorized):
        list_audit(ws, viewer)
    assert [s.login for s in list_staff(ws, viewer)] == ["guest", "tester", "wangjg", "zhaomin"]


def test_staff_input_is_validated(ws: Workspace) -> None:
    manager = resolve_actor(ws)
    with refused(UsageError, "staff.role"):
        add_staff(ws, manager, "a", "甲", "boss")
    with refused(UsageError, "staff.bad_login"):
        add_staff(ws, manager, "Bad Login", "乙", "engineer")
    with refused(UsageError, "staff.duplicate"):
        add_staff(ws, manager, "tester", "丙", "engineer")


def test_deactivated_staff_cannot_act(ws: Workspace) -> None:
    manager = resolve_actor(ws)
    member = add_staff(ws, manager, "lixy", "李晓燕", "engineer")
    update_staff(ws, manager, member.id, member.version, active=False)
    with pytest.raises(UnknownOperator):
        resolve_actor(ws, "lixy")


def test_the_environment_cannot_name_the_operator(monkeypatch: pytest.MonkeyPatch) -> None:
    real = pwd.getpwuid(os.getuid()).pw_name
    monkeypatch.setenv("SUDO_USER", "nobody")
    monkeypatch.setenv("SUDO_UID", str(os.getuid()))
    monkeypatch.setenv("LOGNAME", "nobody")
    monkeypatch.setenv("USER", "nobody")
    assert os_login() == real
    identity.refuse_sudo()  # SUDO_UID is our own uid: not started as someone else


def test_a_process_sudo_started_as_another_account_is_refused(
        monkeypatch: pytest.MonkeyPatch, config: Config, tmp_path: Path) -> None:
    """`sudo -u svc helpdesk` would make every engineer that one account: refused at start,
    before the database is opened, naming the account."""
    from helpdesk.app.opening import open_workspace

    monkeypatch.setenv("SUDO_UID", str(os.getuid() + 1))
    with refused(UsageError, "identity.under_sudo"):
        identity.refuse_sudo()
    with refused(UsageError, "identity.under_sudo"):
        open_workspace(config, str(tmp_path / "h.db"))
    assert not (tmp_path / "h.db").exists()


def test_the_service_account_key_is_a_config_error(tmp_path: Path) -> None:
    from helpdesk.config.load import parse_config
    from helpdesk.errors import ConfigError

    with pytest.raises(ConfigError) as caught:
        parse_config('[security]\nservice_account = "helpdesk"\n', "c.toml", tmp_path)
    assert "c.toml:2: security.service_account" in str(caught.value)
    parse_config('[security]\nservice_account = ""\n', "c.toml", tmp_path)  # empty: harmless


def test_a_spoofed_sudo_user_acts_as_the_real_account(tmp_path: Path) -> None:
    """`SUDO_USER=wangjg helpdesk ...` and `LOGNAME=wangjg USER=wangjg helpdesk ...` act as the
    account of the real uid, in the audit log's OS-account column too."""
    import json
    import subprocess
    import sys

    from tests.cli_support import marked_database

    real = pwd.getpwuid(os.getuid()).pw_name
    base = {**os.environ, "HELPDESK_CONFIG": ""}
    for number, spoof in enumerate(({"SUDO_USER": "wangjg"},
                                    {"LOGNAME": "wangjg", "USER": "wangjg"})):
        env = {key: value for key, value in {**base, **spoof}.items()
               if not (key == "SUDO_USER" and "LOGNAME" in spoof)}
        db = tmp_path / f"h{number}.db"
        marked_database(db)
        added = subprocess.run([sys.executable, "-m", "helpdesk", "--db", str(db), "staff", "add",
                                "lixy", "--name", "李晓燕", "--role", "engineer"],
                               capture_output=True, text=True, timeout=120, env=env)
        assert added.returncode == 0, added.stderr
        listed = subprocess.run([sys.executable, "-m", "helpdesk", "--db", str(db), "audit",
                                 "list", "--json"], capture_output=True, text=True, timeout=120,
                                env=env)
        assert listed.returncode == 0, listed.stderr
        records = json.loads(listed.stdout)
        assert {r["os_user"] for r in records} == {real}
        assert {r["actor"] for r in records} >= {real}
        assert "wangjg" not in listed.stdout


def test_deactivate_and_reactivate_from_the_cli(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    from tests.cli_support import cli_runner, write_config

    run = cli_runner(write_config(tmp_path), str(tmp_path / "h.db"), monkeypatch, capsys,
                     "2026-11-24T10:00:00+08:00")
    assert run("staff", "add", "lixy", "--name", "李晓燕", "--role", "engineer")[0] == 0
    code, out = run("staff", "deactivate", "lixy", "--reason", "调离项目", user="lixy")
    assert code == 4  # only a manager
    code, out = run("staff", "deactivate", "tester", "--reason", "x")
    assert code == 2 and "不能停用自己" in out
    assert run("staff", "deactivate", "lixy", "--reason", "调离项目")[0] == 0
    code, out = run("staff", "list", user="lixy")
    assert code == 4  # a deactivated person can do nothing
    code, out = run("audit", "list", "--json")
    assert "staff.deactivate" in out and "调离项目" in out
    assert run("staff", "reactivate", "lixy", "--reason", "返回项目")[0] == 0
    assert run("staff", "list", user="lixy")[0] == 0
