"""Who may do what: the creator becomes manager, unknown accounts are refused with a way in."""

from __future__ import annotations

import pytest

from helpdesk.errors import NotAuthorized, UnknownOperator, UsageError
from helpdesk.identity import os_login
from helpdesk.services.audit_log import list_audit
from helpdesk.services.staff import add_staff, list_staff, update_staff
from helpdesk.services.units import add_unit
from helpdesk.services.workspace import Workspace, resolve_actor


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
    with pytest.raises(UsageError, match="role"):
        add_staff(ws, manager, "a", "甲", "boss")
    with pytest.raises(UsageError, match="login"):
        add_staff(ws, manager, "Bad Login", "乙", "engineer")
    with pytest.raises(UsageError, match="already"):
        add_staff(ws, manager, "tester", "丙", "engineer")


def test_deactivated_staff_cannot_act(ws: Workspace) -> None:
    manager = resolve_actor(ws)
    member = add_staff(ws, manager, "lixy", "李晓燕", "engineer")
    update_staff(ws, manager, member.id, member.version, active=False)
    with pytest.raises(UnknownOperator):
        resolve_actor(ws, "lixy")


def test_sudo_user_is_the_operator(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUDO_USER", "lixy")
    assert os_login() == "lixy"
    monkeypatch.setenv("SUDO_USER", "root")
    assert os_login() != "lixy"
